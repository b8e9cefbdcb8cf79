namespace Evident.Core.Models.Regression.Estimators;

/// <summary>
/// Empirical Bayes estimator with moderators (Morris 1983; Berkey et al. 1995): the τ² solving
/// Σwᵢ[k/(k − p)·rᵢ² − vᵢ − τ²] = 0, wᵢ = 1/(vᵢ + τ²), rᵢ the weighted-fit residuals.
/// </summary>
/// <remarks>
/// Implementation note: Σwᵢ(vᵢ + τ²) = k, so the equation is k/(k − p)·yᵀPy = k, i.e. Q(τ²) = k − p, the Paule-Mandel
/// equation; both share one bracketed root search (their SEs are the same form too).
/// </remarks>
internal static class ResidualEmpiricalBayes
{
    public static Tau2Estimate Estimate(RegressionData data) => ResidualPauleMandel.SolveFor(data, data.ResidualDf);
}
