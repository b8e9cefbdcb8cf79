using Evident.Evidence.Sources;

namespace Evident.Evidence.Tests.Sources;

public sealed class AnalysisJsonTests
{
    private const string Bcg = """
        {"settings": {"input": "examples/bcg/bcg.csv", "measure": "RR", "level": 95},
         "outcomes": [{"outcome": null, "measure": "RR", "test": "Z", "k": 2, "n_total": 500,
           "estimate": -0.7145323421581397, "ci_lower": -1.0668976388103528, "ci_upper": -0.3621670455059265,
           "p": 7.054258101642378e-05, "i2": 92.22138452126907, "tau2": 0.3132432581364859, "q": 152.2, "q_df": 12,
           "pi_lower": -1.8666922179028962, "pi_upper": 0.43762753358661677, "df": null, "level": 95,
           "back_transform": "exp", "estimate_bt": 0.48942093982603013, "ci_lower_bt": 0.3440743061067763,
           "ci_upper_bt": 0.6961660667154278, "pi_lower_bt": 0.15463431340090578, "pi_upper_bt": 1.5490278391134338,
           "studies": [{"study": "Aronson 1948", "ni": 262}, {"study": "Frimodt-Moller 1973", "ni": 238}]}],
         "issues": []}
        """;

    [Fact]
    public void RatioMeasure_IsReadOnTheRatioScale_NamedByTheInputFile()
    {
        var read = AnalysisJson.Read(Bcg, "bcg.json");
        Assert.Empty(read.Issues);
        var o = Assert.Single(read.Source!.Outcomes);
        Assert.Equal(("bcg", "bcg", "RR"), (o.Id, o.Name, o.Measure));
        Assert.True(o.IsRatio);
        Assert.Equal(0.48942093982603013, o.Estimate!.Value.Value);
        Assert.Null(o.Estimate!.Value.Decimals);
        Assert.Equal(0.3440743061067763, o.CiLower!.Value.Value);
        Assert.Equal(7.054258101642378e-05, o.P!.Value.Value.Value);
        Assert.Equal((2, 500), (o.Studies, o.Participants));
        Assert.Equal((2, 500), (read.Source.Review.Studies, read.Source.Review.Participants));
    }

    [Fact]
    public void WithFacts_TakesDescriptionsButKeepsTheAnalysisNumbers()
    {
        var analysis = AnalysisJson.Read(Bcg, "bcg.json").Source!;
        var facts = PublishedResults.Read("""
            {"review": {"intervention": "BCG vaccine", "participants": 1},
             "outcomes": [{"name": "bcg", "full_name": "tuberculosis", "measure": "RR", "estimate": 9, "higher_is_better": false}]}
            """, "facts.json").Source!;
        var merged = AnalysisJson.WithFacts(analysis, facts);
        Assert.Equal("BCG vaccine", merged.Review.Intervention);
        Assert.Equal(500, merged.Review.Participants);
        var o = Assert.Single(merged.Outcomes);
        Assert.Equal(("tuberculosis", false, 0.48942093982603013), (o.FullName, o.HigherIsBetter, o.Estimate!.Value.Value));
    }

    [Fact]
    public void ValueOfTheWrongType_IsOneInvalidValueError_AtTheValue()
    {
        var read = AnalysisJson.Read("{\"settings\": {\"input\": \"x.csv\"},\n \"outcomes\": [\n  {\"k\": 3, \"estimate\": \"big\"}\n ]}\n", "bad.json");
        Assert.Null(read.Source);
        var issue = Assert.Single(read.Issues);
        Assert.Equal(("invalid-value", 3, 24, "outcomes[0].estimate"), (issue.Code, issue.Line, issue.Column, issue.Path));
    }

    [Theory]
    [InlineData("{\"settings\": {}}")]
    [InlineData("{\"settings\": {}, \"outcomes\": 3}")]
    [InlineData("[1, 2]")]
    public void DocumentWithoutOutcomes_IsNotAnEvidenceFile(string text)
        => Assert.Equal("not-an-evidence-file", Assert.Single(AnalysisJson.Read(text, "x.json").Issues).Code);

    [Fact]
    public void InvalidJson_IsLocated()
    {
        var issue = Assert.Single(AnalysisJson.Read("{\"outcomes\": [\n  {\"k\": 3,, }\n]}", "x.json").Issues);
        Assert.Equal(("invalid-json", 2), (issue.Code, issue.Line));
    }

    [Fact]
    public void ValuesOutOfRange_AreLeftOut_WithLocatedErrors()
    {
        var read = AnalysisJson.Read("{\"outcomes\": [\n  {\"measure\": \"SMD\", \"estimate\": 0.3, \"p\": 2, \"n_total\": 10.5, \"k\": -1}\n]}", "x.json");
        var o = Assert.Single(read.Source!.Outcomes);
        Assert.Equal((0.3, null, null, null), (o.Estimate!.Value.Value, o.P, o.Participants, o.Studies));
        Assert.Equal(["outcomes[0].p", "outcomes[0].k", "outcomes[0].n_total"], read.Issues.Select(i => i.Path));
        Assert.All(read.Issues, i => Assert.Equal(("out-of-range", 2), (i.Code, i.Line)));
    }

    [Fact]
    public void DocumentInMemory_ReadsAsItsText()
    {
        var document = Evident.Analysis.Documents.AnalysisDocument.Read(Bcg, "bcg.json").Document!;
        var fromText = AnalysisJson.Read(Bcg, "bcg.json").Source!;
        var inMemory = AnalysisJson.Read(document, "bcg.json").Source!;
        Assert.Equal(fromText.Review, inMemory.Review);
        Assert.Equal(fromText.Outcomes.Single().Estimate, inMemory.Outcomes.Single().Estimate);
        Assert.Equal(fromText.Outcomes.Single().Name, inMemory.Outcomes.Single().Name);
    }
}
