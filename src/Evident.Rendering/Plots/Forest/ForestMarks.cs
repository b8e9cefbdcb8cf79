using Evident.Rendering.Drawing;

namespace Evident.Rendering.Plots.Forest;

/// <summary>
/// The marks of a forest plot: a square per study whose area is proportional to its weight with its CI as whiskers
/// (Lewis &amp; Clarke 2001), an arrow where a CI runs past the axis, a diamond per pooled result spanning its CI, and
/// the prediction interval as a bar with end ticks (Riley, Higgins &amp; Deeks, BMJ 2011;342:d549).
/// </summary>
internal sealed class ForestMarks(Canvas canvas, Drawing.Scale scale, double rowHeight, Color squareFill)
{
    private static readonly Stroke Whisker = new(Color.Black, 1);

    private double Min => Math.Min(scale.DomainMin, scale.DomainMax);

    private double Max => Math.Max(scale.DomainMin, scale.DomainMax);

    /// <summary>The largest square's side.</summary>
    private double MaxSide => rowHeight * 0.72;

    /// <summary>
    /// A study: whiskers (with arrows past the axis) and a square of area ∝ weight (fixed size without weights); a NaN
    /// estimate or bound draws nothing of it, an infinite bound an arrow.
    /// </summary>
    public void Study(ForestRow row, double cy, double maxWeight)
    {
        if (row is not { Estimate: { } estimate, Lower: { } lower, Upper: { } upper })
        {
            return;
        }

        Interval(lower, upper, cy, "study-ci", caps: false);
        if (!double.IsFinite(estimate) || !scale.Contains(estimate))
        {
            return;
        }

        var side = row.WeightPercent is { } w && double.IsFinite(w) && maxWeight > 0 && double.IsFinite(maxWeight)
            ? Math.Max(3, MaxSide * Math.Sqrt(Math.Max(0, w) / maxWeight))
            : rowHeight * 0.42;
        var x = scale[estimate];
        canvas.Rect(x - (side / 2), cy - (side / 2), side, side, squareFill, null, "study-square");
    }

    /// <summary>A pooled result's diamond, its ends cut at the axis limits.</summary>
    public void Diamond(ForestPooled pooled, double cy, Color fill)
    {
        if (double.IsNaN(pooled.Lower) || double.IsNaN(pooled.Estimate) || double.IsNaN(pooled.Upper))
        {
            return;
        }

        var half = rowHeight * 0.32;
        var (lo, mid, hi) = (X(pooled.Lower), X(pooled.Estimate), X(pooled.Upper));
        canvas.Polygon([new(lo, cy), new(mid, cy - half), new(hi, cy), new(mid, cy + half)], fill, new Stroke(fill, 0.5), "pooled-diamond");
    }

    /// <summary>A prediction interval: a line with end ticks (arrows where it runs past the axis).</summary>
    public void Prediction(double lower, double upper, double cy) => Interval(lower, upper, cy, "prediction-interval", caps: true);

    /// <summary>A horizontal interval at <paramref name="cy"/>, clipped to the axis with an arrowhead at each clipped end.</summary>
    private void Interval(double lower, double upper, double cy, string cls, bool caps)
    {
        if (!(lower <= upper))
        {
            // NaN, or bounds the wrong way round: no interval to draw.
            return;
        }

        if (upper < Min || lower > Max)
        {
            // Wholly outside the axis: an arrow at the side it lies on.
            Arrow(upper < Min ? Min : Max, cy, upper < Min ? -1 : 1, cls);
            return;
        }

        var (x1, x2) = (X(lower), X(upper));
        canvas.Line(x1, cy, x2, cy, caps ? new Stroke(Color.Black, 1.4) : Whisker, cls);
        var tick = rowHeight * 0.22;
        if (lower < Min)
        {
            Arrow(Min, cy, -1, cls);
        }
        else if (caps)
        {
            canvas.Line(x1, cy - tick, x1, cy + tick, Whisker, cls);
        }

        if (upper > Max)
        {
            Arrow(Max, cy, 1, cls);
        }
        else if (caps)
        {
            canvas.Line(x2, cy - tick, x2, cy + tick, Whisker, cls);
        }
    }

    private void Arrow(double at, double cy, int direction, string cls)
    {
        var x = scale[at];
        var length = rowHeight * 0.34;
        var half = rowHeight * 0.18;
        var sign = scale.RangeEnd >= scale.RangeStart ? direction : -direction;
        canvas.Polygon([new(x, cy), new(x - (sign * length), cy - half), new(x - (sign * length), cy + half)], Color.Black, null, cls + "-arrow");
    }

    private double X(double value) => scale[Math.Clamp(value, Min, Max)];
}
