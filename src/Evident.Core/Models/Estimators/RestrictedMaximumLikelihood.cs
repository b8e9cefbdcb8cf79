namespace Evident.Core.Models.Estimators;

/// <summary>
/// Restricted maximum-likelihood estimator of τ² (Harville 1977; Viechtbauer 2005, eq. 8), by Fisher scoring from
/// the Hedges estimate with a bracketed fallback (<see cref="Likelihood.Maximize"/>). SE √(2/tr(PP)).
/// </summary>
internal static class RestrictedMaximumLikelihood
{
    public static Tau2Estimate Estimate(StudyData data) =>
        Likelihood.Maximize(data, restricted: true, Hedges.Estimate(data).Tau2);
}
