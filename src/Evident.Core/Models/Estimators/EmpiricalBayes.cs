namespace Evident.Core.Models.Estimators;

/// <summary>
/// Empirical Bayes estimator (Morris 1983; Berkey et al. 1995): the τ² solving
/// Σwᵢ[k/(k − 1)·(yᵢ − μ̂)² − vᵢ − τ²] = 0 with wᵢ = 1/(vᵢ + τ²).
/// </summary>
/// <remarks>
/// Implementation note: since Σwᵢ(vᵢ + τ²) = k, the equation rearranges to Σwᵢ(yᵢ − μ̂)² = k − 1, the
/// Paule-Mandel equation, so both share one bracketed root search rather than two iterations that could stop
/// at slightly different points.
/// </remarks>
internal static class EmpiricalBayes
{
    public static Tau2Estimate Estimate(StudyData data) => PauleMandel.SolveFor(data, data.K - 1);
}
