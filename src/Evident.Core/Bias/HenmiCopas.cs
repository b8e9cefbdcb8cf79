using Evident.Core.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Evident.Core.Bias;

/// <summary>The Henmi &amp; Copas estimate and interval. Values that do not exist are null, never NaN; <see cref="Issues"/> says why.</summary>
public sealed record HenmiCopasResult
{
    /// <summary>Number of studies.</summary>
    public required int K { get; init; }
    /// <summary>Confidence level in percent.</summary>
    public required double Level { get; init; }
    /// <summary>The equal-effects (inverse-variance) estimate β̂ = Σwᵢyᵢ/Σwᵢ, wᵢ = 1/vᵢ.</summary>
    public double? Estimate { get; init; }
    /// <summary>Its standard error under the random-effects model, √(1/W₁ + τ̂²W₂/W₁²).</summary>
    public double? StandardError { get; init; }
    /// <summary>The interval β̂ ± t·SE, t from the distribution of the studentized estimate with τ² estimated.</summary>
    public Interval? ConfidenceInterval { get; init; }
    /// <summary>The multiplier t of the SE (where the normal interval would use z).</summary>
    public double? CriticalValue { get; init; }
    /// <summary>DerSimonian-Laird τ̂².</summary>
    public double? Tau2 { get; init; }
    /// <summary>Errors and notes.</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}

/// <summary>
/// The Henmi &amp; Copas (2010) interval: a random-effects confidence interval around the equal-effects estimate, robust
/// to publication bias that removes small studies from one side of the funnel (metafor 3.8's <c>hc</c>).
/// </summary>
public static class HenmiCopas
{
    /// <summary>
    /// β̂ = Σwᵢyᵢ/W₁ with wᵢ = 1/vᵢ and Wₘ = Σwᵢᵐ, τ̂² by DerSimonian &amp; Laird (1986) from Q = Σwᵢ(yᵢ − β̂)², and the
    /// SE √(1/W₁ + τ̂²W₂/W₁²). The interval β̂ ± t·SE takes t from the distribution of T = (β̂ − β)/SE under
    /// yᵢ ~ N(β, vᵢ + τ̂²) with the uncertainty in τ̂² (Henmi &amp; Copas 2010, §3): with R = (β̂ − β)/σ_R ~ N(0, 1),
    /// |T| ≤ t exactly when Q ≥ (k − 1) + (W₁ − W₂/W₁)·W₁²(r²σ_R²/t² − 1/W₁)/W₂ (always when r²σ_R²W₁ ≤ t²), and given
    /// R = r the quadratic form Q is approximated by a gamma distribution with its conditional mean and variance
    /// (E = tr(AS) + mᵀAm, Var = 2tr(ASAS) + 4mᵀASAm for Q = εᵀAε, ε | R = r ~ N(m, S)). P(|T| ≤ t) is then a
    /// one-dimensional integral over r (adaptive Gauss-Kronrod), solved for t by Brent's method. Every trace and
    /// quadratic form is a sum over studies (A and S are a diagonal plus a rank-one matrix): O(k) per evaluation.
    /// Needs 2 studies.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is not in (0, 100).</exception>
    public static HenmiCopasResult Fit(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, double level = 95)
    {
        if (!(level > 0 && level < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(level), "Level must be between 0 and 100 (percent).");
        }

        var k = yi.Length;
        var issues = BiasInput.Check(yi, vi, 2, "The Henmi-Copas method");
        if (issues.Count > 0)
        {
            return new HenmiCopasResult { K = k, Level = level, Issues = issues };
        }

        var w = new double[k];
        double w1 = 0, w2 = 0, swy = 0;
        for (var i = 0; i < k; i++)
        {
            w[i] = 1 / vi[i];
            w1 += w[i];
            w2 += w[i] * w[i];
            swy += w[i] * yi[i];
        }

        var beta = swy / w1;
        double q = 0;
        for (var i = 0; i < k; i++)
        {
            q += w[i] * (yi[i] - beta) * (yi[i] - beta);
        }

        var c = w1 - (w2 / w1);
        var tau2 = Math.Max(0, (q - (k - 1)) / c);
        var s2R = (1 / w1) + (tau2 * w2 / (w1 * w1));
        var se = Math.Sqrt(s2R);
        var moments = new ConditionalMoments(vi.ToArray(), w, w1, tau2, s2R);

        // P(|T| ≤ t): the integrand is symmetric in r; below r0 the event holds whatever Q is.
        double Coverage(double t)
        {
            var r0 = t / Math.Sqrt(w1 * s2R);
            double Integrand(double r)
            {
                var needed = ((r * r * s2R / (t * t)) - (1 / w1)) * w1 * w1 / w2;
                var threshold = (k - 1) + (needed * c);
                var (mean, variance) = moments.At(r);
                if (!(variance > 0 && mean > 0))
                {
                    return 0;
                }

                var shape = mean * mean / variance;
                var scale = variance / mean;
                return Normal.PDF(0, 1, r) * SpecialFunctions.GammaUpperRegularized(shape, threshold / scale);
            }

            var tail = r0 >= 38 ? 0 : Integrate.GaussKronrod(Integrand, r0, 38, 1e-11, 12, 21);
            return (2 * (Normal.CDF(0, 1, r0) - 0.5)) + (2 * tail);
        }

        var target = level / 100;
        double lower = 0.5, upper = 2 * Probability.NormalQuantile(1 - ((1 - target) / 2));
        while (Coverage(upper) < target && upper < 1e6)
        {
            upper *= 2;
        }

        var root = RootFinder.Brent(t => Coverage(t) - target, lower, upper, 1e-14);
        if (!root.Converged)
        {
            issues.Add(new Issue(IssueCodes.NotConverged, IssueSeverity.Error,
                "The Henmi-Copas critical value could not be found; the interval was not computed."));
            return new HenmiCopasResult { K = k, Level = level, Estimate = beta, StandardError = se, Tau2 = tau2, Issues = issues };
        }

        var tCrit = root.Root;
        return new HenmiCopasResult
        {
            K = k,
            Level = level,
            Estimate = beta,
            StandardError = se,
            ConfidenceInterval = new Interval(beta - (tCrit * se), beta + (tCrit * se)),
            CriticalValue = tCrit,
            Tau2 = tau2,
            Issues = issues,
        };
    }

