using Evident.Core.Models;

namespace Evident.Core.Tests.Models;

/// <summary>I² and H² from Q with the test-based CI (R's meta, <c>method.I2 = "Q"</c>), against values meta printed.</summary>
public sealed class HeterogeneityBasisTests
{
    /// <summary>
    /// Harrer et al., "Doing Meta-Analysis in R", ThirdWave data (reference/domain.md C4): per-study SMD with the 95% CI
    /// the book prints (4 decimals); the SE is recovered from the CI.
    /// </summary>
    private static readonly (double Yi, double Lower, double Upper)[] ThirdWave =
    [
        (0.7091, 0.1979, 1.2203), (0.3549, -0.0300, 0.7397), (1.7912, 1.1139, 2.4685), (0.1825, -0.0484, 0.4133),
        (0.4219, 0.1380, 0.7057), (0.6300, 0.2458, 1.0142), (0.7249, 0.2846, 1.1652), (0.5287, 0.1162, 0.9412),
        (0.2840, -0.0453, 0.6133), (1.2751, 0.6142, 1.9360), (0.1036, -0.2781, 0.4853), (0.3884, -0.0639, 0.8407),
        (0.5407, 0.0619, 1.0196), (0.4262, -0.0794, 0.9317), (0.5154, -0.1731, 1.2039), (1.4797, 0.8618, 2.0977),
        (0.6126, 0.1683, 1.0569), (0.6000, 0.1120, 1.0880),
    ];

    private static MetaAnalysisResult FitThirdWave(HeterogeneityBasis basis)
    {
        var z = 1.959963984540054;
        var yi = ThirdWave.Select(s => s.Yi).ToArray();
        var vi = ThirdWave.Select(s => Math.Pow((s.Upper - s.Lower) / (2 * z), 2)).ToArray();
        return MetaAnalysis.Fit(yi, vi, new FitOptions { Method = Tau2Method.REML, Test = TestMethod.KNHA, Heterogeneity = basis });
    }

    [Fact]
    public void QBasedI2_ReproducesMetaPrintedValues()
    {
        // meta (metagen, REML, Hartung-Knapp) as printed in the book: 0.5771 [0.3782; 0.7760], t = 6.12,
        // τ² = 0.0820 [0.0295; 0.3533], I² = 62.6% [37.9%; 77.5%], Q = 45.50 on 17 df.
        var fit = FitThirdWave(HeterogeneityBasis.Q);

        Tolerances.Published.AssertClose(0.5771, fit.Estimate);
        Tolerances.Published.AssertClose(0.3782, fit.ConfidenceInterval.Lower);
        Tolerances.Published.AssertClose(0.7760, fit.ConfidenceInterval.Upper);
        Tolerances.Published.AssertClose(6.12, fit.Statistic!.Value);
        Tolerances.Published.AssertClose(0.0820, fit.Tau2);
        Tolerances.Published.AssertClose(0.0295, fit.Tau2ConfidenceInterval!.Value.Lower);
        Tolerances.Published.AssertClose(0.3533, fit.Tau2ConfidenceInterval!.Value.Upper);
        Tolerances.Published.AssertClose(45.50, fit.Q);
        Tolerances.Published.AssertClose(62.6, fit.I2);
        Tolerances.Published.AssertClose(37.9, fit.I2ConfidenceInterval!.Value.Lower);
        Tolerances.Published.AssertClose(77.5, fit.I2ConfidenceInterval!.Value.Upper);
    }

    [Fact]
    public void QBasedI2_IsTheCommonEffectFormula_AndLeavesTheRestAlone()
    {
        var byQ = FitThirdWave(HeterogeneityBasis.Q);
        var byTau2 = FitThirdWave(HeterogeneityBasis.Tau2);

        Tolerances.ClosedForm.AssertClose(100 * (byQ.Q - byQ.QDf) / byQ.Q, byQ.I2);
        Tolerances.ClosedForm.AssertClose(byQ.Q / byQ.QDf, byQ.H2);
        // H²'s CI is the square of H's, and I² = (H² − 1)/H² at each bound.
        var h2 = byQ.H2ConfidenceInterval!.Value;
        Tolerances.ClosedForm.AssertClose(100 * (h2.Lower - 1) / h2.Lower, byQ.I2ConfidenceInterval!.Value.Lower);
        Tolerances.ClosedForm.AssertClose(100 * (h2.Upper - 1) / h2.Upper, byQ.I2ConfidenceInterval!.Value.Upper);
        Assert.Equal(byTau2.Estimate, byQ.Estimate);
        Assert.Equal(byTau2.Tau2, byQ.Tau2);
        Assert.Equal(byTau2.Tau2ConfidenceInterval, byQ.Tau2ConfidenceInterval);
        Assert.NotEqual(byTau2.I2, byQ.I2);
    }

    [Fact]
    public void QBasedI2_WithSmallQ_UsesTheSmallSampleSe_AndFloorsAtZero()
    {
        // Q < k: SE(ln H) = √(1/(2(k − 2))·(1 − 1/(3(k − 2)²))); H's lower bound is floored at 1, so I²'s at 0.
        var fit = MetaAnalysis.Fit([0.1, 0.3, 0.0, 0.2], [0.04, 0.05, 0.03, 0.06], new FitOptions { Heterogeneity = HeterogeneityBasis.Q });

        Assert.InRange(fit.Q, 0.5, 3); // below its df, above where the upper bound would be floored too
        Assert.Equal(0, fit.I2);
        Assert.Equal(0, fit.I2ConfidenceInterval!.Value.Lower);
        var se = Math.Sqrt(1.0 / 4 * (1 - (1.0 / 12)));
        var upperH = Math.Exp((0.5 * Math.Log(fit.Q / 3)) + (1.959963984540054 * se));
        Tolerances.ClosedForm.AssertClose(100 * ((upperH * upperH) - 1) / (upperH * upperH), fit.I2ConfidenceInterval!.Value.Upper);
    }
}
