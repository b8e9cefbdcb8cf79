using Evident.Core.EffectSizes;
using Evident.Core.Models.Regression;
using Evident.Rendering.Drawing;

namespace Evident.Rendering.Plots.Bubble;

/// <summary>The numbers a bubble plot shows.</summary>
/// <param name="Fit">Core's meta-regression on one continuous moderator (see <see cref="BubblePlot.Moderator"/>).</param>
/// <param name="Measure">The effect-size measure.</param>
public sealed record BubblePlotData(MetaRegressionResult Fit, EffectMeasure Measure)
{
    /// <summary>The measure's back-transformation; exp makes the effect axis a log axis with ratio ticks.</summary>
    public BackTransform? BackTransform { get; init; }

    /// <summary>One label per study in the fit's (design) row order, or null for none.</summary>
    public IReadOnlyList<string>? Labels { get; init; }
}

/// <summary>How a bubble plot is drawn.</summary>
public sealed record BubblePlotOptions
{
    /// <summary>Whether to label the bubbles with the study labels (placed so none overlaps another).</summary>
    public bool Labels { get; init; }

    /// <summary>Whether to draw the prediction interval's bounds as well as the confidence band.</summary>
    public bool PredictionInterval { get; init; }

    /// <summary>Width of the plot area in drawing units (1/96 inch).</summary>
    public double PlotWidth { get; init; } = 400;

    /// <summary>Height of the plot area in drawing units.</summary>
    public double PlotHeight { get; init; } = 300;

    /// <summary>A heading above the plot; null for none.</summary>
    public string? Title { get; init; }

    /// <summary>The moderator axis title; null for the moderator's name.</summary>
    public string? ModeratorTitle { get; init; }
}

/// <summary>
/// The bubble plot of a meta-regression on one continuous moderator (Thompson &amp; Higgins 2002, Stat Med 21:1559;
/// metafor's <c>regplot</c>): each study's effect (y, analysis scale, a log axis with ratio ticks for ratio measures)
/// against the moderator (x), as a bubble whose area is proportional to its weight in the model; the fitted line with its
/// confidence band, from Core's predictions (<see cref="MetaRegression.Predict(MetaRegressionResult, IReadOnlyList{IReadOnlyList{double}})"/>)
/// over the observed range of the moderator.
/// </summary>
public static class BubblePlot
{
    private const double MaxRadius = 15;
    private const double MinRadius = 2;
    private const int GridPoints = 100;
    private static readonly Stroke LineStroke = new(Color.Black, 1.3);
    private static readonly Stroke BandStroke = new(Color.FromHex("#4d4d4d"), 0.9, [5, 3]);
    private static readonly Stroke PredictionStroke = new(Color.FromHex("#4d4d4d"), 0.9, [1.5, 2.5]);

    /// <summary>
    /// The design column of the fit's one continuous moderator, or null when the model has none or more than one: a
    /// single term whose one column is the term itself (<c>x</c>, <c>log(x)</c>, <c>I(x - 3)</c>), not a factor's levels.
    /// </summary>
    public static int? Moderator(MetaRegressionResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var design = fit.Design;
        var offset = design.HasIntercept ? 1 : 0;
        return design.Formula is { } formula && formula.Terms.Count == 1 && design.P - offset == 1
            && string.Equals(design.ColumnNames[offset], formula.Terms[0], StringComparison.Ordinal)
            ? offset
            : null;
    }

