using System.Globalization;
using Evident.Rendering.Drawing;
using Evident.Review.RiskOfBias;

namespace Evident.Rendering.RiskOfBias;

/// <summary>How a risk-of-bias summary is drawn.</summary>
/// <param name="Palette">The judgements' colours (default Cochrane's).</param>
/// <param name="Weighted">Weight each study by its <see cref="RobStudy.Weight"/> (studies without one are left out).</param>
/// <param name="BarWidth">The length of a 100% bar in drawing units.</param>
/// <param name="Title">A title above the plot; null for none.</param>
public sealed record RobSummaryOptions(RobPalette? Palette = null, bool Weighted = false, double BarWidth = 380, string? Title = null)
{
    /// <summary>The palette in use.</summary>
    public RobPalette Colours => Palette ?? RobPalette.Cochrane;
}

/// <summary>
/// The summary plot of a risk-of-bias assessment as robvis's <c>rob_summary</c> draws it (McGuinness &amp; Higgins,
/// Res Synth Methods 2021;12:55), RevMan's "risk of bias graph": one horizontal 100% stacked bar per domain and a bold
/// one for the overall judgement, the share of studies (or of meta-analysis weight) at each judgement.
/// </summary>
public static class RobSummaryPlot
{
    private const double Margin = 12;
    private const double RowHeight = 26;
    private const double BarHeight = 17;
    private const double Gap = 12;

    private static readonly TextStyle Label = new(11);
    private static readonly TextStyle OverallLabel = new(11, Bold: true);
    private static readonly TextStyle Tick = new(10);
    private static readonly TextStyle AxisTitle = new(10.5);
    private static readonly TextStyle LegendText = new(10.5);
    private static readonly Stroke Outline = new(Color.FromHex("#333333"), 0.6);

    /// <summary>
    /// The share of each judgement in each bar (domains in order, then the overall judgement): a study counts once, or
    /// by its weight when <paramref name="weighted"/>; empty and unreadable cells are left out of that bar.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<Judgement, double>> Shares(RobAssessment assessment, bool weighted)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var bars = new List<IReadOnlyDictionary<Judgement, double>>();
        var columns = assessment.Domains.Count + (assessment.HasOverall ? 1 : 0);
        for (var c = 0; c < columns; c++)
        {
            var totals = new Dictionary<Judgement, double>();
            foreach (var study in assessment.Studies)
            {
                var judgement = c < assessment.Domains.Count ? study.Domains[c] : study.Overall;
                var w = weighted ? study.Weight : 1;
                if (judgement is not { } j || j == Judgement.NotApplicable || w is not { } weight)
                {
                    continue;
                }

                totals[j] = totals.GetValueOrDefault(j) + weight;
            }

            var sum = totals.Values.Sum();
            bars.Add(sum > 0 ? totals.ToDictionary(kv => kv.Key, kv => kv.Value / sum) : new Dictionary<Judgement, double>());
        }

