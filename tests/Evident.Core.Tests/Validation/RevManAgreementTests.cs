using Evident.Core.EffectSizes;
using Evident.Core.Validation;

namespace Evident.Core.Tests.Validation;

/// <summary>
/// Measure inference and row verdicts of <see cref="RevManAgreement"/> on made-up analyses. The "printed" values are the
/// RevMan formulas (Deeks &amp; Higgins 2010) worked by hand and rounded to 6 decimals, as the Pairwise70 collection prints.
/// </summary>
public sealed class RevManAgreementTests
{
    private static RevManRow Continuous(double m1, double sd1, double n1, double m2, double sd2, double n2, double? mean, double? lower, double? upper) => new()
    {
        Study = new StudyInput { M1i = m1, Sd1i = sd1, N1i = n1, M2i = m2, Sd2i = sd2, N2i = n2 },
        DataType = DataType.Continuous,
        Mean = mean,
        CiStart = lower,
        CiEnd = upper,
    };

    private static RevManRow Binary(double a, double n1, double c, double n2, double? mean, double? lower, double? upper) => new()
    {
        Study = new StudyInput { Ai = a, N1i = n1, Ci = c, N2i = n2 },
        DataType = DataType.Binary,
        Mean = mean,
        CiStart = lower,
        CiEnd = upper,
    };

    // SMD, 12 (2, 10) vs 10 (2, 10): g = 68/71, SE = √0.228558 → 0.957746 [0.020732, 1.894761].
    // SMD, 5 (1, 20) vs 4 (1.5, 25): sp² = (19 + 24·2.25)/43, g = 0.754025, SE² = 0.096923 → [0.143839, 1.364212].
    private static RevManRow[] SmdAnalysis() =>
    [
        Continuous(12, 2, 10, 10, 2, 10, 0.957746, 0.020732, 1.894761),
        Continuous(5, 1, 20, 4, 1.5, 25, 0.754025, 0.143839, 1.364212),
    ];

    // OR 12/50 vs 20/50 = (12·30)/(38·20) = 0.473684 [0.200243, 1.12052]; 5/50 vs 9/50 = 205/405 = 0.506173 [0.156746, 1.634566].
    private static RevManRow[] OrAnalysis() =>
    [
        Binary(12, 50, 20, 50, 0.473684, 0.200243, 1.12052),
        Binary(5, 50, 9, 50, 0.506173, 0.156746, 1.634566),
    ];

    [Fact]
    public void CleanSmdAnalysis_IsInferredAsSmd()
    {
        var result = RevManAgreement.Check(SmdAnalysis());

        Assert.Equal(AnalysisAgreement.Matched, result.Agreement);
        Assert.Null(result.Code);
        Assert.Equal(new RevManEffect(RevManMeasure.SMD), result.Effect);
        Assert.Empty(result.Alternatives);
        Assert.All(result.Rows, r => Assert.Equal(RowAgreement.Matched, r.Agreement));
        Assert.All(result.Rows, r => Assert.True(r.DataTypeAgrees));
    }

    [Fact]
    public void CleanOrAnalysis_IsInferredAsOr()
    {
        var result = RevManAgreement.Check(OrAnalysis());

        Assert.Equal(AnalysisAgreement.Matched, result.Agreement);
        Assert.Equal("OR", result.Effect.ToString());
        Assert.Equal(2, result.RowsMatched);
    }

    [Fact]
    public void RiskRatiosWithNinetyNinePercentIntervals_AreInferredWithTheLevel()
    {
        // RR 12/50 vs 20/50 = 0.6, SE² = 1/12 − 1/50 + 1/20 − 1/50, 99 % CI [0.273144, 1.317984].
        var result = RevManAgreement.Check([Binary(12, 50, 20, 50, 0.6, 0.273144, 1.317984)]);

        Assert.Equal(new RevManEffect(RevManMeasure.RR, 99), result.Effect);
        Assert.Equal("RR (99% CI)", result.Effect.ToString());
    }

    [Fact]
    public void AnalysisThatSeveralEffectsReproduce_PrefersEventsAndListsTheAlternatives()
    {
        // 7/20 vs 7/20 and 3/20 vs 3/20: OR = 1 both ways round, so events and non-events give the same values.
        RevManRow[] rows =
        [
            Binary(7, 20, 7, 20, 1, 0.272684, 3.667255),
            Binary(3, 20, 3, 20, 1, 0.176264, 5.673313),
        ];

        var result = RevManAgreement.Check(rows);

        Assert.Equal(AnalysisAgreement.Matched, result.Agreement);
        Assert.Equal(new RevManEffect(RevManMeasure.OR), result.Effect);
        Assert.Equal([new RevManEffect(RevManMeasure.OR, NonEvents: true)], result.Alternatives);
    }

    [Fact]
    public void AnalysisWithATypo_MatchesNoMeasureAndNamesTheRow()
    {
        var rows = OrAnalysis();
        rows[1] = rows[1] with { Mean = 0.56173 };

        var result = RevManAgreement.Check(rows);

        Assert.Equal(AnalysisAgreement.NotFullyMatched, result.Agreement);
        Assert.Equal(RevManCodes.NoMatchingMeasure, result.Code);
        Assert.Equal("OR", result.Effect.ToString());
        Assert.Equal(RowAgreement.Matched, result.Rows[0].Agreement);
        Assert.Equal(RevManCodes.RowMismatch, result.Rows[1].Code);
        Assert.Equal(0.506173, result.Rows[1].Computed!.Value.Estimate, 6);
    }

