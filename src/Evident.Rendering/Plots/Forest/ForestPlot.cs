using Evident.Rendering.Drawing;
using Evident.Rendering.RiskOfBias;

namespace Evident.Rendering.Plots.Forest;

/// <summary>
/// Draws forest plots (Lewis &amp; Clarke, BMJ 2001;322:1479) in Review Manager 5's layout (Cochrane reviews; Higgins
/// et al., Cochrane Handbook ch. 10) or metafor's (Viechtbauer, J Stat Softw 2010;36(3), <c>forest.rma</c>), with
/// risk-of-bias traffic lights beside the studies as robvis appends them (McGuinness &amp; Higgins, Res Synth Methods
/// 2021;12:55).
/// </summary>
/// <remarks>
/// Layout is computed from measured text, so nothing overlaps whatever the labels: each text column is as wide as its
/// widest text, the plot takes the rest of the width asked for, and a picture whose texts need more is widened rather
/// than crowded. Lines after the last mark (heterogeneity, tests, legend) sit beside the axis, as RevMan places them,
/// when they fit left of it, and below it otherwise.
/// </remarks>
public static class ForestPlot
{
    private const double Margin = 12;
    private const double MinPlotWidth = 180;

    /// <summary>The share of the width asked for that the plot keeps however wide the texts are.</summary>
    private const double MinPlotShare = 0.3;
    private const double FavoursGap = 6;

    private static readonly Color RevManSquare = Color.FromHex("#2b5d9b");
    private static readonly Stroke Rule = new(Color.FromHex("#9a9a9a"), 0.8);

