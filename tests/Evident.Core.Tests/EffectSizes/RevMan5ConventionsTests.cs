using Evident.Core.EffectSizes;
using Escalc = Evident.Core.EffectSizes.EffectSizes;

namespace Evident.Core.Tests.EffectSizes;

/// <summary>
/// <see cref="EffectConventions.RevMan5"/> on small made-up tables, against the formulas of Deeks &amp; Higgins (2010) worked
/// by hand (each expected value's arithmetic is in the comment). The same conventions against RevMan's own printed values are
/// in <c>Validation/RevManPairwise70Tests</c>.
/// </summary>
public sealed class RevMan5ConventionsTests
{
    private static readonly EscalcOptions RevMan5 = new() { Conventions = EffectConventions.RevMan5 };

    private static StudyEffect One(EffectMeasure measure, StudyInput study, EscalcOptions? options = null) =>
        Escalc.Compute(measure, [study], options).Studies[0];

    private static StudyInput Table(double a, double n1, double c, double n2) => new() { Ai = a, N1i = n1, Ci = c, N2i = n2 };

    [Fact]
    public void Default_IsMetafor()
    {
        Assert.Equal(EffectConventions.Metafor, EscalcOptions.Default.Conventions);
    }

    [Fact]
    public void Smd_UsesHedgesAdjustedGWithRevManVariance()
    {
        // 12 (SD 2, n 10) vs 10 (SD 2, n 10): sp = 2, d = 1, N = 20, J = 1 − 3/71, g = 68/71 = 0.95774647887…;
        // vi = 20/100 + g²/(2·16.06) = 0.2 + 0.91727832…/32.12 = 0.22855785547…
        var study = new StudyInput { M1i = 12, Sd1i = 2, N1i = 10, M2i = 10, Sd2i = 2, N2i = 10 };

        var revMan = One(EffectMeasure.SMD, study, RevMan5);
        var metafor = One(EffectMeasure.SMD, study);

        Tolerances.ClosedForm.AssertClose(68.0 / 71, revMan.Yi!.Value, "g");
        Tolerances.ClosedForm.AssertClose(0.22855785547304136, revMan.Vi!.Value, "vi");
        // metafor: exact c(18) = 0.95764642702…, vi = 0.2 + g²/40.
        Tolerances.ClosedForm.AssertClose(0.9576464270237166, metafor.Yi!.Value, "metafor g");
        Tolerances.ClosedForm.AssertClose(0.22292716697978227, metafor.Vi!.Value, "metafor vi");
    }

    [Fact]
    public void Smd_WithThreeParticipants_IsZero()
    {
        // N = 3: J = 1 − 3/(12 − 9) = 0, so g = 0 and vi = N/(n1 n2) = 3/2, as RevMan prints it.
        var effect = One(EffectMeasure.SMD, new StudyInput { M1i = 3, Sd1i = 1, N1i = 2, M2i = 2, Sd2i = 1, N2i = 1 }, RevMan5);

        Assert.Equal(0, effect.Yi!.Value);
        Tolerances.ClosedForm.AssertClose(1.5, effect.Vi!.Value, "vi");
    }

    [Theory]
    [InlineData(EffectMeasure.MD)]
    [InlineData(EffectMeasure.SMD)]
    public void ZeroSd_IsNotEstimable(EffectMeasure measure)
    {
        var study = new StudyInput { M1i = 1, Sd1i = 0, N1i = 24, M2i = 1.75, Sd2i = 1.4, N2i = 24 };

        var set = Escalc.Compute(measure, [study], RevMan5);

        Assert.Null(set.Studies[0].Yi);
        Assert.Contains(set.Issues, i => i.Code == IssueCodes.NonPositiveSd);
        Assert.NotNull(One(measure, study).Yi);
    }

    [Fact]
    public void Or_WithAZeroCell_AddsHalfToEveryCell()
    {
        // 0/10 vs 5/10 → 0.5, 10.5, 5.5, 5.5: log OR = log(0.5·5.5/(10.5·5.5)) = log(1/21), vi = 2 + 1/10.5 + 2/5.5.
        var effect = One(EffectMeasure.OR, Table(0, 10, 5, 10), RevMan5);

        Tolerances.ClosedForm.AssertClose(Math.Log(1.0 / 21), effect.Yi!.Value, "yi");
        Tolerances.ClosedForm.AssertClose(2 + (1 / 10.5) + (2 / 5.5), effect.Vi!.Value, "vi");
    }

