using System.Collections.Concurrent;
using SkiaSharp;

namespace Evident.Rendering.Drawing;

/// <summary>
/// The font every picture is measured and drawn with: Liberation Sans 2 (SIL OFL 1.1), embedded in this assembly
/// so that text is measured and drawn the same on every machine, fontconfig or not. It is metric-compatible with
/// Arial and Helvetica, the fallbacks the SVG names, so an SVG shown where Liberation Sans is missing keeps its layout.
/// </summary>
public static class Fonts
{
    /// <summary>The family name the SVG asks for first.</summary>
    public const string Family = "Liberation Sans";

    /// <summary>The SVG <c>font-family</c> value: the measured font, then metric-compatible fallbacks.</summary>
    public const string SvgFamily = "'Liberation Sans', Arimo, Arial, Helvetica, sans-serif";

    private static readonly Lazy<SKTypeface> Regular = new(() => Load("LiberationSans-Regular.ttf"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Load("LiberationSans-Bold.ttf"));
    private static readonly Lazy<SKTypeface> Italic = new(() => Load("LiberationSans-Italic.ttf"));
    private static readonly ConcurrentDictionary<(string, double, bool, bool), TextMetrics> Cache = new();

    /// <summary>The typeface of a style (bold wins over italic; there is no bold italic).</summary>
    internal static SKTypeface Typeface(TextStyle style) => style.Bold ? Bold.Value : style.Italic ? Italic.Value : Regular.Value;

    /// <summary>A Skia font for a style.</summary>
    internal static SKFont Font(TextStyle style) => new(Typeface(style), (float)style.Size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None, Edging = SKFontEdging.Antialias };

    /// <summary>The advance width of <paramref name="text"/> and the font's ascent and descent, in drawing units.</summary>
    public static TextMetrics Measure(string text, TextStyle style) => Cache.GetOrAdd((text, style.Size, style.Bold, style.Italic), static key =>
    {
        using var font = Font(new TextStyle(key.Item2, key.Item3, key.Item4));
        var metrics = font.Metrics;
        return new TextMetrics(font.MeasureText(key.Item1), -metrics.Ascent, metrics.Descent);
    });

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(Fonts).Assembly.GetManifestResourceStream("Evident.Rendering.Fonts." + file)
            ?? throw new InvalidOperationException($"The embedded font {file} is missing from {typeof(Fonts).Assembly.GetName().Name}.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        using var data = SKData.CreateCopy(memory.ToArray());
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The embedded font {file} could not be loaded.");
    }
}
