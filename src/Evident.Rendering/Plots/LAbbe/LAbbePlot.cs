using Evident.Core.EffectSizes;
using Evident.Rendering.Drawing;

namespace Evident.Rendering.Plots.LAbbe;

/// <summary>The scale of a L'Abbé plot's axes.</summary>
public enum LAbbeScale
{
    /// <summary>The event risk in each arm, 0 to 1 (as RevMan draws it); the pooled effect is then a curve for OR and RR.</summary>
    Risk,

    /// <summary>
    /// Each arm on the measure's own scale (metafor's <c>labbe</c>): log risk for RR, log odds for OR and Peto, risk for
    /// RD; log axes are labelled with risks or odds. The pooled effect is then the straight line y = x + estimate.
    /// </summary>
    Analysis,

    /// <summary>
    /// Chosen from the data: <see cref="Analysis"/> when the arms' event risks span an order of magnitude or more (the
    /// circles would pile up near 0 on a 0-to-1 scale; metafor's <c>labbe</c> always draws the measure's scale), else
    /// <see cref="Risk"/>; always <see cref="Risk"/> for the risk difference, whose analysis scale is the risk.
    /// </summary>
    Auto,
}

/// <summary>One study of a L'Abbé plot: events and totals per arm.</summary>
/// <param name="Label">Study label.</param>
/// <param name="ExperimentalEvents">Events in the experimental group (metafor's ai).</param>
/// <param name="ExperimentalTotal">Size of the experimental group (n1i).</param>
/// <param name="ControlEvents">Events in the control group (ci).</param>
/// <param name="ControlTotal">Size of the control group (n2i).</param>
public sealed record LAbbeStudy(string Label, double ExperimentalEvents, double ExperimentalTotal, double ControlEvents, double ControlTotal)
{
    /// <summary>The study's weight in the pooled model, in percent (circle areas are proportional to it); null draws all circles alike.</summary>
    public double? WeightPercent { get; init; }
}

/// <summary>The numbers a L'Abbé plot shows.</summary>
/// <param name="Studies">The studies.</param>
/// <param name="Measure">The binary measure analysed: OR, RR, RD or PETO.</param>
/// <param name="Estimate">The pooled estimate on the analysis scale (log OR, log RR or RD), from Core's fit.</param>
public sealed record LAbbePlotData(IReadOnlyList<LAbbeStudy> Studies, EffectMeasure Measure, double Estimate)
{
    /// <summary>The continuity correction for arms with no events (or only events) on the analysis scale; metafor's by default.</summary>
    public EscalcOptions Escalc { get; init; } = EscalcOptions.Default;

    /// <summary>Whether <paramref name="measure"/> is one a L'Abbé plot can show (OR, RR, RD, PETO).</summary>
    public static bool Supports(EffectMeasure measure) => measure is EffectMeasure.OR or EffectMeasure.RR or EffectMeasure.RD or EffectMeasure.PETO;
}

/// <summary>How a L'Abbé plot is drawn.</summary>
public sealed record LAbbePlotOptions
{
    /// <summary>The scale of the axes; default <see cref="LAbbeScale.Auto"/> (chosen from the data).</summary>
    public LAbbeScale Scale { get; init; } = LAbbeScale.Auto;

    /// <summary>Whether to label the circles with the study labels.</summary>
    public bool Labels { get; init; }

    /// <summary>The control arm as the x axis title names it: "Risk in control group".</summary>
    public string ControlName { get; init; } = "control group";

    /// <summary>The experimental arm as the y axis title names it: "Risk in experimental group".</summary>
    public string ExperimentalName { get; init; } = "experimental group";

    /// <summary>Width and height of the (square) plot area in drawing units (1/96 inch).</summary>
    public double PlotSize { get; init; } = 320;

    /// <summary>A heading above the plot; null for none.</summary>
    public string? Title { get; init; }
}

