using MathNet.Numerics;

namespace Evident.Core.Bias;

/// <summary>
/// The exact null distribution of Kendall's score for n pairs without ties. Under independence every ordering of the
/// second ranking is equally likely, so the number T of concordant pairs is distributed as the number of inversions of
/// a uniformly random permutation of n elements: T = U₂ + … + U_n with independent Uₘ uniform on {0, …, m − 1}, whose
/// frequency generating function is Πₘ (1 − xᵐ)/(1 − x) (Kendall 1938, §5; Kendall &amp; Gibbons 1990, ch. 5). T ranges
/// over 0 … N = n(n − 1)/2 and is symmetric about N/2.
/// </summary>
/// <remarks>
/// Implementation note: the lower tail P(T ≤ q), q ≤ N/2, is computed one of two ways, both exact in exact arithmetic.
/// (1) The recursion Pₘ(t) = (1/m)·Σ_{j=0}^{m−1} Pₘ₋₁(t − j) on probabilities (never counts, which overflow a double
/// from n = 171 on), kept only for t ≤ q. Each stage's entries are computed on the rising half of its (unimodal,
/// symmetric) distribution with a running window sum, which there only grows, kept with compensated (TwoSum)
/// summation; the falling half is filled by symmetry. The array is rescaled by powers of two when its largest entry
/// falls below 2⁻²⁰⁰, so far tails neither underflow nor lose relative precision. Cost Σₘ min(q, Nₘ) ≤ 0.13·n³
/// additions and O(q) memory, so it is used while that is at most <see cref="RecursionBudget"/> (always for n up to about
/// 530, and at any n in a short tail). (2) Otherwise the Fourier-series inversion of the distribution on its N + 1 lattice
/// points (Abate &amp; Whitt 1992), which is exact for a distribution on N + 1 consecutive integers:
/// P(T ≤ q) = (q + 1)/(N + 1) + 2/(N + 1)·Σⱼ ψ(ωⱼ)·sin((q + 1)ωⱼ/2)·cos((N − q)ωⱼ/2)/sin(ωⱼ/2), ωⱼ = 2πj/(N + 1),
/// with ψ(ω) = Πₘ sin(mω/2)/(m·sin(ω/2)) the characteristic function of T − N/2. Angles above π/2 are reduced modulo 2π
/// in integers before the sine is taken. Since |each factor| ≤ 1, a term is dropped once its partial product makes it
/// smaller than 10⁻³⁰, and the series is cut where the bound |ψ(ω)| ≤ Π_{m·sin(ω/2) ≥ 1} 1/(m·sin(ω/2)), which
/// decreases in ω, shows the rest to be below 10⁻²⁰. Only O(n) terms of O(n) factors are needed (about 1,800 terms at
/// n = 10,000, a fraction of a second). The result has an absolute error of about 10⁻¹⁴, not a relative one (checked
/// against the recursion at n = 300 and 1,000: differences up to 1.1·10⁻¹⁴), so a p-value below about 10⁻¹² from
/// this branch has few correct digits; the recursion is used wherever it is affordable. The time grows as about n^2.5
/// (about a second at n = 100,000), so above <see cref="MaximumN"/> <see cref="LowerTail"/> refuses and the rank test
/// uses the normal approximation, whose error there is below 10⁻⁶.
/// </remarks>
internal static class KendallDistribution
{
    /// <summary>The largest recursion cost (stage × entry updates) for which the recursion is used.</summary>
    internal const double RecursionBudget = 2e7;

    /// <summary>The largest n for which the exact distribution is computed.</summary>
    internal const int MaximumN = 100_000;

    /// <summary>2⁻²⁰⁰: the recursion's array is rescaled when its largest entry falls below this.</summary>
    private static readonly double RescaleBelow = Math.ScaleB(1.0, -200);

    /// <summary>2⁻¹⁰⁰⁰: entries below this (at least 2⁻⁸⁰⁰ below the largest) are set to 0.</summary>
    private static readonly double FlushBelow = Math.ScaleB(1.0, -1000);

    /// <summary>
    /// The two-sided exact p-value for <paramref name="concordant"/> concordant pairs among <paramref name="n"/> untied
    /// pairs, as R's <c>cor.test(method = "kendall", exact = TRUE)</c>: P(T ≥ q) when q &gt; N/2, else P(T ≤ q), doubled and
    /// capped at 1. The upper tail is taken as the lower tail at N − q (by symmetry), never as 1 − P(T &lt; q).
    /// </summary>
    public static double TwoSided(long concordant, int n)
    {
        var total = Total(n);
        var tail = 2 * concordant > total ? LowerTail(total - concordant, n) : LowerTail(concordant, n);
        return Math.Min(1, 2 * tail);
    }

    /// <summary>P(T ≤ q) for n untied pairs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n is below 1 or above <see cref="MaximumN"/>.</exception>
    public static double LowerTail(long q, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaximumN);
        var total = Total(n);
        if (q < 0)
        {
            return 0;
        }

        if (q >= total)
        {
            return 1;
        }

        if (2 * q > total)
        {
            return 1 - LowerTail(total - q - 1, n);
        }

