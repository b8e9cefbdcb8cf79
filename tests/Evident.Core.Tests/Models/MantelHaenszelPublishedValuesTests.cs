using Evident.Core.EffectSizes;
using Evident.Core.Models;

namespace Evident.Core.Tests.Models;

/// <summary>
/// Published Mantel-Haenszel and Peto values at <see cref="Tolerances.Published"/>, as metafor's own tests assert them:
/// <c>/work/shared/reference/metafor.md</c> §2.3 items 4 and 5 (BCG against Stata's metan), 6 (Rothman, Greenland &amp;
/// Lash 2008, ch. 15, all at level 90) and 17 (Yusuf et al. 1985, table 6), and the Breslow-Day and CMH statistics SAS's
/// PROC FREQ prints for Liu's (1992) lung cancer and smoking data. Expected numbers are typed here; the BCG and Yusuf
/// counts come from the R-written fixtures (metadat's data sets), the other tables are typed from the book.
/// </summary>
public sealed class MantelHaenszelPublishedValuesTests
{
    private static void Near(double expected, double? actual, string what)
    {
        Assert.True(actual.HasValue, what + ": expected a value, got null");
        Tolerances.Published.AssertClose(expected, actual.Value, what);
    }

    private static void Near(double lower, double upper, Interval? actual, string what)
    {
        Assert.True(actual.HasValue, what + ": expected an interval, got null");
        Near(lower, actual.Value.Lower, what + ".lower");
        Near(upper, actual.Value.Upper, what + ".upper");
    }

    private static void NearExp(double estimate, double lower, double upper, TableFitResult r)
    {
        var exp = BackTransform.For(r.Measure)!;
        Assert.Equal("exp", exp.Name);
        Near(estimate, exp.Apply(r.Estimate!.Value), "exp(estimate)");
        Near(lower, exp.Apply(r.ConfidenceInterval!.Value.Lower), "exp(CI).lower");
        Near(upper, exp.Apply(r.ConfidenceInterval!.Value.Upper), "exp(CI).upper");
    }

    private static StudyInput[] Tables(double[] ai, double[] bi, double[] ci, double[] di) =>
        [.. ai.Select((_, i) => new StudyInput { Ai = ai[i], Bi = bi[i], Ci = ci[i], Di = di[i] })];

    private static readonly StudyInput[] Tolbutamide = Tables([8, 22], [98, 76], [5, 16], [115, 69]);

    private static readonly StudyInput[] Spermicide = Tables([3, 1], [9, 3], [104, 5], [1059, 86]);

    // Rothman 2008 Table 15-2: CHD deaths and person-years (in 10,000s) of smokers and nonsmokers, 5 age strata.
    private static readonly StudyInput[] SmokingPersonTime =
    [
        new() { X1i = 32, T1i = 5.2407, X2i = 2, T2i = 1.8790 },
        new() { X1i = 104, T1i = 4.3248, X2i = 12, T2i = 1.0673 },
        new() { X1i = 206, T1i = 2.8612, X2i = 28, T2i = 0.5710 },
        new() { X1i = 186, T1i = 1.2663, X2i = 28, T2i = 0.2585 },
        new() { X1i = 102, T1i = 0.5317, X2i = 31, T2i = 0.1462 },
    ];

    private static readonly TableFitOptions Level90 = new() { Level = 90 };

    // ---- item 4: BCG, rma.mh / rma.peto against Stata's metan ----