    /// <summary>
    /// Mean and variance of Q = εᵀAε given R = r, A = D_w − wwᵀ/W₁, ε ~ N(0, Σ), Σ = diag(vᵢ + τ²), R = aᵀε/σ_R with
    /// a = w/W₁: ε | R = r ~ N(m, S), m = u·r/σ_R, u = Σa, S = Σ − uuᵀ/σ_R² (the normal conditional distribution). With
    /// AS = diag(wᵢsᵢ) + g uᵀ, g = −(w∘u)/σ_R² − (1 − wᵀu/(W₁σ_R²))w, tr(AS) and tr(ASAS) are sums over studies.
    /// </summary>
    private sealed class ConditionalMoments
    {
        private readonly double[] _w;
        private readonly double[] _u;
        private readonly double[] _d;
        private readonly double[] _g;
        private readonly double _w1;
        private readonly double _sR;
        private readonly double _traceAs;
        private readonly double _traceAsAs;

        public ConditionalMoments(double[] v, double[] w, double w1, double tau2, double s2R)
        {
            var k = v.Length;
            _w = w;
            _w1 = w1;
            _sR = Math.Sqrt(s2R);
            _u = new double[k];
            _d = new double[k];
            _g = new double[k];
            double wu = 0;
            for (var i = 0; i < k; i++)
            {
                var s = v[i] + tau2;
                _u[i] = s * w[i] / w1;
                _d[i] = w[i] * s;
                wu += w[i] * _u[i];
            }

            var c0 = wu / (w1 * s2R);
            double ug = 0, dd = 0, dgu = 0;
            for (var i = 0; i < k; i++)
            {
                _g[i] = (-(w[i] * _u[i]) / s2R) - ((1 - c0) * w[i]);
                ug += _u[i] * _g[i];
                dd += _d[i] * _d[i];
                dgu += _d[i] * _g[i] * _u[i];
            }

            _traceAs = _d.Sum() + ug;
            _traceAsAs = dd + (2 * dgu) + (ug * ug);
        }

        public (double Mean, double Variance) At(double r)
        {
            var k = _w.Length;
            var scale = r / _sR;
            double wm = 0, wmm = 0;
            for (var i = 0; i < k; i++)
            {
                var m = _u[i] * scale;
                wm += _w[i] * m;
                wmm += _w[i] * m * m;
            }

            // z = Am; (AS)z = Dz + g(uᵀz); mᵀ(AS)z.
            double uz = 0, mdz = 0, mg = 0;
            for (var i = 0; i < k; i++)
            {
                var m = _u[i] * scale;
                var z = (_w[i] * m) - (_w[i] * wm / _w1);
                uz += _u[i] * z;
                mdz += m * _d[i] * z;
                mg += m * _g[i];
            }

            var mAm = wmm - (wm * wm / _w1);
            var mAsAm = mdz + (mg * uz);
            return (_traceAs + mAm, (2 * _traceAsAs) + (4 * mAsAm));
        }
    }
}
