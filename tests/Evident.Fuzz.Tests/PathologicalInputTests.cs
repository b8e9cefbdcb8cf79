using System.Globalization;
using System.Text;

namespace Evident.Fuzz.Tests;

/// <summary>
/// The inputs of the fuzzing report that took minutes, at 1 MB (and the 4 MB evidence files): each must give its answer
/// at all within a generous limit on a loaded machine, with no problem the fuzzer flags. Speed itself is measured by
/// <c>benchmarks/check-scaling.sh</c>, which prints how the time grows from 20 KB to 1 MB (linearly).
/// </summary>
[Trait("Category", "Slow")]
public sealed class PathologicalInputTests(ITestOutputHelper output)
{
    private const int Size = 1_000_000;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static string Seed => Repo.Path("examples/rmt-ms/rmt-ms.json");

    /// <summary>A name, the file's extension and its text.</summary>
    public static TheoryData<string> Summaries => ["numbers.txt", "digits.txt", "dots.md", "digit-dots.txt", "brackets.txt", "square-brackets.md",
        "quotes.md", "list.md", "emphasis.md", "divs.html", "bold.html", "links.md", "entities.html", "negations.txt", "mentions.txt",
        "clauses.txt", "sentences.txt", "unicode-digits.txt"];

    private static string Summary(string name) => Path.GetFileNameWithoutExtension(name) switch
    {
        "numbers" => Repeat("0.42 ", Size),
        "digits" => Repeat("1", Size),
        "dots" => Repeat(".", Size),
        "digit-dots" => Repeat("1.", Size),
        "brackets" => Repeat("(", Size / 2) + Repeat(")", Size / 2),
        "square-brackets" => Repeat("[", Size),
        "quotes" => Repeat(">", Size) + " x",
        "list" => string.Concat(Enumerable.Range(0, 2000).Select(i => new string(' ', i % 500) + "- a\n")) + Repeat("- b\n", Size / 2),
        "emphasis" => Repeat("*a ", Size),
        "divs" => Repeat("<div>", Size),
        "bold" => Repeat("<b>", Size),
        "links" => Repeat("[0.42](#outcomes/mep/estimate) ", Size),
        "entities" => Repeat("&amp;x", Size),
        "negations" => Repeat("not ", Size) + "improves MEP",
        "mentions" => Repeat("MEP (MEP) ", Size),
        "clauses" => Repeat("MEP; ", Size),
        "sentences" => Repeat("RMT may increase MEP slightly. ", Size),
        _ => Repeat("p = \u06F6.\u06F6 ", Size),
    };

