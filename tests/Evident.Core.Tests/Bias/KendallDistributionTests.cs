using Evident.Core.Bias;
using Evident.Core.Numerics;

namespace Evident.Core.Tests.Bias;

/// <summary>
/// The exact null distribution of Kendall's score (<see cref="KendallDistribution"/>): both of its computations against
/// a count of every permutation, against each other, and its speed and shape at k = 10,000. metafor's values are in
/// <c>BiasEdgeFixtureTests</c>.
/// </summary>
public sealed class KendallDistributionTests
{
    public static TheoryData<int> SmallN() => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(SmallN))]
    public void LowerTail_IsTheShareOfPermutationsWithAtMostQInversions(int n)
    {
        var total = KendallDistribution.Total(n);
        var counts = new long[total + 1];
        foreach (var permutation in Permutations(Enumerable.Range(0, n).ToArray()))
        {
            counts[Inversions(permutation)]++;
        }

        var all = counts.Sum();
        long below = 0;
        for (var q = 0; q <= total; q++)
        {
            below += counts[q];
            var expected = (double)below / all;
            Tolerances.ClosedForm.AssertClose(expected, KendallDistribution.LowerTail(q, n));
            if (2 * q <= total)
            {
                Tolerances.ClosedForm.AssertClose(expected, KendallDistribution.Recursion(q, n));
                Assert.InRange(KendallDistribution.Inversion(q, n) - expected, -1e-14, 1e-14);
            }
        }

        Assert.Equal(0, KendallDistribution.LowerTail(-1, n));
        Assert.Equal(1, KendallDistribution.LowerTail(total + 1, n));
    }

    /// <summary>
    /// The recursion (relative precision) and the Fourier inversion (absolute error about 1e-14) agree from the centre to
    /// seven standard deviations into the tail, at sizes where both can run.
    /// </summary>
    [Theory]
    [InlineData(300)]
    [InlineData(1000)]
    public void RecursionAndInversion_Agree(int n)
    {
        var total = KendallDistribution.Total(n);
        var sd = Math.Sqrt(n * (n - 1.0) * ((2.0 * n) + 5) / 72);
        foreach (var z in new[] { 0, 0.3, 1, 2, 3, 5, 7 })
        {
            var q = (long)Math.Floor((total / 2.0) - (z * sd));
            var recursion = KendallDistribution.Recursion((int)q, n);
            var inversion = KendallDistribution.Inversion(q, n);
            Assert.True(Math.Abs(recursion - inversion) <= Math.Max(1e-13, 1e-9 * recursion),
                FormattableString.Invariant($"n {n}, q {q} (z {z}): recursion {recursion:R}, inversion {inversion:R}"));
        }
    }

    /// <summary>
    /// k = 10,000 (N ≈ 5·10⁷ pairs): the exact p-value is symmetric and within the Edgeworth order 1/k of the
    /// continuity-corrected normal approximation. (Its speed belongs to a benchmark, not to a test.)
    /// </summary>
    [Fact]
    public void TenThousandPairs_AreSymmetric_AndNearTheNormalApproximation()
    {
        const int n = 10_000;
        var total = KendallDistribution.Total(n);
        var sd = Math.Sqrt(n * (n - 1.0) * ((2.0 * n) + 5) / 72);
        foreach (var z in new[] { 0.1, 1, 2, 3 })
        {
            var q = (long)Math.Floor((total / 2.0) - (z * sd));
            var exact = KendallDistribution.TwoSided(q, n);
            var normal = Probability.NormalTwoSided(((total / 2.0) - q - 0.5) / sd);
            Assert.True(Math.Abs(exact - normal) < 1e-4, FormattableString.Invariant($"z {z}: exact {exact:R}, normal {normal:R}"));
            Assert.Equal(exact, KendallDistribution.TwoSided(total - q, n), 14);
        }
    }

    private static long Inversions(int[] permutation)
    {
        long count = 0;
        for (var i = 0; i < permutation.Length; i++)
        {
            for (var j = i + 1; j < permutation.Length; j++)
            {
                count += permutation[i] > permutation[j] ? 1 : 0;
            }
        }

        return count;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
