namespace Evident.Fuzz.Tests;

/// <summary>
/// The commands the fuzzer drives, each with its seeds (the bundled example and the example summaries the tests
/// use) and its command line. Another command is added with one more <see cref="FuzzTarget"/> here: its seeds, its
/// arguments for the mutated file, whether it prints JSON, and its documented exit codes.
/// </summary>
internal static class FuzzTargets
{
    /// <summary>The exit codes of <c>check</c> and <c>summarize</c> (0 ok, 1 errors found or nothing summarized, 2 usage, 3 unreadable).</summary>
    private static readonly HashSet<int> Documented = [0, 1, 2, 3];

    private const string Golden = "tests/Evident.Evidence.Tests/Summaries/golden/";

    private static string Seed => Repo.Path("examples/rmt-ms/rmt-ms.json");

    private static string NormandAnalysis => Repo.Path("tests/Evident.Evidence.Tests/Summaries/normand1999.analysis.json");

    private static string NormandAbout => Repo.Path("examples/normand1999/normand1999.about.json");

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        // check: the summary damaged, the evidence intact (JSON and text output; Markdown, HTML and plain text).
        new("check", [Golden + "rmt-ms.md", Golden + "rmt-ms.html", Golden + "rmt-ms-cochrane.md"],
            f => ["check", f, "--against", Seed, "--format", "json"], JsonOutput: true, Documented),
        new("check-text", [Golden + "rmt-ms.md", Golden + "normand1999.md"],
            f => ["check", f, "--against", Seed], JsonOutput: false, Documented, Extension: ".txt"),
        new("check-analysis", [Golden + "normand1999.md", Golden + "normand1999.html"],
            f => ["check", f, "--against", NormandAnalysis, "--facts", NormandAbout, "--format", "json"], JsonOutput: true, Documented),

        // check: the evidence or the facts damaged, the summary intact.
        new("check-source", ["examples/rmt-ms/rmt-ms.json"],
            f => ["check", Repo.Path(Golden + "rmt-ms.md"), "--against", f, "--format", "json"], JsonOutput: true, Documented),
        new("check-facts", ["examples/normand1999/normand1999.about.json"],
            f => ["check", Repo.Path(Golden + "normand1999.md"), "--against", NormandAnalysis, "--facts", f, "--format", "json"], JsonOutput: true, Documented),

        // check --abstract on a damaged text.
        new("check-abstract", [Golden + "rmt-ms.md", Golden + "normand1999.html"],
            f => ["check", "--abstract", f, "--format", "json"], JsonOutput: true, Documented),

        // summarize: published results and an analysis damaged, and the --about facts damaged.
        new("summarize", ["examples/rmt-ms/rmt-ms.json", "tests/Evident.Evidence.Tests/Summaries/normand1999.analysis.json"],
            f => ["summarize", f], JsonOutput: false, Documented),
        new("summarize-about", ["examples/normand1999/normand1999.about.json"],
            f => ["summarize", NormandAnalysis, "--about", f], JsonOutput: false, Documented),
    ];
}
