namespace Evident.Core.Models.Estimators;

/// <summary>
/// Hunter &amp; Schmidt (2004) estimator as given by Viechtbauer (2005, eq. 9): τ̂² = max(0, (Q − k)/Σw), wᵢ = 1/vᵢ.
/// SE: √(2 tr(PΣPΣ))/Σw with Σ = diag(vᵢ + τ̂²).
/// </summary>
internal static class HunterSchmidt
{
    public static Tau2Estimate Estimate(StudyData data)
    {
        var fe = data.At(0);
        var tau2 = Math.Max(0, (fe.Rss - data.K) / fe.SumW);
        var trace = WeightedSums.TracePSigmaPSigma(data.V, v => 1 / v, v => v + tau2);
        return new Tau2Estimate(tau2, Math.Sqrt(2 * trace) / fe.SumW);
    }
}
