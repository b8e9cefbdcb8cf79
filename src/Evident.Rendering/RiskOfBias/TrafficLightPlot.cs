using System.Globalization;
using Evident.Rendering.Drawing;
using Evident.Review.RiskOfBias;

namespace Evident.Rendering.RiskOfBias;

/// <summary>How a traffic-light plot is drawn.</summary>
/// <param name="Palette">The judgements' colours (default Cochrane's).</param>
/// <param name="Title">A title above the plot; null for none.</param>
public sealed record TrafficLightOptions(RobPalette? Palette = null, string? Title = null)
{
    /// <summary>The palette in use.</summary>
    public RobPalette Colours => Palette ?? RobPalette.Cochrane;
}

/// <summary>
/// The traffic-light plot of a risk-of-bias assessment as robvis's <c>rob_traffic_light</c> draws it (McGuinness &amp;
/// Higgins, Res Synth Methods 2021;12:55): one row per study, one circle per domain and one for the overall judgement,
/// each with its symbol so it reads without colour; the domains' names below, and the legend of judgements.
/// </summary>
public static class TrafficLightPlot
{
    /// <summary>The most studies the plot draws a row for.</summary>
    public const int MaxStudies = 1000;

    private const double Margin = 12;

    /// <summary>The widest a study's label is drawn (40 em; a longer one is cut with an ellipsis).</summary>
    private const double MaxStudyLabel = 440;

    /// <summary>The widest a domain's column label is drawn (robvis's are D1, D2 …; a longer one is cut).</summary>
    private const double MaxDomainLabel = 120;
    private const double RowHeight = 28;
    private const double Radius = 10.5;
    private const double MinCellWidth = 30;
    private const double MaxCellWidth = 56;
    private const double StripHeight = 22;
    private const double HeaderHeight = 22;
    private const double Gap = 10;

    private static readonly TextStyle Label = new(11);
    private static readonly TextStyle Header = new(11, Bold: true);
    private static readonly TextStyle Strip = new(11, Bold: true);
    private static readonly TextStyle Caption = new(10.5);
    private static readonly TextStyle CaptionTitle = new(10.5, Bold: true);
    private static readonly Color StripFill = Color.FromHex("#d9d9d9");
    private static readonly Color PanelFill = Color.FromHex("#f7f7f7");
    private static readonly Color GridLine = Color.FromHex("#d0d0d0");

