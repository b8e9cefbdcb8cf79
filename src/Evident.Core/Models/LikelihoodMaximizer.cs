using System.Globalization;
using Evident.Core.Numerics;

namespace Evident.Core.Models;

/// <summary>The (restricted) profile log-likelihood of τ² at one point, without constants; twice its score and information.</summary>
/// <param name="LogLikelihood">ℓ(τ²) without the terms that do not depend on τ².</param>
/// <param name="Score2">2 ∂ℓ/∂τ².</param>
/// <param name="Information2">Twice the Fisher information of τ².</param>
internal readonly record struct LikelihoodPoint(double LogLikelihood, double Score2, double Information2);

/// <summary>A (restricted) profile likelihood of τ² as <see cref="LikelihoodMaximizer"/> sees it.</summary>
internal interface ILikelihoodSurface
{
    /// <summary>Number of studies.</summary>
    int K { get; }

    /// <summary>The data's scale (<see cref="StudyData.Summarize"/>), for step sizes and tolerances.</summary>
    double Scale { get; }

    /// <summary>Iteration cap of Fisher scoring.</summary>
    int MaxIterations { get; }

    /// <summary>The likelihood, score and information at τ².</summary>
    LikelihoodPoint Point(double tau2);

    /// <summary>Twice the score alone at τ² (cheaper where the likelihood itself is not needed).</summary>
    double Score2(double tau2);
}

/// <summary>
/// Maximizes a (restricted) profile likelihood of τ² over [0, ∞): the same algorithm for the model without moderators
/// (<see cref="Likelihood"/>) and the meta-regression (<c>Regression.RegressionLikelihood</c>).
/// </summary>
internal static class LikelihoodMaximizer
{
    /// <summary>Fisher-scoring iterations after which the root of the score is bracketed and solved instead.</summary>
    private const int ScoringIterations = 10;

    /// <summary>
    /// Maximizes the (restricted) likelihood over τ² ≥ 0 by Fisher scoring from <paramref name="start"/>, halving a
    /// step that would leave [0, ∞) or lower the likelihood. Fisher scoring converges linearly, and very slowly where
    /// the likelihood is flat (many studies with large variances, e.g. continuity-corrected zero cells), which is where
    /// metafor reports non-convergence; so after <see cref="ScoringIterations"/> iterations the root of the score is
    /// bracketed next to the current point and found by Brent's method (Brent 1973), which converges superlinearly.
    /// If even that fails, a bracketed search over sign changes of the score finds the global maximum on [0, ∞) (the
    /// likelihood tends to −∞ as τ² → ∞, so one exists).
    /// </summary>
    /// <remarks>
    /// The likelihood can have two local maxima, one at the boundary τ² = 0 and one inside (a few large studies that
    /// agree and small ones that do not). An interior maximum is therefore compared with τ² = 0, as metafor does; if the
    /// boundary is higher, the global maximum is located by the bracketed search and a <c>local-maximum</c> note says so.
    /// </remarks>
    public static Tau2Estimate Maximize<TSurface>(TSurface surface, bool restricted, double start, int gridPoints)
        where TSurface : ILikelihoodSurface
    {
        var local = LocalMaximum(surface, start, gridPoints);
        if (local.Tau2 > 0)
        {
            var atLocal = surface.Point(local.Tau2).LogLikelihood;
            var atZero = surface.Point(0).LogLikelihood;
            if (atZero > atLocal + (1e-12 * (surface.K + Math.Abs(atLocal))))
            {
                var global = BracketedMaximum(surface, local.Iterations, gridPoints);
                return global with
                {
                    Note = new Issue(IssueCodes.LocalMaximum, IssueSeverity.Info, string.Create(CultureInfo.InvariantCulture,
                        $"The {(restricted ? "restricted " : string.Empty)}likelihood has a local maximum at τ² = {local.Tau2:G6}; the global maximum, at τ² = {global.Tau2:G6}, is reported.")),
                };
            }
        }

        return local;
    }

