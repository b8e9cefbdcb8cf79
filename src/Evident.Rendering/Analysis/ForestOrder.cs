using System.Globalization;
using Evident.Analysis;
using Evident.Analysis.Input;

namespace Evident.Rendering.Analysis;

/// <summary>The order a cumulative forest (<see cref="ForestData.Cumulative"/>) adds the studies in.</summary>
public static class ForestOrder
{
    /// <summary>
    /// The cumulative order: <c>input</c>, <c>effect</c> (ascending), <c>precision</c> (smallest variance first), or a
    /// column of the table (numbers ascending, else text in ordinal order; missing values, and studies without an
    /// effect, last; ties in input order). Null when <paramref name="order"/> is none of the three and not a column of
    /// the table (matched ignoring case).
    /// </summary>
    /// <param name="order">The order's name, or a column's header.</param>
    /// <param name="table">The analysed table, read only for a column's values.</param>
    public static Func<IReadOnlyList<StudyRow>, int[]>? Of(string order, DataInput table)
    {
        ArgumentNullException.ThrowIfNull(order);
        switch (order.ToUpperInvariant())
        {
            case "INPUT":
                return studies => [.. Enumerable.Range(0, studies.Count)];
            case "EFFECT":
                return studies => [.. Enumerable.Range(0, studies.Count).OrderBy(i => studies[i].Yi is null ? 1 : 0).ThenBy(i => studies[i].Yi)];
            case "PRECISION":
                return studies => [.. Enumerable.Range(0, studies.Count).OrderBy(i => studies[i].Vi is null ? 1 : 0).ThenBy(i => studies[i].Vi)];
            default:
                break;
        }

        var byLine = InputColumns.ByLine(table, h => string.Equals(h, order, StringComparison.OrdinalIgnoreCase));
        if (byLine is null)
        {
            return null;
        }

        return studies =>
        {
            var values = studies.Select(s => byLine.GetValueOrDefault(s.Row, string.Empty).Trim()).ToList();
            var numbers = values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (double?)null).ToList();
            var numeric = values.Where((v, i) => v.Length > 0 && numbers[i] is null).Any() is false;
            var indices = Enumerable.Range(0, studies.Count);
            return numeric
                ? [.. indices.OrderBy(i => numbers[i] is null ? 1 : 0).ThenBy(i => numbers[i] ?? 0)]
                : [.. indices.OrderBy(i => values[i].Length == 0 ? 1 : 0).ThenBy(i => values[i], StringComparer.Ordinal)];
        };
    }
}
