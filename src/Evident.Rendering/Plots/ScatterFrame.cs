using System.Globalization;
using Evident.Core.EffectSizes;
using Evident.Rendering.Drawing;

namespace Evident.Rendering.Plots;

/// <summary>One axis of a scatter-type plot: its domain (on the analysis scale), its title and its direction.</summary>
/// <param name="Min">Smallest value shown.</param>
/// <param name="Max">Largest value shown.</param>
/// <param name="Title">The axis title.</param>
/// <param name="Log">Whether the values are logs and the ticks are labelled back-transformed (ratio measures).</param>
/// <param name="Downwards">For a y axis: whether values grow downwards (a funnel plot's standard error, 0 at the top).</param>
internal sealed record AxisSpec(double Min, double Max, string Title, bool Log = false, bool Downwards = false)
{
    /// <summary>Ticks to use instead of the scale's own (values on the analysis scale, with their labels).</summary>
    public IReadOnlyList<(double Value, string Label)>? Ticks { get; init; }
}

/// <summary>The symbol a legend entry shows.</summary>
internal enum LegendSymbol
{
    /// <summary>A filled circle.</summary>
    FilledCircle,

    /// <summary>An open circle.</summary>
    OpenCircle,

    /// <summary>A line (solid or dashed, per the entry's stroke).</summary>
    Line,

    /// <summary>A filled square (a shaded region).</summary>
    Swatch,

    /// <summary>No symbol: a note.</summary>
    None,
}

/// <summary>One legend entry.</summary>
internal sealed record LegendEntry(LegendSymbol Symbol, string Label, Color? Fill = null, Stroke? Stroke = null);

/// <summary>
/// The frame shared by Evident's scatter-type plots (funnel, Baujat, L'Abbé, radial, bubble): a plot area with a box,
/// outward ticks on the left and bottom, tick labels, axis titles (the y title turned upright left of the tick labels,
/// centred on the plot, as R's and journals' figures have it), an optional legend to the right of the plot, and room
/// reserved for extra drawing beside it (the radial plot's arc). Every margin comes from measured text, so nothing is
/// clipped whatever the labels.
/// </summary>
internal sealed class ScatterFrame
{
    private const double Margin = 12;
    private const double TickLength = 4;
    private const double Gap = 3;
    private const double LegendGap = 16;
    private const double SymbolWidth = 22;
    private const double LegendRow = 16;
    private const double TitleGap = 8;
    private readonly IReadOnlyList<(double Value, string Label)> _xTicks;
    private readonly IReadOnlyList<(double Value, string Label)> _yTicks;
    private readonly AxisSpec _x;
    private readonly AxisSpec _y;
    private readonly IReadOnlyList<LegendEntry> _legend;
    private readonly double _legendLeft;

    private ScatterFrame(AxisSpec x, AxisSpec y, Scale xScale, Scale yScale, Box plot, double width, double height,
        IReadOnlyList<(double, string)> xTicks, IReadOnlyList<(double, string)> yTicks, IReadOnlyList<LegendEntry> legend, double legendLeft)
    {
        (_x, _y, X, Y, Plot, Width, Height, _xTicks, _yTicks, _legend, _legendLeft) = (x, y, xScale, yScale, plot, width, height, xTicks, yTicks, legend, legendLeft);
    }

    /// <summary>Tick labels.</summary>
    public static TextStyle TickStyle { get; } = new(10);

    /// <summary>Axis titles.</summary>
    public static TextStyle TitleStyle { get; } = new(11);

    /// <summary>Legend texts and point labels.</summary>
    public static TextStyle LabelStyle { get; } = new(10);

    /// <summary>The picture's title.</summary>
    public static TextStyle HeadingStyle { get; } = new(12, Bold: true);

    /// <summary>Maps x values to drawing coordinates.</summary>
    public Scale X { get; }

    /// <summary>Maps y values to drawing coordinates.</summary>
    public Scale Y { get; }

    /// <summary>The plot area.</summary>
    public Box Plot { get; }

