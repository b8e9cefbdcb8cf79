using System.Text.RegularExpressions;
using Evident.Evidence.Sources;
using Evident.Evidence.Summaries;

namespace Evident.Evidence.Tests.Summaries;

/// <summary>
/// The wording rules a summary follows, as tests: GRADE-26 hedges by certainty ("may" when not assessed, and nothing
/// stronger anywhere), no recommendations in the key takeaway, a CI that includes no effect never called "no effect",
/// size words from the stated scale, direction from the sign and the outcome's better direction, I² bands.
/// </summary>
public sealed class WordingRuleTests
{
    /// <summary>One outcome in published-results JSON, with the review facts the seed has.</summary>
    private static EvidenceSource One(string outcome, string review = "") => Examples.FromJson($$"""
        {"review": {"intervention": "respiratory muscle training", "intervention_short": "RMT", "condition": "multiple sclerosis",
                    "design": "rct", "studies": 8, "participants": 249 {{review}}},
         "outcomes": [{{outcome}}]}
        """);

    private static Summary Write(EvidenceSource source, MagnitudeScale scale = MagnitudeScale.Cohen)
        => EvidenceSummary.Write(source, Examples.Options with { Scale = scale });

    private static string AllText(Summary s) => s.Headline + "\n" + string.Join("\n", s.Paragraphs.Select(p => p.Text));

    private static string Result(Summary s, int index = 0) => s.Section("results")!.Paragraphs[index].Text;

    /// <summary>A variety of sources: the two examples and outcomes with every certainty, direction and CI position.</summary>
    public static IEnumerable<EvidenceSource> Sources()
    {
        yield return Examples.Seed();
        yield return Examples.Normand();
        foreach (var certainty in new[] { "null", "\"high\"", "\"moderate\"", "\"low\"", "\"very low\"" })
        {
            foreach (var (estimate, ci, better) in new[]
            {
                ("0.6", "[0.2, 1.0]", "true"), ("-0.6", "[-1.0, -0.2]", "true"), ("0.1", "[0.05, 0.15]", "true"), ("0.3", "[-0.1, 0.7]", "true"),
                ("-0.3", "[-0.7, 0.1]", "false"), ("0", "[-0.4, 0.4]", "true"), ("0.9", "[0.1, 1.7]", "false"),
            })
            {
                yield return One($$"""{"name": "MEP", "full_name": "maximal expiratory pressure", "measure": "SMD", "estimate": {{estimate}}, "ci": {{ci}}, "p": 0.03, "i2": 55, "higher_is_better": {{better}}, "certainty": {{certainty}}}""");
            }

            yield return One($$"""{"name": "Mortality", "measure": "RR", "estimate": 0.8, "ci": [0.6, 1.1], "p": 0.17, "certainty": {{certainty}}, "higher_is_better": false}""");
            yield return One($$"""{"name": "FVC", "measure": "SMD", "estimate": 0.28, "p": 0.06, "certainty": {{certainty}}}""");
        }
    }

    public static TheoryData<int> SourceIndices => [.. Enumerable.Range(0, Sources().Count())];