    /// <summary>Draws the plot.</summary>
    public static Drawing.Drawing Draw(RobAssessment assessment, TrafficLightOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        options ??= new();
        var palette = options.Colours;
        var canvas = new Canvas();

        // At most MaxStudies rows are drawn; a note under the grid counts the rest.
        var hidden = Math.Max(0, assessment.Studies.Count - MaxStudies);
        assessment = hidden > 0 ? assessment with { Studies = [.. assessment.Studies.Take(MaxStudies)] } : assessment;
        var columns = assessment.Domains.Select(d => d.Label).ToList();
        if (assessment.HasOverall)
        {
            columns.Add("Overall");
        }

        // The study labels' column, then the grid: as wide as the widest column label, widened to fill the space the
        // caption and legend below need.
        var labelWidth = assessment.Studies.Select(s => Canvas.Measure(s.Study, Label, MaxStudyLabel).Width).Append(Canvas.Measure("Study", Header).Width).Max();
        var cellWidth = Math.Max(MinCellWidth, columns.Max(c => Canvas.Measure(c, Header, MaxDomainLabel).Width) + 10);
        cellWidth = Math.Max(cellWidth, Canvas.Measure("Risk of bias domains", Strip).Width / columns.Count + 2);

        var captionLines = assessment.Domains.Select(d => d.Name is null ? null : $"{d.Label}: {d.Name}.").OfType<string>().ToList();
        var captionWidth = captionLines.Count == 0 ? 0 : captionLines.Select(l => Canvas.Measure(l, Caption).Width).Append(Canvas.Measure("Domains:", CaptionTitle).Width).Max();
        var legend = assessment.Levels.Select(l => (Level: l, Text: assessment.Word(l))).ToList();
        var legendWidth = (2 * Radius * 0.8) + 6 + legend.Select(l => Canvas.Measure(l.Text, Caption).Width).Append(Canvas.Measure("Judgement", CaptionTitle).Width).Max();
        var belowWidth = captionWidth + (captionWidth > 0 ? 3 * Gap : 0) + legendWidth;

        var gridLeft = Margin + labelWidth + Gap;
        var available = Math.Max(belowWidth, FigureTitle.Width(options.Title)) - (gridLeft - Margin);
        cellWidth = Math.Clamp(available / columns.Count, cellWidth, Math.Max(cellWidth, MaxCellWidth));
        var gridWidth = cellWidth * columns.Count;
        var width = Math.Max(gridLeft + gridWidth, Margin + Math.Max(belowWidth, FigureTitle.Width(options.Title))) + Margin;

        var y = FigureTitle.Draw(canvas, Margin, Margin, options.Title);

        // The strip over the domains (robvis's facet strip) and the column labels.
        canvas.Rect(gridLeft, y, gridWidth, StripHeight, StripFill, null, "strip");
        canvas.TextCentred(gridLeft + (gridWidth / 2), y + (StripHeight / 2), "Risk of bias domains", Strip, TextAnchor.Middle, "strip-label");
        y += StripHeight;
        var headerMiddle = y + (HeaderHeight / 2);
        canvas.TextCentred(Margin + labelWidth, headerMiddle, "Study", Header, TextAnchor.End, "study-header");
        for (var c = 0; c < columns.Count; c++)
        {
            canvas.TextCentred(gridLeft + ((c + 0.5) * cellWidth), headerMiddle, columns[c], Header, TextAnchor.Middle, "domain-label", MaxDomainLabel);
        }

        y += HeaderHeight;
        var gridTop = y;
        var gridHeight = RowHeight * assessment.Studies.Count;
        canvas.Rect(gridLeft, gridTop, gridWidth, gridHeight, PanelFill, new Stroke(GridLine, 0.8), "panel");
        for (var c = 1; c < columns.Count; c++)
        {
            var x = gridLeft + (c * cellWidth);
            var overallEdge = assessment.HasOverall && c == columns.Count - 1;
            canvas.Line(x, gridTop, x, gridTop + gridHeight, overallEdge ? new Stroke(Color.FromHex("#8c8c8c"), 1.2) : new Stroke(GridLine, 0.8), "grid");
        }

        for (var r = 1; r < assessment.Studies.Count; r++)
        {
            canvas.Line(gridLeft, gridTop + (r * RowHeight), gridLeft + gridWidth, gridTop + (r * RowHeight), new Stroke(GridLine, 0.8), "grid");
        }

        for (var r = 0; r < assessment.Studies.Count; r++)
        {
            var study = assessment.Studies[r];
            var middle = gridTop + ((r + 0.5) * RowHeight);
            canvas.TextCentred(Margin + labelWidth, middle, study.Study, Label, TextAnchor.End, "study-label", MaxStudyLabel);
            var judgements = assessment.HasOverall ? study.Domains.Append(study.Overall) : study.Domains;
            var c = 0;
            foreach (var judgement in judgements)
            {
                if (judgement is { } j)
                {
                    JudgementGlyph.Draw(canvas, gridLeft + ((c + 0.5) * cellWidth), middle, Radius, j, palette);
                }

                c++;
            }
        }

        // Below: the domains' names (left) and the legend (right), as robvis's caption and legend.
        y = gridTop + gridHeight + 16;
        if (hidden > 0)
        {
            canvas.Text(Margin, y + Caption.Size, string.Create(CultureInfo.InvariantCulture, $"{Fonts.Ellipsis} {hidden} more studies not drawn (the plot draws at most {MaxStudies})"), Caption, TextAnchor.Start, "note");
            y += Caption.Size * 2;
        }

        var lineHeight = Caption.Size * 1.45;
        var captionBottom = y;
        if (captionLines.Count > 0)
        {
            canvas.Text(Margin, y + Caption.Size, "Domains:", CaptionTitle, TextAnchor.Start, "caption-title");
            for (var i = 0; i < captionLines.Count; i++)
            {
                canvas.Text(Margin, y + Caption.Size + ((i + 1) * lineHeight), captionLines[i], Caption, TextAnchor.Start, "caption");
            }

            captionBottom = y + Caption.Size + (captionLines.Count * lineHeight) + 4;
        }

        var legendLeft = width - Margin - legendWidth;
        canvas.Text(legendLeft, y + Caption.Size, "Judgement", CaptionTitle, TextAnchor.Start, "legend-title");
        var glyph = Radius * 0.8;
        for (var i = 0; i < legend.Count; i++)
        {
            var middle = y + Caption.Size + ((i + 1) * (lineHeight + 3)) - 3.5;
            JudgementGlyph.Draw(canvas, legendLeft + glyph, middle, glyph, legend[i].Level, palette, "legend-judgement");
            canvas.TextCentred(legendLeft + (2 * glyph) + 6, middle, legend[i].Text, Caption, TextAnchor.Start, "legend-label");
        }

        var legendBottom = y + Caption.Size + (legend.Count * (lineHeight + 3)) + glyph;
        var height = Math.Max(captionBottom, legendBottom) + Margin;
        return canvas.Build(width, height, options.Title ?? $"Risk of bias ({RobTools.DisplayName(assessment.Tool)}): traffic-light plot");
    }
}
