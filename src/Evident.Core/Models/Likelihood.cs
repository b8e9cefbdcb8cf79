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

    /// <summary>
    /// Maximizes the (restricted) likelihood over τ² ≥ 0 by Fisher scoring from <paramref name="start"/>, halving a
    /// step that would leave [0, ∞) or lower the likelihood; if that does not converge, a bracketed search over
    /// sign changes of the score finds the global maximum on [0, ∞) (the likelihood tends to −∞ as τ² → ∞, so one
    /// exists).
    /// </summary>
    public static Tau2Estimate Maximize(StudyData data, bool restricted, double start)
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

        return BracketedMaximum(data, restricted);
    }

    /// <summary>The global maximum on [0, ∞) located from the sign changes of the score on a log-spaced grid.</summary>
    private static Tau2Estimate BracketedMaximum(StudyData data, bool restricted)
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

        var result = Finish(data, restricted, best, data.MaxIterations + evaluations, true);
        return result with
        {
            Note = new Issue(IssueCodes.NotConverged, IssueSeverity.Info,
                "Fisher scoring did not converge; the maximum was located by a bracketed search over τ² instead."),
        };
    }

    private static Tau2Estimate Finish(StudyData data, bool restricted, double tau2, int iterations, bool converged)
    {
        var sums = data.At(tau2);
        var se = Math.Sqrt(2 / Information2(sums, restricted));
        return new Tau2Estimate(tau2, se, iterations, converged);
    }
}
