namespace Evident.Core.Models.Regression.Estimators;

/// <summary>
/// Hunter-Schmidt estimator with the small-sample correction (Brannick et al. 2019), with moderators:
/// τ̂² = max(0, k/(k − p) · (Q_E − (k − p)) / Σwᵢ), wᵢ = 1/vᵢ; SE k/(k − p) · √(2 tr(PΣPΣ)) / Σwᵢ.
/// </summary>
internal static class ResidualHunterSchmidtSmallK
{
    public static Tau2Estimate Estimate(RegressionData data)
    {
        var fe = data.At(0);
        var factor = data.K / (double)data.ResidualDf;
        var tau2 = Math.Max(0, factor * (fe.Rss - data.ResidualDf) / fe.SumWeights);
        var trace = fe.TracePDPD(data.MarginalVariances(tau2));
        return new Tau2Estimate(tau2, factor * Math.Sqrt(2 * trace) / fe.SumWeights);
    }
}