        return bars;
    }

    /// <summary>Draws the plot.</summary>
    public static Drawing.Drawing Draw(RobAssessment assessment, RobSummaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        options ??= new();
        if (options.Weighted && !assessment.Studies.Any(s => s.Weight is > 0))
        {
            throw new ArgumentException("A weighted summary needs studies with weights.", nameof(assessment));
        }

        var palette = options.Colours;
        var canvas = new Canvas();
        var labels = assessment.Domains.Select(d => d.Name ?? d.Label).ToList();
        if (assessment.HasOverall)
        {
            labels.Add("Overall risk of bias");
        }

        var shares = Shares(assessment, options.Weighted);
        var labelWidth = labels.Select((l, i) => Canvas.Measure(l, IsOverall(i) ? OverallLabel : Label).Width).Max();
        bool IsOverall(int i) => assessment.HasOverall && i == labels.Count - 1;

        // Left to right, least serious first (as robvis and RevMan); the legend lists them in the same order.
        var order = assessment.Levels.Where(l => l != Judgement.NoInformation).Reverse().Append(Judgement.NoInformation)
            .Where(assessment.Levels.Contains).ToList();
        var legend = order.Select(l => (Level: l, Text: LegendWord(assessment, l))).ToList();

        var barLeft = Margin + labelWidth + Gap;
        var barWidth = options.BarWidth;
        var top = FigureTitle.Draw(canvas, Margin, Margin, options.Title);
        var axisY = top + (labels.Count * RowHeight) + 4;
        for (var p = 0; p <= 100; p += 25)
        {
            var x = barLeft + (p / 100.0 * barWidth);
            canvas.Line(x, top, x, axisY, new Stroke(Color.FromHex("#e3e3e3"), 0.6), "gridline");
        }

        for (var i = 0; i < labels.Count; i++)
        {
            var middle = top + ((i + 0.5) * RowHeight);
            canvas.TextCentred(barLeft - Gap, middle, labels[i], IsOverall(i) ? OverallLabel : Label, TextAnchor.End, IsOverall(i) ? "overall-label" : "domain-label");
            var x = barLeft;
            foreach (var level in order)
            {
                if (shares[i].GetValueOrDefault(level) is var share && share > 0)
                {
                    canvas.Rect(x, middle - (BarHeight / 2), share * barWidth, BarHeight, palette.Fill(level), Outline, "bar");
                    x += share * barWidth;
                }
            }
        }

        // The percentage axis.
        canvas.Line(barLeft, axisY, barLeft + barWidth, axisY, new Stroke(Color.Black, 0.8), "axis");
        for (var p = 0; p <= 100; p += 25)
        {
            var x = barLeft + (p / 100.0 * barWidth);
            canvas.Line(x, axisY, x, axisY + 4, new Stroke(Color.Black, 0.8), "tick");
            canvas.Text(x, axisY + 6 + Tick.Size, p.ToString(CultureInfo.InvariantCulture) + "%", Tick, TextAnchor.Middle, "tick-label");
        }

        var axisTitle = options.Weighted ? "Share of studies, weighted by meta-analysis weight" : "Share of studies";
        var y = axisY + 6 + Tick.Size + 8;
        canvas.Text(barLeft + (barWidth / 2), y + AxisTitle.Size, axisTitle, AxisTitle, TextAnchor.Middle, "axis-title");
        y += AxisTitle.Size + 14;

        // The legend: one line under the bars when it fits, more lines when it does not.
        const double Key = 11;
        var itemWidths = legend.Select(l => Key + 5 + Canvas.Measure(l.Text, LegendText).Width).ToList();
        var width = Math.Max(barLeft + barWidth + Margin + 6, Margin + Math.Max(itemWidths.Max(), FigureTitle.Width(options.Title)) + Margin);
        var rows = new List<List<int>> { new() };
        var rowWidth = 0.0;
        for (var i = 0; i < legend.Count; i++)
        {
            var needed = itemWidths[i] + (rows[^1].Count > 0 ? 18 : 0);
            if (rows[^1].Count > 0 && rowWidth + needed > width - (2 * Margin))
            {
                rows.Add([]);
                needed = itemWidths[i];
                rowWidth = 0;
            }

            rows[^1].Add(i);
            rowWidth += needed;
        }

        foreach (var row in rows)
        {
            var total = row.Sum(i => itemWidths[i]) + (18 * (row.Count - 1));
            var x = Math.Max(Margin, barLeft + (barWidth / 2) - (total / 2));
            x = Math.Min(x, width - Margin - total);
            var middle = y + (Key / 2);
            foreach (var i in row)
            {
                canvas.Rect(x, middle - (Key / 2), Key, Key, palette.Fill(legend[i].Level), Outline, "legend-key");
                canvas.TextCentred(x + Key + 5, middle, legend[i].Text, LegendText, TextAnchor.Start, "legend-label");
                x += itemWidths[i] + 18;
            }

            y += Key + 9;
        }

        return canvas.Build(width, y - 9 + Margin, options.Title ?? $"Risk of bias ({RobTools.DisplayName(assessment.Tool)}): summary");
    }

    /// <summary>robvis's legend words: "Low risk of bias", "Some concerns", "Serious risk of bias", "No information".</summary>
    private static string LegendWord(RobAssessment assessment, Judgement level)
    {
        var word = assessment.Word(level);
        return level is Judgement.NoInformation || word == "Some concerns" ? word : word + " risk of bias";
    }
}
