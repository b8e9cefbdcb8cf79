using Evident.Rendering.Drawing;
using Evident.Rendering.Plots;

namespace Evident.Rendering.Tests.Scatter;

public sealed class LabelPlacerTests
{
    [Fact]
    public void CrowdedLongLabels_NeverOverlap_EachOtherOrThePoints()
    {
        var random = new Random(20260501);
        var area = new Box(0, 0, 500, 400);
        var items = Enumerable.Range(0, 100).Select(i => new LabelPlacer.Item(
            new Point(50 + (random.NextDouble() * 400), 50 + (random.NextDouble() * 300)),
            3,
            i % 7 == 0 ? $"A study with a very long name indeed, part {i}" : $"Study {i}")).ToList();
        var canvas = new Canvas();
        var skipped = LabelPlacer.Place(canvas, items, area, new TextStyle(10));
        var drawing = canvas.Build(500, 400);

        Assert.Empty(drawing.OverlappingTexts());
        Assert.Equal(100, drawing.Texts.Count() + skipped.Count);
        foreach (var label in drawing.Texts)
        {
            Assert.DoesNotContain(items, i => label.Bounds.Overlaps(new Box(i.Centre.X - 3, i.Centre.Y - 3, i.Centre.X + 3, i.Centre.Y + 3)));
            Assert.True(label.Bounds.Left >= area.Left && label.Bounds.Right <= area.Right && label.Bounds.Top >= area.Top && label.Bounds.Bottom <= area.Bottom);
        }
    }

    [Fact]
    public void ALoneLabel_SitsRightOfItsPoint_WithoutLeader()
    {
        var canvas = new Canvas();
        LabelPlacer.Place(canvas, [new LabelPlacer.Item(new Point(100, 100), 3, "Alone")], new Box(0, 0, 300, 200), new TextStyle(10));
        var drawing = canvas.Build(300, 200);
        var label = Assert.Single(drawing.Texts);
        Assert.Equal(105, label.Bounds.Left, 0.001);
        Assert.Equal(100, (label.Bounds.Top + label.Bounds.Bottom) / 2, 0.001);
        Assert.DoesNotContain(drawing.Shapes, s => s.Class == "leader");
    }
}
