using System.Globalization;
using Evident.Rendering.Drawing;

namespace Evident.Rendering.Plots.Funnel;

/// <summary>
/// The funnel plot (Light &amp; Pillemer 1984; Sterne &amp; Egger 2001): each study's effect (x, on the analysis scale,
/// a log axis with ratio ticks for ratio measures) against its standard error (y, 0 at the top) or another measure of
/// its size (metafor's <c>yaxis</c>). A plain funnel shows the pseudo-confidence region, estimate ± z·SE, around the pooled
/// estimate; a contour-enhanced funnel (Peters et al. 2008, J Clin Epidemiol 61:991) shades instead the regions where a
/// study would be significant at p &lt; 0.10, 0.05 and 0.01 around the null (Sterne et al. 2011, BMJ 343:d4002).
/// Trim-and-fill studies (Duval &amp; Tweedie 2000) are open circles, with the adjusted estimate as a dashed line.
/// </summary>
public static class FunnelPlot
{
    private const double PointRadius = 3.5;
    private static readonly Stroke EstimateStroke = new(Color.Black, 1);
    private static readonly Stroke RegionStroke = new(Color.FromHex("#4d4d4d"), 0.9, [5, 3]);
    private static readonly Stroke AdjustedStroke = new(Color.Black, 1.2, [2, 2]);
    private static readonly Stroke PointStroke = new(Color.Black, 0.8);

