using Evident.Core.Numerics;

namespace Evident.Core.Models.Regression.Estimators;

/// <summary>
/// Paule &amp; Mandel (1982) estimator generalized to meta-regression (Viechtbauer et al. 2015): the τ² ≥ 0 at which
/// Q(τ²) = yᵀP(τ²)y, strictly decreasing in τ², equals its expectation k − p; bracketed root search and Brent's method.
/// SE √(2k²/(k − p)) / Σwᵢ with wᵢ = 1/(vᵢ + τ̂²), the large-sample form metafor reports for this family.
/// </summary>
internal static class ResidualPauleMandel
{
    public static Tau2Estimate Estimate(RegressionData data) => SolveFor(data, data.ResidualDf);

    /// <summary>Solves Q(τ²) = <paramref name="target"/>; shared by the estimators of the generalized-Q family.</summary>
    public static Tau2Estimate SolveFor(RegressionData data, double target)
    {
        RootResult root;
        if (data.At(0).Rss <= target)
        {
            root = new RootResult(0, 0, true);
        }
        else
        {
            root = RootFinder.BracketUpward(t => data.At(t).Rss - target, 0, data.Scale);
        }

        if (!root.Converged || double.IsNaN(root.Root))
        {
            return new Tau2Estimate(0, null, root.Iterations, false, new Issue(IssueCodes.NotConverged, IssueSeverity.Warning,
                "The generalized Q equation could not be solved; τ² is set to 0."));
        }

        var tau2 = Math.Max(0, root.Root);
        var k = data.K;
        var se = Math.Sqrt(2.0 * k * k / data.ResidualDf) / data.At(tau2).SumWeights;
        return new Tau2Estimate(tau2, se, root.Iterations);
    }
}
