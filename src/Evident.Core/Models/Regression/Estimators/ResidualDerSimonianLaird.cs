namespace Evident.Core.Models.Regression.Estimators;

/// <summary>
/// DerSimonian-Laird estimator of the residual heterogeneity (Raudenbush 2009; DerSimonian &amp; Laird 1986):
/// τ̂² = max(0, (Q_E − (k − p)) / tr P) with wᵢ = 1/vᵢ and Q_E = yᵀPy. SE √(2 tr(PΣPΣ)) / tr P with Σ = diag(vᵢ + τ̂²).
/// </summary>
internal static class ResidualDerSimonianLaird
{
    public static Tau2Estimate Estimate(RegressionData data)
    {
        var fe = data.At(0);
        var tau2 = Math.Max(0, (fe.Rss - data.ResidualDf) / fe.TraceP);
        var trace = fe.TracePDPD(data.MarginalVariances(tau2));
        return new Tau2Estimate(tau2, Math.Sqrt(2 * trace) / fe.TraceP);
    }
}
