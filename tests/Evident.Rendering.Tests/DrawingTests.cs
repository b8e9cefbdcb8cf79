using Evident.Rendering.Drawing;
using Evident.Rendering.Output;
using SkiaSharp;

namespace Evident.Rendering.Tests;

public class DrawingTests
{
    private static Drawing.Drawing Sample()
    {
        var canvas = new Canvas();
        canvas.Rect(10, 10, 180, 60, Color.FromHex("#dde8f4"), new Stroke(Color.Black, 1), "box");
        canvas.Line(10, 90, 190, 90, new Stroke(Color.Grey, 1.5, [4, 2]), "axis");
        canvas.Circle(40, 120, 8, Color.FromHex("#2e7d32"), null, "dot");
        canvas.Polygon([new(100, 110), new(120, 120), new(100, 130), new(80, 120)], Color.Black, null, "diamond");
        canvas.Text(100, 45, "Smith <2001> & \"Jones\"", new TextStyle(12), TextAnchor.Middle, "label");
        canvas.Text(190, 150, "0.52 [0.31, 0.73]", new TextStyle(10, Bold: true), TextAnchor.End, "estimate");
        return canvas.Build(200, 160, "A sample");
    }

    [Theory]
    [MemberData(nameof(Culture.Both), MemberType = typeof(Culture))]
    public void Svg_IsTheGoldenFile_InAnyCulture(string culture)
        => Golden.Assert(Culture.With(culture, () => SvgWriter.Write(Sample())), "drawing-sample");

    [Fact]
    public void Svg_EscapesText_AndNamesTheMeasuredFont()
    {
        var svg = SvgWriter.Write(Sample());
        Assert.Contains("Smith &lt;2001&gt; &amp; &quot;Jones&quot;", svg, StringComparison.Ordinal);
        Assert.Contains("font-family=\"'Liberation Sans', Arimo, Arial, Helvetica, sans-serif\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<2001>", svg, StringComparison.Ordinal);
        _ = System.Xml.Linq.XDocument.Parse(svg); // well-formed XML
    }

    [Fact]
    public void Text_IsMeasuredWithTheEmbeddedFont()
    {
        var narrow = Fonts.Measure("iiii", new TextStyle(12));
        var wide = Fonts.Measure("WWWW", new TextStyle(12));
        Assert.True(wide.Width > 3 * narrow.Width, $"{wide.Width} vs {narrow.Width}");
        // Liberation Sans has Arial's advance widths: "W" is 0.944 em, "i" 0.222 em.
        Assert.Equal(4 * 0.944 * 12, wide.Width, 0.05);
        Assert.Equal(4 * 0.222 * 12, narrow.Width, 0.05);
        Assert.True(Fonts.Measure("Bold", new TextStyle(12, Bold: true)).Width > Fonts.Measure("Bold", new TextStyle(12)).Width);
    }

