using Evident.Core.EffectSizes;
using Evident.Core.Models.Regression;
using Evident.Rendering.Drawing;
using Evident.Rendering.Output;
using Evident.Rendering.Plots.Bubble;

namespace Evident.Rendering.Tests.Scatter;

public sealed class BubblePlotTests
{
    private static BubblePlotData Data(string formula = "ablat") => new(Bcg.Regression(formula), EffectMeasure.RR)
    {
        BackTransform = Bcg.BackTransform,
        Labels = Bcg.Labels,
    };

    [Theory]
    [MemberData(nameof(Culture.Both), MemberType = typeof(Culture))]
    public void Svg_IsTheGoldenFile_InAnyCulture(string culture)
        => Golden.Assert(Culture.With(culture, () => SvgWriter.Write(BubblePlot.Draw(Data(), new BubblePlotOptions { Labels = true }))), "bubble-bcg-rr-ablat");

    [Fact]
    public void FittedLine_AndBand_AreCoresPredictions_OverTheModeratorsRange()
    {
        var fit = Data().Fit;
        var drawing = BubblePlot.Draw(Data());
        var x = Bcg.Axis(drawing, "0", 0, "60", 60, horizontal: true);
        var y = Bcg.Axis(drawing, "1", 0, "0.5", Math.Log(0.5), horizontal: false);
        var (lo, hi) = (Bcg.Latitude.Min(), Bcg.Latitude.Max());
        var predictions = MetaRegression.Predict(fit, [[lo], [hi]]).Predictions;
        var line = Assert.Single(drawing.Shapes.OfType<PathShape>(), p => p.Class == "fitted").Points;
        Assert.Equal((x(lo), y(predictions[0].Estimate)), (line[0].X, line[0].Y), (a, b) => Math.Abs(a.Item1 - b.Item1) < 0.01 && Math.Abs(a.Item2 - b.Item2) < 0.01);
        Assert.Equal((x(hi), y(predictions[1].Estimate)), (line[^1].X, line[^1].Y), (a, b) => Math.Abs(a.Item1 - b.Item1) < 0.01 && Math.Abs(a.Item2 - b.Item2) < 0.01);
        var bounds = drawing.Shapes.OfType<PathShape>().Where(p => p.Class == "ci").Select(p => p.Points[0].Y).Order().ToList();
        Assert.Equal(y(predictions[0].ConfidenceInterval.Upper), bounds[0], 0.01);
        Assert.Equal(y(predictions[0].ConfidenceInterval.Lower), bounds[1], 0.01);
    }

    [Fact]
    public void BubbleAreas_AreProportionalToTheWeights()
    {
        var fit = Data().Fit;
        var circles = Bcg.Circles(BubblePlot.Draw(Data()), "study");
        Assert.Equal(fit.K, circles.Count);
        var byArea = circles.Select(c => c.Radius * c.Radius).OrderDescending().ToList();
        var byWeight = fit.WeightsPercent.OrderDescending().ToList();
        for (var i = 0; i < byArea.Count; i++)
        {
            Assert.Equal(byWeight[i] / byWeight[0], byArea[i] / byArea[0], 1e-9);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Labels_AreNeverOnTheFittedLine_OrTheBandLines(bool predictionInterval)
    {
        var drawing = BubblePlot.Draw(Data(), new BubblePlotOptions { Labels = true, PredictionInterval = predictionInterval });
        var lines = drawing.Shapes.OfType<PathShape>().Where(p => p.Class is "ci" or "pi" or "fitted").ToList();
        var labels = Bcg.Texts(drawing, "point-label");
        var note = string.Join(" ", Bcg.Texts(drawing, "note").Select(t => t.Text));

        Assert.NotEmpty(lines);
        Assert.All(Bcg.Labels, l => Assert.True(labels.Any(t => t.Text == l) || note.Contains(l, StringComparison.Ordinal), l));
        foreach (var label in labels)
        {
            Assert.DoesNotContain(lines, line => line.Points.Zip(line.Points.Skip(1)).Any(s => Plots.Geometry.ClipSegment(s.First, s.Second, label.Bounds) is not null));
        }
    }

    [Fact]
    public void Labels_DoNotOverlap()
        => Assert.Empty(BubblePlot.Draw(Data(), new BubblePlotOptions { Labels = true, PredictionInterval = true }).OverlappingTexts());

    [Theory]
    [InlineData("ablat", 1)]
    [InlineData("I(ablat - 30)", 1)]
    [InlineData("0 + ablat", 0)]
    [InlineData("factor(alloc)", null)]
    [InlineData("alloc", null)]
    [InlineData("ablat + alloc", null)]
    public void Moderator_IsTheOneContinuousColumn(string formula, int? column)
        => Assert.Equal(column, BubblePlot.Moderator(Bcg.Regression(formula)));

    [Fact]
    public void AFactor_IsRefused()
        => Assert.Throws<ArgumentException>(() => BubblePlot.Draw(Data("factor(alloc)")));
}