    [Theory]
    [InlineData(EffectMeasure.OR, 0, 0)]
    [InlineData(EffectMeasure.OR, 10, 8)]
    [InlineData(EffectMeasure.RR, 0, 0)]
    [InlineData(EffectMeasure.PETO, 0, 0)]
    [InlineData(EffectMeasure.PETO, 10, 8)]
    public void NoEventsOrOnlyEventsInBothGroups_IsNotEstimable(EffectMeasure measure, double a, double c)
    {
        var set = Escalc.Compute(measure, [Table(a, 10, c, 8)], RevMan5 with { Drop00 = false });

        Assert.Null(set.Studies[0].Yi);
        Assert.Equal(IssueCodes.DroppedDoubleZero, Assert.Single(set.Issues).Code);
        Assert.NotNull(One(measure, Table(a, 10, c, 8)).Yi);
    }

    [Fact]
    public void Rr_WithOnlyEventsInBothGroups_IsOneWithTheCorrectedVariance()
    {
        // 10/10 vs 8/8: RR = 1 (log 0); variance from 10.5, 0.5, 8.5, 0.5: 1/10.5 − 1/11 + 1/8.5 − 1/9.
        var effect = One(EffectMeasure.RR, Table(10, 10, 8, 8), RevMan5);

        Assert.Equal(0, effect.Yi!.Value);
        Tolerances.ClosedForm.AssertClose((1 / 10.5) - (1 / 11.0) + (1 / 8.5) - (1 / 9.0), effect.Vi!.Value, "vi");
    }

    [Fact]
    public void Rd_WithAZeroCell_IsTheRawDifferenceWithTheCorrectedVariance()
    {
        // 2/20 vs 0/20: RD = 0.1; variance from 2.5, 18.5, 0.5, 20.5: 2.5·18.5/21³ + 0.5·20.5/21³.
        var effect = One(EffectMeasure.RD, Table(2, 20, 0, 20), RevMan5);

        Tolerances.ClosedForm.AssertClose(0.1, effect.Yi!.Value, "yi");
        Tolerances.ClosedForm.AssertClose(((2.5 * 18.5) + (0.5 * 20.5)) / (21.0 * 21 * 21), effect.Vi!.Value, "vi");
        Tolerances.ClosedForm.AssertClose((2.5 / 21) - (0.5 / 21), One(EffectMeasure.RD, Table(2, 20, 0, 20)).Yi!.Value, "metafor yi");
    }

    [Fact]
    public void Rd_WithNoEventsInBothGroups_IsZeroWithAFiniteVariance()
    {
        // 0/20 vs 0/25: RD = 0; variance 0.5·20.5/21³ + 0.5·25.5/26³.
        var effect = One(EffectMeasure.RD, Table(0, 20, 0, 25), RevMan5);

        Assert.Equal(0, effect.Yi!.Value);
        Tolerances.ClosedForm.AssertClose((0.5 * 20.5 / (21.0 * 21 * 21)) + (0.5 * 25.5 / (26.0 * 26 * 26)), effect.Vi!.Value, "vi");
    }

    [Fact]
    public void Peto_WithAZeroCell_IsNotCorrected()
    {
        // 0/10 vs 5/10: E = 10·5/20 = 2.5, V = 10·10·5·15/(20²·19) = 0.98684…, yi = −2.5/V = −2.5333…, vi = 1/V = 1.01333…
        var set = Escalc.Compute(EffectMeasure.PETO, [Table(0, 10, 5, 10)], RevMan5);

        Tolerances.ClosedForm.AssertClose(-2.5 * 20 * 20 * 19 / 7500, set.Studies[0].Yi!.Value, "yi");
        Tolerances.ClosedForm.AssertClose(20.0 * 20 * 19 / 7500, set.Studies[0].Vi!.Value, "vi");
        Assert.DoesNotContain(set.Issues, i => i.Code == IssueCodes.ContinuityCorrection);
    }

    [Fact]
    public void ContinuityTarget_IsIgnored()
    {
        // RevMan corrects exactly the tables with a zero cell, whatever `to` says.
        var studies = new[] { Table(0, 10, 5, 10), Table(3, 10, 5, 10) };

        var set = Escalc.Compute(EffectMeasure.OR, studies, RevMan5 with { To = ContinuityTarget.All });

        Tolerances.ClosedForm.AssertClose(Math.Log(3.0 * 5 / (7 * 5)), set.Studies[1].Yi!.Value, "uncorrected yi");
        Assert.Single(set.Issues, i => i.Code == IssueCodes.ContinuityCorrection);
    }
}
