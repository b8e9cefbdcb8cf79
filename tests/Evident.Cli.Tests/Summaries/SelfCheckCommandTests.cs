using System.Globalization;
using System.Text;
using System.Text.Json;
using Evident.Evidence.Checking;
using Evident.Evidence.Sources;
using Evident.Evidence.Tests.Summaries;
using Evident.Tests.Shared;

namespace Evident.Cli.Tests.Summaries;

/// <summary>
/// What <c>evident summarize</c> writes, <c>evident check</c> passes: for each bundled example (BCG as RR, as OR by
/// default and as RD with Hartung–Knapp; Normand 1999 as SMD and MD, with and without its <c>.about.json</c>; the seed
/// review as published) the summary's Markdown and HTML checked against the same evidence exit 0 with no finding of any
/// severity and a reading level within the review's target, and the headline, key takeaway and "In practice" say one
/// thing (<see cref="SelfCheck"/>). The same holds for a sample of the Cochrane Pairwise70 analyses, read in place.
/// </summary>
public sealed class SelfCheckCommandTests
{
    private static readonly string NormandAbout = Repo.Path("examples", "normand1999", "normand1999.about.json");

    public static TheoryData<string> Examples => ["bcg-rr", "bcg-auto", "bcg-rd-knha", "normand-smd", "normand-smd-about", "normand-md-about", "rmt-ms"];

