namespace Evident.Core.Models.Estimators;

/// <summary>
/// Hunter-Schmidt estimator with the small-sample correction of Brannick et al. (2019, "HSk"):
/// τ̂² = max(0, k/(k − 1) · (Q − (k − 1))/Σw), wᵢ = 1/vᵢ; its SE is k/(k − 1) times the Hunter-Schmidt form.
/// </summary>
internal static class HunterSchmidtSmallK
{
    public static Tau2Estimate Estimate(StudyData data)
    {
        var k = data.K;
        var fe = data.At(0);
        var factor = k / (k - 1.0);
        var tau2 = Math.Max(0, factor * (fe.Rss - (k - 1)) / fe.SumW);
        var trace = WeightedSums.TracePSigmaPSigma(data.V, v => 1 / v, v => v + tau2);
        return new Tau2Estimate(tau2, factor * Math.Sqrt(2 * trace) / fe.SumW);
    }
}