/// <summary>
/// The L'Abbé plot (L'Abbé, Detsky &amp; O'Rourke 1987, Ann Intern Med 107:224): for binary outcomes, each study's
/// event risk in the control arm (x) against the experimental arm (y), circles sized by the study's weight (area ∝
/// weight), the line of equality (no effect), and the pooled effect from the fitted estimate: y = x·RR, the odds
/// ratio's curve y = OR·x/(1 − x + OR·x), or y = x + RD (straight lines y = x + estimate on the analysis scale).
/// </summary>
public static class LAbbePlot
{
    private const double MaxRadius = 16;
    private const double MinRadius = 2.5;
    private static readonly Stroke EqualityStroke = new(Color.FromHex("#4d4d4d"), 0.9, [5, 3]);
    private static readonly Stroke PooledStroke = new(Color.Black, 1.2);

    /// <summary>Draws the L'Abbé plot; studies whose arms cannot be shown on the scale (e.g. an empty arm) are left out.</summary>
    /// <exception cref="ArgumentException">The measure is not OR, RR, RD or PETO.</exception>
    public static Drawing.Drawing Draw(LAbbePlotData data, LAbbePlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new LAbbePlotOptions();
        if (!LAbbePlotData.Supports(data.Measure))
        {
            throw new ArgumentException($"A L'Abbé plot shows binary measures (OR, RR, RD, PETO), not {data.Measure}.", nameof(data));
        }

        var analysis = ChosenScale(data, options.Scale) == LAbbeScale.Analysis;
        var armMeasure = !analysis || data.Measure == EffectMeasure.RD ? EffectMeasure.PR
            : data.Measure == EffectMeasure.RR ? EffectMeasure.PLN : EffectMeasure.PLO;
        var experimental = Arms(data.Studies.Select(s => (s.ExperimentalEvents, s.ExperimentalTotal)), armMeasure, data.Escalc);
        var control = Arms(data.Studies.Select(s => (s.ControlEvents, s.ControlTotal)), armMeasure, data.Escalc);
        var points = Enumerable.Range(0, data.Studies.Count)
            .Where(i => experimental[i] is not null && control[i] is not null)
            .Select(i => (Study: data.Studies[i], X: control[i]!.Value, Y: experimental[i]!.Value))
            .ToList();

        var log = armMeasure != EffectMeasure.PR;
        var values = points.SelectMany(p => new[] { p.X, p.Y }).ToList();
        var (min, max) = log ? Scale.NiceDomain(values, log: true) : Scale.NiceDomain(values, log: false, include: 0);
        if (!log)
        {
            (min, max) = (Math.Max(0, min), Math.Min(1, max));
        }

        // Room for the largest circle beyond the ends, so circles of studies at the extremes stay inside the frame.
        var pad = (max - min) * MaxRadius / options.PlotSize;
        (min, max) = (min - pad, max + pad);

        var what = armMeasure == EffectMeasure.PLO ? "Odds" : "Risk";
        var suffix = log ? " (log scale)" : string.Empty;
        var measureName = data.Measure switch
        {
            EffectMeasure.OR => "odds ratio",
            EffectMeasure.PETO => "Peto odds ratio",
            EffectMeasure.RR => "risk ratio",
            _ => "risk difference",
        };
        var pooledValue = data.Measure == EffectMeasure.RD ? data.Estimate : Math.Exp(data.Estimate);
        var legend = new List<LegendEntry>
        {
            new(LegendSymbol.Line, $"Pooled {measureName} ({EffectAxis.Format(pooledValue, null)})", Stroke: PooledStroke),
            new(LegendSymbol.Line, "No effect (line of equality)", Stroke: EqualityStroke),
        };
        // Both axes show the same scale, so they get the same ticks (those that fit along the x axis).
        var xAxis = new AxisSpec(min, max, $"{what} in {options.ControlName}{suffix}", log);
        var ticks = ScatterFrame.FittingTicks(xAxis, options.PlotSize, horizontal: true);
        var frame = ScatterFrame.Layout(
            xAxis with { Ticks = ticks },
            new AxisSpec(min, max, $"{what} in {options.ExperimentalName}{suffix}", log) { Ticks = ticks },
            options.PlotSize, options.PlotSize, legend, options.Title);
        var canvas = new Canvas();

        // On the risk scale the lines run over risks from 0 to 1 only (the domain is padded beyond them for the circles).
        var (from, to) = log ? (min, max) : (Math.Max(min, 0), Math.Min(max, 1));
        IReadOnlyList<Point> equality = [frame.At(from, from), frame.At(to, to)];
        frame.Polyline(canvas, equality, EqualityStroke, "equality");
        var curve = new List<Point>();
        const int Steps = 120;
        for (var s = 0; s <= Steps; s++)
        {
            var x = from + ((to - from) * s / Steps);
            var y = analysis ? x + data.Estimate : data.Measure switch
            {
                EffectMeasure.RD => x + data.Estimate,
                EffectMeasure.RR => x * Math.Exp(data.Estimate),
                _ => Math.Exp(data.Estimate) * x / (1 - x + (Math.Exp(data.Estimate) * x)),
            };
            if (log || y is >= 0 and <= 1)
            {
                curve.Add(frame.At(x, y));
            }
        }

        frame.Polyline(canvas, curve, PooledStroke, "pooled");

        var maxWeight = points.Select(p => p.Study.WeightPercent ?? 0).DefaultIfEmpty(0).Max();
        double Radius(LAbbeStudy s) => s.WeightPercent is { } w && maxWeight > 0 ? Math.Max(MinRadius, MaxRadius * Math.Sqrt(w / maxWeight)) : 4;
        var items = new List<LabelPlacer.Item>();
        var fill = Color.FromHex("#7f7f7f").WithOpacity(0.5);
        foreach (var (study, x, y) in points.OrderByDescending(p => Radius(p.Study)))
        {
            var p = frame.At(x, y);
            var r = Radius(study);
            canvas.Circle(p.X, p.Y, r, fill, new Stroke(Color.Black, 0.8), "study");
            items.Add(new LabelPlacer.Item(p, r, study.Label));
        }

        // Labels stay off the line of equality and the pooled line.
        var lines = frame.ClipPolyline(equality).Concat(frame.ClipPolyline(curve));
        var left = options.Labels ? LabelPlacer.Place(canvas, items, frame.Plot, ScatterFrame.LabelStyle, lines: lines) : [];
        frame.DrawAxes(canvas, options.Title);
        frame.DrawLegend(canvas);
        var height = LabelPlacer.Note(canvas, left, frame.Width, frame.Height, ScatterFrame.LabelStyle);
        return canvas.Build(frame.Width, height, options.Title ?? "L'Abbé plot");
    }

