using System.Diagnostics;
using System.Globalization;
using System.Text;
using Evident.Tests.Shared;

namespace Evident.Fuzz.Tests;

/// <summary>
/// The short, seeded fuzz run CI makes: for each command of <see cref="FuzzTargets"/>, damaged copies of its seeds
/// (every <see cref="MutationClass"/>, inputs up to 100 KB) run through the real command in-process; none may end in a
/// stack trace, run past the time limit, print invalid JSON under <c>--format json</c>, print a message without its file
/// and line, or exit with a code the command does not document. The long run is the same test with more cases and
/// larger inputs (<c>tools/fuzz/fuzz.sh</c>, README "Fuzzing").
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    public static TheoryData<string> Targets => [.. FuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void DamagedInputs_NeverCrash_Hang_OrPrintUnlocatedMessages(string target)
    {
        var settings = FuzzSettings.FromEnvironment();
        var watch = Stopwatch.StartNew();
        var cases = FuzzEngine.Run(FuzzTargets.All.Single(t => t.Name == target), settings);

        var report = new StringBuilder();
        report.Append(CultureInfo.InvariantCulture, $"{target}: {cases.Count} cases (seed {settings.Seed}, long inputs {settings.Big} chars) in {watch.Elapsed.TotalSeconds:0.0} s, "
            + $"{cases.Sum(c => c.Run.Elapsed.TotalSeconds):0.0} s of them in the command\n");
        var seeds = FuzzTargets.All.Single(t => t.Name == target).Seeds;
        report.Append(CultureInfo.InvariantCulture, $"  seeds: {string.Join(", ", seeds.Select(s => Path.GetFileName(s)))}"
            + $"{(Directory.Exists(SharedFiles.Folder) ? "" : $" ({SharedFiles.Folder} not found: its seeds are left out)")}\n");
        foreach (var group in cases.GroupBy(c => c.Kind).OrderBy(g => g.Key))
        {
            report.Append(CultureInfo.InvariantCulture,
                $"  {group.Key,-18} {group.Count(),4} cases, exits {string.Join("/", group.Select(c => c.Run.ExitCode).Distinct().Order())}, slowest {group.Max(c => c.Run.Elapsed.TotalSeconds):0.00} s\n");
        }

        var slowest = cases.MaxBy(c => c.Run.Elapsed)!;
        report.Append(CultureInfo.InvariantCulture, $"  slowest: case {slowest.Index} ({Path.GetFileName(slowest.Seed)}: {slowest.Mutation}), {slowest.Run.Elapsed.TotalSeconds:0.00} s\n");
        output.WriteLine(report.ToString());
        var failed = cases.Where(c => c.Problems.Count > 0).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} of {cases.Count} cases failed:\n" + string.Join("\n", failed.Take(20)));
        Assert.Equal(settings.Cases, cases.Count);
    }

    [Fact]
    public void EveryMutationClass_ChangesTheInput()
    {
        var seed = File.ReadAllBytes(Repo.Path("examples/rmt-ms/rmt-ms.json"));
        foreach (var kind in Enum.GetValues<MutationClass>())
        {
            var changed = Enumerable.Range(0, 20).Any(i => !Mutations.Apply(seed, kind, new Random(i), 1000).Bytes.AsSpan().SequenceEqual(seed));
            Assert.True(changed, $"{kind} never changes the input");
        }
    }

    [Fact]
    public void CaseSeed_IsTheSameInEveryProcess()
    {
        Assert.Equal(FuzzEngine.CaseSeed(1, "check", 0), FuzzEngine.CaseSeed(1, "check", 0));
        Assert.Equal(1_680_946_500, FuzzEngine.CaseSeed(1, "check", 0));
        Assert.NotEqual(FuzzEngine.CaseSeed(1, "check", 0), FuzzEngine.CaseSeed(1, "check", 1));
    }

    /// <summary>The judge itself: a stack trace, an unlocated message and invalid JSON are each caught.</summary>
    [Fact]
    public void Problems_AreRecognised()
    {
        var target = FuzzTargets.All.Single(t => t.Name == "check");
        string[] files = ["/tmp/a.md"];
        var limit = TimeSpan.FromSeconds(1);
        Assert.Empty(FuzzEngine.Problems(target, new FuzzRun(1, "{}", "/tmp/a.md:3:4: bad [x]\n/tmp/a.md: gone [file-not-found]\n", TimeSpan.Zero, false), limit, files));
        Assert.Contains(FuzzEngine.Problems(target, new FuzzRun(1, "", "Unhandled exception. System.FormatException: x\n   at A.B()\n", TimeSpan.Zero, false), limit, files),
            p => p.StartsWith("stack trace", StringComparison.Ordinal));
        Assert.Single(FuzzEngine.Problems(target, new FuzzRun(1, "", "something went wrong\n", TimeSpan.Zero, false), limit, files));
        Assert.Single(FuzzEngine.Problems(target, new FuzzRun(0, "{\"a\": ", "", TimeSpan.Zero, false), limit, files));
        Assert.Single(FuzzEngine.Problems(target, new FuzzRun(7, "", "", TimeSpan.Zero, false), limit, files));
        Assert.Single(FuzzEngine.Problems(target, new FuzzRun(-1, "", "", limit, true), limit, files));
        Assert.Contains(FuzzEngine.Problems(target, new FuzzRun(70, "", "evident check: internal error (X: y) [internal-error]\n", TimeSpan.Zero, false), limit, files),
            p => p.StartsWith("exit 70", StringComparison.Ordinal));
        Assert.Single(FuzzEngine.Problems(target, new FuzzRun(1, "", "/tmp/a.md:3: \u001b[2J [x]\n", TimeSpan.Zero, false), limit, files));
        Assert.Single(FuzzEngine.Problems(target, new FuzzRun(1, "", "/tmp/a.md:3: \u202Eevil [x]\n", TimeSpan.Zero, false), limit, files));
        Assert.Single(FuzzEngine.Problems(target, new FuzzRun(1, "", "/tmp/a.md: an analysis-level issue [too-few-studies]\n", TimeSpan.Zero, false), limit, files));
    }

    /// <summary>The judgements of the table commands: stdout by format, files left behind, wrong-kind tables, "wrote".</summary>
    [Fact]
    public void TableJudgements_AreRecognised()
    {
        var limit = TimeSpan.FromSeconds(1);
        var dir = Directory.CreateTempSubdirectory("evident-fuzz-judge-").FullName;
        try
        {
            string[] files = [Path.Combine(dir, "bcg.csv")];
            var bcg = Repo.Path("examples/bcg/bcg.csv");
            var input = new FuzzInput(bcg, File.ReadAllBytes(bcg), dir);
            FuzzTarget Target(string name) => FuzzTargets.All.Single(t => t.Name == name);
            List<string> Judge(string name, int exit, string output, string error) => FuzzEngine.Problems(Target(name), new FuzzRun(exit, output, error, TimeSpan.Zero, false), limit, files, input);

            Assert.Empty(Judge("analyze", 0, "│ A │\n", files[0] + ": outcome \"x\": too few [too-few-studies]\n"));
            Assert.Single(Judge("analyze", 0, "\u001b]0;pwned\u0007\n", ""));
            Assert.Single(Judge("analyze-md", 0, "| a\u0085 |\n", ""));
            Assert.Empty(Judge("analyze-csv", 0, "outcome,estimate\n'=1+1,-0.5\n\"'@x\",1e-3\n", ""));
            Assert.Single(Judge("analyze-csv", 0, "outcome,estimate\n\"=HYPERLINK(\"\"x\"\")\",1\n", ""));
            Assert.Single(Judge("analyze-csv", 0, "outcome,estimate\n-2+3,1\n", ""));
            Assert.Empty(Judge("plot-forest", 0, "", "wrote " + Path.Combine(dir, "forest.svg") + " (outcome \"x\")\n"));
            Assert.Single(Judge("analyze", 0, "", "wrote " + Path.Combine(dir, "forest.svg") + "\n"));

            // The wrong kind: bcg drawn by plot rob with exit 0; not when it is refused, nor when a cell became a judgement.
            Assert.Single(Judge("plot-rob", 0, "", ""));
            Assert.Empty(Judge("plot-rob", 1, "", ""));
            var judged = input with { Bytes = System.Text.Encoding.UTF8.GetBytes("study,year\nA,Low\n") };
            Assert.Empty(FuzzEngine.Problems(Target("plot-rob"), new FuzzRun(0, "", "", TimeSpan.Zero, false), limit, files, judged));
            Assert.Single(Judge("plot-prisma", 0, "", ""));

            File.WriteAllText(Path.Combine(dir, ".forest.svg.1f3a.tmp"), "");
            Assert.Single(Judge("plot-forest", 0, "", ""));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void CsvCells_AreReadAsRfc4180()
        => Assert.Equal(["a", "b,c", "d\"e", "f\ng", "", "h"], FuzzEngine.Cells("a,\"b,c\"\r\n\"d\"\"e\",\"f\ng\",\nh"));
}