    [Fact]
    public void DoubleZeroWithoutPrintedValue_AgreesAsNotEstimable()
    {
        RevManRow[] rows = [.. OrAnalysis(), Binary(0, 30, 0, 27, null, null, null)];

        var result = RevManAgreement.Check(rows);

        Assert.Equal(AnalysisAgreement.Matched, result.Agreement);
        Assert.Equal(RowAgreement.NotEstimable, result.Rows[2].Agreement);
        Assert.Equal(RevManCodes.RevManNotEstimable, result.Rows[2].Code);
        Assert.Equal(IssueCodes.DroppedDoubleZero, result.Rows[2].NotEstimableBecause);
        Assert.True(result.Rows[2].Agrees);
    }

    [Fact]
    public void EstimableRowWithoutPrintedValue_IsReportedMissing()
    {
        RevManRow[] rows = [.. SmdAnalysis(), Continuous(20, 4, 15, 18, 5, 15, null, null, null)];

        var result = RevManAgreement.Check(rows);

        Assert.Equal(AnalysisAgreement.NotFullyMatched, result.Agreement);
        Assert.Equal(new RevManEffect(RevManMeasure.SMD), result.Effect);
        Assert.Equal(RevManCodes.RevManValueMissing, result.Rows[2].Code);
        Assert.NotNull(result.Rows[2].Computed);
    }

    [Fact]
    public void AnalysisWithoutPrintedValues_InfersNoEffect()
    {
        RevManRow[] rows =
        [
            Binary(0, 30, 0, 27, null, null, null),
            Continuous(20, 4, 15, 18, 5, 15, null, null, null),
        ];

        var result = RevManAgreement.Check(rows);

        Assert.Equal(AnalysisAgreement.NoPrintedValues, result.Agreement);
        Assert.Equal(RevManCodes.NoPrintedValues, result.Code);
        Assert.Null(result.Effect);
        Assert.Equal(RevManCodes.RevManNotEstimable, result.Rows[0].Code);
        Assert.Equal(RevManCodes.RevManValueMissing, result.Rows[1].Code);
    }

    [Fact]
    public void GivRowWithGroupSizesAndZeroEvents_IsReadAsGiv()
    {
        // RevMan's GIV rows may carry group sizes with 0 in the event columns; the estimate 0.4 (log scale), SE 0.2,
        // printed as a ratio: exp(0.4) = 1.491825 [exp(0.4 ∓ 1.959964·0.2)] = [1.008039, 2.207792].
        var row = new RevManRow
        {
            Study = new StudyInput { Yi = 0.4, Sei = 0.2, Ai = 0, N1i = 30, Ci = 0, N2i = 27 },
            DataType = DataType.Binary,
            Mean = 1.491825,
            CiStart = 1.008039,
            CiEnd = 2.207792,
        };

        var result = RevManAgreement.Check([row]);

        Assert.Equal(new RevManEffect(RevManMeasure.GIVRatio), result.Effect);
        Assert.False(result.Rows[0].DataTypeAgrees);
    }

    [Fact]
    public void MantelHaenszelWeights_AreInferredFromThePrintedWeights()
    {
        // MH weights bc/N: 38·20/100 = 7.6 and 45·9/100 = 4.05 → 65.236052 % and 34.763948 % (inverse variance would give
        // 64.957265 % and 35.042735 %).
        var rows = OrAnalysis();
        rows[0] = rows[0] with { Weight = 65.236052 };
        rows[1] = rows[1] with { Weight = 34.763948 };

        var result = RevManAgreement.Check(rows);

        Assert.Equal(new RevManWeighting(RevManWeightScope.Overall, RevManWeightModel.MantelHaenszel), result.Weighting);
        Assert.True(result.WeightsMatched);
        Assert.Equal(65.236052, result.Rows[0].ComputedWeight!.Value, 6);
    }

    [Fact]
    public void AllWeightsZero_MeanNoTotals()
    {
        var rows = OrAnalysis().Select(r => r with { Weight = 0 }).ToArray();

        var result = RevManAgreement.Check(rows);

        Assert.Equal(RevManWeightScope.NoTotals, result.Weighting!.Value.Scope);
        Assert.True(result.WeightsMatched);
    }

    [Fact]
    public void NoPrintedWeights_LeaveTheWeightingUnknown()
    {
        var result = RevManAgreement.Check(OrAnalysis());

        Assert.Null(result.Weighting);
        Assert.False(result.WeightsMatched);
        Assert.All(result.Rows, r => Assert.Null(r.WeightAgrees));
    }

    [Fact]
    public void Summary_AddsUpAnalysesAndRows()
    {
        var typo = OrAnalysis();
        typo[0] = typo[0] with { CiEnd = 1.2 };
        var results = new[]
        {
            RevManAgreement.Check(SmdAnalysis()),
            RevManAgreement.Check(OrAnalysis()),
            RevManAgreement.Check(typo),
            RevManAgreement.Check([Binary(0, 30, 0, 27, null, null, null)]),
        };

        var summary = RevManAgreementSummary.Of(results);

        Assert.Equal(4, summary.Analyses);
        Assert.Equal(2, summary.AnalysesMatched);
        Assert.Equal(1, summary.AnalysesNotFullyMatched);
        Assert.Equal(1, summary.AnalysesWithoutPrintedValues);
        Assert.Equal(7, summary.Rows);
        Assert.Equal(6, summary.RowsWithPrintedValues);
        Assert.Equal(5, summary.RowsMatched);
        Assert.Equal(5.0 / 6, summary.MatchedShare);
        Assert.Equal([new NamedCount("OR", 2), new NamedCount("SMD", 1)], summary.AnalysesByEffect);
        Assert.Contains(new NamedCount(RevManCodes.RowMismatch, 1), summary.RowsByCode);
        Assert.Equal([new NamedCount(IssueCodes.DroppedDoubleZero, 1)], summary.NotEstimableByCause);
    }
}
