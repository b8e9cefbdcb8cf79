using Evident.Core.Bias;
using Evident.Core.Models;

namespace Evident.Core.Tests.Bias;

/// <summary>
/// Published values from <c>/work/shared/reference/metafor.md</c> §2.3 (items 16 and 21–24, metafor's own tests) and the
/// [C] values computed with metafor 3.8-1 listed after item 30, with <see cref="Tolerances.Published"/>. The inputs are the
/// escalc output stored in the bias fixtures (the same data the items use).
/// </summary>
public sealed class BiasPublishedValuesTests
{
    private static readonly Tolerance Published = Tolerances.Published;

    [Fact]
    public void Egger2001_RegressionAndRankTests_MatchItem21()
    {
        var d = BiasFixtures.All["egger2001_OR"];

        var rma = RegressionTest.Run(d.Yi, d.Vi);
        var lm = RegressionTest.Run(d.Yi, d.Vi, new RegressionTestOptions
        {
            Model = RegressionTestModel.Lm,
            Predictor = RegressionTestPredictor.SqrtNInv,
            Ni = d.Ni,
        });
        var rank = RankCorrelationTest.Run(d.Yi, d.Vi);

        Published.AssertClose(-4.6686, rma.Statistic!.Value);
        Published.AssertClose(-5.6083, lm.Statistic!.Value);
        Published.AssertClose(0.15, rank.Tau!.Value);
        Published.AssertClose(0.4503, rank.PValue!.Value);
        Assert.True(rank.Exact);
    }

    [Fact]
    public void Dorn2007_ExcessSignificance_MatchesItem22()
    {
        var d = BiasFixtures.All["dorn2007_RR"];

        var chi2 = ExcessSignificance.Run(d.Yi, d.Vi, new ExcessSignificanceOptions { Test = ExcessSignificanceTest.ChiSquare });
        var binom = ExcessSignificance.Run(d.Yi, d.Vi, new ExcessSignificanceOptions { Test = ExcessSignificanceTest.Binomial });
        var exact = ExcessSignificance.Run(d.Yi, d.Vi, new ExcessSignificanceOptions { Test = ExcessSignificanceTest.Exact });
        var auto = ExcessSignificance.Run(d.Yi, d.Vi);

        Assert.Equal(10, chi2.Observed);
        Published.AssertClose(4.923333, chi2.Expected!.Value);
        Published.AssertClose(7.065648, chi2.ChiSquare!.Value);
        Published.AssertClose(0.003928794, chi2.PValue!.Value);
        Published.AssertClose(0.01159554, binom.PValue!.Value);
        Published.AssertClose(0.007778529, exact.PValue!.Value);
        Assert.Equal(ExcessSignificanceTest.Exact, auto.Test);
    }

    [Theory]
    [InlineData("raudenbush1985", 26, 0.05, 44, 0)]
    [InlineData("hackshaw1998", 393, 0.049, 186, 202)]
    [InlineData("mcdaniel1994_ZCOR", 50364, 0.15, 129, 45528)]
    public void FailSafeN_MatchesItem23(string dataset, int rosenthal, double target, int orwin, int rosenberg)
    {
        var d = BiasFixtures.All[dataset];

        Assert.Equal(rosenthal, FailSafeN.Rosenthal(d.Yi, d.Vi).N);
        Assert.Equal(orwin, FailSafeN.Orwin(d.Yi, target).N);
        Assert.Equal(rosenberg, FailSafeN.Rosenberg(d.Yi, d.Vi).N);
    }

