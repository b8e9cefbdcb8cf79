namespace Evident.Core.Models.Estimators;

/// <summary>
/// Maximum-likelihood estimator of τ² (Hardy &amp; Thompson 1996; Viechtbauer 2005, eq. 6), by Fisher scoring from
/// the Hedges estimate with a bracketed fallback (<see cref="Likelihood.Maximize"/>). SE √(2/Σwᵢ²), wᵢ = 1/(vᵢ + τ̂²).
/// </summary>
internal static class MaximumLikelihood
{
    public static Tau2Estimate Estimate(StudyData data) =>
        Likelihood.Maximize(data, restricted: false, Hedges.Estimate(data).Tau2);
}
