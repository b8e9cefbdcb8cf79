using Evident.Core.Models;
using Evident.Core.Sensitivity;

namespace Evident.Core.Tests.Sensitivity;

/// <summary>
/// Every leave-one-out and cumulative row equals <see cref="MetaAnalysis.Fit"/> on those studies, for every estimator
/// and test: the deletion sums, warm starts and series (<c>MomentSeries</c>, used at large k) change the cost, not
/// the numbers.
/// </summary>
public sealed class LeaveOneOutAgreementTests
{
    public static IEnumerable<TheoryDataRow<Tau2Method, TestMethod>> MethodsAndTests() =>
        from m in Enum.GetValues<Tau2Method>() from t in new[] { TestMethod.Z, TestMethod.KNHA } select new TheoryDataRow<Tau2Method, TestMethod>(m, t);

    [Theory]
    [MemberData(nameof(MethodsAndTests))]
    public void LeaveOneOutAndCumulativeRows_EqualFreshFits(Tau2Method method, TestMethod test)
    {
        var (yi, vi) = Simulate(25, seed: 11);
        var options = new FitOptions { Method = method, Test = test, PredictionInterval = PredictionIntervalType.Riley };
        var loo = SensitivityAnalysis.LeaveOneOut(yi, vi, options);
        for (var i = 0; i < yi.Length; i++)
        {
            var fit = MetaAnalysis.Fit([.. yi.Where((_, j) => j != i)], [.. vi.Where((_, j) => j != i)], options);
            AssertSame(fit, loo.Rows[i], Tol(method), $"{method} {test} without {i + 1}");
        }

        var order = Enumerable.Range(0, yi.Length).Reverse().ToArray();
        var cumulative = SensitivityAnalysis.Cumulative(yi, vi, order, options);
        for (var j = 0; j < yi.Length; j++)
        {
            var fit = MetaAnalysis.Fit([.. order.Take(j + 1).Select(i => yi[i])], [.. order.Take(j + 1).Select(i => vi[i])], options);
            AssertSame(fit, cumulative.Rows[j], Tol(method), $"{method} {test} step {j + 1}");
        }
    }

    [Theory]
    [InlineData(Tau2Method.REML)]
    [InlineData(Tau2Method.ML)]
    [InlineData(Tau2Method.PM)]
    [InlineData(Tau2Method.EB)]
    public void LeaveOneOut_ManyStudies_SeriesPathEqualsFreshFits(Tau2Method method)
    {
        var (yi, vi) = Simulate(400, seed: 3);
        var options = new FitOptions { Method = method };
        var loo = SensitivityAnalysis.LeaveOneOut(yi, vi, options);
        var influence = SensitivityAnalysis.Influence(yi, vi, options);
        for (var i = 0; i < yi.Length; i += 37)
        {
            var fit = MetaAnalysis.Fit([.. yi.Where((_, j) => j != i)], [.. vi.Where((_, j) => j != i)], options);
            AssertSame(fit, loo.Rows[i], Tolerances.Iterative, $"{method} without {i + 1}");
            Tolerances.Iterative.AssertClose(fit.Tau2, influence.Rows[i].Tau2Deleted!.Value, $"{method} tau2.del {i + 1}");
        }
    }

    private static Tolerance Tol(Tau2Method method) =>
        method is Tau2Method.REML or Tau2Method.ML or Tau2Method.PM or Tau2Method.EB or Tau2Method.PMM or Tau2Method.DLIT
            ? Tolerances.Iterative : Tolerances.ClosedForm;

    private static void AssertSame(MetaAnalysisResult fit, FitRow row, Tolerance tol, string what)
    {
        Assert.Equal(fit.K, row.K);
        Assert.Equal(fit.Test, row.Test);
        tol.AssertClose(fit.Estimate, row.Estimate, $"{what} estimate");
        tol.AssertClose(fit.StandardError, row.StandardError, $"{what} se");
        tol.AssertClose(fit.Tau2, row.Tau2, $"{what} tau2");
        tol.AssertClose(fit.PValue, row.PValue, $"{what} p");
        tol.AssertClose(fit.ConfidenceInterval.Lower, row.ConfidenceInterval.Lower, $"{what} ci.lb");
        tol.AssertClose(fit.Q, row.Q, $"{what} Q");
        tol.AssertClose(fit.QPValue, row.QPValue, $"{what} Qp");
        tol.ScaledTo(100).AssertClose(fit.I2, row.I2, $"{what} I2");
        tol.AssertClose(fit.H2, row.H2, $"{what} H2");
        tol.AssertClose(fit.PredictionInterval!.Value.Upper, row.PredictionInterval.Upper, $"{what} pi.ub");
        Assert.Equal(fit.PredictionDf, row.PredictionDf);
    }

    private static (double[] Yi, double[] Vi) Simulate(int k, int seed)
    {
        var random = new Random(seed);
        var vi = Enumerable.Range(0, k).Select(_ => 0.01 + random.NextDouble()).ToArray();
        var yi = vi.Select(v => 0.5 + (Math.Sqrt(v + 0.25) * Normal(random))).ToArray();
        return (yi, vi);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
