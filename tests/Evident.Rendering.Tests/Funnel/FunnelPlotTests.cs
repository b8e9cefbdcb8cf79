using Evident.Core.EffectSizes;
using Evident.Rendering.Drawing;
using Evident.Rendering.Output;
using Evident.Rendering.Plots.Funnel;
using Evident.Rendering.Tests.Scatter;

namespace Evident.Rendering.Tests.Funnel;

public sealed class FunnelPlotTests
{
    private static FunnelPlotData Data(bool trimAndFill = false) => new(
        [.. Bcg.Labels.Select((label, i) => new FunnelStudy(label, Bcg.Yi[i], Bcg.Vi[i]) { Ni = Bcg.Ni[i], WeightPercent = Bcg.Fit.WeightsPercent[i] })],
        Bcg.Fit.Estimate,
        EffectMeasure.RR)
    {
        BackTransform = Bcg.BackTransform,
        TrimAndFill = trimAndFill ? Bcg.TrimAndFill : null,
    };

    private static readonly FunnelPlotOptions Contours = new() { Contours = [90, 95, 99] };

    [Theory]
    [MemberData(nameof(Culture.Both), MemberType = typeof(Culture))]
    public void Plain_IsTheGoldenFile_InAnyCulture(string culture)
        => Golden.Assert(Culture.With(culture, () => SvgWriter.Write(FunnelPlot.Draw(Data()))), "funnel-bcg-rr");

    [Theory]
    [MemberData(nameof(Culture.Both), MemberType = typeof(Culture))]
    public void ContourEnhanced_WithTrimAndFill_IsTheGoldenFile_InAnyCulture(string culture)
        => Golden.Assert(Culture.With(culture, () => SvgWriter.Write(FunnelPlot.Draw(Data(trimAndFill: true), Contours))), "funnel-bcg-rr-contours-trimfill");

    [Fact]
    public void TrimAndFill_DrawsOneOpenCirclePerFilledStudy_AtItsEffect()
    {
        var drawing = FunnelPlot.Draw(Data(trimAndFill: true), Contours);
        var open = Bcg.Circles(drawing, "filled-study");
        Assert.True(Bcg.TrimAndFill.K0 > 0);
        Assert.Equal(Bcg.TrimAndFill.K0, open.Count);
        Assert.Equal(Bcg.Yi.Length, Bcg.Circles(drawing, "study").Count);
        Assert.All(open, c => Assert.Equal(Color.White, c.Fill));

        var x = Bcg.Axis(drawing, "1", 0, "10", Math.Log(10), horizontal: true);
        var y = Bcg.Axis(drawing, "0", 0, "0.8", 0.8, horizontal: false);
        foreach (var (circle, filled) in open.Zip(Bcg.TrimAndFill.Filled))
        {
            Assert.Equal(x(filled.Yi), circle.Centre.X, 0.01);
            Assert.Equal(y(Math.Sqrt(filled.Vi)), circle.Centre.Y, 0.01);
        }

        var adjusted = Assert.Single(drawing.Shapes.OfType<LineShape>(), l => l.Class == "adjusted-estimate");
        Assert.Equal(x(Bcg.TrimAndFill.Fit!.Estimate), adjusted.From.X, 0.01);
    }

    [Fact]
    public void Contours_Cross_TheBottomOfThePlot_AtTheNullPlusOrMinusZTimesTheStandardError()
    {
        var drawing = FunnelPlot.Draw(Data(), Contours);
        var frame = Assert.Single(drawing.Shapes.OfType<RectShape>(), r => r.Class == "frame").Bounds;
        var x = Bcg.Axis(drawing, "1", 0, "10", Math.Log(10), horizontal: true);
        var y = Bcg.Axis(drawing, "0", 0, "0.8", 0.8, horizontal: false);
        Assert.Equal(frame.Bottom, y(0.8), 0.01); // the SE axis ends at 0.8, 0 at the top
        Assert.Equal(frame.Top, y(0), 0.01);

        // Painted outermost first: the p < 0.01 background, then the 99 %, 95 % and 90 % regions around the null (log RR 0).
        var regions = drawing.Shapes.OfType<PathShape>().Where(p => p.Class == "contour").ToList();
        Assert.Equal(3, regions.Count);
        foreach (var (region, z) in regions.Zip(new[] { 2.5758293, 1.9599640, 1.6448536 }))
        {
            var bottom = region.Points.Where(p => Math.Abs(p.Y - frame.Bottom) < 1e-6).Select(p => p.X).Order().ToList();
            Assert.Equal(x(-z * 0.8), bottom[0], 0.01);
            Assert.Equal(x(z * 0.8), bottom[^1], 0.01);
            var apex = region.Points.Where(p => Math.Abs(p.Y - frame.Top) < 1e-6).Select(p => p.X).Distinct().ToList();
            Assert.Equal(x(0), Assert.Single(apex), 0.01);
        }
    }

