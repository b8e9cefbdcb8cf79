using Evident.Rendering.Drawing;
using Evident.Rendering.Output;
using Evident.Rendering.Plots.Forest;

namespace Evident.Rendering.Tests.Forest;

public class ForestPlotTests
{
    private static readonly ForestPlotOptions RevMan = new() { FavoursLeft = "Favours vaccine", FavoursRight = "Favours control" };
    private static readonly ForestPlotOptions Metafor = new() { Layout = ForestLayout.Metafor };

    public static TheoryData<string, string> Goldens()
    {
        var data = new TheoryData<string, string>();
        foreach (var culture in new[] { "en-US", "de-DE" })
        {
            foreach (var name in new[] { "revman", "metafor", "revman-subgroups", "metafor-subgroups", "revman-rob", "metafor-cumulative", "revman-leave-one-out" })
            {
                data.Add(name, culture);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Svg_IsTheGoldenFile_InAnyCulture(string name, string culture)
    {
        var drawing = Culture.With(culture, () => Draw(name));
        Golden.Assert(Culture.With(culture, () => SvgWriter.Write(drawing)), "forest-" + name);
    }

    [Theory]
    [InlineData(ForestLayout.RevMan, 100, 12, 0, true)]
    [InlineData(ForestLayout.Metafor, 100, 12, 0, true)]
    [InlineData(ForestLayout.RevMan, 12, 160, 0, true)]
    [InlineData(ForestLayout.Metafor, 12, 160, 0, false)]
    [InlineData(ForestLayout.RevMan, 40, 60, 4, true)]
    [InlineData(ForestLayout.Metafor, 40, 60, 4, false)]
    [InlineData(ForestLayout.RevMan, 100, 200, 3, false)]
    [InlineData(ForestLayout.Metafor, 100, 200, 3, true)]
    public void NoTextOverlapsOrIsCut_WithLongNames_ManyStudies_AndSubgroups(ForestLayout layout, int k, int labelLength, int groups, bool log)
    {
        var options = new ForestPlotOptions { Layout = layout, FavoursLeft = "Favours the experimental intervention", FavoursRight = "Favours control" };
        var drawing = ForestPlot.Draw(ForestInputs.Generated(k, labelLength, groups, log), options);

        AssertClean(drawing);
        Assert.Contains(drawing.Texts, t => t.Text.StartsWith($"Study {k} ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("revman")]
    [InlineData("metafor")]
    [InlineData("revman-subgroups")]
    [InlineData("metafor-subgroups")]
    [InlineData("revman-rob")]
    [InlineData("metafor-cumulative")]
    [InlineData("revman-leave-one-out")]
    public void GoldenInputs_HaveNoOverlappingOrCutText(string name) => AssertClean(Draw(name));

    [Fact]
    public void LongLabels_WidenThePicture_InsteadOfCrowdingThePlot_UpTo40Em()
    {
        var narrow = ForestPlot.Draw(ForestInputs.Generated(5, 10, 0, true), RevMan);
        var wide = ForestPlot.Draw(ForestInputs.Generated(5, 200, 0, true), RevMan);

        Assert.Equal(900, narrow.Width);
        Assert.True(wide.Width > 1000, $"width {wide.Width}");
        var labels = wide.Texts.Where(t => t.Class == "study-label").ToList();
        Assert.All(labels, l => Assert.True(l.Text.EndsWith('\u2026') && l.Metrics.Width <= 440 && l.FullText!.Length > 150, l.Text));
        Assert.True(PlotWidth(wide) >= 0.3 * 900, $"plot width {PlotWidth(wide)}");
        Assert.True(PlotWidth(narrow) > PlotWidth(wide), $"{PlotWidth(narrow)} vs {PlotWidth(wide)}");
    }

    [Fact]
    public void RevManAxis_IsSymmetricOnTheLogScale_WithRoundTicks()
    {
        var drawing = Draw("revman");
        var ticks = drawing.Texts.Where(t => t.Class == "axis-label").Select(t => t.Text).ToList();

        Assert.Equal(["0.05", "0.2", "1", "5", "20"], ticks);
    }

    [Fact]
    public void RevMan_PrintsItsHeterogeneityAndTestLines()
    {
        var texts = Draw("revman").Texts.Select(t => t.Text).ToList();

        Assert.Contains("Heterogeneity: Tau² = 0.31; Chi² = 152.23, df = 12 (P < 0.00001); I² = 92%", texts);
        Assert.Contains("Test for overall effect: Z = 3.97 (P < 0.0001)", texts);
        Assert.Contains("0.49 [0.34, 0.70]", texts);
        Assert.Contains("100.0%", texts);
    }

    [Theory]
    [InlineData(0.2745, "P = 0.27")]
    [InlineData(0.0523, "P = 0.05")]
    [InlineData(0.0071, "P = 0.007")]
    [InlineData(0.00042, "P = 0.0004")]
    [InlineData(0.00007, "P < 0.0001")]
    [InlineData(1e-9, "P < 0.00001")]
    public void PValues_AreFormattedAsRevManPrintsThem(double p, string expected) => Assert.Equal(expected, ForestText.RevManP(p));

    [Fact]
    public void CiPastTheAxis_EndsInAnArrow_AndAStudyWithoutEstimate_IsNotEstimable()
    {
        var data = ForestInputs.BcgForest() is var d
            ? d with { Studies = [.. d.Studies, new ForestRow("No events", null, null, null)] }
            : null!;
        var drawing = ForestPlot.Draw(data, RevMan with { AxisLimits = new Core.Interval(Math.Log(0.2), Math.Log(5)) });

        Assert.Contains(drawing.Shapes, s => s.Class == "study-ci-arrow");
        Assert.Contains(drawing.Texts, t => t.Text == "Not estimable");
    }

    [Fact]
    public void Labels_TheFontCannotDraw_AreWrittenInTheirPlainForm()
    {
        var data = ForestInputs.BcgForest() is var d
            ? d with { Studies = [new ForestRow("Voigtländer\u2011Buschmann 2023", 0.1, -0.2, 0.4) { WeightPercent = 10 }, .. d.Studies] }
            : null!;

        var svg = SvgWriter.Write(ForestPlot.Draw(data, RevMan));

        Assert.Contains(">Voigtländer\u2010Buschmann 2023</text>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("\u2011", svg, StringComparison.Ordinal);
    }

    private static Drawing.Drawing Draw(string name) => name switch
    {
        "revman" => ForestPlot.Draw(ForestInputs.BcgForest(), RevMan),
        "metafor" => ForestPlot.Draw(ForestInputs.BcgForest(), Metafor),
        "revman-subgroups" => ForestPlot.Draw(ForestInputs.BcgForest(subgroups: true), RevMan),
        "metafor-subgroups" => ForestPlot.Draw(ForestInputs.BcgForest(subgroups: true), Metafor),
        "revman-rob" => ForestPlot.Draw(ForestInputs.BcgForest(rob: true), RevMan),
        "metafor-cumulative" => ForestPlot.Draw(ForestInputs.BcgSensitivity(cumulative: true), Metafor),
        "revman-leave-one-out" => ForestPlot.Draw(ForestInputs.BcgSensitivity(cumulative: false), RevMan),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>No two texts overlap, and every text lies inside the picture.</summary>
    private static void AssertClean(Drawing.Drawing drawing)
    {
        var overlaps = drawing.OverlappingTexts();
        Assert.True(overlaps.Count == 0, string.Join("\n", overlaps.Take(5).Select(o => $"'{o.A.Text}' {o.A.Bounds} overlaps '{o.B.Text}' {o.B.Bounds}")));
        var outside = drawing.Texts.Where(t => t.Bounds is var b && (b.Left < 0 || b.Top < 0 || b.Right > drawing.Width || b.Bottom > drawing.Height)).ToList();
        Assert.True(outside.Count == 0, string.Join("\n", outside.Take(5).Select(t => $"'{t.Text}' {t.Bounds} is outside {drawing.Width}×{drawing.Height}")));
    }

    private static double PlotWidth(Drawing.Drawing drawing)
        => drawing.Shapes.OfType<LineShape>().Single(l => l.Class == "axis") is var axis ? axis.To.X - axis.From.X : 0;
}
