using Evident.Core.Numerics;

namespace Evident.Core.Bias;

/// <summary>
/// Begg &amp; Mazumdar's rank correlation test for funnel plot asymmetry. Values that do not exist are null, never NaN;
/// <see cref="Issues"/> says why.
/// </summary>
public sealed record RankCorrelationResult
{
    /// <summary>Number of studies.</summary>
    public required int K { get; init; }
    /// <summary>Kendall's τ_b between the standardized effects and the sampling variances; null when undefined.</summary>
    public double? Tau { get; init; }
    /// <summary>Kendall's score S (concordant minus discordant pairs).</summary>
    public double? Score { get; init; }
    /// <summary>Two-sided p-value of the test τ = 0: exact, or from the normal approximation (see <see cref="Exact"/>).</summary>
    public double? PValue { get; init; }
    /// <summary>
    /// Whether the p-value is exact (no ties, at any k up to 100,000: metafor's <c>ranktest</c> calls <c>cor.test</c>
    /// with <c>exact = TRUE</c>), else the normal approximation (ties, which <c>cor.test</c> cannot handle exactly).
    /// </summary>
    public bool Exact { get; init; }
    /// <summary>The z statistic of the normal approximation (null when the p-value is exact).</summary>
    public double? Statistic { get; init; }
    /// <summary>Whether k &lt; 10, below the Cochrane Handbook's minimum for asymmetry tests (an info issue says so).</summary>
    public bool FewStudies => K < BiasInput.RecommendedMinimumStudies;
    /// <summary>Errors, warnings and notes.</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}

/// <summary>The rank correlation test for funnel plot asymmetry (Begg &amp; Mazumdar 1994), as metafor 3.8's <c>ranktest</c>.</summary>
public static class RankCorrelationTest
{
    /// <summary>
    /// Kendall's τ between the standardized effects yᵢ* = (yᵢ − θ̂)/√vᵢ* and the variances vᵢ, where θ̂ = Σyᵢ/vᵢ / Σ1/vᵢ and
    /// vᵢ* = vᵢ − 1/Σ(1/vⱼ) is the variance of yᵢ − θ̂ (Begg &amp; Mazumdar 1994, eq. 1). τ is τ_b (Kendall 1945's
    /// correction for ties), S the number of concordant minus discordant pairs, counted in O(k log k) by merge sort
    /// (Knight 1966). The p-value is exact whenever no values are tied, at any k (up to 100,000), as metafor 3.8's
    /// <c>ranktest</c> (<c>cor.test(..., method = "kendall", exact = TRUE)</c>): the permutation distribution of the
    /// number of concordant pairs, i.e. of inversions (<see cref="KendallDistribution"/>). With ties it comes from
    /// z = S/√Var(S) with Kendall's (1970, eq. 4.3) variance corrected for ties in both rankings and no continuity
    /// correction, as <c>cor.test</c>. Needs 3 studies.
    /// Deliberate differences: from k = 171 on, R's exact computation divides permutation counts by k!, both of which
    /// overflow a double, so metafor 3.8-1 returns a p-value of NaN, 0 or 1 there (and needs O(k³) memory and O(k⁴)
    /// time); Evident returns the exact p-value, up to k = 100,000, and the normal approximation beyond.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static RankCorrelationResult Run(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi)
    {
        const string Method = "The rank correlation test";
        var k = yi.Length;
        var issues = BiasInput.Check(yi, vi, 3, Method);
        if (issues.Count > 0)
        {
            return new RankCorrelationResult { K = k, Issues = issues };
        }

        if (BiasInput.FewStudies(k, Method) is { } few)
        {
            issues.Add(few);
        }

        if (BiasInput.AllEqual(yi))
        {
            // The standardized effects are all 0 (up to rounding): every pair is tied.
            issues.Add(new Issue(IssueCodes.IdenticalEffects, IssueSeverity.Error, "All effects are identical, so Kendall's τ is undefined."));
            return new RankCorrelationResult { K = k, Issues = issues };
        }

        double sumW = 0, sumWy = 0;
        for (var i = 0; i < k; i++)
        {
            sumW += 1 / vi[i];
            sumWy += yi[i] / vi[i];
        }

        var theta = sumWy / sumW;
        var ys = new double[k];
        for (var i = 0; i < k; i++)
        {
            ys[i] = (yi[i] - theta) / Math.Sqrt(vi[i] - (1 / sumW));
        }

        var kendall = Kendall.Compute(ys, vi.ToArray());
        if (kendall.Tau is null)
        {
            issues.Add(BiasInput.AllEqual(vi)
                ? new Issue(IssueCodes.NoPredictorSpread, IssueSeverity.Error, "Every study has the same sampling variance, so Kendall's τ is undefined.")
                : new Issue(IssueCodes.IdenticalEffects, IssueSeverity.Error, "All standardized effects are identical, so Kendall's τ is undefined."));
            return new RankCorrelationResult { K = k, Issues = issues };
        }

        return new RankCorrelationResult
        {
            K = k,
            Tau = kendall.Tau,
            Score = kendall.S,
            PValue = kendall.PValue,
            Exact = kendall.Exact,
            Statistic = kendall.Z,
            Issues = issues,
        };
    }
}

/// <summary>Kendall's rank correlation with R's <c>cor.test</c> p-values.</summary>
internal static class Kendall
{
    public readonly record struct Result(double? Tau, double S, double? PValue, bool Exact, double? Z);