    [Theory]
    [InlineData(EffectMeasure.RR, -0.4537, -0.5308, -0.3766, -11.5338, 152.5676)]
    [InlineData(EffectMeasure.OR, -0.4734, -0.5538, -0.3930, -11.5444, 163.9426)]
    [InlineData(EffectMeasure.RD, -0.0033, -0.0039, -0.0027, -11.4708, 386.7759)] // Sato-Greenland-Robins SE; metan 11.56
    public void Bcg_MantelHaenszel_MatchesMetan(EffectMeasure measure, double estimate, double lower, double upper, double z, double q)
    {
        var r = MantelHaenszel.Fit(measure, MhFixtures.Dataset("bcg").Studies());

        Near(estimate, r.Estimate, "estimate");
        Near(lower, upper, r.ConfidenceInterval, "CI");
        Near(z, r.Statistic, "z");
        Near(q, r.Q, "QE");
        Assert.Equal(12, r.QDf);
    }

    [Fact]
    public void Bcg_Peto_MatchesMetan()
    {
        var r = Peto.Fit(MhFixtures.Dataset("bcg").Studies());

        Near(-0.4744, r.Estimate, "estimate");
        Near(-0.5541, -0.3948, r.ConfidenceInterval, "CI");
        Near(-11.6689, r.Statistic, "z");
        Near(167.7302, r.Q, "QE");
    }

    // ---- items 4 and 5: the same fits back-transformed (confint(res, transf=exp)) ----

    [Fact]
    public void Bcg_BackTransformed_MatchesMetan()
    {
        NearExp(0.6353, 0.5881, 0.6862, MantelHaenszel.Fit(EffectMeasure.RR, MhFixtures.Dataset("bcg").Studies()));
        NearExp(0.6229, 0.5748, 0.6750, MantelHaenszel.Fit(EffectMeasure.OR, MhFixtures.Dataset("bcg").Studies()));
        NearExp(0.6222, 0.5746, 0.6738, Peto.Fit(MhFixtures.Dataset("bcg").Studies()));
    }

    // ---- item 6: Rothman, Greenland & Lash (2008) ch. 15, level 90 ----

    [Fact]
    public void Rothman2008_Tolbutamide_RiskDifference()
    {
        var r = MantelHaenszel.Fit(EffectMeasure.RD, Tolbutamide, Level90);

        Near(0.0349, r.Estimate, "estimate");
        Near(-0.0176, 0.0874, r.ConfidenceInterval, "CI");
        Near(0.0017, r.Q, "QE");
        Near(0.9669, r.QPValue, "QEp");
    }

    [Fact]
    public void Rothman2008_Tolbutamide_RiskRatio()
    {
        var r = MantelHaenszel.Fit(EffectMeasure.RR, Tolbutamide, Level90);

        Near(0.2818, r.Estimate, "estimate");
        Near(-0.1442, 0.7078, r.ConfidenceInterval, "CI");
        Near(0.4472, r.Q, "QE");
        Near(0.5037, r.QPValue, "QEp");
        NearExp(1.3256, 0.8658, 2.0296, r);
    }

    [Fact]
    public void Rothman2008_Tolbutamide_OddsRatio_Uncorrected()
    {
        var r = MantelHaenszel.Fit(EffectMeasure.OR, Tolbutamide, Level90 with { Correct = false });

        Near(0.3387, r.Estimate, "estimate");
        Near(-0.1731, 0.8505, r.ConfidenceInterval, "CI");
        Near(0.3474, r.Q, "QE");
        Near(0.5556, r.QPValue, "QEp");
        Near(1.1976, r.Cochran?.Statistic, "CO");
        Near(0.2738, r.Cochran?.PValue, "COp");
        Near(1.1914, r.CochranMantelHaenszel?.Statistic, "MH");
        Near(0.2750, r.CochranMantelHaenszel?.PValue, "MHp");
        Near(0.3489, r.Tarone?.Statistic, "TA");
        Near(0.5547, r.Tarone?.PValue, "TAp");
        NearExp(1.4031, 0.8411, 2.3409, r);
    }

