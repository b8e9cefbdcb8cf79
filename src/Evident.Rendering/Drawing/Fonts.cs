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

    /// <summary>
    /// The widest a single line of text may be, in ems of its style: 80 em (880 units at 11 units, about 9 inches).
    /// A picture is never sized by unbounded input: a longer text is cut to this width with an ellipsis (<see cref="Fit(string, TextStyle)"/>).
    /// </summary>
    public const double MaxWidthEm = 80;

    /// <summary>The ellipsis that ends a cut text.</summary>
    public const string Ellipsis = "\u2026";

    /// <summary>
    /// <paramref name="text"/> as it is drawn: unchanged when it is at most <see cref="MaxWidthEm"/> ems wide, else its
    /// longest start (whole characters, surrogate pairs kept together) that fits with an ellipsis after it. A text far
    /// longer than the width could hold is cut before it is measured, so a megabyte-long label costs no more than a short one.
    /// </summary>
    public static string Fit(string text, TextStyle style) => Fit(text, style, MaxWidthEm * (style ?? throw new ArgumentNullException(nameof(style))).Size);

    /// <summary>
    /// <paramref name="text"/> cut to <paramref name="maxWidth"/> drawing units (and never wider than <see cref="MaxWidthEm"/>
    /// ems) with an ellipsis, as <see cref="Fit(string, TextStyle)"/>; for texts a layout gives a narrower room (a cell, a
    /// point's label). At least the ellipsis is kept.
    /// </summary>
    public static string Fit(string text, TextStyle style, double maxWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(style);
        var max = Math.Min(maxWidth, MaxWidthEm * style.Size);

        // No glyph of the font is narrower than 0.15 em but the invisible ones, so a text this long cannot fit.
        var longest = (int)Math.Ceiling(max / style.Size / 0.15) + 1;
        if (text.Length <= longest && MeasureRaw(text, style).Width <= max)
        {
            return text;
        }

        var candidate = text.Length > longest ? text[..Whole(text, longest)] : text;
        var (low, high) = (0, candidate.Length);
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (MeasureRaw(candidate[..Whole(candidate, mid)] + Ellipsis, style).Width <= max)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return candidate[..Whole(candidate, low)].TrimEnd() + Ellipsis;
    }

    /// <summary>A cut position that does not split a surrogate pair.</summary>
    private static int Whole(string text, int length) => length > 0 && length < text.Length && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;

    /// <summary>
    /// The advance width of <paramref name="text"/> as drawn (cut to fit, <see cref="Fit(string, TextStyle)"/>, and <see cref="Printable"/>)
    /// and the font's ascent and descent, in drawing units.
    /// </summary>
    public static TextMetrics Measure(string text, TextStyle style) => MeasureRaw(Fit(text, style), style);

    /// <summary>The metrics of <paramref name="text"/> whole (not cut).</summary>
    private static TextMetrics MeasureRaw(string text, TextStyle style) => Cache.GetOrAdd((text, style.Size, style.Bold, style.Italic), static key =>
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
