using Evident.Core.Numerics;

namespace Evident.Core.Models.Regression.Estimators;

/// <summary>
/// Median-unbiased Paule-Mandel estimator with moderators (Viechtbauer 2021): Q(τ²) equals the median of χ²(k − p).
/// </summary>
internal static class ResidualPauleMandelMedian
{
    public static Tau2Estimate Estimate(RegressionData data) =>
        ResidualPauleMandel.SolveFor(data, Probability.ChiSquareQuantile(0.5, data.ResidualDf));
}
