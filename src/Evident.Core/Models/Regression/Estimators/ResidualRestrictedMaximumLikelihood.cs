namespace Evident.Core.Models.Regression.Estimators;

/// <summary>
/// Restricted maximum-likelihood estimator of the residual heterogeneity (Raudenbush 2009; Harville 1977;
/// Viechtbauer 2005), Fisher scoring from the Hedges estimate (<see cref="RegressionLikelihood.Maximize"/>). SE √(2/tr(PP)).
/// </summary>
internal static class ResidualRestrictedMaximumLikelihood
{
    public static Tau2Estimate Estimate(RegressionData data) =>
        RegressionLikelihood.Maximize(data, restricted: true, ResidualHedges.Start(data));
}
