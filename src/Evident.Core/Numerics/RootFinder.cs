namespace Evident.Core.Numerics;

/// <summary>One-dimensional root finding on a bracket.</summary>
internal static class RootFinder
{
    /// <summary>
    /// Finds a root of <paramref name="f"/> in [<paramref name="a"/>, <paramref name="b"/>], where f(a) and f(b) have
    /// opposite signs (or one is zero), by Brent's method (Brent 1973, <i>Algorithms for Minimization without
    /// Derivatives</i>, ch. 4): inverse quadratic interpolation and secant steps, falling back to bisection whenever
    /// they would leave the bracket or converge slowly, so convergence is guaranteed.
    /// Stops when the bracket is narrower than <paramref name="relativeTolerance"/>·|x| + <paramref name="absoluteTolerance"/>.
    /// </summary>
    public static RootResult Brent(Func<double, double> f, double a, double b, double relativeTolerance = 1e-15, double absoluteTolerance = 0, int maxIterations = 500)
    {
        var fa = f(a);
        var fb = f(b);
        if (fa == 0)
        {
            return new RootResult(a, 0, true);
        }

        if (fb == 0)
        {
            return new RootResult(b, 0, true);
        }

        if (double.IsNaN(fa) || double.IsNaN(fb) || Math.Sign(fa) == Math.Sign(fb))
        {
            return new RootResult(double.NaN, 0, false);
        }

        // c is the previous iterate with f(c) of opposite sign to f(b); b is the best estimate so far.
        double c = a, fc = fa, d = b - a, e = d;
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            if (Math.Sign(fb) == Math.Sign(fc))
            {
                c = a;
                fc = fa;
                d = e = b - a;
            }

            if (Math.Abs(fc) < Math.Abs(fb))
            {
                (a, b, c) = (b, c, b);
                (fa, fb, fc) = (fb, fc, fb);
            }

            var tol = (2 * double.Epsilon) + (relativeTolerance * Math.Abs(b)) + (0.5 * absoluteTolerance);
            tol = Math.Max(tol, 2 * 1.1102230246251565e-16 * Math.Abs(b));
            var m = 0.5 * (c - b);
            if (Math.Abs(m) <= tol || fb == 0)
            {
                return new RootResult(b, iteration, true);
            }

            if (Math.Abs(e) >= tol && Math.Abs(fa) > Math.Abs(fb))
            {
                double p, q;
                var s = fb / fa;
                if (a == c)
                {
                    // Secant step.
                    p = 2 * m * s;
                    q = 1 - s;
                }
                else
                {
                    // Inverse quadratic interpolation.
                    var qa = fa / fc;
                    var r = fb / fc;
                    p = s * ((2 * m * qa * (qa - r)) - ((b - a) * (r - 1)));
                    q = (qa - 1) * (r - 1) * (s - 1);
                }

                if (p > 0)
                {
                    q = -q;
                }
                else
                {
                    p = -p;
                }

                if (2 * p < Math.Min((3 * m * q) - Math.Abs(tol * q), Math.Abs(e * q)))
                {
                    e = d;
                    d = p / q;
                }
                else
                {
                    d = m;
                    e = m;
                }
            }
            else
            {
                d = m;
                e = m;
            }

            a = b;
            fa = fb;
            b += Math.Abs(d) > tol ? d : (m > 0 ? tol : -tol);
            fb = f(b);
            if (double.IsNaN(fb))
            {
                return new RootResult(double.NaN, iteration, false);
            }
        }

        return new RootResult(b, maxIterations, false);
    }

    /// <summary>
    /// Finds the root of a function that is positive at <paramref name="lower"/> and eventually negative above it
    /// (a decreasing estimating equation such as the generalized Q minus its target), by doubling an upper bound until
    /// the sign changes and then calling <see cref="Brent"/>.
    /// </summary>
    public static RootResult BracketUpward(Func<double, double> f, double lower, double initialStep, int maxDoublings = 200)
    {
        var step = initialStep > 0 && double.IsFinite(initialStep) ? initialStep : 1;
        var lo = lower;
        for (var i = 0; i < maxDoublings; i++)
        {
            var hi = lower + step;
            var fhi = f(hi);
            if (double.IsNaN(fhi))
            {
                return new RootResult(double.NaN, i, false);
            }

            if (fhi <= 0)
            {
                var result = Brent(f, lo, hi);
                return result with { Iterations = result.Iterations + i };
            }

            lo = hi;
            step *= 2;
        }

        return new RootResult(double.NaN, maxDoublings, false);
    }
}

/// <summary>The outcome of a root search.</summary>
/// <param name="Root">The root, or NaN when not found.</param>
/// <param name="Iterations">Function evaluations or iterations used.</param>
/// <param name="Converged">Whether the tolerance was met.</param>
internal readonly record struct RootResult(double Root, int Iterations, bool Converged);
