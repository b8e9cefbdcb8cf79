using Evident.Tests.Shared;

namespace Evident.Fuzz.Tests;

/// <summary>
/// The commands the fuzzer drives, each with its seeds (the bundled examples, the example summaries the tests use,
/// and, when <c>../shared</c> is present, robvis's risk-of-bias tables and PRISMA2020's template) and its command
/// line. Another command is added with one more <see cref="FuzzTarget"/> here: its seeds, its arguments for the
/// mutated file, what it prints on stdout, and its documented exit codes.
/// </summary>
internal static class FuzzTargets
{
    /// <summary>The exit codes of <c>check</c> and <c>summarize</c> (0 ok, 1 errors found or nothing summarized, 2 usage, 3 unreadable).</summary>
    private static readonly HashSet<int> Documented = [0, 1, 2, 3];

    private const string Golden = "tests/Evident.Evidence.Tests/Summaries/golden/";

    /// <summary>Analysis-level issues name an outcome, not a row: any code may come without a line in the table commands.</summary>
    private const string AnyCode = "[a-z0-9-]+";

    /// <summary>The studies tables of examples/: two-by-two counts (bcg, nrt, with subgroups) and means (normand1999).</summary>
    private static readonly IReadOnlyList<string> Studies = Repos("examples/bcg/bcg.csv", "examples/normand1999/normand1999.csv", "examples/nrt/nrt.csv");

    /// <summary>robvis's example tables (RoB 2, ROBINS-I, RoB 1, ROBINS-E), when ../shared is present.</summary>
    private static readonly IReadOnlyList<string> RobTables = Shared("mcguinlu__robvis/data_raw/",
        "data_rob2.csv", "data_robins_i.csv", "data_rob1.csv", "data_robins_e.csv");

    /// <summary>PRISMA2020's template (its counts are placeholders), when ../shared is present.</summary>
    private static readonly IReadOnlyList<string> PrismaTables = Shared("prisma-flowdiagram__PRISMA2020/inst/extdata/", "PRISMA.csv");

    /// <summary>The studies tables given by mistake to the commands that draw another kind of table.</summary>
    private static readonly IReadOnlyList<string> WrongKind = Repos("examples/bcg/bcg.csv", "examples/nrt/nrt.csv");

    private static string Seed => Repo.Path("examples/rmt-ms/rmt-ms.json");

    private static string NormandAnalysis => Repo.Path("tests/Evident.Evidence.Tests/Summaries/normand1999.analysis.json");

    private static string NormandAbout => Repo.Path("examples/normand1999/normand1999.about.json");

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        // check: the summary damaged, the evidence intact (JSON and text output; Markdown, HTML and plain text).
        new("check", Repos(Golden + "rmt-ms.md", Golden + "rmt-ms.html", Golden + "rmt-ms-cochrane.md"),
            f => ["check", f, "--against", Seed, "--format", "json"], Stdout.Json, Documented),
        new("check-text", Repos(Golden + "rmt-ms.md", Golden + "normand1999.md"),
            f => ["check", f, "--against", Seed], Stdout.Terminal, Documented, Extension: ".txt"),
        new("check-analysis", Repos(Golden + "normand1999.md", Golden + "normand1999.html"),
            f => ["check", f, "--against", NormandAnalysis, "--facts", NormandAbout, "--format", "json"], Stdout.Json, Documented),

        // check: the evidence or the facts damaged, the summary intact.
        new("check-source", Repos("examples/rmt-ms/rmt-ms.json"),
            f => ["check", Repo.Path(Golden + "rmt-ms.md"), "--against", f, "--format", "json"], Stdout.Json, Documented),
        new("check-facts", Repos("examples/normand1999/normand1999.about.json"),
            f => ["check", Repo.Path(Golden + "normand1999.md"), "--against", NormandAnalysis, "--facts", f, "--format", "json"], Stdout.Json, Documented),

        // check --abstract on a damaged text.
        new("check-abstract", Repos(Golden + "rmt-ms.md", Golden + "normand1999.html"),
            f => ["check", "--abstract", f, "--format", "json"], Stdout.Json, Documented),

        // summarize: published results and an analysis damaged, and the --about facts damaged.
        new("summarize", Repos("examples/rmt-ms/rmt-ms.json", "tests/Evident.Evidence.Tests/Summaries/normand1999.analysis.json"),
            f => ["summarize", f], Stdout.Document, Documented),
        new("summarize-about", Repos("examples/normand1999/normand1999.about.json"),
            f => ["summarize", NormandAnalysis, "--about", f], Stdout.Document, Documented),