    /// <summary>
    /// The scale drawn: <paramref name="scale"/>, or for <see cref="LAbbeScale.Auto"/> the analysis scale when the arms'
    /// event risks (those above 0) span a factor of 10 or more, else the risk scale (always for RD).
    /// </summary>
    public static LAbbeScale ChosenScale(LAbbePlotData data, LAbbeScale scale)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (scale != LAbbeScale.Auto)
        {
            return scale;
        }

        var risks = data.Studies
            .SelectMany(s => new[] { s.ExperimentalEvents / s.ExperimentalTotal, s.ControlEvents / s.ControlTotal })
            .Where(r => double.IsFinite(r) && r > 0)
            .ToList();
        return data.Measure != EffectMeasure.RD && risks.Count > 0 && risks.Max() >= 10 * risks.Min() ? LAbbeScale.Analysis : LAbbeScale.Risk;
    }

    /// <summary>Each arm on the chosen scale, computed by Core (continuity-corrected as escalc does), or null when not estimable.</summary>
    private static double?[] Arms(IEnumerable<(double Events, double Total)> arms, EffectMeasure measure, EscalcOptions escalc)
    {
        var inputs = arms.Select(a => new StudyInput { Xi = a.Events, Ni = a.Total }).ToList();
        var effects = EffectSizes.Compute(measure, inputs, escalc).Studies;
        var values = new double?[inputs.Count];
        foreach (var effect in effects)
        {
            values[effect.Index] = effect.Yi is { } y && double.IsFinite(y) ? y : null;
        }

        return values;
    }
}
