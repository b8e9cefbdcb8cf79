using Evident.Core.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Evident.Core.Bias;

/// <summary>The direction of a test (metafor's <c>alternative</c> / <c>tes.alternative</c>).</summary>
public enum TestAlternative
{
    /// <summary>Two-sided.</summary>
    TwoSided,
    /// <summary>Greater than.</summary>
    Greater,
    /// <summary>Less than.</summary>
    Less,
}

/// <summary>How the observed number of significant studies is compared with the expected number.</summary>
public enum ExcessSignificanceTest
{
    /// <summary>Pearson's χ² = (O − E)²/E + (O − E)²/(k − E) on 1 df (Ioannidis &amp; Trikalinos 2007).</summary>
    ChiSquare,
    /// <summary>Binomial test of O among k with success probability E/k (Ioannidis &amp; Trikalinos 2007).</summary>
    Binomial,
    /// <summary>The exact distribution of O, a sum of independent Bernoulli(powerᵢ) (Poisson-binomial; Francis 2013).</summary>
    Exact,
}

/// <summary>Options of <see cref="ExcessSignificance.Run"/>, with metafor's defaults.</summary>
public sealed record ExcessSignificanceOptions
{
    /// <summary>The effect under the null hypothesis of the studies' own tests; default 0.</summary>
    public double H0 { get; init; }
    /// <summary>The sidedness of the studies' own tests; default two-sided.</summary>
    public TestAlternative Alternative { get; init; } = TestAlternative.TwoSided;
    /// <summary>The α of the studies' own tests; default 0.05.</summary>
    public double Alpha { get; init; } = 0.05;
    /// <summary>The true effect the power is computed at; null (default) for the equal-effects estimate Σyᵢ/vᵢ / Σ1/vᵢ.</summary>
    public double? Theta { get; init; }
    /// <summary>The heterogeneity the power is averaged over (true effects ~ N(θ, τ²)); default 0.</summary>
    public double Tau2 { get; init; }
    /// <summary>The test of excess significance; null (default) chooses as metafor: exact when its sum has at most 10⁶ terms, else χ².</summary>
    public ExcessSignificanceTest? Test { get; init; }
    /// <summary>The alternative of the test of excess significance; default greater (more significant studies than expected).</summary>
    public TestAlternative TesAlternative { get; init; } = TestAlternative.Greater;
    /// <summary>The p-value at which the limit estimate θ_lim is found; default 0.10.</summary>
    public double TesAlpha { get; init; } = 0.10;

    /// <summary>The default options.</summary>
    public static ExcessSignificanceOptions Default { get; } = new();
}

/// <summary>The test of excess significance. Values that do not exist are null, never NaN; <see cref="Issues"/> says why.</summary>
public sealed record ExcessSignificanceResult
{
    /// <summary>Number of studies.</summary>
    public required int K { get; init; }
    /// <summary>The observed number of significant studies O.</summary>
    public int? Observed { get; init; }
    /// <summary>The expected number E = Σ powerᵢ.</summary>
    public double? Expected { get; init; }
    /// <summary>O/E; null when E = 0.</summary>
    public double? Ratio { get; init; }
    /// <summary>The test used.</summary>
    public ExcessSignificanceTest? Test { get; init; }
    /// <summary>Pearson's X² (χ² test only).</summary>
    public double? ChiSquare { get; init; }
    /// <summary>The p-value of the test of excess significance.</summary>
    public double? PValue { get; init; }
    /// <summary>Each study's power (expected power with τ² &gt; 0), in input order.</summary>
    public IReadOnlyList<double> Power { get; init; } = [];
    /// <summary>Whether each study's own test is significant, in input order.</summary>
    public IReadOnlyList<bool> Significant { get; init; } = [];
    /// <summary>The θ the power was computed at.</summary>
    public double? Theta { get; init; }
    /// <summary>
    /// The limit estimate θ_lim: the θ at which the p-value equals <see cref="ExcessSignificanceOptions.TesAlpha"/>
    /// (Ioannidis &amp; Trikalinos 2007). One value for a one-sided test; for a two-sided test the lower and upper one, either
    /// null when it does not exist. Empty when none exists.
    /// </summary>
    public IReadOnlyList<double?> LimitEstimate { get; init; } = [];
    /// <summary>Errors and notes.</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}

/// <summary>The test of excess significance (Ioannidis &amp; Trikalinos 2007), as metafor 3.8's <c>tes</c>.</summary>
public static class ExcessSignificance
{
    /// <summary>metafor's limit for the exact test: at most this many terms in its sum.</summary>
    public const double ExactLimit = 1e6;