        // The table commands: the studies of examples/ damaged (and robvis's and PRISMA's tables, read as studies).
        Table("analyze", [.. Studies, .. RobTables, .. PrismaTables], f => ["analyze", f, .. Measure(f)], Stdout.Terminal),
        Table("analyze-json", Studies, f => ["analyze", f, .. Measure(f), "--format", "json"], Stdout.Json),
        Table("analyze-csv", Studies, f => ["analyze", f, .. Measure(f), "--format", "csv"], Stdout.Csv),
        Table("analyze-md", Studies, f => ["analyze", f, .. Measure(f), "--format", "md"], Stdout.Terminal),
        Table("bias", Studies, f => ["bias", f, .. Measure(f)], Stdout.Terminal),
        Table("sensitivity", Studies, f => ["sensitivity", f, .. Measure(f), "--format", "csv"], Stdout.Csv),
        Table("summarize-studies", Studies, f => ["summarize", f, .. Measure(f)], Stdout.Document),
        Table("plot-forest", Studies, f => ["plot", "forest", f, .. Measure(f), "--out", Out(f, "forest.svg")], Stdout.Terminal) with { Writes = true },
        Table("plot-funnel", Studies, f => ["plot", "funnel", f, .. Measure(f), "--trimfill", "--out", Out(f, "funnel.png"), "--dpi", "72"], Stdout.Terminal) with { Writes = true },
        Table("report", Studies, f => ["report", f, .. Measure(f), "--out", Out(f, "r.html"), "--out", Out(f, "r.md"), "--out", Out(f, "r.json")], Stdout.Terminal)
            with { Writes = true },

        // plot rob and plot prisma: their own tables damaged, and a studies table given by mistake (never drawn with exit 0).
        Table("plot-rob", [.. RobTables, .. WrongKind], f => ["plot", "rob", f, "--out", Out(f, "rob.svg")], Stdout.Terminal)
            with { Writes = true, WrongKind = WrongKind, RightKind = HasJudgement },
        Table("plot-rob-summary", [.. RobTables, .. WrongKind], f => ["plot", "rob", f, "--kind", "summary", "--out", Out(f, "rob.svg")], Stdout.Terminal)
            with { Writes = true, WrongKind = WrongKind, RightKind = HasJudgement },
        Table("plot-prisma", [.. PrismaTables, .. WrongKind], f => ["plot", "prisma", f, "--out", Out(f, "prisma.svg")], Stdout.Terminal)
            with { Writes = true, WrongKind = WrongKind, RightKind = HasPrismaColumns },
        Table("plot-prisma-inconsistent", [.. PrismaTables, .. WrongKind], f => ["plot", "prisma", f, "--allow-inconsistent", "--out", Out(f, "prisma.svg")], Stdout.Terminal)
            with { Writes = true, WrongKind = WrongKind, RightKind = HasPrismaColumns },
    ];

    private static FuzzTarget Table(string name, IReadOnlyList<string> seeds, Func<string, string[]> arguments, Stdout output)
        => new(name, seeds, arguments, output, Documented) { FileLevelCodes = AnyCode };

    /// <summary>The measure of each example (bcg RR, normand1999 SMD, nrt OR); other tables are left to auto.</summary>
    private static string[] Measure(string file) => Path.GetFileNameWithoutExtension(file) switch
    {
        "bcg" => ["--measure", "RR"],
        "normand1999" => ["--measure", "SMD"],
        "nrt" => ["--measure", "OR"],
        _ => [],
    };

    /// <summary>A file in the case folder (the mutated input's folder).</summary>
    private static string Out(string file, string name) => Path.Combine(Path.GetDirectoryName(file)!, name);

    private static IReadOnlyList<string> Repos(params string[] paths) => [.. paths.Select(Repo.Path)];

    /// <summary>Files under ../shared/data that exist; without ../shared, none (the targets run on examples/ alone).</summary>
    private static IReadOnlyList<string> Shared(string folder, params string[] names)
        => [.. names.Select(n => Path.Combine(SharedFiles.Folder, "data", folder + n)).Where(File.Exists)];

    /// <summary>
    /// Whether any cell is a risk-of-bias judgement as the README lists them (then a damaged studies table may be
    /// drawn): Low, Some concerns, High, Serious, Critical, Very high, Unclear, No information, the short forms.
    /// </summary>
    private static bool HasJudgement(string text) => Cells(text).Any(c =>
    {
        var t = c.ToLowerInvariant().Replace(" of bias", "", StringComparison.Ordinal).Replace(" risk", "", StringComparison.Ordinal).Replace('_', ' ');
        return t is "low" or "l" or "+" or "some concerns" or "some concern" or "moderate" or "unclear" or "some" or "-" or "high" or "serious" or "h"
            or "x" or "critical" or "very high" or "!" or "no information" or "ni" or "no info" or "?";
    });

    /// <summary>Whether the header has PRISMA2020's columns data and n.</summary>
    private static bool HasPrismaColumns(string text)
    {
        var header = Cells(text.Split('\n')[0]).Select(c => c.ToLowerInvariant()).ToList();
        return header.Contains("data") && header.Contains("n");
    }

    /// <summary>Every cell of a text read with any of the usual delimiters, trimmed of space and quotes.</summary>
    private static IEnumerable<string> Cells(string text)
        => text.Split(['\n', '\r', ',', ';', '\t', '|']).Select(c => c.Trim().Trim('"').Trim());
}
