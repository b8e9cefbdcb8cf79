using Evident.Rendering.Drawing;

namespace Evident.Rendering.Plots.Forest;

/// <summary>The x axis of a forest plot: its domain and its ticks.</summary>
internal static class ForestAxis
{
    /// <summary>Tick steps on a log axis, in rungs of the 1-2-5 ladder.</summary>
    private static readonly int[] Steps = [1, 2, 3, 6];

    /// <summary>Space between neighbouring tick labels.</summary>
    private const double LabelGap = 6;

    /// <summary>
    /// The axis domain on the analysis scale: the limits asked for, or one holding every estimate, every pooled CI and
    /// prediction interval, the null and reference values, and the studies' CIs as far as they lie within half the spread
    /// of those values beyond them (a study with a huge CI does not squeeze the others: its whisker ends in an
    /// arrow). Rounded out to nice values; RevMan's axis is symmetric around the null value, as RevMan 5 draws it.
    /// </summary>
    public static (double Min, double Max) Domain(ForestPlotData data, ForestPlotOptions options)
    {
        if (options.AxisLimits is { } limits)
        {
            return (Math.Min(limits.Lower, limits.Upper), Math.Max(limits.Lower, limits.Upper));
        }

        var core = new List<double>();
        var whiskers = new List<double>();
        foreach (var row in data.AllStudies)
        {
            Add(core, row.Estimate);
            Add(whiskers, row.Lower);
            Add(whiskers, row.Upper);
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
        core.RemoveAll(v => !double.IsFinite(v));
        if (core.Count == 0)
        {
            core.AddRange(whiskers.Where(double.IsFinite));
        }

        var values = new List<double>(core);
        if (core.Count > 0)
        {
            var (low, high) = (core.Min(), core.Max());
            var spread = Math.Max(high - low, data.Log ? Math.Log(2) : 1e-9);
            values.AddRange(whiskers.Where(v => double.IsFinite(v)).Select(v => Math.Clamp(v, low - (spread / 2), high + (spread / 2))));
        }

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

            var best = Steps
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
        var step = Steps.Where(s => low % s == 0 && high % s == 0)
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
