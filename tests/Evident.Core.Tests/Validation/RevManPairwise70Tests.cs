using Evident.Core.EffectSizes;
using Evident.Core.Tests.Support;
using Evident.Core.Validation;
using Escalc = Evident.Core.EffectSizes.EffectSizes;

namespace Evident.Core.Tests.Validation;

/// <summary>
/// Each RevMan 5 convention against real rows of the Pairwise70 collection, cited by file line (the line the record starts
/// on). The printed values are read from <c>../shared/data/pairwise70/pairwise70.csv.gz</c>, never copied here; the test
/// checks the row's whole analysis, as the measure is inferred from all its rows. Where the convention differs from metafor's,
/// the test also shows that metafor's escalc does not give what RevMan printed.
/// </summary>
public sealed class RevManPairwise70Tests
{
    public static TheoryData<int, string, RowAgreement, string?, string> Rows => new()
    {
        // SMD: Hedges' adjusted g, J = 1 − 3/(4N − 9), variance N/(n1 n2) + g²/(2(N − 3.94)) (CD001155 analysis 31.1).
        { 1495, "SMD", RowAgreement.Matched, null, "SMD variance" },
        // The same with N = 8 and g ≈ 2, where 3.94 in the variance (not 4, not 2N) shows in the sixth decimal (CD003477 1.1).
        { 9826, "SMD", RowAgreement.Matched, null, "SMD variance" },
        // MD: an SD of 0 makes the study not estimable (RevMan prints nothing; metafor's MD would be computed).
        { 6862, "MD", RowAgreement.NotEstimable, IssueCodes.NonPositiveSd, "SD = 0" },
        // SMD with an SD of 0 and n = 1 in that arm.
        { 4665, "SMD", RowAgreement.NotEstimable, IssueCodes.NonPositiveSd, "SD = 0" },
        // OR with a zero cell: 0.5 added to every cell (2/38 vs 0/39 style tables).
        { 392, "OR", RowAgreement.Matched, null, "zero cell" },
        // OR with no events in both groups: not estimable.
        { 421, "OR", RowAgreement.NotEstimable, IssueCodes.DroppedDoubleZero, "double zero" },
        // OR with only events in both groups: not estimable.
        { 20053, "OR", RowAgreement.NotEstimable, IssueCodes.DroppedDoubleZero, "all events" },
        // RR with no events in both groups: not estimable.
        { 88, "RR", RowAgreement.NotEstimable, IssueCodes.DroppedDoubleZero, "double zero" },
        // RR with only events in both groups (28/28 vs 29/29): the ratio 1 with the variance of the corrected table.
        { 4008, "RR", RowAgreement.Matched, null, "all events" },
        // RD with a zero cell (2/38 vs 0/39): the raw difference, the variance of the corrected table.
        { 330, "RD", RowAgreement.Matched, null, "zero cell" },
        // RD with no events in both groups (0/17 vs 0/18): 0 with the corrected table's variance.
        { 332, "RD", RowAgreement.Matched, null, "double zero" },
        // Peto OR with a zero cell: never corrected.
        { 4024, "PETO", RowAgreement.Matched, null, "zero cell" },
        // Peto OR with no events in both groups: V = 0, not estimable.
        { 4027, "PETO", RowAgreement.NotEstimable, IssueCodes.DroppedDoubleZero, "double zero" },
        // O − E and variance: exp((O − E)/V) with CI exp((O − E)/V ± z/√V).
        { 31287, "ObservedMinusExpected", RowAgreement.Matched, null, "O − E" },
        // GIV on the log scale, printed as a ratio (a GIV row carrying group sizes and 0 in the event columns).
        { 4060, "GIVRatio", RowAgreement.Matched, null, "GIV ratio" },
        // GIV on a difference scale.
        { 4070, "GIV", RowAgreement.Matched, null, "GIV" },
        // Per-study CIs at 99 % (RevMan's analysis option).
        { 4306, "RR (99% CI)", RowAgreement.Matched, null, "99% CI" },
        { 36753, "OR (99% CI)", RowAgreement.Matched, null, "99% CI" },
        // RevMan's "Swap event and non-event" option.
        { 51823, "RR (non-events)", RowAgreement.Matched, null, "non-events" },
        // A rounding tie: RR 135/128 = 1.0546875 is printed 1.054688 (halves away from zero).
        { 8751, "RR", RowAgreement.Matched, null, "rounding tie" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Row_IsReproducedUnderRevMan5Conventions(int line, string effect, RowAgreement agreement, string? because, string convention)
    {
        var (result, row) = CheckAnalysisOf(line);

        Assert.Equal(AnalysisAgreement.Matched, result.Agreement);
        Assert.Equal(effect, result.Effect.ToString());
        Assert.True(agreement == row.Agreement, $"{convention}, line {line}: {row.Agreement} (printed {row.Printed}, computed {row.Computed})");
        Assert.Equal(because, row.NotEstimableBecause);
    }

    [Theory]
    [InlineData(1495, EffectMeasure.SMD)]
    [InlineData(9826, EffectMeasure.SMD)]
    [InlineData(330, EffectMeasure.RD)]
    [InlineData(332, EffectMeasure.RD)]
    [InlineData(4008, EffectMeasure.RR)]
    [InlineData(4024, EffectMeasure.PETO)]
    public void PrintedValue_IsNotMetaforsValue(int line, EffectMeasure measure)
    {
        var record = Pairwise70.At(line);
        var type = measure is EffectMeasure.SMD ? DataType.Continuous : DataType.Binary;
        var study = DataTypes.Project(record.ToRevManRow().Study, type);

        var metafor = Escalc.Compute(measure, [study]).Studies[0];
        var revMan = Escalc.Compute(measure, [study], new EscalcOptions { Conventions = EffectConventions.RevMan5 }).Studies[0];

        Assert.False(Prints(metafor, measure, record), $"metafor's {measure} reproduces line {line}");
        Assert.True(Prints(revMan, measure, record), $"RevMan 5's {measure} does not reproduce line {line}");
    }

    [Theory]
    [InlineData(6862, EffectMeasure.MD)]
    [InlineData(421, EffectMeasure.OR)]
    [InlineData(88, EffectMeasure.RR)]
    [InlineData(4027, EffectMeasure.PETO)]
    public void NotEstimableInRevMan_IsComputedByMetafor(int line, EffectMeasure measure)
    {
        var record = Pairwise70.At(line);
        Assert.Null(record.Number("Mean"));
        var type = measure is EffectMeasure.MD ? DataType.Continuous : DataType.Binary;
        var study = DataTypes.Project(record.ToRevManRow().Study, type);

        Assert.NotNull(Escalc.Compute(measure, [study]).Studies[0].Yi);
        Assert.Null(Escalc.Compute(measure, [study], new EscalcOptions { Conventions = EffectConventions.RevMan5 }).Studies[0].Yi);
    }

    [Theory]
    [InlineData(2, "MH")] // CD000028 1.1, RR Mantel-Haenszel fixed effect
    [InlineData(287, "IV")] // CD000219 1.4, RR inverse variance fixed effect
    [InlineData(358, "DL")] // CD000547 1.1, MD DerSimonian-Laird
    [InlineData(266, "MH-DL")] // CD000219 1.2, RR random effects with Q about the MH estimate
    [InlineData(15, "MH per subgroup")] // CD000028 1.2, subtotals only
    [InlineData(529, "IV per subgroup")] // CD000547 5.2
    [InlineData(371, "no totals")] // CD000547 1.3, every weight printed 0
    [InlineData(64759, "REML")] // CD013801 2.1, SMD with REML τ² (RevMan since 2024)
    public void PrintedWeights_AreReproducedByTheInferredWeighting(int line, string weighting)
    {
        var records = Pairwise70.AnalysisOf(line);

        var result = RevManAgreement.Check(records.Select(r => r.ToRevManRow()).ToArray());

        Assert.Equal(weighting, result.Weighting.ToString());
        Assert.True(result.WeightsMatched, $"line {line}: {result.Rows.Count(r => r.WeightAgrees == true)} of {result.Rows.Count} weights agree");
    }

    [Fact]
    public void AnalysisWithoutPrintedValues_ExplainsEachRow()
    {
        // CD009730 analysis 3.3: complete continuous data, yet RevMan printed no value for either row.
        var (result, row) = CheckAnalysisOf(35054);

        Assert.Equal(AnalysisAgreement.NoPrintedValues, result.Agreement);
        Assert.Equal(RevManCodes.NoPrintedValues, result.Code);
        Assert.Null(result.Effect);
        Assert.Equal(RevManCodes.RevManValueMissing, row.Code);
    }

    [Fact]
    public void EventsExceedingN_AreNotEstimable()
    {
        // CD001920 analysis 2.5: 84 adverse events among 21 participants (events, not participants, were counted).
        var (_, row) = CheckAnalysisOf(4559);

        Assert.Equal(RowAgreement.NotEstimable, row.Agreement);
        Assert.Equal(IssueCodes.EventsExceedN, row.NotEstimableBecause);
    }

    private static (RevManAnalysisResult Result, RevManRowResult Row) CheckAnalysisOf(int line)
    {
        var records = Pairwise70.AnalysisOf(line);
        var result = RevManAgreement.Check(records.Select(r => r.ToRevManRow()).ToArray());
        var index = records.ToList().FindIndex(r => r.Line == line);
        return (result, result.Rows[index]);
    }

    /// <summary>Whether the effect, printed the RevMan way (95 % Wald CI, exp for ratios), equals the record's printed values.</summary>
    private static bool Prints(StudyEffect effect, EffectMeasure measure, Pairwise70.Record record)
    {
        if (effect.Yi is not { } yi || effect.Vi is not { } vi)
        {
            return false;
        }

        var ci = StudyStatistics.Compute(yi, vi).ConfidenceInterval;
        var ratio = measure is EffectMeasure.RR or EffectMeasure.OR or EffectMeasure.PETO;
        Func<double, double> scale = ratio ? Math.Exp : x => x;
        var computed = new RevManValue(scale(yi), scale(ci.Lower), scale(ci.Upper));
        var printed = new RevManValue(record.Number("Mean")!.Value, record.Number("CI.start")!.Value, record.Number("CI.end")!.Value);
        return RevManRounding.Agrees(computed, printed);
    }
}