    [Fact]
    public void Png_HasTheTextDrawn_AndItsDpi()
    {
        var canvas = new Canvas();
        canvas.Text(10, 40, "Text must be visible", new TextStyle(20));
        var png = PngWriter.Write(canvas.Build(240, 60), dpi: 192);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((480, 120), (bitmap.Width, bitmap.Height));
        var dark = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                dark += bitmap.GetPixel(x, y).Red < 100 ? 1 : 0;
            }
        }

        Assert.True(dark > 1500, $"only {dark} dark pixels: the text was not drawn");
        var phys = png.AsSpan().IndexOf("pHYs"u8);
        Assert.True(phys > 0);
        Assert.Equal(7559u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(phys + 4))); // 192 dpi in pixels per metre
    }

    [Fact]
    public void VerticalText_HasATallNarrowBox_CentredWhereAsked()
    {
        var canvas = new Canvas();
        var up = canvas.TextVertical(50, 100, "Standard error", new TextStyle(11));
        var down = canvas.TextVertical(80, 100, "Standard error", new TextStyle(11), TextAnchor.Start, downwards: true);
        var metrics = Fonts.Measure("Standard error", new TextStyle(11));

        Assert.Equal(metrics.Height, up.Bounds.Width, 1e-9);
        Assert.Equal(metrics.Width, up.Bounds.Height, 1e-9);
        Assert.True(up.Bounds.Height > 4 * up.Bounds.Width);
        Assert.Equal(50, (up.Bounds.Left + up.Bounds.Right) / 2, 1e-9);
        Assert.Equal(100, (up.Bounds.Top + up.Bounds.Bottom) / 2, 1e-9);
        Assert.Equal(100, down.Bounds.Top, 1e-9);
        Assert.Equal(100 + metrics.Width, down.Bounds.Bottom, 1e-9);
        Assert.Equal(80, (down.Bounds.Left + down.Bounds.Right) / 2, 1e-9);
    }

    [Fact]
    public void VerticalTexts_ThatCross_Overlap_AndBesideEachOther_DoNot()
    {
        var canvas = new Canvas();
        canvas.TextVertical(20, 60, "Identification", new TextStyle(11));
        canvas.TextVertical(40, 60, "Screening", new TextStyle(11));
        canvas.Text(0, 64, "Across both", new TextStyle(11));
        var overlaps = canvas.Build(100, 120).OverlappingTexts();
        Assert.Equal(["Identification", "Screening"], overlaps.Select(o => o.A.Text == "Across both" ? o.B.Text : o.A.Text).Order());
    }

    [Fact]
    public void VerticalText_IsWrittenRotatedInSvg_AndDrawnRotatedInPng()
    {
        var canvas = new Canvas();
        var label = canvas.TextVertical(20, 100, "Turned upright", new TextStyle(16));
        var drawing = canvas.Build(200, 200);

        Assert.Contains($"transform=\"rotate(-90 {label.X.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} 100)\"", SvgWriter.Write(drawing), StringComparison.Ordinal);
        using var bitmap = SKBitmap.Decode(PngWriter.Write(drawing, dpi: 96));
        var (left, top, right, bottom, count) = (int.MaxValue, int.MaxValue, -1, -1, 0);
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.GetPixel(x, y).Red < 128)
                {
                    (left, top, right, bottom, count) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y), count + 1);
                }
            }
        }

        // The ink is drawn, tall and narrow, and within the turned box.
        Assert.True(count > 150, $"only {count} dark pixels: the turned text was not drawn");
        Assert.True(bottom - top > 5 * (right - left), $"the ink spans {right - left}×{bottom - top} pixels: not upright");
        Assert.True(left >= label.Bounds.Left - 1 && right <= label.Bounds.Right + 1 && top >= label.Bounds.Top - 1 && bottom <= label.Bounds.Bottom + 1,
            $"ink {left},{top}–{right},{bottom} outside {label.Bounds}");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Glyphs_TheFontLacks_AreMeasuredAndDrawnAsTheirPlainForm_NotAsMissingGlyphBoxes(bool bold, bool italic)
    {
        // Non-breaking hyphen, ligature ﬀ, superscript zero, ℃, asterisk operator, word joiner, ideographic space, fullwidth hyphen.
        const string Given = "Voigtl\u00e4nder\u2011Buschmann e\uFB00ect 10\u2070 37\u2103 a\u2217b c\u2060d e\u3000f g\uFF0Dh";
        const string Plain = "Voigtl\u00e4nder\u2010Buschmann effect 100 37\u00b0C a*b cd e f g-h";
        var style = new TextStyle(14, bold, italic);

        Assert.Equal(Plain, Fonts.Printable(Given, style));
        Assert.Equal(Fonts.Measure(Plain, style), Fonts.Measure(Given, style));
        Assert.Same(Plain, Fonts.Printable(Plain, style)); // text the font can draw is left alone

        byte[] Png(string text)
        {
            var canvas = new Canvas();
            canvas.Text(10, 30, text, style);
            return PngWriter.Write(canvas.Build(560, 44), dpi: 96);
        }

        using var given = SKBitmap.Decode(Png(Given));
        using var plain = SKBitmap.Decode(Png(Plain));
        Assert.Equal(plain.Bytes, given.Bytes);
        Assert.Contains($">{Plain}</text>", SvgWriter.Write(Sample() with { Shapes = [new Canvas().Text(0, 20, Given, style)] }), StringComparison.Ordinal);
    }

    [Fact]
    public void OverlappingTexts_AreFound()
    {
        var canvas = new Canvas();
        canvas.Text(10, 20, "First label", new TextStyle(12));
        canvas.Text(40, 25, "Second label", new TextStyle(12));
        canvas.Text(10, 60, "Far away", new TextStyle(12));
        var overlaps = canvas.Build(200, 80).OverlappingTexts();
        Assert.Equal(("First label", "Second label"), Assert.Single(overlaps) is var (a, b) ? (a.Text, b.Text) : default);
    }
}