    /// <summary>The picture's width.</summary>
    public double Width { get; }

    /// <summary>The picture's height.</summary>
    public double Height { get; }

    /// <summary>
    /// Lays out a plot area of <paramref name="plotWidth"/> × <paramref name="plotHeight"/> with its axes, an optional
    /// heading above and legend to the right, and extra room (<paramref name="extraRight"/> beside the plot, before the
    /// legend; <paramref name="extraTop"/> and <paramref name="extraBottom"/> above and below it) for drawing outside the box.
    /// </summary>
    public static ScatterFrame Layout(
        AxisSpec x, AxisSpec y, double plotWidth, double plotHeight, IReadOnlyList<LegendEntry>? legend = null, string? heading = null,
        double extraRight = 0, double extraTop = 0, double extraBottom = 0)
    {
        legend ??= [];
        var xTicks = x.Ticks ?? FittingTicks(x, plotWidth, horizontal: true);
        var yTicks = y.Ticks ?? FittingTicks(y, plotHeight, horizontal: false);
        var tickMetrics = Canvas.Measure("0", TickStyle);
        var titleMetrics = Canvas.Measure(y.Title, TitleStyle);
        var yLabelWidth = yTicks.Select(t => Canvas.Measure(t.Label, TickStyle).Width).DefaultIfEmpty(0).Max();
        var firstHalf = xTicks.Count > 0 ? Canvas.Measure(xTicks[0].Label, TickStyle).Width / 2 : 0;
        var lastHalf = xTicks.Count > 0 ? Canvas.Measure(xTicks[^1].Label, TickStyle).Width / 2 : 0;

        var top = Margin;
        if (heading is not null)
        {
            top += Canvas.Measure(heading, HeadingStyle).Height + 8;
        }

        // The upright y title is centred on the plot; a title longer than the plot is tall moves the plot down and
        // the bottom edge out, so it is never cut off.
        var overhang = Math.Max(0, (titleMetrics.Width - plotHeight) / 2);
        top += Math.Max(Math.Max(extraTop, tickMetrics.Height / 2), overhang);
        var left = Margin + titleMetrics.Height + TitleGap + Math.Max(yLabelWidth + TickLength + Gap, firstHalf);
        var plot = new Box(left, top, left + plotWidth, top + plotHeight);
        var xTitleMetrics = Canvas.Measure(x.Title, TitleStyle);
        var bottom = Math.Max(plot.Bottom + TickLength + Gap + tickMetrics.Height + 6 + xTitleMetrics.Height, plot.Bottom + Math.Max(extraBottom, overhang)) + Margin;
        var legendLeft = plot.Right + Math.Max(lastHalf, extraRight) + LegendGap;
        var legendWidth = legend.Count == 0 ? 0 : SymbolWidth + 6 + legend.Max(e => Canvas.Measure(e.Label, LabelStyle).Width);
        var right = legend.Count == 0 ? plot.Right + Math.Max(lastHalf, extraRight) + Margin : legendLeft + legendWidth + Margin;
        right = Math.Max(right, Margin + (heading is null ? 0 : Canvas.Measure(heading, HeadingStyle).Width) + Margin);
        var height = Math.Max(bottom, plot.Top + (legend.Count * LegendRow) + Margin);
        var xScale = new Scale(x.Min, x.Max, plot.Left, plot.Right, x.Log);
        var yScale = y.Downwards ? new Scale(y.Min, y.Max, plot.Top, plot.Bottom, y.Log) : new Scale(y.Min, y.Max, plot.Bottom, plot.Top, y.Log);
        return new ScatterFrame(x, y, xScale, yScale, plot, right, height, xTicks, yTicks, legend, legendLeft);
    }

