namespace Evident.Core.Models.Regression.Estimators;

/// <summary>
/// Hedges' unweighted method-of-moments estimator of the residual heterogeneity (Raudenbush 2009; Hedges &amp;
/// Olkin 1985): with the ordinary least-squares fit (P = I − X(XᵀX)⁻¹Xᵀ, leverages hᵢ),
/// τ̂² = max(0, (RSS − Σvᵢ(1 − hᵢ)) / (k − p)). SE √(2 tr(PΣPΣ)) / (k − p), Σ = diag(vᵢ + τ̂²).
/// </summary>
internal static class ResidualHedges
{
    public static Tau2Estimate Estimate(RegressionData data)
    {
        var ols = data.Unweighted();
        double expected = 0;
        for (var i = 0; i < data.K; i++)
        {
            expected += data.V[i] * (1 - ols.Leverage[i]);
        }

        var df = data.ResidualDf;
        var tau2 = Math.Max(0, (ols.Rss - expected) / df);
        var trace = ols.TracePDPD(data.MarginalVariances(tau2));
        return new Tau2Estimate(tau2, Math.Sqrt(2 * trace) / df);
    }

    /// <summary>The estimate alone (the starting value of ML and REML).</summary>
    public static double Start(RegressionData data) => Estimate(data).Tau2;
}