    [Fact]
    public void PseudoConfidenceRegion_MeetsAtTheEstimate_AtZeroStandardError()
    {
        var drawing = FunnelPlot.Draw(Data());
        var x = Bcg.Axis(drawing, "1", 0, "2", Math.Log(2), horizontal: true);
        var y = Bcg.Axis(drawing, "0", 0, "0.8", 0.8, horizontal: false);
        var sides = drawing.Shapes.OfType<PathShape>().Where(p => p.Class == "pseudo-ci").ToList();
        Assert.Equal(2, sides.Count);
        Assert.All(sides, side => Assert.Equal(x(Bcg.Fit.Estimate), side.Points[0].X, 0.01));
        Assert.All(sides, side => Assert.Equal(y(0), side.Points[0].Y, 0.01));
        var lowest = sides.Select(s => s.Points[^1]).OrderBy(p => p.X).ToList();
        Assert.Equal(x(Bcg.Fit.Estimate - (1.959964 * 0.8)), lowest[0].X, 0.01);
        Assert.Equal(x(Bcg.Fit.Estimate + (1.959964 * 0.8)), lowest[1].X, 0.01);
    }

    [Fact]
    public void StandardErrorAxis_GrowsDownwards()
    {
        var drawing = FunnelPlot.Draw(Data());
        var points = Bcg.Circles(drawing, "study");
        var largest = Array.IndexOf(Bcg.Vi, Bcg.Vi.Max());
        var smallest = Array.IndexOf(Bcg.Vi, Bcg.Vi.Min());
        Assert.True(points[largest].Centre.Y > points[smallest].Centre.Y);
    }

    public static TheoryData<FunnelYAxis> Axes() => [.. Enum.GetValues<FunnelYAxis>()];

    [Theory]
    [MemberData(nameof(Axes))]
    public void EveryYAxis_Draws_WithoutOverlappingTexts(FunnelYAxis axis)
    {
        foreach (var options in new[] { new FunnelPlotOptions { YAxis = axis }, Contours with { YAxis = axis } })
        {
            var drawing = FunnelPlot.Draw(Data(trimAndFill: true), options);
            Assert.Empty(drawing.OverlappingTexts());
            Assert.Equal(Bcg.Yi.Length, Bcg.Circles(drawing, "study").Count);
            Assert.Contains(drawing.Texts, t => t.Text == FunnelPlot.YTitle(axis));
            Assert.All(drawing.Texts, t => Assert.True(t.Bounds.Left >= 0 && t.Bounds.Right <= drawing.Width && t.Bounds.Top >= 0 && t.Bounds.Bottom <= drawing.Height, t.Text));
        }
    }

    [Fact]
    public void SampleSizeAxes_NeedEveryStudysSampleSize()
    {
        var data = Data() with { Studies = [.. Data().Studies.Select(s => s with { Ni = null })] };
        Assert.Throws<ArgumentException>(() => FunnelPlot.Draw(data, new FunnelPlotOptions { YAxis = FunnelYAxis.Ni }));
        FunnelPlot.Draw(data); // the standard error needs none
    }

    [Fact]
    public void Plain_HasNoLegend_UnlessAsked_AndNoOverlappingTexts()
    {
        Assert.DoesNotContain(FunnelPlot.Draw(Data()).Texts, t => t.Class == "legend-label");
        var drawing = FunnelPlot.Draw(Data(), new FunnelPlotOptions { Legend = true, Title = "BCG vaccine: tuberculosis" });
        Assert.Contains(drawing.Texts, t => t.Text == "95% pseudo-confidence region");
        Assert.Empty(drawing.OverlappingTexts());
    }

    [Fact]
    public void Contours_LegendNamesEachBand()
    {
        var labels = FunnelPlot.Draw(Data(), Contours).Texts.Where(t => t.Class == "legend-label").Select(t => t.Text).ToList();
        Assert.Equal(["Studies", "Pooled estimate", "p > 0.10", "0.05 < p < 0.10", "0.01 < p < 0.05", "p < 0.01"], labels);
    }
}
