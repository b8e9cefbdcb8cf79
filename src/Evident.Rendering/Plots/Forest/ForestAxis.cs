using Evident.Rendering.Drawing;

namespace Evident.Rendering.Plots.Forest;

/// <summary>The x axis of a forest plot: its domain and its ticks.</summary>
internal static class ForestAxis
{
    /// <summary>
    /// Tick steps on a log axis, in rungs of the 1-2-5 ladder: 1, 2, 3 and 6 rungs, then every whole number of decades
    /// (9, 12, 15 … rungs) for axes that span many decades.
    /// </summary>
    private static IEnumerable<int> Steps(int span)
    {
        int[] first = [1, 2, 3, 6];
        foreach (var step in first)
        {
            yield return step;
        }

        for (var step = 9; step <= Math.Max(9, span + 3); step += 3)
        {
            yield return step;
        }
    }

    /// <summary>Space between neighbouring tick labels.</summary>
    private const double LabelGap = 6;

    /// <summary>How many times the median CI width a study's CI may be and still count as ordinary (always drawn whole).</summary>
    public const double OrdinaryWidth = 4;

    /// <summary>
    /// The largest magnitude an axis end may have on the analysis scale: ln(10¹⁰⁰) on a log axis, 10¹⁰⁰ on a linear one,
    /// so that any finite, infinite or NaN combination of inputs gives a finite axis with computable ticks.
    /// </summary>
    private static readonly double LogLimit = 100 * Math.Log(10);

    private const double LinearLimit = 1e100;

    /// <summary>
    /// The axis domain on the analysis scale: the limits asked for, or one that shows every estimate, every pooled CI and
    /// prediction interval, the null and reference values, and every study's CI in full, unless a CI is extreme relative
    /// to the rest: wider than <see cref="OrdinaryWidth"/> times the median width of the studies' CIs. An extreme CI
    /// widens the axis by at most a quarter of the spread of the others on each side, and ends in an arrow where it runs past.
    /// This follows metafor's <c>forest()</c>, whose default axis spans the range of the CI bounds (Viechtbauer 2010,
    /// <c>alim</c>), and the Cochrane Handbook's advice for RevMan's scale, that the estimates and most, if not all, of
    /// the CIs be visible (Higgins &amp; Green 2011, §11.3.2.1), with the one exception a CI so wide it would squeeze the
    /// others. Rounded out to nice values; RevMan's axis is symmetric around the null value, as RevMan 5 draws it. The
    /// domain is always finite and non-empty, whatever the inputs (no rows, infinite or NaN values).
    /// </summary>
    public static (double Min, double Max) Domain(ForestPlotData data, ForestPlotOptions options)
    {
        var limit = data.Log ? LogLimit : LinearLimit;
        if (options.AxisLimits is { } limits && double.IsFinite(limits.Lower) && double.IsFinite(limits.Upper) && limits.Lower != limits.Upper)
        {
            var (lo, hi) = (Math.Clamp(Math.Min(limits.Lower, limits.Upper), -limit, limit), Math.Clamp(Math.Max(limits.Lower, limits.Upper), -limit, limit));
            if (hi - lo > Math.Max(Math.Abs(lo), Math.Abs(hi)) * 1e-9)
            {
                return (lo, hi);
            }
        }

        var core = new List<double>();
        var intervals = new List<(double Lower, double Upper)>();
        foreach (var row in data.AllStudies)
        {
            Add(core, row.Estimate);
            if (row is { Lower: { } l, Upper: { } u } && double.IsFinite(l) && double.IsFinite(u) && l <= u)
            {
                intervals.Add((l, u));
            }
        }

        foreach (var pooled in data.Subgroups.Select(s => s.Pooled).Append(data.Overall))
        {
            if (pooled is not null)
            {
                core.AddRange([pooled.Estimate, pooled.Lower, pooled.Upper]);
                if (pooled.PredictionInterval is { } pi)
                {
                    core.AddRange([pi.Lower, pi.Upper]);
                }
            }
        }

        Add(core, data.NullValue);
        Add(core, data.ReferenceValue);
        core.RemoveAll(v => !double.IsFinite(v) || Math.Abs(v) > limit);
        var widths = intervals.Select(i => i.Upper - i.Lower).Order().ToList();
        var median = widths.Count == 0 ? 0 : (widths[(widths.Count - 1) / 2] + widths[widths.Count / 2]) / 2;
        bool Ordinary((double Lower, double Upper) i) => i.Upper - i.Lower <= (OrdinaryWidth * median) + (1e-12 * Math.Max(1, Math.Abs(median)));
        var values = new List<double>(core);
        values.AddRange(intervals.Where(Ordinary).SelectMany(i => new[] { i.Lower, i.Upper }));
        var extremes = intervals.Where(i => !Ordinary(i)).SelectMany(i => new[] { i.Lower, i.Upper }).ToList();
        if (values.Count == 0)
        {
            (values, extremes) = (extremes, []);
        }

        if (values.Count > 0 && extremes.Count > 0)
        {
            var (low, high) = (values.Min(), values.Max());
            var spread = Math.Max(high - low, data.Log ? Math.Log(2) : 1e-9 * Math.Max(1, Math.Max(Math.Abs(low), Math.Abs(high))));
            values.AddRange(extremes.Select(v => Math.Clamp(v, low - (spread / 4), high + (spread / 4))));
        }

        values = [.. values.Select(v => Math.Clamp(v, -limit, limit))];
        var (min, max) = Drawing.Scale.NiceDomain(values, data.Log, data.NullValue);
        var symmetric = options.Layout == ForestLayout.RevMan && data.NullValue is not null;
        if (data.Log)
        {
            // Ends on the 1-2-5 ladder, symmetric around 1 for RevMan, and a multiple of the tick step from 1.
            var (low, high) = (LadderIndex(min), OnLadder(max) ?? (LadderIndex(max) + 1));
            if (symmetric && data.NullValue is { } n && Math.Abs(n) < 1e-12)
            {
                (low, high) = (-Math.Max(-low, high), Math.Max(-low, high));
            }

            var best = Steps(high - low)
                .Select(step => (Step: step, Low: FloorTo(low, step), High: -FloorTo(-high, step)))
                .Select(c => (c.Low, c.High, Count: ((c.High - c.Low) / c.Step) + 1, Cost: (2 * (low - c.Low + c.High - high)) + Math.Abs(((c.High - c.Low) / c.Step) + 1 - 5)))
                .Where(c => c.Count <= 7)
                .OrderBy(c => c.Cost)
                .First();
            return (Math.Log(Ladder(best.Low)), Math.Log(Ladder(best.High)));
        }

        if (symmetric && data.NullValue is { } centre)
        {
            var half = Math.Max(centre - min, max - centre);
            (min, max) = Drawing.Scale.NiceDomain([centre - half, centre + half], false, centre);
            half = Math.Max(centre - min, max - centre);
            (min, max) = (centre - half, centre + half);
        }

        return (min, max);
    }