    public static Result Compute(double[] x, double[] y)
    {
        var n = x.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => x[i]).ThenBy(i => y[i]).ToArray();
        var xs = order.Select(i => x[i]).ToArray();
        var ys = order.Select(i => y[i]).ToArray();

        // Pairs tied in x (n1), tied in both (n3); ties in y (n2) after sorting y.
        var n0 = n * (n - 1.0) / 2;
        var xTies = TieGroups(xs);
        double n3 = 0;
        var run = 1;
        for (var i = 1; i <= n; i++)
        {
            if (i < n && xs[i] == xs[i - 1] && ys[i] == ys[i - 1])
            {
                run++;
            }
            else
            {
                n3 += run * (run - 1.0) / 2;
                run = 1;
            }
        }

        var swaps = MergeSortSwaps(ys);
        var yTies = TieGroups(ys);
        var n1 = xTies.Sum(t => t * (t - 1.0) / 2);
        var n2 = yTies.Sum(t => t * (t - 1.0) / 2);
        var s = n0 - n1 - n2 + n3 - (2 * swaps);
        var denominator = Math.Sqrt((n0 - n1) * (n0 - n2));
        if (!(denominator > 0))
        {
            return new Result(null, s, null, false, null);
        }

        var tau = s / denominator;
        var hasTies = xTies.Count > 0 || yTies.Count > 0;
        if (!hasTies && n <= KendallDistribution.MaximumN)
        {
            var concordant = (long)Math.Round((s + n0) / 2);
            return new Result(tau, s, KendallDistribution.TwoSided(concordant, n), true, null);
        }

        // Kendall (1970), eq. 4.3: the variance of S with ties in both rankings.
        static double V(double t) => t * (t - 1) * ((2 * t) + 5);
        var variance = ((V(n) - xTies.Sum(V) - yTies.Sum(V)) / 18)
            + (xTies.Sum(t => t * (t - 1) * (t - 2)) * yTies.Sum(t => t * (t - 1) * (t - 2)) / (9.0 * n * (n - 1) * (n - 2)))
            + (xTies.Sum(t => t * (t - 1)) * yTies.Sum(t => t * (t - 1)) / (2.0 * n * (n - 1)));
        var z = s / Math.Sqrt(variance);
        return new Result(tau, s, Probability.NormalTwoSided(z), false, z);
    }

    /// <summary>Sizes (≥ 2) of groups of equal values in a sorted array.</summary>
    private static List<double> TieGroups(double[] sorted)
    {
        var groups = new List<double>();
        var run = 1;
        for (var i = 1; i <= sorted.Length; i++)
        {
            if (i < sorted.Length && sorted[i] == sorted[i - 1])
            {
                run++;
            }
            else
            {
                if (run > 1)
                {
                    groups.Add(run);
                }

                run = 1;
            }
        }

        return groups;
    }

    /// <summary>Sorts in place (stable merge sort) and returns the number of exchanges, i.e. strictly discordant pairs (Knight 1966).</summary>
    private static double MergeSortSwaps(double[] a)
    {
        var buffer = new double[a.Length];
        double swaps = 0;
        for (var width = 1; width < a.Length; width *= 2)
        {
            for (var lo = 0; lo < a.Length - width; lo += 2 * width)
            {
                var mid = lo + width;
                var hi = Math.Min(lo + (2 * width), a.Length);
                int i = lo, j = mid, t = lo;
                while (i < mid && j < hi)
                {
                    if (a[j] < a[i])
                    {
                        swaps += mid - i;
                        buffer[t++] = a[j++];
                    }
                    else
                    {
                        buffer[t++] = a[i++];
                    }
                }

                while (i < mid)
                {
                    buffer[t++] = a[i++];
                }

                while (j < hi)
                {
                    buffer[t++] = a[j++];
                }

                Array.Copy(buffer, lo, a, lo, hi - lo);
            }
        }

        return swaps;
    }
}
