namespace Evident.Core.Models.Estimators;

/// <summary>
/// Sidik &amp; Jonkman (2005) estimator: start from τ̂₀² = ((k − 1)/k)·var(y) = Σ(yᵢ − ȳ)²/k, weight
/// aᵢ = 1/(vᵢ + τ̂₀²), and set τ̂² = τ̂₀² · Σaᵢ(yᵢ − μ̂ₐ)² / (k − 1). Never negative.
/// SE: τ̂₀² √(2 tr(PₐΣPₐΣ)) / (k − 1) with Σ = diag(vᵢ + τ̂²).
/// </summary>
internal static class SidikJonkman
{
    public static Tau2Estimate Estimate(StudyData data)
    {
        var k = data.K;
        var tau0 = data.SumOfSquares / k;
        var sums = data.At(tau0);
        var tau2 = tau0 * sums.Rss / (k - 1);
        var trace = WeightedSums.TracePSigmaPSigma(data.V, v => 1 / (v + tau0), v => v + tau2);
        return new Tau2Estimate(tau2, tau0 * Math.Sqrt(2 * trace) / (k - 1));
    }
}