    /// <summary>
    /// The heading (if any), the box (or, with <paramref name="box"/> false, only the left and bottom axis lines), ticks,
    /// tick labels and axis titles.
    /// </summary>
    public void DrawAxes(Canvas canvas, string? heading = null, bool box = true)
    {
        var axis = new Stroke(Color.Black, 0.8);
        if (heading is not null)
        {
            canvas.Text(Margin, Margin + Canvas.Measure(heading, HeadingStyle).Ascent, heading, HeadingStyle, TextAnchor.Start, "heading");
        }

        canvas.TextVertical(Margin + (Canvas.Measure(_y.Title, TitleStyle).Height / 2), (Plot.Top + Plot.Bottom) / 2, _y.Title, TitleStyle, TextAnchor.Middle, "axis-title");
        if (box)
        {
            canvas.Rect(Plot.Left, Plot.Top, Plot.Width, Plot.Height, null, axis, "frame");
        }
        else
        {
            canvas.Polyline([new(Plot.Left, Plot.Top), new(Plot.Left, Plot.Bottom), new(Plot.Right, Plot.Bottom)], axis, "frame");
        }
        var tick = Canvas.Measure("0", TickStyle);
        foreach (var (value, label) in _xTicks)
        {
            var px = X[value];
            canvas.Line(px, Plot.Bottom, px, Plot.Bottom + TickLength, axis, "tick");
            canvas.Text(px, Plot.Bottom + TickLength + Gap + tick.Ascent, label, TickStyle, TextAnchor.Middle, "tick-label");
        }

        foreach (var (value, label) in _yTicks)
        {
            var py = Y[value];
            canvas.Line(Plot.Left - TickLength, py, Plot.Left, py, axis, "tick");
            canvas.TextCentred(Plot.Left - TickLength - Gap, py, label, TickStyle, TextAnchor.End, "tick-label");
        }

        var titleBaseline = Plot.Bottom + TickLength + Gap + tick.Height + 6 + Canvas.Measure(_x.Title, TitleStyle).Ascent;
        canvas.Text((Plot.Left + Plot.Right) / 2, titleBaseline, _x.Title, TitleStyle, TextAnchor.Middle, "axis-title");
    }

    /// <summary>The legend, to the right of the plot, top-aligned with it.</summary>
    public void DrawLegend(Canvas canvas)
    {
        for (var i = 0; i < _legend.Count; i++)
        {
            var entry = _legend[i];
            var middle = Plot.Top + (i * LegendRow) + (LegendRow / 2);
            var cx = _legendLeft + (SymbolWidth / 2);
            var stroke = entry.Stroke ?? new Stroke(Color.Black, 0.8);
            switch (entry.Symbol)
            {
                case LegendSymbol.FilledCircle:
                    canvas.Circle(cx, middle, 3.5, entry.Fill ?? Color.Black, entry.Stroke, "legend-symbol");
                    break;
                case LegendSymbol.OpenCircle:
                    canvas.Circle(cx, middle, 3.5, entry.Fill ?? Color.White, stroke, "legend-symbol");
                    break;
                case LegendSymbol.Line:
                    canvas.Line(_legendLeft, middle, _legendLeft + SymbolWidth, middle, stroke, "legend-symbol");
                    break;
                case LegendSymbol.Swatch:
                    canvas.Rect(_legendLeft + 4, middle - 6, SymbolWidth - 8, 12, entry.Fill, stroke, "legend-symbol");
                    break;
                default:
                    break;
            }

            canvas.TextCentred(_legendLeft + SymbolWidth + 6, middle, entry.Label, LabelStyle, TextAnchor.Start, "legend-label");
        }
    }

    /// <summary>A point of the plot in drawing coordinates.</summary>
    public Point At(double x, double y) => new(X[x], Y[y]);

    /// <summary>The parts of a polyline (in drawing coordinates) that lie inside the plot area.</summary>
    public IReadOnlyList<IReadOnlyList<Point>> ClipPolyline(IReadOnlyList<Point> points) => Geometry.ClipPolyline(points, Plot);

    /// <summary>A polygon (in drawing coordinates) cut to the plot area; empty when nothing is inside.</summary>
    public IReadOnlyList<Point> ClipPolygon(IReadOnlyList<Point> points) => Geometry.ClipPolygon(points, Plot);

