namespace Evident.Core.Models.Estimators;

/// <summary>
/// Hedges (1983) unweighted method-of-moments estimator ("HE"; also Hedges &amp; Olkin 1985, ch. 9):
/// τ̂² = max(0, Σ(yᵢ − ȳ)²/(k − 1) − Σvᵢ/k), ȳ the unweighted mean.
/// SE from Var(yᵀPy) = 2 tr(PΣPΣ) with the unweighted P = I − J/k (Viechtbauer 2005, eq. 11).
/// </summary>
internal static class Hedges
{
    public static Tau2Estimate Estimate(StudyData data)
    {
        var k = data.K;
        var tau2 = Math.Max(0, (data.SumOfSquares / (k - 1)) - (data.SumV / k));
        var trace = WeightedSums.TracePSigmaPSigma(data.V, _ => 1, v => v + tau2);
        return new Tau2Estimate(tau2, Math.Sqrt(2 * trace) / (k - 1));
    }
}
