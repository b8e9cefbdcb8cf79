namespace Evident.Core.Models.Regression.Estimators;

/// <summary>
/// Sidik &amp; Jonkman (2005) estimator with moderators: τ̂₀² = Σ(yᵢ − ȳ)²/k (the unweighted spread about the mean, as
/// metafor 3.8-1 starts also with moderators), weights aᵢ = 1/(vᵢ + τ̂₀²), τ̂² = τ̂₀² · yᵀPₐy / (k − p).
/// SE τ̂₀² √(2 tr(PₐΣPₐΣ)) / (k − p), Σ = diag(vᵢ + τ̂²).
/// </summary>
internal static class ResidualSidikJonkman
{
    public static Tau2Estimate Estimate(RegressionData data)
    {
        var df = data.ResidualDf;
        var tau0 = data.SumOfSquares / data.K;
        var fit = data.At(tau0);
        var tau2 = tau0 * fit.Rss / df;
        var trace = fit.TracePDPD(data.MarginalVariances(tau2));
        return new Tau2Estimate(tau2, tau0 * Math.Sqrt(2 * trace) / df);
    }
}
