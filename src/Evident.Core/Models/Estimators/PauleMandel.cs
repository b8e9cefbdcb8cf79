namespace Evident.Core.Models.Estimators;

/// <summary>
/// Paule &amp; Mandel (1982) estimator: the τ² ≥ 0 at which the generalized Q equals its expectation k − 1
/// (DerSimonian &amp; Kacker 2007), found by a bracketed root search. SE by the large-sample approximation
/// k·√(2/(k − 1)) / Σwᵢ with wᵢ = 1/(vᵢ + τ̂²), the form metafor reports for this family.
/// </summary>
internal static class PauleMandel
{
    public static Tau2Estimate Estimate(StudyData data) => SolveFor(data, data.K - 1);

    /// <summary>Solves Q(τ²) = target and attaches the SE; shared by the estimators of the generalized-Q family.</summary>
    internal static Tau2Estimate SolveFor(StudyData data, double target)
    {
        var root = GeneralizedQ.Solve(data, target);
        if (!root.Converged || double.IsNaN(root.Root))
        {
            return new Tau2Estimate(0, null, root.Iterations, false, new Issue(
                IssueCodes.NotConverged, IssueSeverity.Warning,
                "The generalized Q equation could not be solved; τ² is set to 0."));
        }

        return new Tau2Estimate(root.Root, StandardError(data, root.Root), root.Iterations);
    }

    /// <summary>k·√(2/(k − 1)) / Σ 1/(vᵢ + τ²).</summary>
    internal static double StandardError(StudyData data, double tau2) =>
        data.K * Math.Sqrt(2.0 / (data.K - 1)) / data.At(tau2).SumW;
}
