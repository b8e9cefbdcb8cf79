using System.Globalization;
using Evident.Core.Numerics;

namespace Evident.Core.Models;

/// <summary>
/// The (restricted) log-likelihood of the random-effects model yᵢ ~ N(μ, vᵢ + τ²) profiled over μ, its score and
/// Fisher information in τ², and their maximization (Hardy &amp; Thompson 1996; Viechtbauer 2005, eqs. 5–8).
/// Constants that do not depend on τ² are dropped.
/// </summary>
/// <remarks>
/// ML: ℓ = −½[Σlog(vᵢ+τ²) + Σwᵢ(yᵢ−μ̂)²], score ½[Σwᵢ²(yᵢ−μ̂)² − Σwᵢ], information ½Σwᵢ².
/// REML: ℓ = −½[Σlog(vᵢ+τ²) + log Σwᵢ + Σwᵢ(yᵢ−μ̂)²], score ½[Σwᵢ²(yᵢ−μ̂)² − tr P], information ½ tr(PP).
/// </remarks>
internal static class Likelihood
{
    /// <summary>Log-likelihood from sums at τ².</summary>
    public static double LogLikelihood(in WeightedSums s, bool restricted) =>
        -0.5 * (s.SumLogV + s.Rss + (restricted ? Math.Log(s.SumW) : 0));

    /// <summary>Twice the score.</summary>
    public static double Score2(in WeightedSums s, bool restricted) => s.Rss2 - (restricted ? s.TraceP : s.SumW);

    /// <summary>Twice the Fisher information.</summary>
    public static double Information2(in WeightedSums s, bool restricted) => restricted ? s.TracePP : s.SumW2;

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
    public static Tau2Estimate Maximize(StudyData data, bool restricted, double start)
    {
        var local = LocalMaximum(data, restricted, start);
        if (local.Tau2 > 0)
        {
            var atLocal = LogLikelihood(data.At(local.Tau2, withLog: true), restricted);
            var atZero = LogLikelihood(data.At(0, withLog: true), restricted);
            if (atZero > atLocal + (1e-12 * (data.K + Math.Abs(atLocal))))
            {
                var global = BracketedMaximum(data, restricted, local.Iterations);
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
    private static Tau2Estimate LocalMaximum(StudyData data, bool restricted, double start)
    {
        var scale = data.Scale;
        var tau2 = Math.Max(0, double.IsFinite(start) ? start : 0);
        var sums = data.At(tau2, withLog: true);
        var ll = LogLikelihood(sums, restricted);
        for (var iteration = 1; iteration <= data.MaxIterations; iteration++)
        {
            var step = Score2(sums, restricted) / Information2(sums, restricted);
            if (!double.IsFinite(step))
            {
                break;
            }

            if (tau2 == 0 && step <= 0)
            {
                // Score ≤ 0 at the boundary: the constrained maximum is τ² = 0.
                return Finish(data, restricted, 0, iteration, true);
            }

            // Converged when the Fisher step is negligible on the data's scale. With very many studies the sums
            // carry rounding noise of order k·ε, so after a few iterations a step below 1e-9 of the scale is the
            // noise floor rather than progress.
            var size = Math.Abs(step) / (tau2 + scale);
            if (size <= 1e-12 || (iteration > 20 && size <= 1e-9))
            {
                return Finish(data, restricted, Math.Max(0, tau2 + step), iteration, true);
            }

            if (iteration > ScoringIterations && SolveScore(data, restricted, tau2, step, iteration) is { } solved)
            {
                return solved;
            }

            var next = tau2 + step;
            var halvings = 0;
            if (next < 0)
            {
                // Try the boundary itself before shrinking the step towards it.
                var atZero = data.At(0, withLog: true);
                if (Score2(atZero, restricted) <= 0 && LogLikelihood(atZero, restricted) >= ll)
                {
                    return Finish(data, restricted, 0, iteration, true);
                }

                while (next < 0 && halvings++ < 60)
                {
                    step /= 2;
                    next = tau2 + step;
                }
            }

            // Halve a step that lowers the likelihood by more than the rounding noise of a k-term sum.
            var noise = 1e-12 * (data.K + Math.Abs(ll));
            var nextSums = data.At(next, withLog: true);
            var nextLl = LogLikelihood(nextSums, restricted);
            while (nextLl < ll - noise && halvings++ < 60)
            {
                step /= 2;
                next = tau2 + step;
                nextSums = data.At(next, withLog: true);
                nextLl = LogLikelihood(nextSums, restricted);
            }

            tau2 = next;
            sums = nextSums;
            ll = nextLl;
        }

        var fallback = BracketedMaximum(data, restricted, data.MaxIterations);
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
    private static Tau2Estimate? SolveScore(StudyData data, bool restricted, double tau2, double step, int iterations)
    {
        double Score(double t) => Score2(data.At(t), restricted);
        var upward = step > 0;
        var width = Math.Max(Math.Abs(step), 1e-6 * (tau2 + data.Scale));
        var near = tau2;
        for (var doubling = 0; doubling < 200; doubling++)
        {
            var far = upward ? tau2 + width : Math.Max(0, tau2 - width);
            var score = Score(far);
            if (upward ? score <= 0 : score >= 0)
            {
                var (lo, hi) = upward ? (near, far) : (far, near);
                var root = RootFinder.Brent(Score, lo, hi);
                return root.Converged ? Finish(data, restricted, Math.Max(0, root.Root), iterations + doubling + root.Iterations, true) : null;
            }

            if (!upward && far == 0)
            {
                return Finish(data, restricted, 0, iterations + doubling, true);
            }

            near = far;
            width *= 2;
        }

        return null;
    }

    /// <summary>The global maximum on [0, ∞) located from the sign changes of the score on a log-spaced grid.</summary>
    private static Tau2Estimate BracketedMaximum(StudyData data, bool restricted, int iterationsBefore)
    {
        double Score(double t) => Score2(data.At(t), restricted);
        var scale = data.Scale;
        var upper = scale;
        var evaluations = 0;
        while (Score(upper) > 0 && evaluations++ < 200)
        {
            upper *= 2;
        }

        var best = 0.0;
        var bestLl = LogLikelihood(data.At(0, withLog: true), restricted);
        const int GridPoints = 400;
        var lower = upper * 1e-12;
        var previousT = 0.0;
        var previousScore = Score(0);
        for (var i = 0; i <= GridPoints; i++)
        {
            var t = lower * Math.Pow(upper / lower, i / (double)GridPoints);
            var score = Score(t);
            evaluations++;
            if (previousScore > 0 && score <= 0)
            {
                var root = RootFinder.Brent(Score, previousT, t);
                evaluations += root.Iterations;
                if (root.Converged)
                {
                    var candidateLl = LogLikelihood(data.At(root.Root, withLog: true), restricted);
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

        return Finish(data, restricted, best, iterationsBefore + evaluations, true);
    }

    private static Tau2Estimate Finish(StudyData data, bool restricted, double tau2, int iterations, bool converged)
    {
        var sums = data.At(tau2);
        var se = Math.Sqrt(2 / Information2(sums, restricted));
        return new Tau2Estimate(tau2, se, iterations, converged);
    }
}
