using System.Globalization;
using Evident.Core.Models;

namespace Evident.Core.Sensitivity;

/// <summary>
/// GOSH (Olkin, Dahabreh &amp; Trikalinos 2012; metafor's <c>gosh</c> for models without moderators): the model with the
/// same τ² estimator fitted to every non-empty subset of the k studies when 2^k − 1 ≤ the cap, else to that many random
/// subsets. Each fit costs a few O(size) passes (<see cref="SubsetFitter"/>), iterative estimators warm-started at the
/// full τ̂².
/// </summary>
internal static class Gosh
{
    public static GoshResult Compute(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, FitOptions? options, GoshOptions? gosh)
    {
        options ??= FitOptions.Default;
        gosh ??= GoshOptions.Default;
        Studies.CheckOptions(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(gosh.Subsets, 1);
        var issues = new List<Issue>();
        if (Studies.Validate(yi, vi, issues) is not var (y, v))
        {
            return new GoshResult { K = yi.Length, Sampled = false, SubsetSize = [], Estimate = [], Q = [], I2 = [], H2 = [], Tau2 = [], Issues = issues };
        }

        var k = y.Length;
        var full = MetaAnalysis.Fit(y, v, options);
        var sampled = k >= 31 || (1L << k) - 1 > gosh.Subsets;
        var count = sampled ? gosh.Subsets : (int)((1L << k) - 1);
        if (sampled)
        {
            issues.Add(new Issue(IssueCodes.GoshRandomSubsets, IssueSeverity.Info, string.Create(CultureInfo.InvariantCulture,
                $"2^{k} − 1 subsets are more than {gosh.Subsets}: {count} random subsets were fitted (seed {gosh.Seed}).")));
        }

        var words = (k + 63) / 64;
        var masks = new ulong[(long)count * words];
        var size = new int[count];
        var estimate = new double[count];
        var q = new double[count];
        var i2 = new double[count];
        var h2 = new double[count];
        var tau2 = new double[count];
        var fitter = new SubsetFitter(y, v, options);
        var members = new int[k];
        var notConverged = 0;
        void Record(int s, int n)
        {
            var fit = fitter.Fit(members.AsSpan(0, n), full.Tau2);
            var row = RowBuilder.Build(options, fit);
            size[s] = n;
            estimate[s] = row.Estimate;
            q[s] = row.Q;
            i2[s] = row.I2;
            // metafor's gosh takes DL's H² as Q/(k − 1), below 1 when Q < k − 1 (τ̂² = 0); it equals τ̂²/s² + 1 otherwise.
            h2[s] = options.Method == Tau2Method.DL && n > 1 ? row.Q / (n - 1) : row.H2;
            tau2[s] = row.Tau2;
            if (!fit.Converged)
            {
                notConverged++;
            }

            for (var j = 0; j < n; j++)
            {
                masks[((long)s * words) + (members[j] / 64)] |= 1UL << (members[j] % 64);
            }
        }

        if (sampled)
        {
            var random = new Xoshiro256(gosh.Seed);
            var bits = new ulong[words];
            for (var s = 0; s < count; s++)
            {
                int n;
                do
                {
                    n = 0;
                    for (var w = 0; w < words; w++)
                    {
                        bits[w] = random.Next();
                        if (w == words - 1 && k % 64 != 0)
                        {
                            bits[w] &= (1UL << (k % 64)) - 1;
                        }
                    }

                    for (var i = 0; i < k; i++)
                    {
                        if ((bits[i / 64] & (1UL << (i % 64))) != 0)
                        {
                            members[n++] = i;
                        }
                    }
                }
                while (n == 0);

                Record(s, n);
            }
        }
        else
        {
            var s = 0;
            for (var n = 1; n <= k; n++)
            {
                // The subsets of n studies in increasing order of their bit masks (co-lexicographic), as metafor lists
                // them; Gosper's step gives the next larger integer with n bits set.
                for (var mask = (1L << n) - 1; mask < 1L << k;)
                {
                    var m = 0;
                    for (var i = 0; i < k; i++)
                    {
                        if ((mask & (1L << i)) != 0)
                        {
                            members[m++] = i;
                        }
                    }

                    Record(s++, n);
                    var lowest = mask & -mask;
                    var ripple = mask + lowest;
                    mask = (((ripple ^ mask) >> 2) / lowest) | ripple;
                }
            }
        }

        if (notConverged > 0)
        {
            issues.Add(new Issue(IssueCodes.NotConverged, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"The {options.Method} estimator did not converge in {notConverged} subsets; the best points found are used.")));
        }

        return new GoshResult
        {
            Fit = full,
            K = k,
            Sampled = sampled,
            SubsetSize = size,
            Estimate = estimate,
            Q = q,
            I2 = i2,
            H2 = h2,
            Tau2 = tau2,
            Masks = masks,
            Issues = issues,
        };
    }
}