    /// <summary>Draws a polyline cut to the plot area.</summary>
    public void Polyline(Canvas canvas, IReadOnlyList<Point> points, Stroke stroke, string cls)
    {
        foreach (var part in ClipPolyline(points))
        {
            canvas.Polyline(part, stroke, cls);
        }
    }

    /// <summary>Draws a polygon cut to the plot area.</summary>
    public void Polygon(Canvas canvas, IReadOnlyList<Point> points, Color? fill, Stroke? stroke, string cls)
    {
        var clipped = ClipPolygon(points);
        if (clipped.Count >= 3)
        {
            canvas.Polygon(clipped, fill, stroke, cls);
        }
    }

    /// <summary>
    /// Ticks for an axis whose labels do not collide: the scale's own ticks, asking for fewer until neighbouring labels
    /// are at least a few units apart.
    /// </summary>
    public static IReadOnlyList<(double Value, string Label)> FittingTicks(AxisSpec axis, double length, bool horizontal)
    {
        var scale = new Scale(axis.Min, axis.Max, 0, length, axis.Log);
        IReadOnlyList<(double Value, string Label)> ticks = [];
        for (var target = 7; target >= 2; target--)
        {
            ticks = [.. scale.Ticks(target).Where(t => scale.Contains(t.Value))];
            var fits = true;
            for (var i = 1; i < ticks.Count && fits; i++)
            {
                var distance = Math.Abs(scale[ticks[i].Value] - scale[ticks[i - 1].Value]);
                var need = horizontal
                    ? ((Canvas.Measure(ticks[i].Label, TickStyle).Width + Canvas.Measure(ticks[i - 1].Label, TickStyle).Width) / 2) + 8
                    : Canvas.Measure("0", TickStyle).Height + 4;
                fits = distance >= need;
            }

            if (fits)
            {
                return ticks;
            }
        }

        return ticks;
    }
}

/// <summary>Helpers the scatter-type plots share for the effect-size axis and its numbers.</summary>
internal static class EffectAxis
{
    /// <summary>Whether the measure's analysis scale is the log of the scale people read (ratios: the back-transformation is exp).</summary>
    public static bool IsLog(BackTransform? backTransform) => backTransform?.Name == "exp";

    /// <summary>The axis title for effects of <paramref name="measure"/>: "Risk ratio (log scale)", "Mean difference", ….</summary>
    public static string Title(EffectMeasure measure, BackTransform? backTransform)
    {
        var name = measure switch
        {
            EffectMeasure.OR => "Odds ratio",
            EffectMeasure.RR => "Risk ratio",
            EffectMeasure.RD => "Risk difference",
            EffectMeasure.PETO => "Peto odds ratio",
            EffectMeasure.IRR => "Incidence rate ratio",
            EffectMeasure.IRD => "Incidence rate difference",
            EffectMeasure.ROM => "Ratio of means",
            EffectMeasure.MD => "Mean difference",
            EffectMeasure.SMD or EffectMeasure.SMDH => "Standardised mean difference",
            EffectMeasure.SMD1 => "Glass's delta",
            EffectMeasure.COR or EffectMeasure.UCOR => "Correlation",
            EffectMeasure.ZCOR => "Fisher's z",
            EffectMeasure.PR => "Proportion",
            EffectMeasure.PLN => "Proportion",
            EffectMeasure.PLO => "Logit proportion",
            EffectMeasure.PAS => "Arcsine proportion",
            EffectMeasure.PFT => "Freeman-Tukey proportion",
            EffectMeasure.IR => "Incidence rate",
            EffectMeasure.IRLN => "Incidence rate",
            EffectMeasure.MN => "Mean",
            EffectMeasure.MNLN => "Mean",
            EffectMeasure.MC => "Mean change",
            EffectMeasure.SMCC or EffectMeasure.SMCR => "Standardised mean change",
            _ => IsLog(backTransform) ? "Ratio" : "Effect size",
        };
        return IsLog(backTransform) ? name + " (log scale)" : name;
    }