    [Fact]
    public void CertaintyNotAssessed_EveryStatementSaysMay_AndNoStrongerVerbAppears()
    {
        var summary = Write(Examples.Seed());
        var text = AllText(summary);
        foreach (var verb in Wording.UnhedgedVerbs.Concat(["probably", "likely"]))
        {
            Assert.DoesNotMatch(new Regex($@"\b{Regex.Escape(verb)}\b", RegexOptions.IgnoreCase), text);
        }

        foreach (var item in summary.Section("results")!.Paragraphs)
        {
            Assert.Matches(@"^RMT may (increase|reduce|result|make) ", item.Text);
        }

        Assert.Contains("may improve", summary.Headline, StringComparison.Ordinal);
        Assert.StartsWith("Respiratory muscle training (RMT) may improve MEP, MIP, FEV1 and FEV1/FVC", summary.KeyTakeaway.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("high", "RMT increases MEP.")]
    [InlineData("moderate", "RMT probably increases MEP.")]
    [InlineData("low", "RMT may increase MEP.")]
    [InlineData("very low", "The evidence is very uncertain about the effect of RMT on MEP.")]
    public void EachGradeLevel_HasItsGrade26Statement(string certainty, string statement)
    {
        var summary = Write(One($$"""{"name": "MEP", "measure": "SMD", "estimate": 0.6, "ci": [0.3, 0.7], "p": 0.001, "certainty": "{{certainty}}"}"""));
        Assert.StartsWith(statement + " ", Result(summary), StringComparison.Ordinal);
        Assert.Contains(certainty, summary.Details.Single(d => d.Id == "certainty").Value.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("high", "RMT results in a large increase in MEP.")]
    [InlineData("moderate", "RMT probably results in a large increase in MEP.")]
    [InlineData(null, "RMT may result in a large increase in MEP.")]
    public void LargeEffect_HasGrade26LargeEffectWording(string? certainty, string statement)
    {
        var c = certainty is null ? "null" : $"\"{certainty}\"";
        var summary = Write(One($$"""{"name": "MEP", "measure": "SMD", "estimate": 1.2, "ci": [0.9, 1.5], "p": 0.001, "certainty": {{c}}}"""));
        Assert.StartsWith(statement + " ", Result(summary), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SourceIndices))]
    public void KeyTakeaway_HasNoRecommendationVerbs(int index)
    {
        var summary = Write(Sources().ElementAt(index));
        foreach (var word in Wording.RecommendationWords)
        {
            Assert.DoesNotMatch(new Regex($@"\b{word}\b", RegexOptions.IgnoreCase), summary.KeyTakeaway.Text);
        }

        // Nor anywhere else: the whole summary makes no recommendation.
        Assert.DoesNotMatch(new Regex(@"\b(should|consider|recommend\w*|must)\b", RegexOptions.IgnoreCase), AllText(summary));
    }

    [Theory]
    [MemberData(nameof(SourceIndices))]
    public void NoResult_IsCalledNoEffect_AndNothingIsCalledSignificant(int index)
    {
        var text = AllText(Write(Sources().ElementAt(index)));
        foreach (var pattern in Wording.NoEffectClaims)
        {
            Assert.DoesNotMatch(new Regex(pattern, RegexOptions.IgnoreCase), text);
        }

        foreach (var word in Wording.SignificanceWords)
        {
            Assert.DoesNotMatch(new Regex($@"\b{word}\b", RegexOptions.IgnoreCase), text);
        }
    }

    [Theory]
    [InlineData(null, "RMT may increase MEP, or make little or no difference to it; the evidence is uncertain.")]
    [InlineData("moderate", "RMT probably increases MEP, or makes little or no difference to it.")]
    public void NullCrossingCi_IsUncertain_NotNoEffect(string? certainty, string statement)
    {
        var c = certainty is null ? "null" : $"\"{certainty}\"";
        var summary = Write(One($$"""{"name": "MEP", "measure": "SMD", "estimate": 0.55, "ci": [-0.05, 1.15], "p": 0.07, "certainty": {{c}}}"""));
        Assert.StartsWith(statement + " ", Result(summary), StringComparison.Ordinal);
        Assert.Contains(summary.Section("limitations")!.Paragraphs, p => p.Text.Contains("confidence interval includes no effect", StringComparison.Ordinal));
        Assert.StartsWith("The effect of respiratory muscle training (RMT) on MEP in people with multiple sclerosis is uncertain.", summary.KeyTakeaway.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fvc_PWithoutCi_IsDescribedAsUncertain_NotAsNoEffect()
    {
        var summary = Write(Examples.Seed());
        var results = summary.Section("results")!;
        var fvc = results.Paragraphs[results.Subheadings.IndexOf("Forced vital capacity (FVC)")].Text;
        Assert.StartsWith("RMT may increase FVC slightly, or make little or no difference to it; the evidence is uncertain.", fvc, StringComparison.Ordinal);
        Assert.Contains("(p = 0.06; the confidence interval was not reported)", fvc, StringComparison.Ordinal);
        Assert.Contains("its effect on FVC is uncertain", summary.KeyTakeaway.Text, StringComparison.Ordinal);
        Assert.Contains(summary.Section("limitations")!.Paragraphs, p => p.Text == "For FVC, the confidence interval is not reported, and its p value (p = 0.06) is compatible with no effect.");
        Assert.DoesNotMatch(@"(?<!/)\bFVC\b", summary.KeyTakeaway.Text.Split(';')[0]);
    }

    [Theory]
    [InlineData(0.19, MagnitudeScale.Cohen, Magnitude.Trivial)]
    [InlineData(0.2, MagnitudeScale.Cohen, Magnitude.Small)]
    [InlineData(0.49, MagnitudeScale.Cohen, Magnitude.Small)]
    [InlineData(0.5, MagnitudeScale.Cohen, Magnitude.Moderate)]
    [InlineData(0.79, MagnitudeScale.Cohen, Magnitude.Moderate)]
    [InlineData(0.8, MagnitudeScale.Cohen, Magnitude.Large)]
    [InlineData(-0.8, MagnitudeScale.Cohen, Magnitude.Large)]
    [InlineData(0.1, MagnitudeScale.Cochrane, Magnitude.Small)]
    [InlineData(0.39, MagnitudeScale.Cochrane, Magnitude.Small)]
    [InlineData(0.40, MagnitudeScale.Cochrane, Magnitude.Moderate)]
    [InlineData(0.70, MagnitudeScale.Cochrane, Magnitude.Moderate)]
    [InlineData(0.71, MagnitudeScale.Cochrane, Magnitude.Large)]
    [InlineData(-0.45, MagnitudeScale.Cochrane, Magnitude.Moderate)]
    public void MagnitudeWords_FollowTheScaleAtItsBandEdges(double smd, MagnitudeScale scale, Magnitude expected)
        => Assert.Equal(expected, Wording.MagnitudeOf(smd, scale));

    [Theory]
    [InlineData(MagnitudeScale.Cohen, "By Cohen's rule of thumb it is a small effect. The whole confidence interval lies in that band.", "RMT may increase MEP slightly.")]
    [InlineData(MagnitudeScale.Cochrane, "By the Cochrane Handbook's rule of thumb it is a moderate effect. The whole confidence interval lies in that band.", "RMT may increase MEP.")]
    public void SameEstimate_GetsTheWordOfTheChosenScale_AndTheScaleIsNamed(MagnitudeScale scale, string sentence, string statement)
    {
        var summary = Write(One("""{"name": "MEP", "measure": "SMD", "estimate": 0.45, "ci": [0.42, 0.48], "p": 0.001}"""), scale);
        Assert.Contains(sentence, Result(summary), StringComparison.Ordinal);
        Assert.Contains(statement, Result(summary), StringComparison.Ordinal);
        Assert.Equal(Wording.ScaleName(scale), summary.Details.Single(d => d.Id == "size-words").Value.Text, ignoreCase: true);
    }

    [Fact]
    public void CiSpanningBands_SaysTheSizeIsUncertain()
    {
        var summary = Write(One("""{"name": "MEP", "measure": "SMD", "estimate": 0.42, "ci": [0.09, 0.76], "p": 0.01}"""));
        Assert.Contains("By Cohen's rule of thumb it is a small effect, but its size is uncertain. The confidence interval runs from a trivial to a moderate increase.", Result(summary), StringComparison.Ordinal);
    }

    [Fact]
    public void LowerIsBetter_NegativeSmd_IsAnImprovement()
    {
        var summary = Write(One("""{"name": "length of stay", "measure": "SMD", "estimate": -0.6, "ci": [-0.9, -0.3], "p": 0.001, "higher_is_better": false}"""));
        Assert.StartsWith("RMT may reduce length of stay.", Result(summary), StringComparison.Ordinal);
        Assert.Equal("Length of stay (lower is better)", summary.Section("results")!.Subheadings.Single());
        Assert.StartsWith("Respiratory muscle training may improve length of stay", summary.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void LowerIsBetter_PositiveSmd_IsAWorsening_ThatFavoursTheComparator()
    {
        var summary = Write(One("""{"name": "pain", "measure": "SMD", "estimate": 0.6, "ci": [0.3, 0.9], "p": 0.001, "higher_is_better": false}""", ", \"comparator\": \"usual care\""));
        Assert.StartsWith("RMT may increase pain. This change favours usual care.", Result(summary), StringComparison.Ordinal);
        Assert.StartsWith("Respiratory muscle training may worsen pain", summary.Headline, StringComparison.Ordinal);
        Assert.Contains("may worsen pain", summary.KeyTakeaway.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Normand_LengthOfStay_IsAnUncertainReduction()
    {
        var summary = Write(Examples.Normand());
        Assert.Equal("The effect of specialist stroke care on length of hospital stay is uncertain", summary.Headline);
        Assert.StartsWith("Specialist stroke care may reduce length of hospital stay, or make little or no difference to it; the evidence is uncertain.", Result(summary), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.70, "[0.55, 0.89]", "RMT may reduce mortality.")]
    [InlineData(1.30, "[1.10, 1.60]", "RMT may increase mortality. This change favours the comparison group.")]
    public void RatioMeasures_BelowOneAreReductions_AndGetNoSizeWord(double rr, string ci, string statement)
    {
        var summary = Write(One($$"""{"name": "mortality", "measure": "RR", "estimate": {{rr}}, "ci": {{ci}}, "p": 0.004, "higher_is_better": false}"""));
        var result = Result(summary);
        Assert.Contains(statement, result, StringComparison.Ordinal);
        Assert.Contains("The risk ratio (RR) was", result, StringComparison.Ordinal);
        Assert.DoesNotContain("slightly", result, StringComparison.Ordinal);
        Assert.DoesNotContain("rule of thumb", result, StringComparison.Ordinal);
        Assert.StartsWith("None", summary.Details.Single(d => d.Id == "size-words").Value.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(24, "heterogeneity might not be important")]
    [InlineData(35, "heterogeneity might not be important or may be moderate")]
    [InlineData(45, "heterogeneity may be moderate")]
    [InlineData(55, "heterogeneity may be moderate or substantial")]
    [InlineData(70, "heterogeneity may be substantial")]
    [InlineData(80, "heterogeneity may be substantial or considerable")]
    [InlineData(95, "there is considerable heterogeneity")]
    public void I2_GetsItsCochraneBands(double i2, string phrase)
    {
        Assert.Equal(phrase, Wording.I2Phrase(Wording.I2Bands(i2)));
        var summary = Write(One($$"""{"name": "MEP", "measure": "SMD", "estimate": 0.5, "ci": [0.2, 0.8], "p": 0.001, "i2": {{i2}}}"""));
        Assert.Contains($"I² = {i2}%: {phrase}.", Result(summary), StringComparison.Ordinal);
        Assert.Equal(i2 >= 50, summary.Section("limitations")!.Paragraphs.Any(p => p.Text.StartsWith("The studies' results differ a lot", StringComparison.Ordinal)));
    }

    [Fact]
    public void EvidenceLevel_IsKeptApartFromCertainty()
    {
        var summary = Write(Examples.Seed());
        Assert.StartsWith("Level 1: systematic review of randomised trials", summary.Details.Single(d => d.Id == "evidence-level").Value.Text, StringComparison.Ordinal);
        Assert.Equal("Not assessed", summary.Details.Single(d => d.Id == "certainty").Value.Text);
        Assert.StartsWith("Not stated", Write(Examples.Normand()).Details.Single(d => d.Id == "evidence-level").Value.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DesignParagraph_SaysWhatIsNotReported()
    {
        var design = Write(Examples.Seed()).Section("design")!.Paragraphs[0].Text;
        Assert.Contains("It pooled 8 randomised trials with 249 people. They were chosen from 370 records found in PubMed, Cochrane Library, Embase, Web of Science and PEDro up to 6 January 2026.", design, StringComparison.Ordinal);
        Assert.Contains("The source does not say what RMT was compared with.", design, StringComparison.Ordinal);
        Assert.Contains("It does not say how long people were followed up.", design, StringComparison.Ordinal);
    }

    [Fact]
    public void Limitations_AreDerivedFromTheData_WithTheirThresholdsCited()
    {
        var limitations = Write(Examples.Seed()).Section("limitations")!.Paragraphs.Select(p => p.Text).ToList();
        Assert.Contains(limitations, l => l.StartsWith("The evidence is small: 249 people in total. That is fewer than GRADE's rule of thumb of about 400", StringComparison.Ordinal));
        Assert.Contains(limitations, l => l.StartsWith("Only 8 studies were pooled", StringComparison.Ordinal) && l.Contains("§13.3.5.4", StringComparison.Ordinal));
        Assert.Contains(limitations, l => l.StartsWith("Harms, such as side effects, are not reported", StringComparison.Ordinal));
        Assert.Contains("Funding and conflicts of interest are not reported.", limitations);
        Assert.Contains(limitations, l => l.StartsWith("The certainty of the evidence was not rated with GRADE", StringComparison.Ordinal));
        Assert.Contains(limitations, l => l.StartsWith("For MEP, MIP, FEV1 and FEV1/FVC, the confidence interval runs across more than one size band", StringComparison.Ordinal));

        // A large review with many studies, rated, reporting harms: none of those.
        var large = Write(Examples.FromJson("""
            {"review": {"intervention": "x", "studies": 30, "participants": 5000,
                        "reported": {"adverse_events": true, "funding": true, "conflicts_of_interest": true}},
             "outcomes": [{"name": "y", "measure": "SMD", "estimate": 0.3, "ci": [0.25, 0.35], "p": 0.001, "i2": 10, "certainty": "high"}]}
            """)).Section("limitations")!.Paragraphs.Select(p => p.Text).ToList();
        Assert.Equal(["The numbers are the review's pooled results as published. The data of each study were not available to check them."], large);
    }

    [Theory]
    [InlineData("0.0004", "p = 0.0004")]
    [InlineData("\"<0.001\"", "p < 0.001")]
    [InlineData("0.005", "p = 0.005")]
    [InlineData("0.050", "p = 0.050")]
    public void PValues_ArePrintedAsTheSourcePrintsThem_NeverAsZero(string p, string printed)
    {
        var summary = Write(One($$"""{"name": "MEP", "measure": "SMD", "estimate": 0.5, "ci": [0.2, 0.8], "p": {{p}}}"""));
        Assert.Contains(printed, Result(summary), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"p = 0(\.0+)?(?![\d.])", AllText(summary));
    }

    [Theory]
    [InlineData(0.00004, "< 0.001")]
    [InlineData(0.0818378, "0.082")]
    [InlineData(0.0496, "0.050")]
    [InlineData(0.35, "0.35")]
    public void UnroundedPValues_AreRoundedReadably(double p, string printed)
        => Assert.Equal(printed, SummaryNumbers.P(new ReportedP(SourceNumber.Exact(p), PRelation.Equal), "x").Run.Text);
}