    /// <summary>Draws the funnel plot.</summary>
    /// <exception cref="ArgumentException">
    /// A study lacks the sample size (or weight) the y axis needs, or a contour level is not strictly between 0 and 100.
    /// </exception>
    public static Drawing.Drawing Draw(FunnelPlotData data, FunnelPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new FunnelPlotOptions();
        var axis = options.YAxis;
        var contours = options.Contours is { Count: > 0 } c ? c.Order().ToList() : null;
        if (contours is not null && contours.Any(l => !(l > 0 && l < 100)))
        {
            throw new ArgumentException("Contour levels must lie strictly between 0 and 100 (percent).", nameof(options));
        }

        var studies = data.Studies;
        var trim = data.TrimAndFill;
        var filled = trim?.Filled ?? [];
        var n = studies.Count;
        var trimWeights = filled.Count > 0 && trim?.Fit is { } trimFit ? trimFit.WeightsPercent : null;

        double Value(double vi, double? ni, double? wi, string label) => axis switch
        {
            FunnelYAxis.Sei => Math.Sqrt(vi),
            FunnelYAxis.Vi => vi,
            FunnelYAxis.Seinv => 1 / Math.Sqrt(vi),
            FunnelYAxis.Vinv => 1 / vi,
            FunnelYAxis.Wi => wi ?? throw new ArgumentException($"Study {label} has no weight.", nameof(data)),
            _ => ni is { } size and > 0 ? axis switch
            {
                FunnelYAxis.Ni => size,
                FunnelYAxis.Ninv => 1 / size,
                FunnelYAxis.Sqrtni => Math.Sqrt(size),
                FunnelYAxis.Sqrtninv => 1 / Math.Sqrt(size),
                _ => Math.Log(size),
            }
            : throw new ArgumentException($"Study {label} has no positive sample size.", nameof(data)),
        };

        var observed = studies.Select((s, i) => (X: s.Yi, Y: Value(s.Vi, s.Ni, trimWeights?[i] ?? s.WeightPercent, s.Label))).ToList();
        var imputed = filled.Select((f, j) => (X: f.Yi, Y: Value(f.Vi, studies[f.Source].Ni, trimWeights?[n + j], studies[f.Source].Label))).ToList();
        var ys = observed.Concat(imputed).Select(p => p.Y).ToList();

        var downwards = axis is FunnelYAxis.Sei or FunnelYAxis.Vi or FunnelYAxis.Ninv or FunnelYAxis.Sqrtninv;
        var (yMin, yMax) = axis is FunnelYAxis.Seinv or FunnelYAxis.Vinv or FunnelYAxis.Lni
            ? Scale.NiceDomain(ys, log: false)
            : Scale.NiceDomain(ys, log: false, include: 0);

        // The standard error a point at y stands for, on the axes where it has one (metafor draws no region otherwise).
        Func<double, double>? seAt = axis switch
        {
            FunnelYAxis.Sei => y => y,
            FunnelYAxis.Vi => y => Math.Sqrt(Math.Max(0, y)),
            FunnelYAxis.Seinv => y => 1 / y,
            FunnelYAxis.Vinv => y => 1 / Math.Sqrt(y),
            _ => null,
        };

        var log = EffectAxis.IsLog(data.BackTransform);
        var adjusted = trim?.Fit?.Estimate;
        var widest = seAt is null ? 0 : downwards ? seAt(yMax) : studies.Max(s => Math.Sqrt(s.Vi));
        var reach = new List<double> { data.Estimate };
        if (adjusted is { } a)
        {
            reach.Add(a);
        }

        if (contours is not null)
        {
            var z = EffectAxis.Critical(contours[^1]);
            reach.AddRange([-z * widest, z * widest]);
        }
        else if (seAt is not null)
        {
            var z = EffectAxis.Critical(data.Level);
            reach.AddRange([data.Estimate - (z * widest), data.Estimate + (z * widest)]);
        }

        var (xMin, xMax) = EffectAxis.Domain(observed.Concat(imputed).Select(p => p.X), log, [.. reach]);

        var legend = new List<LegendEntry>();
        var showLegend = options.Legend ?? (contours is not null || trim is not null || data.TrimAndFillNote is not null);
        var level = data.Level.ToString("0.##", CultureInfo.InvariantCulture);
        var shades = contours is null ? [] : Shades(contours.Count);
        if (showLegend)
        {
            legend.Add(new LegendEntry(LegendSymbol.FilledCircle, "Studies"));
            if (trim is not null && filled.Count > 0)
            {
                legend.Add(new LegendEntry(LegendSymbol.OpenCircle, $"Filled studies (trim and fill, {trim.Estimator})", Color.White, PointStroke));
            }

            legend.Add(new LegendEntry(LegendSymbol.Line, "Pooled estimate", Stroke: EstimateStroke));
            if (trim is not null)
            {
                legend.Add(filled.Count > 0
                    ? new LegendEntry(LegendSymbol.Line, "Adjusted estimate (trim and fill)", Stroke: AdjustedStroke)
                    : new LegendEntry(LegendSymbol.None, $"Trim and fill ({trim.Estimator}): no missing studies"));
            }

            if (data.TrimAndFillNote is { } note)
            {
                legend.Add(new LegendEntry(LegendSymbol.None, note));
            }

            if (contours is not null)
            {
                var alphas = contours.Select(l => (1 - (l / 100)).ToString("0.00##", CultureInfo.InvariantCulture)).ToList();
                legend.Add(new LegendEntry(LegendSymbol.Swatch, $"p > {alphas[0]}", Color.White, PointStroke));
                for (var k = 1; k < alphas.Count; k++)
                {
                    legend.Add(new LegendEntry(LegendSymbol.Swatch, $"{alphas[k]} < p < {alphas[k - 1]}", shades[k - 1], PointStroke));
                }

                legend.Add(new LegendEntry(LegendSymbol.Swatch, $"p < {alphas[^1]}", shades[^1], PointStroke));
            }
            else if (seAt is not null)
            {
                legend.Add(new LegendEntry(LegendSymbol.Line, $"{level}% pseudo-confidence region", Stroke: RegionStroke));
            }
        }

        var frame = ScatterFrame.Layout(
            new AxisSpec(xMin, xMax, options.EffectTitle ?? EffectAxis.Title(data.Measure, data.BackTransform), log),
            new AxisSpec(yMin, yMax, YTitle(axis), Downwards: downwards),
            options.PlotWidth, options.PlotHeight, legend, options.Title);
        var canvas = new Canvas();

        // A region |x − centre| < z·SE(y), as a polygon in drawing coordinates (cut to the plot by the caller).
        List<Point> Region(double centre, double z)
        {
            var span = (xMax - xMin) * 1e4;
            var steps = axis == FunnelYAxis.Sei ? 1 : 96;
            var left = new List<Point>();
            var right = new List<Point>();
            for (var s = 0; s <= steps; s++)
            {
                var y = yMin + ((yMax - yMin) * s / steps);
                var half = Math.Min(span, z * seAt!(y));
                if (!double.IsFinite(half))
                {
                    half = span;
                }

                left.Add(frame.At(centre - half, y));
                right.Add(frame.At(centre + half, y));
            }

            right.Reverse();
            return [.. left, .. right];
        }

        if (contours is not null && seAt is not null)
        {
            canvas.Rect(frame.Plot.Left, frame.Plot.Top, frame.Plot.Width, frame.Plot.Height, shades[^1], null, "contour");
            for (var k = contours.Count - 1; k >= 0; k--)
            {
                frame.Polygon(canvas, Region(0, EffectAxis.Critical(contours[k])), k == 0 ? Color.White : shades[k - 1], null, "contour");
            }
        }
        else if (seAt is not null)
        {
            var region = Region(data.Estimate, EffectAxis.Critical(data.Level));
            var half = region.Count / 2;
            frame.Polyline(canvas, region.Take(half).ToList(), RegionStroke, "pseudo-ci");
            frame.Polyline(canvas, region.Skip(half).Reverse().ToList(), RegionStroke, "pseudo-ci");
        }

        VerticalLine(canvas, frame, data.Estimate, EstimateStroke, "estimate");
        if (adjusted is { } adjustedEstimate && filled.Count > 0)
        {
            VerticalLine(canvas, frame, adjustedEstimate, AdjustedStroke, "adjusted-estimate");
        }

        foreach (var (x, y) in observed)
        {
            var p = frame.At(x, y);
            canvas.Circle(p.X, p.Y, PointRadius, Color.Black, null, "study");
        }

        foreach (var (x, y) in imputed)
        {
            var p = frame.At(x, y);
            canvas.Circle(p.X, p.Y, PointRadius, Color.White, PointStroke, "filled-study");
        }

        frame.DrawAxes(canvas, options.Title);
        frame.DrawLegend(canvas);
        return canvas.Build(frame.Width, frame.Height, options.Title ?? "Funnel plot");
    }