    private static (string[] Input, string? About) Example(string name) => name switch
    {
        "bcg-rr" => ([Repo.Path("examples", "bcg", "bcg.csv"), "--measure", "RR"], null),
        "bcg-auto" => ([Repo.Path("examples", "bcg", "bcg.csv")], null),
        "bcg-rd-knha" => ([Repo.Path("examples", "bcg", "bcg.csv"), "--measure", "RD", "--test", "KNHA"], null),
        "normand-smd" => ([Repo.Path("examples", "normand1999", "normand1999.csv"), "--measure", "SMD"], null),
        "normand-smd-about" => ([Repo.Path("examples", "normand1999", "normand1999.csv"), "--measure", "SMD"], NormandAbout),
        "normand-md-about" => ([Repo.Path("examples", "normand1999", "normand1999.csv"), "--measure", "MD"], NormandAbout),
        _ => ([Repo.Path("examples", "rmt-ms", "rmt-ms.json")], null),
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_SummarizeThenCheck_FindsNothing_AndReadsAtTheTarget(string name)
    {
        using var dir = new TempDir();
        var (input, about) = Example(name);
        string[] aboutArgs = about is null ? [] : ["--about", about];
        var (md, html) = (Path.Combine(dir.Path, name + ".md"), Path.Combine(dir.Path, name + ".html"));
        var summarized = Cli.Run(["summarize", .. input, .. aboutArgs, "--out", md, "--out", html]);
        Assert.True(summarized.ExitCode == 0, summarized.Error);

        // The evidence it is checked against: the published file, or the analysis of the CSV as 'analyze' writes it.
        var against = input[0];
        if (against.EndsWith(".csv", StringComparison.Ordinal))
        {
            var analysis = Cli.Run(["analyze", .. input, "--format", "json"]);
            Assert.Equal(0, analysis.ExitCode);
            against = dir.Write(name + ".analysis.json", analysis.Output);
        }

        string[] facts = about is null ? [] : ["--facts", about];
        foreach (var file in new[] { md, html })
        {
            foreach (var scale in new[] { "any", "cohen" })
            {
                var check = Cli.Run(["check", file, "--against", against, .. facts, "--scale", scale, "--format", "json"]);
                Assert.True(check.ExitCode == 0, check.Output + check.Error);
                var json = check.Json();
                Assert.True(json.GetProperty("findings").GetArrayLength() == 0, $"{Path.GetFileName(file)}: {json.GetProperty("findings")}");
                var grade = json.GetProperty("readability").GetProperty("flesch_kincaid_grade").GetDouble();
                Assert.True(grade <= Readability.TargetGrade, $"{Path.GetFileName(file)}: grade {grade}");
            }
        }

        // The same through the library, with the verdict consistency of headline, key takeaway and "In practice".
        var source = Read(against, about);
        var problems = SelfCheck.Problems(source);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    public static TheoryData<string> Pairwise70Measures => ["OR", "RR", "RD", "PETO", "SMD", "MD", "GEN"];

    /// <summary>
    /// A sample of the Pairwise70 analyses of one measure: for each number of studies (1, 2, 3 or more) and each side of
    /// p = 0.05, up to <see cref="PerCell"/> analyses drawn with a fixed seed, each summarized on its own (named by its
    /// outcome, with no review facts) and checked. About 350 analyses over the seven measures.
    /// </summary>
    [Theory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(Pairwise70Measures))]
    public void Pairwise70Sample_EachSummaryPassesItsOwnCheck(string measure)
    {
        var sample = Pairwise70.Value.GetValueOrDefault(measure) ?? [];
        Assert.True(sample.Count > 0, $"no Pairwise70 analysis with measure {measure}");
        var failures = new StringBuilder();
        foreach (var (key, source) in sample)
        {
            foreach (var problem in SelfCheck.Problems(source))
            {
                failures.Append(CultureInfo.InvariantCulture, $"{key}: {problem}\n");
            }
        }

        Assert.True(failures.Length == 0, $"{sample.Count} analyses of {measure}:\n{failures}");
    }

    private const int PerCell = 10;

    /// <summary>The sampled analyses by measure, from three runs of 'analyze' over the whole file (default measures; RR and MD; RD).</summary>
    private static readonly Lazy<Dictionary<string, List<(string Key, EvidenceSource Source)>>> Pairwise70 = new(() =>
    {
        var file = SharedFiles.Data("pairwise70", "pairwise70.csv.gz");
        var samples = new Dictionary<string, List<(string, EvidenceSource)>>();
        foreach (var (options, measures) in new (string[] Options, string[] Measures)[]
        {
            ([], ["OR", "PETO", "SMD", "GEN"]), (["--binary", "RR", "--continuous", "MD"], ["RR", "MD"]), (["--binary", "RD"], ["RD"]),
        })
        {
            var run = Cli.Run(["analyze", file, "--by", "review,Analysis.group,Analysis.number", .. options, "--format", "json", "--quiet"]);
            Assert.Equal(0, run.ExitCode);
            using var document = JsonDocument.Parse(run.Output);
            var settings = document.RootElement.GetProperty("settings");
            var random = new Random(70);
            var cells = document.RootElement.GetProperty("outcomes").EnumerateArray()
                .Where(o => measures.Contains(o.GetProperty("measure").GetString()))
                .GroupBy(o => (Measure: o.GetProperty("measure").GetString()!, K: Math.Min(3, o.GetProperty("k").GetInt32()),
                    Significant: o.GetProperty("p").ValueKind == JsonValueKind.Number && o.GetProperty("p").GetDouble() < 0.05));
            foreach (var cell in cells.OrderBy(c => c.Key.ToString(), StringComparer.Ordinal))
            {
                var list = samples.TryGetValue(cell.Key.Measure, out var l) ? l : samples[cell.Key.Measure] = [];
                foreach (var outcome in cell.OrderBy(_ => random.Next()).Take(PerCell))
                {
                    var key = string.Join("/", outcome.GetProperty("key").EnumerateObject().Select(p => p.Value.GetString()));
                    var read = AnalysisJson.Read(OneOutcome(settings, outcome), "pairwise70.csv.gz");
                    Assert.Empty(read.Issues);
                    list.Add((key, read.Source!));
                }
            }
        }

        return samples;
    });

    /// <summary>An analysis JSON of one outcome: the run's settings and that outcome.</summary>
    private static string OneOutcome(JsonElement settings, JsonElement outcome)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WritePropertyName("settings");
            settings.WriteTo(w);
            w.WriteStartArray("outcomes");
            outcome.WriteTo(w);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static EvidenceSource Read(string against, string? about)
    {
        var text = File.ReadAllText(against);
        var read = AnalysisJson.Recognises(text) ? AnalysisJson.Read(text, against) : PublishedResults.Read(text, against);
        Assert.False(read.HasErrors, string.Join("\n", read.Issues));
        var source = read.Source!;
        if (about is not null)
        {
            source = AnalysisJson.WithFacts(source, PublishedResults.Read(File.ReadAllText(about), about).Source!);
        }

        return source;
    }
}
