using Evident.Core.Numerics;

namespace Evident.Core.Models.Estimators;

/// <summary>
/// Median-unbiased Paule-Mandel estimator (Viechtbauer 2021, after Jackson et al.): the τ² ≥ 0 at which the
/// generalized Q equals the median of χ²(k − 1) instead of its mean.
/// </summary>
internal static class PauleMandelMedian
{
    public static Tau2Estimate Estimate(StudyData data) =>
        PauleMandel.SolveFor(data, Probability.ChiSquareQuantile(0.5, data.K - 1));
}
