using Evident.Evidence.Sources;
using Evident.Evidence.Summaries;

namespace Evident.Evidence.Tests.Summaries;

/// <summary>
/// A summary Evident writes passes its own accuracy review with nothing found, reads at the review's target grade, and
/// says one thing (<see cref="SelfCheck"/>): for every case of <see cref="SelfCheckCorpus"/> (every measure family,
/// results whose CI excludes or includes no effect, k = 1, 2 and many, every certainty, with and without the review's
/// facts, mixes of outcomes), on both size scales, and for the bundled examples (the seed review as published; Normand
/// 1999 and BCG analysed, with and without their review facts). The command-level tests do the same for the examples
/// run through <c>evident summarize</c> and <c>evident check</c>, and for a sample of the Cochrane Pairwise70 analyses.
/// </summary>
public sealed class SelfCheckTests
{
    public static TheoryData<string> Cases => [.. SelfCheckCorpus.Names()];

    public static TheoryData<string> ExampleCases => ["rmt-ms", "normand1999", "normand1999-facts", "normand1999-md-knha-facts", "bcg-rr", "bcg-rr-facts", "bcg-rr-knha-facts"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Corpus_SummaryPassesItsOwnCheck_AndSaysOneThing(string name)
    {
        var source = SelfCheckCorpus.Source(name);
        var problems = SelfCheck.Problems(source);
        if (source.Outcomes.Any(o => Wording.HasMagnitudeScale(o.Measure)))
        {
            problems.AddRange(SelfCheck.Problems(source, MagnitudeScale.Cochrane).Select(p => "cochrane scale: " + p));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(ExampleCases))]
    public void Examples_SummaryPassesItsOwnCheck_AndSaysOneThing(string name)
    {
        var source = Example(name);
        var problems = SelfCheck.Problems(source);
        problems.AddRange(SelfCheck.Problems(source, MagnitudeScale.Cochrane).Select(p => "cochrane scale: " + p));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Corpus_CoversEveryVerdict_Measure_Certainty_AndStudyCount()
    {
        var sources = SelfCheckCorpus.Names().Select(SelfCheckCorpus.Source).ToList();
        var outcomes = sources.SelectMany(s => s.Outcomes).ToList();
        Assert.Equal(
            ["improve", "increase", "little or no difference", "reduce", "uncertain", "very uncertain", "worsen"],
            outcomes.Select(o => SelfCheck.Expected(o, MagnitudeScale.Cohen)).OfType<string>().Distinct().Order(StringComparer.Ordinal));
        Assert.Superset(new HashSet<string> { "SMD", "MD", "OR", "RR", "RD", "HR", "IRR", "PETO", "ROM", "GEN" }, outcomes.Select(o => o.Measure).ToHashSet());
        Assert.Equal(5, outcomes.Select(o => o.Certainty).Distinct().Count());
        Assert.Superset(new HashSet<int?> { 1, 2, 14 }, outcomes.Select(o => o.Studies).ToHashSet());
        Assert.Contains(sources, s => s.Kind == SourceKind.Analysis && s.Review.Intervention is null);
        Assert.Contains(sources, s => s.Kind == SourceKind.Published && s.Review.Intervention is not null && s.Outcomes.Length > 3);
        Assert.Contains(outcomes, o => o.CiLower is null && o.P is null);
    }

    /// <summary>The verdict check itself: a headline that contradicts the takeaway is caught.</summary>
    [Fact]
    public void Verdicts_ContradictionIsCaught()
    {
        var source = Examples.Seed();
        var summary = EvidenceSummary.Write(source, Examples.Options);
        Assert.Empty(SelfCheck.Verdicts(summary, source, MagnitudeScale.Cohen));
        var contradicted = summary with { Headline = "Respiratory muscle training may improve FVC" };
        Assert.Contains(SelfCheck.Verdicts(contradicted, source, MagnitudeScale.Cohen), p => p.StartsWith("headline says [improve] about FVC", StringComparison.Ordinal));
    }

    private static EvidenceSource Example(string name)
    {
        var normandFacts = Examples.Published("examples/normand1999/normand1999.about.json");
        var bcgFacts = Examples.Published("tests/fixtures/check/bcg.about.json");
        return name switch
        {
            "rmt-ms" => Examples.Seed(),
            "normand1999" => Analysis("tests/Evident.Evidence.Tests/Summaries/normand1999.analysis.json", "examples/normand1999/normand1999.csv"),
            "normand1999-facts" => Examples.Normand(),
            "normand1999-md-knha-facts" => AnalysisJson.WithFacts(Analysis("tests/fixtures/check/normand1999-md-knha.analysis.json", "examples/normand1999/normand1999.csv"), normandFacts),
            "bcg-rr" => Analysis("tests/fixtures/check/bcg-rr.analysis.json", "examples/bcg/bcg.csv"),
            "bcg-rr-facts" => AnalysisJson.WithFacts(Analysis("tests/fixtures/check/bcg-rr.analysis.json", "examples/bcg/bcg.csv"), bcgFacts),
            _ => AnalysisJson.WithFacts(Analysis("tests/fixtures/check/bcg-rr-knha.analysis.json", "examples/bcg/bcg.csv"), bcgFacts),
        };
    }

    private static EvidenceSource Analysis(string relative, string origin)
    {
        var read = AnalysisJson.Read(File.ReadAllText(Repo.Path(relative.Split('/'))), origin);
        Assert.Empty(read.Issues);
        return read.Source!;
    }
}
