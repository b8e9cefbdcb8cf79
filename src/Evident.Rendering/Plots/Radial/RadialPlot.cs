using Evident.Core.EffectSizes;
using Evident.Rendering.Drawing;

namespace Evident.Rendering.Plots.Radial;

/// <summary>One study of a radial plot.</summary>
/// <param name="Label">Study label.</param>
/// <param name="Yi">Effect size on the analysis scale.</param>
/// <param name="Vi">Sampling variance.</param>
public sealed record RadialStudy(string Label, double Yi, double Vi);

/// <summary>The numbers a radial plot shows.</summary>
/// <param name="Studies">The studies pooled.</param>
/// <param name="Estimate">The pooled estimate (analysis scale), from Core's fit.</param>
/// <param name="Tau2">The fit's τ² (0 for a common-effect model).</param>
/// <param name="Measure">The effect-size measure.</param>
public sealed record RadialPlotData(IReadOnlyList<RadialStudy> Studies, double Estimate, double Tau2, EffectMeasure Measure)
{
    /// <summary>The measure's back-transformation; the arc is labelled with back-transformed values (ratios for exp).</summary>
    public BackTransform? BackTransform { get; init; }

    /// <summary>The level (percent) of the band around the estimate's line; default 95.</summary>
    public double Level { get; init; } = 95;
}

/// <summary>How a radial plot is drawn.</summary>
public sealed record RadialPlotOptions
{
    /// <summary>Width of the plot area in drawing units (1/96 inch).</summary>
    public double PlotWidth { get; init; } = 360;

    /// <summary>Height of the plot area in drawing units.</summary>
    public double PlotHeight { get; init; } = 300;

    /// <summary>A heading above the plot; null for none.</summary>
    public string? Title { get; init; }
}

/// <summary>
/// The radial plot of Galbraith (Technometrics 1988;30:271; Stat Med 1988;7:889): each study at x = 1/√(vᵢ + τ̂²)
/// (its precision) and y = yᵢ/√(vᵢ + τ̂²) (its standardized effect), so a study's effect is the slope of the line from
/// the origin through it. The pooled estimate is the line through the origin with that slope, with a band of ±z(level)
/// around it where about 95 % of the studies lie if the model holds; an arc on the right is the effect scale, labelled
/// with (back-transformed) effect values where the rays through those slopes meet it. With a common-effect model
/// (<c>--method EE</c>, τ̂² = 0) this is Galbraith's plot, yᵢ/√vᵢ against 1/√vᵢ; with a random-effects model the
/// standard errors include τ̂², as metafor's <c>radial()</c> draws it (Viechtbauer, J Stat Softw 2010;36(3)).
/// </summary>
public static class RadialPlot
{
    private const double PointRadius = 3;
    private const double ArcGap = 14;
    private const double ArcTick = 5;
    private static readonly Stroke LineStroke = new(Color.Black, 1);
    private static readonly Stroke BandStroke = new(Color.FromHex("#4d4d4d"), 0.9, [5, 3]);
    private static readonly Stroke ArcStroke = new(Color.Black, 0.8);

    /// <summary>Draws the radial plot.</summary>
    public static Drawing.Drawing Draw(RadialPlotData data, RadialPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new RadialPlotOptions();
        var z = EffectAxis.Critical(data.Level);
        var points = data.Studies.Select(s =>
        {
            var se = Math.Sqrt(s.Vi + data.Tau2);
            return (Study: s, X: 1 / se, Y: s.Yi / se);
        }).ToList();
        var (xMin, xMax) = Scale.NiceDomain([.. points.Select(p => p.X)], log: false, include: 0);
        var log = EffectAxis.IsLog(data.BackTransform);
        var (tMin, tMax) = ArcRange([.. data.Studies.Select(s => s.Yi), data.Estimate], log);

        // The arc is a circle about the origin (x = 0, y = 0) in drawing units, just beyond the farthest point, over the
        // effects (slopes) from the smallest to the largest, widened to round values. The y domain grows until the arc
        // fits within it, so that the x axis below never cuts the arc.
        double yLow = Math.Min(-z - 0.5, points.Select(p => p.Y).DefaultIfEmpty(0).Min()), yHigh = Math.Max(z + 0.5, points.Select(p => p.Y).DefaultIfEmpty(0).Max());
        double yMin = 0, yMax = 0, pxPerX = 1, pxPerY = 1, radius = 0;
        double Angle(double slope) => Math.Atan2(slope * pxPerY, pxPerX); // upwards positive
        var margin = Canvas.Measure("0", ScatterFrame.TickStyle).Height;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            (yMin, yMax) = Scale.NiceDomain([yLow, yHigh], log: false);
            pxPerX = options.PlotWidth / (xMax - xMin);
            pxPerY = options.PlotHeight / (yMax - yMin);
            radius = points.Select(p => Math.Sqrt(Math.Pow(p.X * pxPerX, 2) + Math.Pow(p.Y * pxPerY, 2))).DefaultIfEmpty(options.PlotWidth).Max() + ArcGap;
            var top = ((radius * Math.Sin(Angle(tMax))) + margin) / pxPerY;
            var bottom = ((radius * Math.Sin(Angle(tMin))) - margin) / pxPerY;
            if (top <= yMax && bottom >= yMin)
            {
                break;
            }

            (yLow, yHigh) = (Math.Min(yLow, bottom), Math.Max(yHigh, top));
        }

