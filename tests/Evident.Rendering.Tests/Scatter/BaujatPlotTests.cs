using Evident.Core.Sensitivity;
using Evident.Rendering.Drawing;
using Evident.Rendering.Output;
using Evident.Rendering.Plots.Baujat;

namespace Evident.Rendering.Tests.Scatter;

public sealed class BaujatPlotTests
{
    private static BaujatPlotData Data() => new(Bcg.Labels, SensitivityAnalysis.Baujat(Bcg.Yi, Bcg.Vi));

    [Theory]
    [MemberData(nameof(Culture.Both), MemberType = typeof(Culture))]
    public void Svg_IsTheGoldenFile_InAnyCulture(string culture)
        => Golden.Assert(Culture.With(culture, () => SvgWriter.Write(BaujatPlot.Draw(Data()))), "baujat-bcg-rr");

    [Fact]
    public void Points_AreCoresCoordinates()
    {
        var result = Data().Result;
        var drawing = BaujatPlot.Draw(Data());
        var x = Bcg.Axis(drawing, "0", 0, "2", 2, horizontal: true);
        var y = Bcg.Axis(drawing, "0", 0, "0.3", 0.3, horizontal: false);
        var points = Bcg.Circles(drawing, "study");
        Assert.Equal(result.X.Count, points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            Assert.Equal(x(result.X[i]), points[i].Centre.X, 0.01);
            Assert.Equal(y(result.Y[i]!.Value), points[i].Centre.Y, 0.01);
        }
    }

    [Fact]
    public void Labels_OverlapNoOtherLabel_NoPoint_AndStayInsideThePlot()
    {
        var drawing = BaujatPlot.Draw(Data());
        Assert.Empty(drawing.OverlappingTexts());
        var labels = Bcg.Texts(drawing, "point-label");
        Assert.True(labels.Count >= Bcg.Labels.Count - 1, $"only {labels.Count} of {Bcg.Labels.Count} studies labelled");
        Assert.All(labels, l => Assert.Contains(l.Text, Bcg.Labels));
        var frame = Assert.Single(drawing.Shapes.OfType<RectShape>(), r => r.Class == "frame").Bounds;
        foreach (var label in labels)
        {
            var box = label.Bounds;
            Assert.True(box.Left >= frame.Left && box.Right <= frame.Right && box.Top >= frame.Top && box.Bottom <= frame.Bottom, label.Text);
            Assert.DoesNotContain(Bcg.Circles(drawing, "study"), c => box.Overlaps(new Box(c.Centre.X - c.Radius, c.Centre.Y - c.Radius, c.Centre.X + c.Radius, c.Centre.Y + c.Radius)));
        }
    }

    [Fact]
    public void TheMostInfluentialStudies_AreLabelled()
    {
        var labels = Bcg.Texts(BaujatPlot.Draw(Data()), "point-label").Select(l => l.Text).ToList();
        Assert.Contains("Hart & Sutherland 1977", labels);
        Assert.Contains("TPT Madras 1980", labels);
    }

    [Fact]
    public void EveryStudy_IsLabelled_OrNamedInTheNote()
    {
        var drawing = BaujatPlot.Draw(Data());
        var labels = Bcg.Texts(drawing, "point-label").Select(l => l.Text).ToList();
        var note = string.Join(" ", Bcg.Texts(drawing, "note").Select(t => t.Text));

        Assert.All(Bcg.Labels, l => Assert.True(labels.Contains(l) ^ note.Contains(l + ",", StringComparison.Ordinal) ^ note.Contains(l + ".", StringComparison.Ordinal), l));
        Assert.Equal(Bcg.Labels.Count, labels.Count); // BCG's two studies in the corner get theirs on a second try
        Assert.Empty(drawing.OverlappingTexts());
        Assert.All(Bcg.Texts(drawing, "note"), t => Assert.True(t.Bounds.Bottom <= drawing.Height && t.Bounds.Right <= drawing.Width, t.Text));
    }
}