    /// <summary>
    /// The ticks to label: the scale's own (1-2-5 values on a log axis), the domain's ends when they are round values,
    /// and the null value; a tick whose label would touch a neighbour's is dropped (ends and null kept first).
    /// </summary>
    public static List<(double Value, string Label)> Ticks(Drawing.Scale scale, double? nullValue, TextStyle style)
    {
        var candidates = scale.Log && OnLadder(scale.DomainMin) is { } low && OnLadder(scale.DomainMax) is { } high
            ? LadderTicks(low, high)
            : scale.Ticks(5).ToList();
        double[] ends = [scale.DomainMin, scale.DomainMax];
        foreach (var end in ends)
        {
            var shown = scale.Log ? Math.Exp(end) : end;
            var label = Drawing.Scale.Number(shown);
            if (Math.Abs(double.Parse(label, System.Globalization.CultureInfo.InvariantCulture) - shown) <= 1e-9 * Math.Max(1, Math.Abs(shown))
                && !candidates.Any(c => Math.Abs(c.Value - end) < 1e-9))
            {
                candidates.Add((end, label));
            }
        }

        bool IsPriority((double Value, string Label) t) => ends.Any(e => Math.Abs(e - t.Value) < 1e-9) || (nullValue is { } n && Math.Abs(n - t.Value) < 1e-9);
        var kept = new List<(double Value, string Label, double Left, double Right)>();
        foreach (var tick in candidates.OrderBy(t => IsPriority(t) ? 0 : 1))
        {
            var x = scale[tick.Value];
            var half = Canvas.Measure(tick.Label, style).Width / 2;
            if (kept.All(k => x + half + LabelGap <= k.Left || x - half - LabelGap >= k.Right))
            {
                kept.Add((tick.Value, tick.Label, x - half, x + half));
            }
        }

        return [.. kept.OrderBy(k => k.Value).Select(k => (k.Value, k.Label))];
    }

    /// <summary>
    /// Ticks on a log axis whose ends are on the 1-2-5 ladder: every step-th rung counted from 1, the step (1, 2, 3 or 6
    /// rungs) dividing both ends' distance from 1 and giving closest to 5 ticks: 0.1 0.2 0.5 1 2 5 10, 0.05 0.2 1 5 20,
    /// 0.01 0.1 1 10 100, as RevMan labels its axes.
    /// </summary>
    private static List<(double Value, string Label)> LadderTicks(int low, int high)
    {
        var step = Steps(high - low).Where(s => low % s == 0 && high % s == 0)
            .OrderBy(s => Math.Abs(((high - low) / s) + 1 - 5)).ThenBy(s => s).First();
        return [.. Enumerable.Range(0, ((high - low) / step) + 1).Select(k => Ladder(low + (k * step))).Select(v => (Math.Log(v), Drawing.Scale.Number(v)))];
    }

    /// <summary>The value of rung <paramref name="index"/> of the 1-2-5 ladder (0 is 1, 1 is 2, 2 is 5, 3 is 10, −1 is 0.5).</summary>
    private static double Ladder(int index)
    {
        var decade = (int)Math.Floor(index / 3.0);
        double[] mantissas = [1, 2, 5];
        return double.Parse(
            (mantissas[index - (3 * decade)] * Math.Pow(10, decade)).ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The rung at or below a log value (the nearest when within rounding).</summary>
    private static int LadderIndex(double logValue)
    {
        var index = (int)Math.Floor(logValue / Math.Log(10)) * 3;
        while (Math.Log(Ladder(index + 1)) <= logValue + 1e-9)
        {
            index++;
        }

        while (Math.Log(Ladder(index)) > logValue + 1e-9)
        {
            index--;
        }

        return index;
    }

    /// <summary>The rung a log value is on, or null when it is on none.</summary>
    private static int? OnLadder(double logValue)
    {
        var index = LadderIndex(logValue);
        return Math.Abs(Math.Log(Ladder(index)) - logValue) < 1e-9 ? index : null;
    }

    private static int FloorTo(int value, int step) => (int)Math.Floor(value / (double)step) * step;

    private static void Add(List<double> list, double? value)
    {
        if (value is { } v)
        {
            list.Add(v);
        }
    }
}