        var ticks = ArcTicks(tMin, tMax, log, data.BackTransform, radius, Angle);
        var tickWidth = ticks.Select(t => Canvas.Measure(t.Label, ScatterFrame.TickStyle).Width).DefaultIfEmpty(0).Max();
        var extraRight = Math.Max(0, radius + ArcTick + 3 + tickWidth - (xMax * pxPerX));
        var frame = ScatterFrame.Layout(
            new AxisSpec(xMin, xMax, "Precision, 1/SE" + (data.Tau2 > 0 ? " (SE including τ²)" : string.Empty)),
            new AxisSpec(yMin, yMax, "Standardized effect, y/SE"),
            options.PlotWidth, options.PlotHeight, heading: options.Title, extraRight: extraRight);
        var canvas = new Canvas();
        var origin = frame.At(0, 0);

        // Band ±z around the estimate's line and the line itself, each from the y axis to the arc; then the points.
        foreach (var offset in new[] { -z, z })
        {
            var start = frame.At(0, offset);
            var direction = new Point(pxPerX, -data.Estimate * pxPerY);
            if (ToCircle(start, direction, origin, radius) is { } reach)
            {
                canvas.Line(start.X, start.Y, reach.X, reach.Y, BandStroke, "band");
            }
        }

        var end = Along(origin, radius, Angle(data.Estimate));
        canvas.Line(origin.X, origin.Y, end.X, end.Y, LineStroke, "estimate");
        foreach (var (_, x, y) in points)
        {
            var p = frame.At(x, y);
            canvas.Circle(p.X, p.Y, PointRadius, Color.Black, null, "study");
        }

        // The arc and its ticks, labelled with effect values.
        var arc = new List<Point>();
        var (from, to) = (Angle(tMin), Angle(tMax));
        for (var s = 0; s <= 90; s++)
        {
            arc.Add(Along(origin, radius, from + ((to - from) * s / 90)));
        }

        canvas.Polyline(arc, ArcStroke, "arc");
        foreach (var (slope, label) in ticks)
        {
            var angle = Angle(slope);
            var inner = Along(origin, radius, angle);
            var outer = Along(origin, radius + ArcTick, angle);
            canvas.Line(inner.X, inner.Y, outer.X, outer.Y, ArcStroke, "arc-tick");
            var at = Along(origin, radius + ArcTick + 3, angle);
            canvas.TextCentred(at.X, at.Y, label, ScatterFrame.TickStyle, TextAnchor.Start, "arc-label");
        }

        frame.DrawAxes(canvas, options.Title, box: false);
        return canvas.Build(frame.Width, frame.Height, options.Title ?? "Radial plot");
    }

    /// <summary>
    /// The effects the arc spans: the studies' (and the estimate), widened by a twentieth of their span each way, and
    /// further to round values when fewer than two ticks would fall within.
    /// </summary>
    private static (double Min, double Max) ArcRange(IReadOnlyList<double> effects, bool log)
    {
        var (lo, hi) = (effects.Min(), effects.Max());
        var widen = Math.Max((hi - lo) * 0.05, 1e-3);
        (lo, hi) = (lo - widen, hi + widen);
        var scale = new Scale(lo, hi, 0, 1, log);
        return scale.Ticks(7).Count(t => scale.Contains(t.Value)) >= 2 ? (lo, hi) : Scale.NiceDomain([lo, hi], log);
    }

    /// <summary>
    /// Arc ticks: the effect axis's own ticks (back-transformed for ratio measures) between the smallest and largest
    /// slope, as few as needed for their labels, stacked along the arc, not to overlap.
    /// </summary>
    private static List<(double Slope, string Label)> ArcTicks(double min, double max, bool log, BackTransform? backTransform, double radius, Func<double, double> angle)
    {
        var scale = new Scale(min, max, 0, 1, log);
        var height = Canvas.Measure("0", ScatterFrame.TickStyle).Height + 2;
        List<(double, string)> ticks = [];
        for (var target = 7; target >= 2; target--)
        {
            ticks = [.. scale.Ticks(target).Where(t => scale.Contains(t.Value))
                .Select(t => (t.Value, log || backTransform is null ? t.Label : Scale.Number(backTransform.Apply(t.Value))))];
            var ys = ticks.Select(t => radius * Math.Sin(angle(t.Item1))).Order().ToList();
            if (ys.Zip(ys.Skip(1)).All(pair => pair.Second - pair.First >= height))
            {
                break;
            }
        }

        return ticks;
    }

    /// <summary>Where the ray from <paramref name="start"/> along <paramref name="direction"/> leaves the circle; null if it misses it.</summary>
    private static Point? ToCircle(Point start, Point direction, Point centre, double radius)
    {
        var (dx, dy) = (direction.X, direction.Y);
        var (fx, fy) = (start.X - centre.X, start.Y - centre.Y);
        var a = (dx * dx) + (dy * dy);
        var b = 2 * ((fx * dx) + (fy * dy));
        var c = (fx * fx) + (fy * fy) - (radius * radius);
        var discriminant = (b * b) - (4 * a * c);
        if (discriminant < 0)
        {
            return null;
        }

        var t = (-b + Math.Sqrt(discriminant)) / (2 * a);
        return t > 0 ? new Point(start.X + (t * dx), start.Y + (t * dy)) : null;
    }

    private static Point Along(Point origin, double radius, double angle) => new(origin.X + (radius * Math.Cos(angle)), origin.Y - (radius * Math.Sin(angle)));
}