    /// <summary>
    /// The two-sided critical value z(1 − α/2) of a Wald interval at <paramref name="level"/> percent (1.96 at 95 %): the
    /// half-width, in standard errors, of Core's per-study confidence interval (<see cref="StudyStatistics"/>).
    /// </summary>
    public static double Critical(double level) => StudyStatistics.Compute(0, 1, level).ConfidenceInterval.Upper;

    /// <summary>A number for people, on the scale they read (back-transformed when <paramref name="backTransform"/> is given).</summary>
    public static string Format(double value, BackTransform? backTransform, int decimals = 2)
    {
        var shown = backTransform?.Apply(value) ?? value;
        return shown.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A nice axis domain of <paramref name="values"/> (analysis scale), holding <paramref name="include"/> too.</summary>
    public static (double Min, double Max) Domain(IEnumerable<double> values, bool log, params double[] include)
    {
        var all = values.Concat(include).Where(double.IsFinite).ToList();
        return Scale.NiceDomain(all, log);
    }
}

/// <summary>Labels placed beside points so that no label overlaps another label, a point, or the plot's edge.</summary>
internal static class LabelPlacer
{
    private const double Padding = 2;
    private const double Reach = 150;

    /// <summary>A point to label: its centre and radius in drawing coordinates, and the text.</summary>
    public readonly record struct Item(Point Centre, double Radius, string Label);

    /// <summary>
    /// Places each label, in the order given, at the first free position beside its point (right, left, above, below,
    /// then the diagonals); failing that, at the free position nearest to the point within a reach of 150 units, with a
    /// thin leader line back to it that crosses no other label (nor, where possible, another point). Free means overlapping no other label (with 2 units to
    /// spare), no point, no leader line, no <paramref name="obstacles"/> (e.g. a legend) and no <paramref name="lines"/>
    /// (e.g. a confidence band's edges), and inside <paramref name="area"/>. A label is cut (with an ellipsis) to half the
    /// area's width. A label that fits nowhere is left out; returns those left out, for the plot to name in a note
    /// (<see cref="Note"/>), so no label is dropped silently.
    /// </summary>
    public static IReadOnlyList<Item> Place(
        Canvas canvas, IReadOnlyList<Item> items, Box area, TextStyle style, IEnumerable<Box>? obstacles = null, IEnumerable<IReadOnlyList<Point>>? lines = null)
    {
        var fixedBoxes = new List<Box>(obstacles ?? []);
        var segments = (lines ?? []).SelectMany(l => l.Zip(l.Skip(1))).ToList();
        var maxWidth = Math.Max(40, area.Width / 2);

        // When some labels fit nowhere, more tries place those first, or all in the reverse order (the others then give
        // way); the try that leaves out the fewest wins.
        var order = items.Where(i => i.Label.Length > 0).ToList();
        var (placements, skipped) = Attempt(order, items, area, style, fixedBoxes, segments, maxWidth);
        var first = skipped;
        foreach (var retryOrder in new[] { [.. first, .. order.Where(i => !first.Contains(i))], Enumerable.Reverse(order).ToList() })
        {
            if (skipped.Count == 0)
            {
                break;
            }

            var retry = Attempt(retryOrder, items, area, style, fixedBoxes, segments, maxWidth);
            if (retry.Skipped.Count < skipped.Count)
            {
                (placements, skipped) = retry;
            }
        }

        foreach (var (item, box, leader, metrics) in placements)
        {
            if (leader is { } segment)
            {
                canvas.Line(segment.From.X, segment.From.Y, segment.To.X, segment.To.Y, new Stroke(Color.Grey, 0.6), "leader");
            }

            canvas.Text(box.Left, box.Top + metrics.Ascent, item.Label, style, TextAnchor.Start, "point-label", maxWidth);
        }

        return [.. items.Where(skipped.Contains)];
    }

