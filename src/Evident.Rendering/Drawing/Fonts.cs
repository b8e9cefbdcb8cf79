using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using SkiaSharp;

namespace Evident.Rendering.Drawing;

/// <summary>
/// The font every picture is measured and drawn with: Liberation Sans 2 (SIL OFL 1.1), embedded in this assembly
/// so that text is measured and drawn the same on every machine, fontconfig or not. It is metric-compatible with
/// Arial and Helvetica, the fallbacks the SVG names, so an SVG shown where Liberation Sans is missing keeps its layout.
/// Characters the font has no glyph for are replaced by what it can draw (<see cref="Printable"/>) wherever text is
/// measured (<see cref="Measure"/>) and written (<see cref="Output.SvgWriter"/>, <see cref="Output.PngWriter"/>), so
/// what is drawn is what was measured, never the font's missing-glyph box where a plain form exists.
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

    /// <summary>Characters with no glyph and no compatibility form the font has, and what is drawn instead.</summary>
    private static readonly Dictionary<int, string> LookAlikes = new()
    {
        [0x2217] = "*", // asterisk operator
        [0x2223] = "|", // divides
        [0x2236] = ":", // ratio
        [0x2243] = "\u2248", // asymptotically equal to: almost equal to
        [0x2E3A] = "\u2014\u2014", // two-em dash
        [0x2E3B] = "\u2014\u2014\u2014", // three-em dash
    };

    private static readonly ConcurrentDictionary<(string, bool, bool), string> PrintableCache = new();

    /// <summary>The advance width of <paramref name="text"/> as drawn (<see cref="Printable"/>) and the font's ascent and descent, in drawing units.</summary>
    public static TextMetrics Measure(string text, TextStyle style) => Cache.GetOrAdd((text, style.Size, style.Bold, style.Italic), static key =>
    {
        var style = new TextStyle(key.Item2, key.Item3, key.Item4);
        using var font = Font(style);
        var metrics = font.Metrics;
        return new TextMetrics(font.MeasureText(Printable(key.Item1, style)), -metrics.Ascent, metrics.Descent);
    });

    /// <summary>
    /// <paramref name="text"/> as the style's typeface can draw it: a character it has no glyph for becomes its Unicode
    /// compatibility form when the font has that (a ligature ﬀ → ff, superscript ⁰ → 0, ℃ → °C, the non-breaking
    /// hyphen U+2011 → the hyphen U+2010), else a dash a hyphen-minus, a space or line separator a space, an
    /// invisible format character (zero-width no-break space, word joiner) nothing, a few mathematical operators
    /// their look-alikes (∗ → *); anything else is kept (and shows as the missing-glyph box).
    /// </summary>
    public static string Printable(string text, TextStyle style)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(style);
        var typeface = Typeface(style);
        return typeface.ContainsGlyphs(text) ? text : PrintableCache.GetOrAdd((text, style.Bold, style.Italic), static (key, typeface) =>
        {
            var s = new StringBuilder(key.Item1.Length);
            foreach (var rune in key.Item1.EnumerateRunes())
            {
                var compatible = rune.ToString().Normalize(NormalizationForm.FormKC);
                s.Append(typeface.ContainsGlyph(rune.Value) ? rune.ToString()
                    : typeface.ContainsGlyphs(compatible) ? compatible
                    : LookAlikes.TryGetValue(rune.Value, out var lookAlike) ? lookAlike
                    : Rune.GetUnicodeCategory(rune) switch
                    {
                        UnicodeCategory.DashPunctuation => "-",
                        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => " ",
                        UnicodeCategory.Format => string.Empty,
                        _ => rune.ToString(),
                    });
            }

            return s.ToString();
        }, typeface);
    }

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