    [Fact]
    public void Rothman2008_Spermicide_OddsRatio_Uncorrected()
    {
        var r = MantelHaenszel.Fit(EffectMeasure.OR, Spermicide, Level90 with { Correct = false });

        Near(1.3300, r.Estimate, "estimate");
        Near(0.3579, 2.3021, r.ConfidenceInterval, "CI");
        Near(0.1378, r.Q, "QE");
        Near(0.7105, r.QPValue, "QEp");
        Near(5.8248, r.Cochran?.Statistic, "CO");
        Near(0.0158, r.Cochran?.PValue, "COp");
        Near(5.8092, r.CochranMantelHaenszel?.Statistic, "MH");
        Near(0.0159, r.CochranMantelHaenszel?.PValue, "MHp");
        Near(0.1391, r.Tarone?.Statistic, "TA");
    }

    [Fact]
    public void Rothman2008_PersonTime_RateDifference()
    {
        var r = MantelHaenszel.Fit(EffectMeasure.IRD, SmokingPersonTime, Level90);

        Near(11.4392, r.Estimate, "estimate");
        Near(6.3498, 16.5286, r.ConfidenceInterval, "CI");
        Near(26.8758, r.Q, "QE");
        Assert.Null(r.CochranMantelHaenszel);
    }

    [Fact]
    public void Rothman2008_PersonTime_RateRatio_WithMantelHaenszelTest()
    {
        var r = MantelHaenszel.Fit(EffectMeasure.IRR, SmokingPersonTime, Level90);

        Near(0.3539, r.Estimate, "estimate");
        Near(0.1776, 0.5303, r.ConfidenceInterval, "CI");
        Near(10.4117, r.Q, "QE");
        Near(0.0340, r.QPValue, "QEp");
        Near(10.7021, r.CochranMantelHaenszel?.Statistic, "MH");
        Near(0.0011, r.CochranMantelHaenszel?.PValue, "MHp");
        NearExp(1.4247, 1.1944, 1.6994, r);

        var uncorrected = MantelHaenszel.Fit(EffectMeasure.IRR, SmokingPersonTime, Level90 with { Correct = false });
        Near(11.0162, uncorrected.CochranMantelHaenszel?.Statistic, "MH (correct = false)");
        Near(0.0009, uncorrected.CochranMantelHaenszel?.PValue, "MHp (correct = false)");
    }

    // ---- item 17: Yusuf et al. (1985) table 6, Peto's method ----

    [Fact]
    public void Yusuf1985_Table6_Peto()
    {
        var r = Peto.Fit(MhFixtures.Dataset("yusuf1985_table6").Studies());

        NearExp(0.9332, 0.7385, 1.1792, r);
        Assert.Equal(21, r.K); // row 8 (Snow 1) has no counts: a missing-value issue, left out
        Assert.Contains(r.Issues, i => i.Code == IssueCodes.MissingValue && i.StudyIndex == 7);
    }

    // ---- Breslow-Day: Liu (1992), lung cancer and smoking in 8 Chinese cities; SAS PROC FREQ (CMH option) prints
    // Breslow-Day 5.200 on 7 df (p 0.636), the CMH statistic 280.138 and the MH odds ratio 2.174 ----

    [Fact]
    public void ChinaSmoking_BreslowDay_MatchesSasProcFreq()
    {
        var studies = Tables(
            [126, 908, 913, 235, 402, 182, 60, 104],
            [100, 688, 747, 172, 308, 156, 99, 89],
            [35, 497, 336, 58, 121, 72, 11, 21],
            [61, 807, 598, 121, 215, 98, 43, 36]);

        var r = MantelHaenszel.Fit(EffectMeasure.OR, studies, new TableFitOptions { Correct = false });

        Near(5.200, r.BreslowDay?.Statistic, "Breslow-Day");
        Assert.Equal(7, r.BreslowDay?.Df);
        Near(0.636, r.BreslowDay?.PValue, "Breslow-Day p");
        Near(280.138, r.CochranMantelHaenszel?.Statistic, "CMH");
        Near(2.174, Math.Exp(r.Estimate!.Value), "MH odds ratio");
    }
}