    /// <summary>One placing of the labels in the order given: where each goes, and those that fit nowhere.</summary>
    private static (List<(Item Item, Box Box, (Point From, Point To)? Leader, TextMetrics Metrics)> Placements, List<Item> Skipped) Attempt(
        IReadOnlyList<Item> order, IReadOnlyList<Item> items, Box area, TextStyle style, List<Box> obstacles, List<(Point First, Point Second)> segments, double maxWidth)
    {
        var taken = new List<Box>(obstacles);
        taken.AddRange(items.Select(i => new Box(i.Centre.X - i.Radius, i.Centre.Y - i.Radius, i.Centre.X + i.Radius, i.Centre.Y + i.Radius)));
        var placed = new List<Box>();
        var leaders = new List<(Point From, Point To)>();
        var placements = new List<(Item, Box, (Point From, Point To)?, TextMetrics)>();
        var skipped = new List<Item>();
        foreach (var item in order)
        {
            var metrics = Canvas.Measure(item.Label, style, maxWidth);
            bool Free(Box box)
            {
                var padded = new Box(box.Left - Padding, box.Top - Padding, box.Right + Padding, box.Bottom + Padding);
                return Inside(box, area) && !taken.Any(b => b.Overlaps(padded)) && !placed.Any(b => b.Overlaps(padded))
                    && !leaders.Any(l => Geometry.ClipSegment(l.From, l.To, padded) is not null)
                    && !segments.Any(l => Geometry.ClipSegment(l.First, l.Second, padded) is not null);
            }

            var own = new Box(item.Centre.X - item.Radius, item.Centre.Y - item.Radius, item.Centre.X + item.Radius, item.Centre.Y + item.Radius);
            var found = Beside(item, metrics).FirstOrDefault(Free);
            (Point From, Point To)? leader = null;
            // Far from its point, a label needs a leader line that crosses no label; the first pass also keeps it off
            // every other point, the second allows that rather than leave the label out.
            for (var pass = 0; pass < 2 && found.Width == 0; pass++)
            {
                foreach (var box in Around(item, metrics))
                {
                    if (Free(box) && Leader(item, box) is { } line && !placed.Any(b => Geometry.ClipSegment(line.From, line.To, b) is not null)
                        && !AlongEdge(line, area)
                        && (pass == 1 || !taken.Any(b => b != own && Geometry.ClipSegment(line.From, line.To, b) is not null)))
                    {
                        (found, leader) = (box, line);
                        break;
                    }
                }
            }

            if (found.Width == 0)
            {
                skipped.Add(item);
                continue;
            }

            placed.Add(found);
            if (leader is { } segment)
            {
                leaders.Add(segment);
            }

            placements.Add((item, found, leader, metrics));
        }

        return (placements, skipped);
    }

    /// <summary>The most lines a note of labels left out takes; the names past them are counted.</summary>
    private const int NoteLines = 3;

    /// <summary>
    /// Names the labels <see cref="Place"/> left out in a note under a picture <paramref name="width"/> ×
    /// <paramref name="height"/> ("Not labelled (no room beside the point): A, B."), on at most three lines (the rest
    /// counted); returns the picture's new height (<paramref name="height"/> when nothing was left out).
    /// </summary>
    public static double Note(Canvas canvas, IReadOnlyList<Item> left, double width, double height, TextStyle style)
    {
        if (left.Count == 0)
        {
            return height;
        }

        var bottom = height - 4;
        const double Margin = 12;
        var names = left.Select(i => Fonts.Fit(i.Label, style, 20 * style.Size)).ToList();
        var room = Math.Max(200, width - (2 * Margin));
        var lines = new List<string>();
        var current = "Not labelled (no room beside the point):";
        var shown = 0;
        foreach (var name in names)
        {
            var candidate = current + " " + name + (shown < names.Count - 1 ? "," : ".");
            if (Canvas.Measure(candidate, style).Width <= room)
            {
                (current, shown) = (candidate, shown + 1);
                continue;
            }

            if (lines.Count == NoteLines - 1)
            {
                break;
            }

            lines.Add(current);
            (current, shown) = (name + (shown < names.Count - 1 ? "," : "."), shown + 1);
        }

        if (shown < names.Count)
        {
            current += string.Create(System.Globalization.CultureInfo.InvariantCulture, $" {Fonts.Ellipsis} and {names.Count - shown} more.");
        }

        lines.Add(current);
        var lineHeight = style.Size * 1.4;
        for (var i = 0; i < lines.Count; i++)
        {
            canvas.Text(Margin, bottom + (i * lineHeight) + style.Size, lines[i], style, TextAnchor.Start, "note");
        }

        return Math.Ceiling(bottom + (lines.Count * lineHeight) + 12);
    }

