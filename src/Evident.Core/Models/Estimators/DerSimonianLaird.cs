namespace Evident.Core.Models.Estimators;

/// <summary>
/// DerSimonian &amp; Laird (1986) method-of-moments estimator:
/// τ̂² = max(0, (Q − (k − 1)) / (Σw − Σw²/Σw)) with wᵢ = 1/vᵢ and Q Cochran's statistic.
/// Its SE follows from Var(Q) = 2 tr(PΣPΣ) with Σ = diag(vᵢ + τ̂²) (Viechtbauer 2005, eq. 13).
/// </summary>
internal static class DerSimonianLaird
{
    /// <summary>The estimate from Cochran's Q, or from <paramref name="q"/> when given (Q around another centre).</summary>
    public static Tau2Estimate Estimate(StudyData data, double? q = null)
    {
        var fe = data.At(0);
        var tau2 = Math.Max(0, ((q ?? fe.Rss) - (data.K - 1)) / fe.TraceP);
        var trace = WeightedSums.TracePSigmaPSigma(data.V, v => 1 / v, v => v + tau2);
        return new Tau2Estimate(tau2, Math.Sqrt(2 * trace) / fe.TraceP);
    }
}
