namespace Evident.Core.Models.Regression.Estimators;

/// <summary>
/// Hunter-Schmidt estimator with moderators (Viechtbauer 2005, eq. 9, with Q_E for Q): τ̂² = max(0, (Q_E − k) / Σwᵢ),
/// wᵢ = 1/vᵢ. SE √(2 tr(PΣPΣ)) / Σwᵢ. Observed to be what metafor 3.8-1 computes with moderators.
/// </summary>
internal static class ResidualHunterSchmidt
{
    public static Tau2Estimate Estimate(RegressionData data)
    {
        var fe = data.At(0);
        var tau2 = Math.Max(0, (fe.Rss - data.K) / fe.SumWeights);
        var trace = fe.TracePDPD(data.MarginalVariances(tau2));
        return new Tau2Estimate(tau2, Math.Sqrt(2 * trace) / fe.SumWeights);
    }
}
