using Evident.Core.EffectSizes;
using Evident.Rendering.Drawing;
using Evident.Rendering.Output;
using Evident.Rendering.Plots.Radial;

namespace Evident.Rendering.Tests.Scatter;

public sealed class RadialPlotTests
{
    private static RadialPlotData Data() => new(
        [.. Bcg.Labels.Select((label, i) => new RadialStudy(label, Bcg.Yi[i], Bcg.Vi[i]))], Bcg.Fit.Estimate, Bcg.Fit.Tau2, EffectMeasure.RR)
    {
        BackTransform = Bcg.BackTransform,
    };

    [Theory]
    [MemberData(nameof(Culture.Both), MemberType = typeof(Culture))]
    public void Svg_IsTheGoldenFile_InAnyCulture(string culture)
        => Golden.Assert(Culture.With(culture, () => SvgWriter.Write(RadialPlot.Draw(Data()))), "radial-bcg-rr");

    [Fact]
    public void Points_AreStandardizedEffects_AgainstPrecision()
    {
        var drawing = RadialPlot.Draw(Data());
        var x = Bcg.Axis(drawing, "0", 0, "2", 2, horizontal: true);
        var y = Bcg.Axis(drawing, "0", 0, "2", 2, horizontal: false);
        var points = Bcg.Circles(drawing, "study");
        for (var i = 0; i < points.Count; i++)
        {
            var se = Math.Sqrt(Bcg.Vi[i] + Bcg.Fit.Tau2);
            Assert.Equal(x(1 / se), points[i].Centre.X, 0.01);
            Assert.Equal(y(Bcg.Yi[i] / se), points[i].Centre.Y, 0.01);
        }

        Assert.Empty(drawing.OverlappingTexts());
    }

    [Fact]
    public void EstimateLine_HasTheEstimateAsSlope_AndTheBand_IsZAbove()
    {
        var drawing = RadialPlot.Draw(Data());
        var x = Bcg.Axis(drawing, "0", 0, "2", 2, horizontal: true);
        var y = Bcg.Axis(drawing, "0", 0, "2", 2, horizontal: false);
        var perX = x(1) - x(0);
        var perY = y(1) - y(0);
        var line = Assert.Single(drawing.Shapes.OfType<LineShape>(), l => l.Class == "estimate");
        Assert.Equal((x(0), y(0)), (line.From.X, line.From.Y));
        Assert.Equal(Bcg.Fit.Estimate, (line.To.Y - line.From.Y) / perY / ((line.To.X - line.From.X) / perX), 1e-9);
        var band = drawing.Shapes.OfType<LineShape>().Where(l => l.Class == "band").Select(l => l.From.Y).Order().ToList();
        Assert.Equal([y(1.959964), y(-1.959964)], band, (a, b) => Math.Abs(a - b) < 0.01);
    }

    [Fact]
    public void Arc_IsLabelledWithRiskRatios_WhereTheirRaysMeetIt()
    {
        var drawing = RadialPlot.Draw(Data());
        var x = Bcg.Axis(drawing, "0", 0, "2", 2, horizontal: true);
        var y = Bcg.Axis(drawing, "0", 0, "2", 2, horizontal: false);
        var labels = Bcg.Texts(drawing, "arc-label");
        Assert.Contains(labels, l => l.Text == "1");
        var ticks = drawing.Shapes.OfType<LineShape>().Where(l => l.Class == "arc-tick").ToList();
        Assert.Equal(labels.Count, ticks.Count);
        foreach (var (label, tick) in labels.Zip(ticks))
        {
            var slope = Math.Log(double.Parse(label.Text, System.Globalization.CultureInfo.InvariantCulture));
            var perX = x(1) - x(0);
            var perY = y(1) - y(0);
            Assert.Equal(slope, (tick.From.Y - y(0)) / perY / ((tick.From.X - x(0)) / perX), 1e-6);
        }
    }
}
