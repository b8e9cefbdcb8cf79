using System.Globalization;
using Evident.Core.Models;

namespace Evident.Core.Sensitivity;

/// <summary>
/// Cumulative meta-analysis (Lau et al. 1992; metafor's <c>cumul</c>): studies are added one at a time in a given order
/// and the model is refitted after each, with the same τ² estimator, test and level. Each fit is warm-started from the
/// previous step's τ̂²; its sums come from running sums (τ² = 0) and series in τ² (<see cref="PrefixSeries"/>) for REML,
/// ML, PM and EB, so a step costs O(M) rather than O(j) (a step where τ² = 0 is a local maximum of the likelihood, and
/// the other estimators, still make O(j) passes, <see cref="SubsetFitter"/>).
/// </summary>
internal static class Cumulative
{
    public static CumulativeResult Compute(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, IReadOnlyList<int> order, FitOptions? options)
    {
        ArgumentNullException.ThrowIfNull(order);
        options ??= FitOptions.Default;
        Studies.CheckOptions(options);
        CheckPermutation(order, yi.Length);
        var issues = new List<Issue>();
        if (Studies.Validate(yi, vi, issues) is not var (y, v))
        {
            return new CumulativeResult { Order = [.. order], Rows = [], Issues = issues };
        }

        var k = y.Length;
        var full = MetaAnalysis.Fit(y, v, options);
        var sortedY = new double[k];
        var sortedV = new double[k];
        for (var j = 0; j < k; j++)
        {
            sortedY[j] = y[order[j]];
            sortedV[j] = v[order[j]];
        }

        // The sums at τ² = 0 grow by one study a step, and those at any other τ² come from series kept the same way
        // (PrefixSeries), so a step costs O(M), not O(j): the whole analysis is linear in k (10⁶ studies in seconds).
        var iterative = options.Tau2 is null && options.Method is Tau2Method.REML or Tau2Method.ML or Tau2Method.PM or Tau2Method.EB;
        var fitter = new SubsetFitter(sortedY, sortedV, options) { Prefix = iterative ? new PrefixSeries(sortedY, sortedV, full.Estimate) : null };
        var rows = new FitRow[k];
        var tau2 = 0.0;
        var atZero = new Moments(full.Estimate);
        for (var j = 0; j < k; j++)
        {
            atZero.Add(sortedY[j], 1 / sortedV[j]);
            var fit = fitter.Fit(j + 1, -1, atZero, tau2);
            rows[j] = RowBuilder.Build(options, fit);
            if (!fit.Converged)
            {
                issues.Add(new Issue(IssueCodes.NotConverged, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                    $"The {options.Method} estimator did not converge at step {j + 1} (adding study {order[j] + 1}); the best point found is used."), order[j]));
            }

            tau2 = fit.Tau2;
        }

        return new CumulativeResult { Fit = full, Order = [.. order], Rows = rows, Issues = issues };
    }

    /// <summary>
    /// The order that sorts <paramref name="key"/> ascending, ties kept in input order and NaN last (R's <c>order()</c>,
    /// which <c>cumul(res, order = key)</c> applies).
    /// </summary>
    public static int[] OrderBy(ReadOnlySpan<double> key)
    {
        var keys = key.ToArray();
        var order = Enumerable.Range(0, keys.Length).ToArray();
        return [.. order.OrderBy(i => double.IsNaN(keys[i]) ? 1 : 0).ThenBy(i => double.IsNaN(keys[i]) ? 0 : keys[i])];
    }

    private static void CheckPermutation(IReadOnlyList<int> order, int k)
    {
        if (order.Count != k)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The order has {order.Count} entries for {k} studies."), nameof(order));
        }

        var seen = new bool[k];
        foreach (var i in order)
        {
            if (i < 0 || i >= k || seen[i])
            {
                throw new ArgumentException("The order must list every study index 0 … k − 1 exactly once.", nameof(order));
            }

            seen[i] = true;
        }
    }
}