    /// <summary>
    /// Counts the studies whose Wald test zᵢ = (yᵢ − H0)/√vᵢ is significant (O) and compares O with the expected number
    /// E = Σ(1 − βᵢ), the powers at θ: for a two-sided test 1 − βᵢ = Φ((θ − H0 − c√vᵢ)/sᵢ) + Φ((H0 − θ − c√vᵢ)/sᵢ) with
    /// c = z_{1−α/2} and sᵢ = √(vᵢ + τ²) (the power averaged over true effects N(θ, τ²), in closed form), one term with
    /// z_{1−α} for a one-sided test. The χ² test halves the upper χ²(1) tail on the side of O − E; the binomial and exact
    /// tests take the tail of Bin(k, E/k) or of the Poisson-binomial distribution of O (computed exactly by the
    /// recursion over studies, O(k²)); two-sided, they sum the probabilities not above that of O (as R's
    /// <c>binom.test</c>). The limit estimate is the root of p(θ) = TesAlpha found by Brent's method.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An α is not in (0, 1), or τ² is negative or not finite.</exception>
    public static ExcessSignificanceResult Run(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, ExcessSignificanceOptions? options = null)
    {
        options ??= ExcessSignificanceOptions.Default;
        if (!(options.Alpha > 0 && options.Alpha < 1) || !(options.TesAlpha > 0 && options.TesAlpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Alpha and TesAlpha must be between 0 and 1.");
        }

        if (!(double.IsFinite(options.Tau2) && options.Tau2 >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Tau2 must be a finite number ≥ 0.");
        }

        var k = yi.Length;
        var issues = BiasInput.Check(yi, vi, 1, "The test of excess significance");
        if (issues.Count > 0)
        {
            return new ExcessSignificanceResult { K = k, Issues = issues };
        }

        var v = vi.ToArray();
        var significant = new bool[k];
        var observed = 0;
        for (var i = 0; i < k; i++)
        {
            var z = (yi[i] - options.H0) / Math.Sqrt(v[i]);
            var p = options.Alternative switch
            {
                TestAlternative.Greater => Normal.CDF(0, 1, -z),
                TestAlternative.Less => Normal.CDF(0, 1, z),
                _ => 2 * Normal.CDF(0, 1, -Math.Abs(z)),
            };
            significant[i] = p <= options.Alpha;
            observed += significant[i] ? 1 : 0;
        }

        var theta = options.Theta ?? EqualEffects(yi, v);
        var test = options.Test ?? (TermsOfExactTest(k, observed, options.TesAlternative) <= ExactLimit
            ? ExcessSignificanceTest.Exact : ExcessSignificanceTest.ChiSquare);
        var power = Powers(v, theta, options);
        var expected = power.Sum();
        var (pValue, chi2) = PValue(observed, power, test, options.TesAlternative);
        var limits = LimitEstimates(v, observed, test, options, theta);

        return new ExcessSignificanceResult
        {
            K = k,
            Observed = observed,
            Expected = expected,
            Ratio = expected > 0 ? observed / expected : null,
            Test = test,
            ChiSquare = chi2,
            PValue = pValue,
            Power = power,
            Significant = significant,
            Theta = theta,
            LimitEstimate = limits,
            Issues = issues,
        };
    }

    private static double EqualEffects(ReadOnlySpan<double> yi, double[] vi)
    {
        double sw = 0, swy = 0;
        for (var i = 0; i < vi.Length; i++)
        {
            sw += 1 / vi[i];
            swy += yi[i] / vi[i];
        }

        return swy / sw;
    }

    private static double[] Powers(double[] v, double theta, ExcessSignificanceOptions options)
    {
        var twoSided = options.Alternative == TestAlternative.TwoSided;
        var crit = Probability.NormalQuantile(1 - (twoSided ? options.Alpha / 2 : options.Alpha));
        var shift = theta - options.H0;
        var power = new double[v.Length];
        for (var i = 0; i < v.Length; i++)
        {
            var c = crit * Math.Sqrt(v[i]);
            var s = Math.Sqrt(v[i] + options.Tau2);
            var upper = Normal.CDF(0, 1, (shift - c) / s);
            var lower = Normal.CDF(0, 1, (-shift - c) / s);
            power[i] = options.Alternative switch
            {
                TestAlternative.Greater => upper,
                TestAlternative.Less => lower,
                _ => upper + lower,
            };
        }

        return power;
    }

    /// <summary>The number of terms metafor's exact test would sum: Σ C(k, j) over the tail it needs (2ᵏ two-sided).</summary>
    private static double TermsOfExactTest(int k, int observed, TestAlternative alternative)
    {
        if (alternative == TestAlternative.TwoSided)
        {
            return Math.Pow(2, k);
        }

        var (from, to) = alternative == TestAlternative.Greater ? (observed, k) : (0, observed);
        double total = 0;
        for (var j = from; j <= to && total <= ExactLimit; j++)
        {
            total += SpecialFunctions.Binomial(k, j);
        }

        return total;
    }

    private static (double P, double? ChiSquare) PValue(int observed, double[] power, ExcessSignificanceTest test, TestAlternative alternative)
    {
        var k = power.Length;
        var expected = power.Sum();
        switch (test)
        {
            case ExcessSignificanceTest.ChiSquare:
                {
                    var d = observed - expected;
                    var x2 = (d * d / expected) + (d * d / (k - expected));
                    var upper = Probability.ChiSquareUpperTail(x2, 1);
                    var p = alternative switch
                    {
                        TestAlternative.Greater => d > 0 ? upper / 2 : 1 - (upper / 2),
                        TestAlternative.Less => d < 0 ? upper / 2 : 1 - (upper / 2),
                        _ => upper,
                    };
                    return (p, x2);
                }

            case ExcessSignificanceTest.Binomial:
                {
                    var prob = Math.Clamp(expected / k, 0, 1);
                    var pmf = new double[k + 1];
                    for (var j = 0; j <= k; j++)
                    {
                        pmf[j] = Binomial.PMF(prob, k, j);
                    }

                    return (Tail(pmf, observed, alternative), null);
                }

            default:
                return (Tail(PoissonBinomial(power), observed, alternative), null);
        }
    }

    /// <summary>P(X ≥ o), P(X ≤ o), or the sum of P(X = x) ≤ P(X = o)(1 + 10⁻⁷) (R's <c>binom.test</c> rule), capped at 1.</summary>
    private static double Tail(double[] pmf, int observed, TestAlternative alternative)
    {
        double p = 0;
        switch (alternative)
        {
            case TestAlternative.Greater:
                for (var j = observed; j < pmf.Length; j++)
                {
                    p += pmf[j];
                }

                break;
            case TestAlternative.Less:
                for (var j = 0; j <= observed; j++)
                {
                    p += pmf[j];
                }

                break;
            default:
                var limit = pmf[observed] * (1 + 1e-7);
                foreach (var q in pmf)
                {
                    p += q <= limit ? q : 0;
                }

                break;
        }

        return Math.Min(1, p);
    }

    /// <summary>The distribution of a sum of independent Bernoulli(pᵢ), by adding one study at a time.</summary>
    private static double[] PoissonBinomial(double[] p)
    {
        var pmf = new double[p.Length + 1];
        pmf[0] = 1;
        for (var i = 0; i < p.Length; i++)
        {
            for (var j = i + 1; j >= 1; j--)
            {
                pmf[j] = (pmf[j] * (1 - p[i])) + (pmf[j - 1] * p[i]);
            }

            pmf[0] *= 1 - p[i];
        }

        return pmf;
    }

    /// <summary>
    /// θ_lim: where the p-value equals TesAlpha. The expected number of significant studies grows with |θ − H0| (one-sided
    /// individual tests: with θ − H0 in their direction), so θ is searched on the side of the estimate (the direction of
    /// the studies' tests when one-sided) for E where p crosses TesAlpha: one root for a one-sided test of excess
    /// significance, below and above E = O for a two-sided one.
    /// </summary>
    private static List<double?> LimitEstimates(double[] v, int observed, ExcessSignificanceTest test, ExcessSignificanceOptions options, double theta)
    {
        var direction = options.Alternative switch
        {
            TestAlternative.Greater => 1.0,
            TestAlternative.Less => -1.0,
            _ => theta >= options.H0 ? 1.0 : -1.0,
        };
        var spread = v.Select(Math.Sqrt).Max();
        double At(double t) => options.H0 + (direction * t);
        double P(double t) => PValue(observed, Powers(v, At(t), options), test, options.TesAlternative).P - options.TesAlpha;

        // E(t) grows from its value at H0 to k as t grows; bracket far enough that every study has power ~1.
        var far = 50 * spread;
        if (options.TesAlternative != TestAlternative.TwoSided)
        {
            return [Root(P, 0, far) is { } t ? At(t) : null];
        }

        // Two-sided: split at the t where E = O (the p-value is largest there).
        double E(double t) => Powers(v, At(t), options).Sum() - observed;
        var peak = E(0) >= 0 ? 0 : E(far) <= 0 ? far : RootFinder.Brent(E, 0, far).Root;
        var below = Root(P, 0, peak);
        var above = Root(P, peak, far);
        return [below is { } b ? At(b) : null, above is { } a ? At(a) : null];
    }

    private static double? Root(Func<double, double> f, double a, double b)
    {
        if (!(b > a))
        {
            return null;
        }

        var fa = f(a);
        var fb = f(b);

        // Far out E reaches k (or 0 at H0 one-sided) and the χ² statistic divides by zero: pull the end in until defined.
        for (var i = 0; i < 200 && double.IsNaN(fb) && b > a; i++)
        {
            b = a + ((b - a) * 0.75);
            fb = f(b);
        }

        for (var i = 0; i < 200 && double.IsNaN(fa) && b > a; i++)
        {
            a += (b - a) * 0.25;
            fa = f(a);
        }

        if (double.IsNaN(fa) || double.IsNaN(fb) || Math.Sign(fa) == Math.Sign(fb))
        {
            return null;
        }

        return RootFinder.Brent(f, a, b, 1e-13).Root;
    }
}