    /// <summary>Whether a leader runs along an edge of the area (over 12 units of it within 3 units of the edge), where the frame would hide it.</summary>
    private static bool AlongEdge((Point From, Point To) line, Box area)
    {
        Box[] bands =
        [
            new(area.Left, area.Top, area.Right, area.Top + 3), new(area.Left, area.Bottom - 3, area.Right, area.Bottom),
            new(area.Left, area.Top, area.Left + 3, area.Bottom), new(area.Right - 3, area.Top, area.Right, area.Bottom),
        ];
        return bands.Any(b => Geometry.ClipSegment(line.From, line.To, b) is { } part
            && Math.Sqrt(Math.Pow(part.To.X - part.From.X, 2) + Math.Pow(part.To.Y - part.From.Y, 2)) > 12);
    }

    /// <summary>The eight positions touching the point: right, left, above, below, then the diagonals.</summary>
    private static IEnumerable<Box> Beside(Item item, TextMetrics metrics)
    {
        var (w, h, d) = (metrics.Width, metrics.Height, item.Radius + 2);
        var (x, y) = (item.Centre.X, item.Centre.Y);
        yield return new Box(x + d, y - (h / 2), x + d + w, y + (h / 2));
        yield return new Box(x - d - w, y - (h / 2), x - d, y + (h / 2));
        yield return new Box(x - (w / 2), y - d - h, x + (w / 2), y - d);
        yield return new Box(x - (w / 2), y + d, x + (w / 2), y + d + h);
        var e = d * 0.7;
        yield return new Box(x + e, y - e - h, x + e + w, y - e);
        yield return new Box(x - e - w, y - e - h, x - e, y - e);
        yield return new Box(x + e, y + e, x + e + w, y + e + h);
        yield return new Box(x - e - w, y + e, x - e, y + e + h);
    }

    /// <summary>Positions on a grid around the point, nearest first (by the distance from the point to the box).</summary>
    private static IEnumerable<Box> Around(Item item, TextMetrics metrics)
    {
        var (w, h) = (metrics.Width, metrics.Height);
        var candidates = new List<(double Distance, Box Box)>();
        for (var dx = -Reach - (w / 2); dx <= Reach + (w / 2); dx += 5)
        {
            for (var dy = -Reach; dy <= Reach; dy += 4)
            {
                var box = new Box(item.Centre.X + dx - (w / 2), item.Centre.Y + dy - (h / 2), item.Centre.X + dx + (w / 2), item.Centre.Y + dy + (h / 2));
                var nx = Math.Clamp(item.Centre.X, box.Left, box.Right) - item.Centre.X;
                var ny = Math.Clamp(item.Centre.Y, box.Top, box.Bottom) - item.Centre.Y;
                var distance = Math.Sqrt((nx * nx) + (ny * ny));
                if (distance > item.Radius + 4 && distance <= Reach)
                {
                    candidates.Add((distance, box));
                }
            }
        }

        return candidates.OrderBy(c => c.Distance).Select(c => c.Box);
    }

