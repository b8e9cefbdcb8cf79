using Evident.Core.Sensitivity;
using Evident.Rendering.Drawing;

namespace Evident.Rendering.Plots.Baujat;

/// <summary>The numbers a Baujat plot shows.</summary>
/// <param name="Labels">One label per study, in the order of <paramref name="Result"/>'s points.</param>
/// <param name="Result">Core's Baujat coordinates (<see cref="SensitivityAnalysis.Baujat"/>).</param>
public sealed record BaujatPlotData(IReadOnlyList<string> Labels, BaujatResult Result);

/// <summary>How a Baujat plot is drawn.</summary>
public sealed record BaujatPlotOptions
{
    /// <summary>Width of the plot area in drawing units (1/96 inch).</summary>
    public double PlotWidth { get; init; } = 400;

    /// <summary>Height of the plot area in drawing units.</summary>
    public double PlotHeight { get; init; } = 300;

    /// <summary>A heading above the plot; null for none.</summary>
    public string? Title { get; init; }
}

/// <summary>
/// The Baujat plot (Baujat et al. 2002, Stat Med 21:2641): each study's contribution to the heterogeneity (x, its
/// squared Pearson residual, its term of Cochran's Q for a common-effect model) against its influence on the pooled
/// result (y, the standardized squared change of the estimate when it is left out), as metafor's <c>baujat</c>. Studies
/// in the top right both drive heterogeneity and move the result. Every study is labelled beside its point, where the
/// label overlaps no other label or point (with a leader line when it must move away); a label that fits nowhere is
/// left out rather than drawn over another, and named in a note under the plot.
/// </summary>
public static class BaujatPlot
{
    private const double PointRadius = 3;

    /// <summary>Draws the Baujat plot; studies whose influence is undefined are left out.</summary>
    /// <exception cref="ArgumentException">The labels and the points differ in number.</exception>
    public static Drawing.Drawing Draw(BaujatPlotData data, BaujatPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new BaujatPlotOptions();
        var result = data.Result;
        if (data.Labels.Count != result.X.Count)
        {
            throw new ArgumentException($"{data.Labels.Count} labels for {result.X.Count} studies.", nameof(data));
        }

        var points = Enumerable.Range(0, result.X.Count)
            .Where(i => result.Y[i] is { } y && double.IsFinite(y) && double.IsFinite(result.X[i]))
            .Select(i => (Label: data.Labels[i], X: result.X[i], Y: result.Y[i]!.Value))
            .ToList();
        // A little headroom beyond the largest values, so the outlying studies have room for their labels.
        var (xMin, xMax) = Scale.NiceDomain([.. points.Select(p => p.X), points.Select(p => p.X).DefaultIfEmpty(1).Max() * 1.08], log: false, include: 0);
        var (yMin, yMax) = Scale.NiceDomain([.. points.Select(p => p.Y), points.Select(p => p.Y).DefaultIfEmpty(1).Max() * 1.08], log: false, include: 0);
        var frame = ScatterFrame.Layout(
            new AxisSpec(xMin, xMax, "Contribution to overall heterogeneity"),
            new AxisSpec(yMin, yMax, "Influence on overall result"),
            options.PlotWidth, options.PlotHeight, heading: options.Title);
        var canvas = new Canvas();
        var items = new List<LabelPlacer.Item>();
        foreach (var (label, x, y) in points)
        {
            var p = frame.At(x, y);
            canvas.Circle(p.X, p.Y, PointRadius, Color.Black, null, "study");
            items.Add(new LabelPlacer.Item(p, PointRadius, label));
        }

        // Label the most outlying studies first: they are the ones a reader looks for, and have the most room.
        var order = items.OrderByDescending(i => Math.Max((i.Centre.X - frame.Plot.Left) / frame.Plot.Width, (frame.Plot.Bottom - i.Centre.Y) / frame.Plot.Height)).ToList();
        var left = LabelPlacer.Place(canvas, order, frame.Plot, ScatterFrame.LabelStyle);
        frame.DrawAxes(canvas, options.Title);
        var height = LabelPlacer.Note(canvas, left, frame.Width, frame.Height, ScatterFrame.LabelStyle);
        return canvas.Build(frame.Width, height, options.Title ?? "Baujat plot");
    }
}
