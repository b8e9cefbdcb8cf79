using System.Globalization;
using Evident.Core.Numerics;

namespace Evident.Core.Models.Regression;

/// <summary>
/// The (restricted) log-likelihood of the mixed-effects model yᵢ ~ N(xᵢᵀβ, vᵢ + τ²) profiled over β, its score and
/// Fisher information in τ² (Raudenbush 2009, ch. 16; Viechtbauer 2005; Harville 1977), and their maximization.
/// </summary>
/// <remarks>
/// ML: ℓ = −½[k log 2π + Σlog(vᵢ + τ²) + yᵀPy], score ½[yᵀPPy − Σwᵢ], information ½Σwᵢ².
/// REML: ℓ = −½[(k − p) log 2π + Σlog(vᵢ + τ²) + log|XᵀWX| − log|XᵀX| + yᵀPy], score ½[yᵀPPy − tr P], information
/// ½ tr(PP). The log|XᵀX| term makes the REML likelihood invariant to a reparameterization of X (it is the form metafor
/// reports).
/// </remarks>
internal static class RegressionLikelihood
{
    /// <summary>Fisher-scoring iterations after which the root of the score is bracketed and solved instead.</summary>
    private const int ScoringIterations = 10;

    /// <summary>The full log-likelihood (with constants) of a fit at τ².</summary>
    public static double LogLikelihood(RegressionData data, WeightedFit fit, double tau2, bool restricted, double logDetXtX)
    {
        var n = restricted ? data.ResidualDf : data.K;
        var ll = -0.5 * ((n * Math.Log(2 * Math.PI)) + data.SumLogV(tau2) + fit.Rss);
        return restricted ? ll - (0.5 * (fit.LogDetXtAX - logDetXtX)) : ll;
    }

    /// <summary>
    /// Maximizes the (restricted) likelihood over τ² ≥ 0 by Fisher scoring from <paramref name="start"/>, halving a step
    /// that would leave [0, ∞) or lower the likelihood; after <see cref="ScoringIterations"/> iterations the root of the
    /// score is bracketed and solved by Brent's method (Brent 1973); a log-spaced search over sign changes of the score is
    /// the last resort. An interior maximum is compared with τ² = 0, as for the model without moderators.
    /// </summary>
    public static Tau2Estimate Maximize(RegressionData data, bool restricted, double start)
    {
        var local = LocalMaximum(data, restricted, start);
        if (local.Tau2 > 0)
        {
            var atLocal = Objective(data, data.At(local.Tau2), local.Tau2, restricted);
            var atZero = Objective(data, data.At(0), 0, restricted);
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

    /// <summary>The log-likelihood without its constant terms (what the maximization compares).</summary>
    private static double Objective(RegressionData data, WeightedFit fit, double tau2, bool restricted) =>
        -0.5 * (data.SumLogV(tau2) + fit.Rss + (restricted ? fit.LogDetXtAX : 0));

    private static double Score2(WeightedFit fit, bool restricted) => fit.Rss2 - (restricted ? fit.TraceP : fit.SumWeights);

    private static double Information2(WeightedFit fit, bool restricted) => restricted ? fit.TracePP() : fit.SumWeights2;

    private static Tau2Estimate LocalMaximum(RegressionData data, bool restricted, double start)
    {
        var scale = data.Scale;
        var tau2 = Math.Max(0, double.IsFinite(start) ? start : 0);
        var fit = data.At(tau2);
        var ll = Objective(data, fit, tau2, restricted);
        for (var iteration = 1; iteration <= data.MaxIterations; iteration++)
        {
            var step = Score2(fit, restricted) / Information2(fit, restricted);
            if (!double.IsFinite(step))
            {
                break;
            }

            if (tau2 == 0 && step <= 0)
            {
                return Finish(data, restricted, 0, iteration);
            }

            var size = Math.Abs(step) / (tau2 + scale);
            if (size <= 1e-12 || (iteration > 20 && size <= 1e-9))
            {
                return Finish(data, restricted, Math.Max(0, tau2 + step), iteration);
            }

            if (iteration > ScoringIterations && SolveScore(data, restricted, tau2, step, iteration) is { } solved)
            {
                return solved;
            }

            var next = tau2 + step;
            var halvings = 0;
            if (next < 0)
            {
                var atZero = data.At(0);
                if (Score2(atZero, restricted) <= 0 && Objective(data, atZero, 0, restricted) >= ll)
                {
                    return Finish(data, restricted, 0, iteration);
                }

                while (next < 0 && halvings++ < 60)
                {
                    step /= 2;
                    next = tau2 + step;
                }
            }

            var noise = 1e-12 * (data.K + Math.Abs(ll));
            var nextFit = data.At(next);
            var nextLl = Objective(data, nextFit, next, restricted);
            while (nextLl < ll - noise && halvings++ < 60)
            {
                step /= 2;
                next = tau2 + step;
                nextFit = data.At(next);
                nextLl = Objective(data, nextFit, next, restricted);
            }

            tau2 = next;
            fit = nextFit;
            ll = nextLl;
        }

        var fallback = BracketedMaximum(data, restricted, data.MaxIterations);
        return fallback with
        {
            Note = new Issue(IssueCodes.NotConverged, IssueSeverity.Info,
                "Fisher scoring did not converge; the maximum was located by a bracketed search over τ² instead."),
        };
    }

    /// <summary>The root of the score next to τ², in the direction of the Fisher step (null if no sign change is found).</summary>
    private static Tau2Estimate? SolveScore(RegressionData data, bool restricted, double tau2, double step, int iterations)
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
                return root.Converged ? Finish(data, restricted, Math.Max(0, root.Root), iterations + doubling + root.Iterations) : null;
            }

            if (!upward && far == 0)
            {
                return Finish(data, restricted, 0, iterations + doubling);
            }

            near = far;
            width *= 2;
        }

        return null;
    }

    /// <summary>The global maximum on [0, ∞) from the sign changes of the score on a log-spaced grid.</summary>
    private static Tau2Estimate BracketedMaximum(RegressionData data, bool restricted, int iterationsBefore)
    {
        double Score(double t) => Score2(data.At(t), restricted);
        var upper = data.Scale;
        var evaluations = 0;
        while (Score(upper) > 0 && evaluations++ < 200)
        {
            upper *= 2;
        }

        var best = 0.0;
        var bestLl = Objective(data, data.At(0), 0, restricted);
        const int GridPoints = 200;
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
                    var candidate = Objective(data, data.At(root.Root), root.Root, restricted);
                    if (candidate > bestLl)
                    {
                        best = root.Root;
                        bestLl = candidate;
                    }
                }
            }

            previousT = t;
            previousScore = score;
        }

        return Finish(data, restricted, best, iterationsBefore + evaluations);
    }

    private static Tau2Estimate Finish(RegressionData data, bool restricted, double tau2, int iterations)
    {
        var fit = data.At(tau2);
        var se = Math.Sqrt(2 / Information2(fit, restricted));
        return new Tau2Estimate(tau2, se, iterations, true);
    }
}