    [Theory]
    [MemberData(nameof(Summaries))]
    public void Check_OneMegabyteOfPathologicalText_AnswersWithinTheLimit(string name)
    {
        var dir = Directory.CreateTempSubdirectory("evident-pathological-").FullName;
        try
        {
            var file = Path.Combine(dir, name);
            File.WriteAllText(file, Summary(name));
            foreach (string[] args in new[] { new[] { "check", file, "--against", Seed, "--format", "json" }, ["check", "--abstract", file, "--format", "json"] })
            {
                var run = FuzzEngine.Invoke(args, Limit);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{string.Join(' ', args[..2])}: {run.Elapsed.TotalSeconds:0.0} s, exit {run.ExitCode}"));
                var problems = FuzzEngine.Problems(FuzzTargets.All.Single(t => t.Name == "check"), run, Limit, [file, Seed]);
                Assert.True(problems.Count == 0, string.Join("\n", problems));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Evidence files of 4 MB: many outcomes, huge arrays, all on one line, each value wrong in some way.</summary>
    public static TheoryData<string> Sources => ["many-outcomes", "huge-arrays", "one-line-errors"];

    private static string Source(string name)
    {
        var sb = new StringBuilder("{\"review\": {\"intervention\": \"x\", ");
        switch (name)
        {
            case "many-outcomes":
                sb.Append("\"studies\": 8}, \"outcomes\": [");
                for (var i = 0; sb.Length < 4 * Size; i++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "," : "")}{{\"name\": \"O{i}\", \"measure\": \"SMD\", \"estimate\": 0.{i % 90 + 10}, \"ci\": [0.05, 0.95], \"p\": 0.01, \"i2\": {i % 100}}}\n");
                }

                break;
            case "huge-arrays":
                sb.Append("\"databases\": [").Append(string.Join(",", Enumerable.Repeat("\"PubMed\"", Size / 5))).Append("]}, \"outcomes\": [")
                    .Append("{\"name\": \"MEP\", \"measure\": \"SMD\", \"estimate\": 0.42, \"aliases\": [").Append(string.Join(",", Enumerable.Range(0, Size / 10).Select(i => $"\"a{i}\"")))
                    .Append("], \"ci\": [").Append(string.Join(",", Enumerable.Repeat("0.1", Size / 4))).Append("]}");
                break;
            default:
                sb.Append("\"reported\": 5}, \"outcomes\": [");
                for (var i = 0; sb.Length < 4 * Size; i++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "," : "")}{{\"name\": \"O{i}\", \"measure\": \"SMD\", \"estimate\": \"x\", \"ci\": [1, 0], \"p\": 2, \"colour\": 1}}");
                }

                break;
        }

        return sb.Append("]}").ToString();
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void SummarizeAndCheck_FourMegabyteSource_AnswerWithinTheLimit(string name)
    {
        var dir = Directory.CreateTempSubdirectory("evident-pathological-").FullName;
        try
        {
            var file = Path.Combine(dir, name + ".json");
            File.WriteAllText(file, Source(name));
            var summary = Path.Combine(dir, "summary.md");
            foreach (string[] args in new[] { new[] { "summarize", file, "--out", summary }, ["check", Repo.Path("tests/Evident.Evidence.Tests/Summaries/golden/rmt-ms.md"), "--against", file, "--format", "json"] })
            {
                var run = FuzzEngine.Invoke(args, Limit);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[0]}: {run.Elapsed.TotalSeconds:0.0} s, exit {run.ExitCode}, {run.Error.Split('\n').Length - 1} messages"));
                // "wrote FILE" is what summarize says when done, not a message about the input.
                var messages = run with { Error = string.Join('\n', run.Error.Split('\n').Where(l => !l.StartsWith("wrote ", StringComparison.Ordinal))) };
                var problems = FuzzEngine.Problems(FuzzTargets.All.Single(t => t.Name == (args[0] == "check" ? "check" : "summarize")), messages, Limit, [file, summary]);
                Assert.True(problems.Count == 0, string.Join("\n", problems));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// A studies table whose header is one cell of 1 MB of words or numbers (the fuzzer's long line at line 1): reading
    /// which columns it names was quadratic in its words (100 KB took 10 s, 1 MB would take a quarter of an hour).
    /// </summary>
    [Fact]
    public void Analyze_OneMegabyteHeaderOfWords_AnswersWithinTheLimit()
    {
        var dir = Directory.CreateTempSubdirectory("evident-pathological-").FullName;
        try
        {
            var file = Path.Combine(dir, "header.csv");
            File.WriteAllText(file, Repeat("0.42 ", Size) + "\n" + File.ReadAllText(Repo.Path("examples/bcg/bcg.csv")));
            var run = FuzzEngine.Invoke(["analyze", file, "--measure", "RR", "--format", "json"], Limit);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"analyze: {run.Elapsed.TotalSeconds:0.0} s, exit {run.ExitCode}"));
            var problems = FuzzEngine.Problems(FuzzTargets.All.Single(t => t.Name == "analyze-json"), run, Limit, [file]);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.Equal(1, run.ExitCode);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Repeat(string unit, int length)
    {
        var sb = new StringBuilder(length + unit.Length);
        while (sb.Length < length)
        {
            sb.Append(unit);
        }

        return sb.ToString(0, length);
    }
}