    [Fact]
    public void Hackshaw1998_StepFunctionSelectionModel_MatchesItem24()
    {
        var d = BiasFixtures.All["hackshaw1998"];

        var result = StepFunctionSelectionModel.Fit(d.Yi, d.Vi, new SelectionModelOptions { Steps = [0.05, 0.10, 0.50, 1] });

        double[] delta = [1, 2.422079, 0.977543, 0.396713];
        double?[] se = [null, 1.66085, 0.820387, 0.469235];
        for (var j = 0; j < 4; j++)
        {
            Published.AssertClose(delta[j], result.Weights[j].Delta);
            Assert.Equal(se[j] is null, result.Weights[j].StandardError is null);
            if (se[j] is { } s)
            {
                Published.AssertClose(s, result.Weights[j].StandardError!.Value);
            }
        }

        Published.AssertClose(7.066137, result.Lrt!.Value);
        Assert.Equal(3, result.LrtDf);
        Published.AssertClose(0.03071325, result.Tau2!.Value);
    }

    [Fact]
    public void Lee2004_HenmiCopas_MatchesItem16()
    {
        var d = BiasFixtures.All["lee2004_OR"];

        var dl = MetaAnalysis.Fit(d.Yi, d.Vi, FitOptions.Default with { Method = Tau2Method.DL });
        var hc = HenmiCopas.Fit(d.Yi, d.Vi);

        Published.AssertClose(0.3325, dl.Tau2);
        Published.AssertClose(-0.6787, dl.Estimate);
        Published.AssertClose(-1.0664, dl.ConfidenceInterval.Lower);
        Published.AssertClose(-0.2911, dl.ConfidenceInterval.Upper);
        Published.AssertClose(0.3325, hc.Tau2!.Value);
        Published.AssertClose(-0.5145, hc.Estimate!.Value);
        Published.AssertClose(-0.9994, hc.ConfidenceInterval!.Value.Lower);
        Published.AssertClose(-0.0295, hc.ConfidenceInterval!.Value.Upper);
    }

    [Fact]
    public void Bcg_RegressionAndRankTests_MatchComputedValues()
    {
        var d = BiasFixtures.All["bcg_RR"];

        var rma = RegressionTest.Run(d.Yi, d.Vi);
        var lm = RegressionTest.Run(d.Yi, d.Vi, new RegressionTestOptions { Model = RegressionTestModel.Lm });
        var rank = RankCorrelationTest.Run(d.Yi, d.Vi);

        Published.AssertClose(-0.8033, rma.Statistic!.Value);
        Published.AssertClose(0.4218, rma.PValue!.Value);
        Published.AssertClose(-0.5104, rma.LimitEstimate!.Value);
        Published.AssertClose(-1.4013, lm.Statistic!.Value);
        Assert.Equal(11, lm.Df);
        Published.AssertClose(0.1887, lm.PValue!.Value);
        Published.AssertClose(0.0256, rank.Tau!.Value);
        Published.AssertClose(0.9524, rank.PValue!.Value);
    }

    [Fact]
    public void Hackshaw1998_TrimAndFillAndRegressionTest_MatchComputedValues()
    {
        var d = BiasFixtures.All["hackshaw1998"];

        var random = TrimAndFill.Run(d.Yi, d.Vi);
        var equal = TrimAndFill.Run(d.Yi, d.Vi, new TrimAndFillOptions { Fit = FitOptions.Default with { Method = Tau2Method.EE } });
        var regtest = RegressionTest.Run(d.Yi, d.Vi);

        Assert.Equal(7, random.K0);
        Assert.Equal(FunnelSide.Left, random.Side);
        Assert.Equal(7, random.Filled.Count);
        Published.AssertClose(0.1745, random.Fit!.Estimate);
        Published.AssertClose(0.0795, random.Fit.ConfidenceInterval.Lower);
        Published.AssertClose(0.2694, random.Fit.ConfidenceInterval.Upper);
        Assert.Equal(7, equal.K0);
        Published.AssertClose(0.1556, equal.Fit!.Estimate);
        Published.AssertClose(0.0842, equal.Fit.ConfidenceInterval.Lower);
        Published.AssertClose(0.2270, equal.Fit.ConfidenceInterval.Upper);
        Published.AssertClose(2.1055, regtest.Statistic!.Value);
        Published.AssertClose(0.0352, regtest.PValue!.Value);
    }
}