    /// <summary>Draws <paramref name="data"/> as <paramref name="options"/> say.</summary>
    public static Drawing.Drawing Draw(ForestPlotData data, ForestPlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new ForestPlotOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Decimals);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FontSize, 4);
        var revman = options.Layout == ForestLayout.RevMan;
        var regular = new TextStyle(options.FontSize);
        var bold = regular with { Bold = true };
        var rowHeight = Math.Ceiling(Canvas.Measure("Ag", regular).Height * 1.4);
        var glyphRadius = Math.Min(rowHeight * 0.4, 7.5);

        var lines = ForestLines.Build(data, options);
        var columns = ForestColumns.Build(data, options, data.AllStudies.Any(r => r.WeightPercent is not null));
        ForestColumns.Measure(columns, lines, regular, bold, 2 * glyphRadius);
        var groups = ForestColumns.Groups(columns);
        var plotIndex = columns.FindIndex(c => c.Kind == ColumnKind.Plot);
        var plot = columns[plotIndex];
        var lastMark = lines.FindLastIndex(l => l.HasMark);

        // Group headers wider than the columns under them widen those columns (the plot's is handled by its minimum width).
        foreach (var (first, last, text) in groups.Where(g => columns[g.First].Kind != ColumnKind.Plot))
        {
            var span = Enumerable.Range(first, last - first + 1).Sum(i => columns[i].Width)
                + Enumerable.Range(first, last - first).Sum(i => ForestColumns.GapAfter(columns, i));
            var excess = Canvas.Measure(text, bold).Width - span;
            for (var i = first; i <= last && excess > 0; i++)
            {
                columns[i].Width += excess / (last - first + 1);
            }
        }

        // Notes inside the blocks (a subgroup's heterogeneity) stay left of the plot: the label column grows if they need it.
        Place(columns, 0, plotIndex, Margin);
        var leftRight = plotIndex > 0 ? columns[plotIndex - 1].Right : Margin;
        var blockNotes = lines.Take(Math.Max(0, lastMark)).Where(l => l.Kind == LineKind.Note).Select(l => Canvas.Measure(l.Label, l.Bold ? bold : regular).Width);
        var widestNote = blockNotes.DefaultIfEmpty(0).Max();
        if (Margin + widestNote > leftRight)
        {
            columns[0].Width += Margin + widestNote - leftRight;
            Place(columns, 0, plotIndex, Margin);
            leftRight = columns[plotIndex - 1].Right;
        }

        // The plot takes the width left over, but never less than its headers, the favours texts and the axis title need.
        var axisTitle = revman ? null : data.EffectName + (data.Log ? " (log scale)" : string.Empty);
        var favours = new[] { options.FavoursLeft, options.FavoursRight }.Select(f => string.IsNullOrEmpty(f) ? 0 : Canvas.Measure(f, regular).Width).Max();
        var width = options.Width ?? ForestPlotOptions.DefaultWidth(options.Layout);
        var minPlot = new[]
        {
            MinPlotWidth,
            width * MinPlotShare,
            (plot.Header is { } h ? Canvas.Measure(h, bold).Width : 0) + 8,
            (plot.Group is { } g ? Canvas.Measure(g, bold).Width : 0) + 8,
            (2 * (favours + FavoursGap)) + 8,
            axisTitle is null ? 0 : Canvas.Measure(axisTitle, regular).Width + 8,
        }.Max();
        var rightWidth = Enumerable.Range(plotIndex + 1, columns.Count - plotIndex - 1).Sum(i => columns[i].Width + ForestColumns.GapAfter(columns, i - 1));
        plot.X = leftRight + (plotIndex > 0 ? ForestColumns.Gap : 0);
        plot.Width = Math.Max(minPlot, width - Margin - plot.X - rightWidth);
        Place(columns, plotIndex + 1, columns.Count, plot.Right + ForestColumns.GapAfter(columns, plotIndex));
        width = Math.Max(width, columns[^1].Right + Margin);
        if (data.Title is { } title)
        {
            width = Math.Max(width, Margin + Canvas.Measure(title, bold with { Size = options.FontSize + 1 }).Width + Margin);
        }

        var (min, max) = ForestAxis.Domain(data, options);
        var scale = new Drawing.Scale(min, max, plot.X, plot.Right, data.Log);
        var ticks = ForestAxis.Ticks(scale, data.NullValue, regular);

        // A tick label centred on the axis's right end may reach past the plot: the picture is widened to hold it.
        width = Math.Max(width, ticks.Select(k => scale[k.Value] + (Canvas.Measure(k.Label, regular).Width / 2)).DefaultIfEmpty(0).Max() + 4);
        var canvas = new Canvas();

        // Title and headers.
        var y = Margin;
        if (data.Title is { } t)
        {
            canvas.TextCentred(Margin, y + (rowHeight / 2), t, bold with { Size = options.FontSize + 1 }, TextAnchor.Start, "title");
            y += rowHeight + 4;
        }

        if (groups.Count > 0)
        {
            foreach (var (first, last, text) in groups)
            {
                canvas.TextCentred((columns[first].X + columns[last].Right) / 2, y + (rowHeight / 2), text, bold, TextAnchor.Middle, "header-group");
            }

            y += rowHeight;
        }

        foreach (var column in columns.Where(c => c.Header is not null))
        {
            var anchor = column.Kind is ColumnKind.Plot or ColumnKind.RiskOfBias ? TextAnchor.Middle : column.Align;
            var x = anchor == TextAnchor.Middle ? column.X + (column.Width / 2) : column.AnchorX;
            canvas.TextCentred(x, y + (rowHeight / 2), column.Header!, bold, anchor, "header", ForestColumns.MaxWidth(column, bold));
        }

        y += rowHeight + 2;
        canvas.Line(Margin, y, width - Margin, y, Rule, "header-rule");
        y += 3;
        var linesTop = y;

        // Where each line goes: the lines up to the last mark one after another; the rest beside the axis or below it.
        var markBottom = linesTop + ((lastMark + 1) * rowHeight);
        var axisY = markBottom + 4;
        var axisRows = 1 + (favours > 0 ? 1 : 0) + (axisTitle is null ? 0 : 1);
        var axisBottom = axisY + 4 + (axisRows * rowHeight);
        var favoursAnchor = data.NullValue is { } nv && scale.Contains(nv) ? scale[nv] : (plot.X + plot.Right) / 2;
        var axisLeft = Math.Min(
            ticks.Select(k => scale[k.Value] - (Canvas.Measure(k.Label, regular).Width / 2)).DefaultIfEmpty(plot.X).Min(),
            Math.Min(plot.X, string.IsNullOrEmpty(options.FavoursLeft) ? plot.X : favoursAnchor - FavoursGap - Canvas.Measure(options.FavoursLeft, regular).Width));
        var trailing = lines.Skip(lastMark + 1).ToList();
        var trailingRight = trailing.Select(l => RightmostText(l, columns, regular, bold)).DefaultIfEmpty(0).Max();
        var trailingTop = trailingRight <= axisLeft - 10 ? markBottom : axisBottom + 6;
        var height = Math.Max(axisBottom, trailingTop + (trailing.Count * rowHeight)) + Margin;

        // Null and reference lines behind the marks.
        if (data.NullValue is { } nullValue && scale.Contains(nullValue))
        {
            canvas.Line(scale[nullValue], linesTop - 2, scale[nullValue], axisY, new Stroke(Color.Black, 0.8), "null-line");
        }

        if (data.ReferenceValue is { } reference && scale.Contains(reference))
        {
            canvas.Line(scale[reference], linesTop - 2, scale[reference], axisY, new Stroke(Color.Grey, 1, [4, 3]), "reference-line");
        }

        if (!revman && data.Overall is not null)
        {
            var overallLine = lines.FindIndex(l => l.Kind == LineKind.Pooled && ReferenceEquals(l.Pooled, data.Overall));
            var ruleY = linesTop + (overallLine * rowHeight) - 1;
            canvas.Line(Margin, ruleY, width - Margin, ruleY, Rule, "summary-rule");
        }

        // The lines.
        var marks = new ForestMarks(canvas, scale, rowHeight, revman ? RevManSquare : Color.Black);
        var maxWeight = data.AllStudies.Select(r => r.WeightPercent ?? 0).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var cy = i <= lastMark ? linesTop + ((i + 0.5) * rowHeight) : trailingTop + ((i - lastMark - 0.5) * rowHeight);
            DrawLine(canvas, line, columns, cy, line.Bold || line.Kind == LineKind.SubgroupHeader ? bold : regular);
            switch (line.Kind)
            {
                case LineKind.Study:
                    marks.Study(line.Study!, cy, maxWeight);
                    for (var d = 0; d < data.RiskOfBiasDomains.Count; d++)
                    {
                        if (d < line.Study!.RiskOfBias.Count && line.Study.RiskOfBias[d] is { } judgement)
                        {
                            var column = columns.First(c => c.Kind == ColumnKind.RiskOfBias && c.Index == d);
                            JudgementGlyph.Draw(canvas, column.X + (column.Width / 2), cy, glyphRadius, judgement, options.Palette);
                        }
                    }

                    break;
                case LineKind.Pooled:
                    if (!revman && line.Pooled!.PredictionInterval is { } pi)
                    {
                        marks.Prediction(pi.Lower, pi.Upper, cy);
                    }

                    marks.Diamond(line.Pooled!, cy, Color.Black);
                    break;
                case LineKind.Prediction:
                    var interval = line.Pooled!.PredictionInterval!.Value;
                    marks.Prediction(interval.Lower, interval.Upper, cy);
                    break;
                default:
                    break;
            }
        }

        // The axis, its ticks, the favours texts and the axis title.
        canvas.Line(plot.X, axisY, plot.Right, axisY, Stroke.Thin, "axis");
        foreach (var (value, label) in ticks)
        {
            var x = scale[value];
            canvas.Line(x, axisY, x, axisY + 4, Stroke.Thin, "axis-tick");
            canvas.TextCentred(x, axisY + 4 + (rowHeight / 2), label, regular, TextAnchor.Middle, "axis-label");
        }

        var row = axisY + 4 + (rowHeight * 1.5);
        if (favours > 0)
        {
            if (!string.IsNullOrEmpty(options.FavoursLeft))
            {
                var right = Math.Max(favoursAnchor - FavoursGap, Margin + Canvas.Measure(options.FavoursLeft, regular).Width);
                canvas.TextCentred(right, row, options.FavoursLeft, regular, TextAnchor.End, "favours-left");
            }

            if (!string.IsNullOrEmpty(options.FavoursRight))
            {
                var left = Math.Min(favoursAnchor + FavoursGap, width - Margin - Canvas.Measure(options.FavoursRight, regular).Width);
                canvas.TextCentred(left, row, options.FavoursRight, regular, TextAnchor.Start, "favours-right");
            }

            row += rowHeight;
        }

        if (axisTitle is not null)
        {
            canvas.TextCentred((plot.X + plot.Right) / 2, row, axisTitle, regular, TextAnchor.Middle, "axis-title");
        }

        return canvas.Build(Math.Ceiling(width), Math.Ceiling(height), "Forest plot" + (data.Title is { } name ? ": " + name : string.Empty));
    }

    /// <summary>Lays columns [from, to) out left to right from <paramref name="x"/>.</summary>
    private static void Place(List<ForestColumnSlot> columns, int from, int to, double x)
    {
        for (var i = from; i < to; i++)
        {
            columns[i].X = x;
            x = columns[i].Right + ForestColumns.GapAfter(columns, i);
        }
    }

    /// <summary>A line's texts: a note from the left margin, or each column's text at its anchor.</summary>
    private static void DrawLine(Canvas canvas, ForestLine line, List<ForestColumnSlot> columns, double cy, TextStyle style)
    {
        var role = line.Kind switch
        {
            LineKind.SubgroupHeader => "subgroup",
            LineKind.Study => "study",
            LineKind.Pooled => "pooled",
            LineKind.Prediction => "prediction",
            LineKind.TotalEvents => "total-events",
            _ => "note",
        };
        if (line.Kind == LineKind.Note)
        {
            canvas.TextCentred(Margin, cy, line.Label, style, TextAnchor.Start, role);
            return;
        }

        foreach (var column in columns)
        {
            if (column.TextOf(line) is { Length: > 0 } text)
            {
                var kind = column.Kind switch
                {
                    ColumnKind.Label => "label",
                    ColumnKind.Cell => "cell",
                    ColumnKind.Weight => "weight",
                    _ => "effect",
                };
                canvas.TextCentred(column.AnchorX, cy, text, style, column.Align, $"{role}-{kind}", ForestColumns.MaxWidth(column, style));
            }
        }
    }

    /// <summary>The right end of a line's rightmost text.</summary>
    private static double RightmostText(ForestLine line, List<ForestColumnSlot> columns, TextStyle regular, TextStyle bold)
    {
        var style = line.Bold ? bold : regular;
        if (line.Kind == LineKind.Note)
        {
            return Margin + Canvas.Measure(line.Label, style).Width;
        }

        var right = 0.0;
        foreach (var column in columns)
        {
            if (column.TextOf(line) is { Length: > 0 } text)
            {
                var w = Canvas.Measure(text, style, ForestColumns.MaxWidth(column, style)).Width;
                right = Math.Max(right, column.Align switch
                {
                    TextAnchor.Start => column.X + w,
                    TextAnchor.End => column.Right,
                    _ => column.X + ((column.Width + w) / 2),
                });
            }
        }

        return right;
    }
}