    /// <summary>The y axis title metafor's <c>yaxis</c> choice stands for.</summary>
    public static string YTitle(FunnelYAxis axis) => axis switch
    {
        FunnelYAxis.Sei => "Standard error",
        FunnelYAxis.Vi => "Sampling variance",
        FunnelYAxis.Seinv => "Inverse standard error",
        FunnelYAxis.Vinv => "Inverse sampling variance",
        FunnelYAxis.Ni => "Sample size",
        FunnelYAxis.Ninv => "Inverse sample size",
        FunnelYAxis.Sqrtni => "Square root of sample size",
        FunnelYAxis.Sqrtninv => "Inverse square root of sample size",
        FunnelYAxis.Lni => "Log sample size",
        _ => "Weight (%)",
    };

    /// <summary>
    /// Greys for the bands outside each contour, from the band just outside the innermost (darkest) to the region outside
    /// the outermost (lightest), as metafor's example (white, grey 55 %, 75 %, and 83 % beyond): the eye goes to the
    /// boundary of conventional significance, and the large region of p &lt; 0.01 stays light.
    /// </summary>
    private static Color[] Shades(int count)
    {
        var shades = new Color[count];
        for (var k = 0; k < count; k++)
        {
            var grey = (byte)Math.Round(count == 1 ? 191 : 140 + (k * 72.0 / (count - 1)));
            shades[k] = new Color(grey, grey, grey);
        }

        return shades;
    }

    private static void VerticalLine(Canvas canvas, ScatterFrame frame, double x, Stroke stroke, string cls)
    {
        if (frame.X.Contains(x))
        {
            var px = frame.X[x];
            canvas.Line(px, frame.Plot.Top, px, frame.Plot.Bottom, stroke, cls);
        }
    }
}