    /// <summary>The local maximum reached from <paramref name="start"/> (see <see cref="Maximize"/>).</summary>
    private static Tau2Estimate LocalMaximum<TSurface>(TSurface surface, double start, int gridPoints)
        where TSurface : ILikelihoodSurface
    {
        var scale = surface.Scale;
        var tau2 = Math.Max(0, double.IsFinite(start) ? start : 0);
        var point = surface.Point(tau2);
        for (var iteration = 1; iteration <= surface.MaxIterations; iteration++)
        {
            var step = point.Score2 / point.Information2;
            if (!double.IsFinite(step))
            {
                break;
            }

            if (tau2 == 0 && step <= 0)
            {
                // Score ≤ 0 at the boundary: the constrained maximum is τ² = 0.
                return Finish(surface, 0, iteration);
            }

            // Converged when the Fisher step is negligible on the data's scale. With very many studies the sums
            // carry rounding noise of order k·ε, so after a few iterations a step below 1e-9 of the scale is the
            // noise floor rather than progress.
            var size = Math.Abs(step) / (tau2 + scale);
            if (size <= 1e-12 || (iteration > 20 && size <= 1e-9))
            {
                return Finish(surface, Math.Max(0, tau2 + step), iteration);
            }

            if (iteration > ScoringIterations && SolveScore(surface, tau2, step, iteration) is { } solved)
            {
                return solved;
            }

            var next = tau2 + step;
            var halvings = 0;
            if (next < 0)
            {
                // Try the boundary itself before shrinking the step towards it.
                var atZero = surface.Point(0);
                if (atZero.Score2 <= 0 && atZero.LogLikelihood >= point.LogLikelihood)
                {
                    return Finish(surface, 0, iteration);
                }

                while (next < 0 && halvings++ < 60)
                {
                    step /= 2;
                    next = tau2 + step;
                }
            }

            // Halve a step that lowers the likelihood by more than the rounding noise of a k-term sum.
            var noise = 1e-12 * (surface.K + Math.Abs(point.LogLikelihood));
            var nextPoint = surface.Point(next);
            while (nextPoint.LogLikelihood < point.LogLikelihood - noise && halvings++ < 60)
            {
                step /= 2;
                next = tau2 + step;
                nextPoint = surface.Point(next);
            }

            tau2 = next;
            point = nextPoint;
        }

        var fallback = BracketedMaximum(surface, surface.MaxIterations, gridPoints);
        return fallback with
        {
            Note = new Issue(IssueCodes.NotConverged, IssueSeverity.Info,
                "Fisher scoring did not converge; the maximum was located by a bracketed search over τ² instead."),
        };
    }

    /// <summary>
    /// The root of the score next to <paramref name="tau2"/>, in the direction of the Fisher step: the step is
    /// doubled until the score changes sign (or τ² = 0 is reached with the score still negative, the boundary
    /// maximum), then Brent's method solves the bracket. Null if no sign change is found.
    /// </summary>
    private static Tau2Estimate? SolveScore<TSurface>(TSurface surface, double tau2, double step, int iterations)
        where TSurface : ILikelihoodSurface
    {
        double Score(double t) => surface.Score2(t);
        var upward = step > 0;
        var width = Math.Max(Math.Abs(step), 1e-6 * (tau2 + surface.Scale));
        var near = tau2;
        for (var doubling = 0; doubling < 200; doubling++)
        {
            var far = upward ? tau2 + width : Math.Max(0, tau2 - width);
            var score = Score(far);
            if (upward ? score <= 0 : score >= 0)
            {
                var (lo, hi) = upward ? (near, far) : (far, near);
                var root = RootFinder.Brent(Score, lo, hi);
                return root.Converged ? Finish(surface, Math.Max(0, root.Root), iterations + doubling + root.Iterations) : null;
            }

            if (!upward && far == 0)
            {
                return Finish(surface, 0, iterations + doubling);
            }

            near = far;
            width *= 2;
        }

        return null;
    }

    /// <summary>The global maximum on [0, ∞) located from the sign changes of the score on a log-spaced grid.</summary>
    private static Tau2Estimate BracketedMaximum<TSurface>(TSurface surface, int iterationsBefore, int gridPoints)
        where TSurface : ILikelihoodSurface
    {
        double Score(double t) => surface.Score2(t);
        var upper = surface.Scale;
        var evaluations = 0;
        while (Score(upper) > 0 && evaluations++ < 200)
        {
            upper *= 2;
        }

        var best = 0.0;
        var bestLl = surface.Point(0).LogLikelihood;
        var lower = upper * 1e-12;
        var previousT = 0.0;
        var previousScore = Score(0);
        for (var i = 0; i <= gridPoints; i++)
        {
            var t = lower * Math.Pow(upper / lower, i / (double)gridPoints);
            var score = Score(t);
            evaluations++;
            if (previousScore > 0 && score <= 0)
            {
                var root = RootFinder.Brent(Score, previousT, t);
                evaluations += root.Iterations;
                if (root.Converged)
                {
                    var candidateLl = surface.Point(root.Root).LogLikelihood;
                    if (candidateLl > bestLl)
                    {
                        best = root.Root;
                        bestLl = candidateLl;
                    }
                }
            }

            previousT = t;
            previousScore = score;
        }

        return Finish(surface, best, iterationsBefore + evaluations);
    }

    /// <summary>The estimate at τ², with the SE √(2/information) (the inverse Fisher information of τ²).</summary>
    private static Tau2Estimate Finish<TSurface>(TSurface surface, double tau2, int iterations)
        where TSurface : ILikelihoodSurface
        => new(tau2, Math.Sqrt(2 / surface.Point(tau2).Information2), iterations, true);
}