    /// <summary>Draws the bubble plot.</summary>
    /// <exception cref="ArgumentException">The fit has no single continuous moderator, or the labels do not match its studies.</exception>
    public static Drawing.Drawing Draw(BubblePlotData data, BubblePlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new BubblePlotOptions();
        var fit = data.Fit;
        var column = Moderator(fit) ?? throw new ArgumentException("A bubble plot needs a meta-regression on exactly one continuous moderator.", nameof(data));
        if (data.Labels is { } labels && labels.Count != fit.K)
        {
            throw new ArgumentException($"{labels.Count} labels for {fit.K} studies.", nameof(data));
        }

        var x = fit.Design.Column(column).ToArray();
        var (lo, hi) = (x.Min(), x.Max());
        var grid = Enumerable.Range(0, GridPoints + 1).Select(i => lo + ((hi - lo) * i / GridPoints)).ToList();
        var predictions = MetaRegression.Predict(fit, [.. grid.Select(g => (IReadOnlyList<double>)[g])]).Predictions;

        var log = EffectAxis.IsLog(data.BackTransform);
        var bounds = predictions.SelectMany(p => options.PredictionInterval
            ? new[] { p.ConfidenceInterval.Lower, p.ConfidenceInterval.Upper, p.PredictionInterval.Lower, p.PredictionInterval.Upper }
            : [p.ConfidenceInterval.Lower, p.ConfidenceInterval.Upper]);
        // A little room beyond the extreme studies, so their bubbles stay inside the frame.
        var pad = (hi - lo) * 0.05;
        var (xMin, xMax) = Scale.NiceDomain([.. x, lo - pad, hi + pad], log: false);
        var (yLo, yHi) = (fit.Yi.Min(), fit.Yi.Max());
        var (yMin, yMax) = EffectAxis.Domain(fit.Yi.Concat(bounds), log, yLo - ((yHi - yLo) * 0.05), yHi + ((yHi - yLo) * 0.05));
        var moderatorName = fit.Design.ColumnNames[column];
        var frame = ScatterFrame.Layout(
            new AxisSpec(xMin, xMax, options.ModeratorTitle ?? moderatorName),
            new AxisSpec(yMin, yMax, EffectAxis.Title(data.Measure, data.BackTransform), log),
            options.PlotWidth, options.PlotHeight, heading: options.Title);
        var canvas = new Canvas();

        var band = predictions.Select(p => frame.At(grid[p.Row], p.ConfidenceInterval.Lower))
            .Concat(predictions.Select(p => frame.At(grid[p.Row], p.ConfidenceInterval.Upper)).Reverse()).ToList();
        frame.Polygon(canvas, band, Color.FromHex("#d9d9d9").WithOpacity(0.6), null, "ci-band");

        // The lines, kept for the labels to stay off them.
        var lines = new List<IReadOnlyList<Point>>();
        void Line(Func<RegressionPrediction, double> value, Stroke stroke, string cls)
        {
            var points = predictions.Select(p => frame.At(grid[p.Row], value(p))).ToList();
            frame.Polyline(canvas, points, stroke, cls);
            lines.AddRange(frame.ClipPolyline(points));
        }

        Line(p => p.ConfidenceInterval.Lower, BandStroke, "ci");
        Line(p => p.ConfidenceInterval.Upper, BandStroke, "ci");
        if (options.PredictionInterval)
        {
            Line(p => p.PredictionInterval.Lower, PredictionStroke, "pi");
            Line(p => p.PredictionInterval.Upper, PredictionStroke, "pi");
        }

        Line(p => p.Estimate, LineStroke, "fitted");

        var maxWeight = fit.WeightsPercent.DefaultIfEmpty(0).Max();
        double Radius(int i) => maxWeight > 0 ? Math.Max(MinRadius, MaxRadius * Math.Sqrt(fit.WeightsPercent[i] / maxWeight)) : 4;
        var items = new List<LabelPlacer.Item>();
        var fill = Color.FromHex("#7f7f7f").WithOpacity(0.5);
        foreach (var i in Enumerable.Range(0, fit.K).OrderByDescending(Radius))
        {
            var p = frame.At(x[i], fit.Yi[i]);
            canvas.Circle(p.X, p.Y, Radius(i), fill, new Stroke(Color.Black, 0.8), "study");
            items.Add(new LabelPlacer.Item(p, Radius(i), data.Labels?[i] ?? string.Empty));
        }

        // Labels stay off the fitted line and the band's edges (they may sit inside the shaded band).
        var left = options.Labels && data.Labels is not null ? LabelPlacer.Place(canvas, items, frame.Plot, ScatterFrame.LabelStyle, lines: lines) : [];
        frame.DrawAxes(canvas, options.Title);
        var height = LabelPlacer.Note(canvas, left, frame.Width, frame.Height, ScatterFrame.LabelStyle);
        return canvas.Build(frame.Width, height, options.Title ?? "Bubble plot");
    }
}
