namespace Evident.Core.Models.Regression.Estimators;

/// <summary>
/// Maximum-likelihood estimator of the residual heterogeneity (Raudenbush 2009; Hardy &amp; Thompson 1996),
/// Fisher scoring from the Hedges estimate (<see cref="RegressionLikelihood.Maximize"/>). SE √(2/Σwᵢ²), wᵢ = 1/(vᵢ + τ̂²).
/// </summary>
internal static class ResidualMaximumLikelihood
{
    public static Tau2Estimate Estimate(RegressionData data) =>
        RegressionLikelihood.Maximize(data, restricted: false, ResidualHedges.Start(data));
}