    /// <summary>The leader from the point's edge to the nearest point of the label's box; null when they touch.</summary>
    private static (Point From, Point To)? Leader(Item item, Box box)
    {
        var nearest = new Point(Math.Clamp(item.Centre.X, box.Left, box.Right), Math.Clamp(item.Centre.Y, box.Top, box.Bottom));
        var (lx, ly) = (nearest.X - item.Centre.X, nearest.Y - item.Centre.Y);
        var length = Math.Sqrt((lx * lx) + (ly * ly));
        return length > item.Radius + 1
            ? (new Point(item.Centre.X + (lx / length * item.Radius), item.Centre.Y + (ly / length * item.Radius)), nearest)
            : null;
    }

    private static bool Inside(Box box, Box area) => box.Left >= area.Left + 1 && box.Right <= area.Right - 1 && box.Top >= area.Top + 1 && box.Bottom <= area.Bottom - 1;
}

/// <summary>Cutting lines and polygons to a rectangle.</summary>
internal static class Geometry
{
    /// <summary>The parts of a polyline inside <paramref name="box"/> (Liang &amp; Barsky 1984, segment by segment).</summary>
    public static IReadOnlyList<IReadOnlyList<Point>> ClipPolyline(IReadOnlyList<Point> points, Box box)
    {
        var parts = new List<IReadOnlyList<Point>>();
        List<Point>? current = null;
        for (var i = 1; i < points.Count; i++)
        {
            if (ClipSegment(points[i - 1], points[i], box) is not { } segment)
            {
                current = null;
                continue;
            }

            if (current is null || current[^1] != segment.From)
            {
                current = [segment.From];
                parts.Add(current);
            }

            current.Add(segment.To);
        }

        return parts;
    }

    /// <summary>A polygon cut to <paramref name="box"/> (Sutherland &amp; Hodgman 1974, one edge of the box at a time).</summary>
    public static IReadOnlyList<Point> ClipPolygon(IReadOnlyList<Point> points, Box box)
    {
        IReadOnlyList<Point> result = points;
        foreach (var edge in new[] { 0, 1, 2, 3 })
        {
            bool In(Point p) => edge switch
            {
                0 => p.X >= box.Left,
                1 => p.X <= box.Right,
                2 => p.Y >= box.Top,
                _ => p.Y <= box.Bottom,
            };

            Point Cross(Point a, Point b)
            {
                var t = edge switch
                {
                    0 => (box.Left - a.X) / (b.X - a.X),
                    1 => (box.Right - a.X) / (b.X - a.X),
                    2 => (box.Top - a.Y) / (b.Y - a.Y),
                    _ => (box.Bottom - a.Y) / (b.Y - a.Y),
                };
                return new Point(a.X + (t * (b.X - a.X)), a.Y + (t * (b.Y - a.Y)));
            }

            var input = result;
            var output = new List<Point>();
            for (var i = 0; i < input.Count; i++)
            {
                var current = input[i];
                var previous = input[(i + input.Count - 1) % input.Count];
                if (In(current))
                {
                    if (!In(previous))
                    {
                        output.Add(Cross(previous, current));
                    }

                    output.Add(current);
                }
                else if (In(previous))
                {
                    output.Add(Cross(previous, current));
                }
            }

            result = output;
            if (result.Count == 0)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>The part of segment a–b inside <paramref name="box"/> (Liang &amp; Barsky 1984); null when it misses the box.</summary>
    public static (Point From, Point To)? ClipSegment(Point a, Point b, Box box)
    {
        double t0 = 0, t1 = 1;
        var dx = b.X - a.X;
        var dy = b.Y - a.Y;
        foreach (var (p, q) in new[] { (-dx, a.X - box.Left), (dx, box.Right - a.X), (-dy, a.Y - box.Top), (dy, box.Bottom - a.Y) })
        {
            if (p == 0)
            {
                if (q < 0)
                {
                    return null;
                }

                continue;
            }

            var r = q / p;
            if (p < 0)
            {
                t0 = Math.Max(t0, r);
            }
            else
            {
                t1 = Math.Min(t1, r);
            }

            if (t0 > t1)
            {
                return null;
            }
        }

        return (new Point(a.X + (t0 * dx), a.Y + (t0 * dy)), new Point(a.X + (t1 * dx), a.Y + (t1 * dy)));
    }
}