        return RecursionCost(q, n) <= RecursionBudget ? Recursion((int)q, n) : Inversion(q, n);
    }

    /// <summary>N = n(n − 1)/2, the number of pairs.</summary>
    internal static long Total(int n) => (long)n * (n - 1) / 2;

    /// <summary>The entry updates of the recursion for P(T ≤ q): Σₘ min(q, Nₘ) + 1.</summary>
    internal static double RecursionCost(long q, int n)
    {
        double cost = 0;
        for (var m = 2; m <= n && cost <= RecursionBudget; m++)
        {
            cost += Math.Min(q, Total(m)) + 1;
        }

        return cost;
    }

    /// <summary>P(T ≤ top) by the recursion over m on the entries 0 … top (see the remarks).</summary>
    internal static double Recursion(int top, int n)
    {
        var previous = new double[top + 1];
        var current = new double[top + 1];
        previous[0] = 1; // m = 1: T = 0
        long previousSupport = 0;
        var scale = 0; // stored = probability · 2^scale
        for (var m = 2; m <= n; m++)
        {
            var support = previousSupport + m - 1;
            var last = (int)Math.Min(top, support);
            var half = (int)Math.Min(last, support / 2);
            var inverse = 1.0 / m;
            double sum = 0, compensation = 0;
            for (var t = 0; t <= half; t++)
            {
                if (t <= previousSupport)
                {
                    TwoSum(ref sum, ref compensation, previous[t]);
                }

                if (t >= m)
                {
                    TwoSum(ref sum, ref compensation, -previous[t - m]);
                }

                // Entries 2⁻¹⁰⁰⁰ below the largest (≥ 2⁻²⁰⁰) are negligible; flushing them avoids subnormal arithmetic.
                var value = (sum + compensation) * inverse;
                current[t] = value < FlushBelow ? 0 : value;
            }

            for (var t = half + 1; t <= last; t++)
            {
                current[t] = current[support - t];
            }

            // The largest entry is at the end of the rising half.
            var largest = current[half];
            if (largest > 0 && largest < RescaleBelow)
            {
                var shift = -Math.ILogB(largest);
                for (var t = 0; t <= last; t++)
                {
                    current[t] = Math.ScaleB(current[t], shift);
                }

                scale += shift;
            }

            (previous, current) = (current, previous);
            previousSupport = support;
        }

        double total = 0, c = 0;
        for (var t = 0; t <= top; t++)
        {
            TwoSum(ref total, ref c, previous[t]);
        }

        return Math.Min(1, Math.ScaleB(total + c, -scale));
    }

    /// <summary>P(T ≤ top), top ≤ N/2, by Fourier-series inversion (see the remarks).</summary>
    internal static double Inversion(long top, int n)
    {
        var total = Total(n);
        var points = total + 1;
        var logFactorial = SpecialFunctions.GammaLn(n + 1.0);
        var cut = Math.Log(1e-20);
        var reciprocal = new double[n + 1];
        for (var m = 1; m <= n; m++)
        {
            reciprocal[m] = 1.0 / m;
        }

        double sum = 0, compensation = 0;
        for (long j = 1; 2 * j < points; j++)
        {
            var s = SinPi(j, points); // sin(θ), θ = ω/2 = πj/M
            var first = Math.Max(2.0, Math.Ceiling(1 / s));
            if (first <= n)
            {
                // log of the bound on |ψ| for every ω ≥ ωⱼ, times Σ_{j' ≥ j} 1/j' ≤ 1 + log(M/2j).
                var logBound = -(logFactorial - SpecialFunctions.GammaLn(first) + ((n - first + 1) * Math.Log(s)));
                if (logBound + Math.Log(1 + Math.Log(points / (2.0 * j))) < cut)
                {
                    break;
                }
            }

            var term = Psi(j, n, points, s, reciprocal) * 2.0 / points / s;
            if (Math.Abs(term) < 1e-30)
            {
                continue;
            }

            term *= SinPi(MulMod(top + 1, j, points), points) * CosPi(MulMod(total - top, j, points), points);
            TwoSum(ref sum, ref compensation, term);
        }

        return Math.Clamp(((top + 1.0) / points) + (sum + compensation), 0, 1);
    }

    /// <summary>
    /// ψ(ωⱼ) = Πₘ sin(mθ)/(m·sin θ), θ = πj/M, from m = n down (the smallest factors first), 0 once the term it gives is
    /// below 10⁻³⁰ (every factor is at most 1 in size). An angle mθ up to π/2 is taken as is (relative error 2ε, also
    /// near 0); a larger one is first reduced modulo 2π in integers.
    /// </summary>
    private static double Psi(long j, int n, long points, double s, double[] reciprocal)
    {
        var step = Math.PI / points;
        var inverse = 1 / s;
        var floor = 1e-30 * s * points / 2; // the term is ψ·2/(M·sin θ)
        double psi = 1;
        for (var m = n; m >= 2; m--)
        {
            var mj = m * j;
            var sine = 2 * mj <= points ? Math.Sin(mj * step) : SinPi(mj, points);
            psi *= sine * reciprocal[m] * inverse;
            if (Math.Abs(psi) < floor)
            {
                return 0;
            }
        }

        return psi;
    }

    /// <summary>sin(π·x/M) with x reduced modulo 2M in integers and the angle folded into [0, π/2].</summary>
    private static double SinPi(long x, long points)
    {
        var r = x % (2 * points);
        var sign = 1.0;
        if (r >= points)
        {
            r -= points;
            sign = -1;
        }

        if (2 * r > points)
        {
            r = points - r;
        }

        return sign * Math.Sin(Math.PI * r / points);
    }

    /// <summary>cos(π·x/M) = sin(π·(2x + M)/(2M)).</summary>
    private static double CosPi(long x, long points) => SinPi((2 * (x % (2 * points))) + points, 2 * points);

    /// <summary>a·b modulo 2M without overflow.</summary>
    private static long MulMod(long a, long b, long points) => (long)((Int128)a * b % (2 * (Int128)points));

    /// <summary>Adds x to sum with its rounding error carried in compensation (Knuth's TwoSum; Neumaier 1974).</summary>
    private static void TwoSum(ref double sum, ref double compensation, double x)
    {
        var t = sum + x;
        var back = t - sum;
        compensation += (sum - (t - back)) + (x - back);
        sum = t;
    }
}
