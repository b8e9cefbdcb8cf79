using System.Globalization;

namespace Evident.Rendering.Drawing;

/// <summary>An sRGB colour with alpha.</summary>
/// <param name="R">Red, 0–255.</param>
/// <param name="G">Green, 0–255.</param>
/// <param name="B">Blue, 0–255.</param>
/// <param name="A">Opacity, 0 (transparent) – 255 (opaque).</param>
public readonly record struct Color(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Black.</summary>
    public static Color Black { get; } = new(0, 0, 0);

    /// <summary>White.</summary>
    public static Color White { get; } = new(255, 255, 255);

    /// <summary>The colour of secondary lines and text.</summary>
    public static Color Grey { get; } = new(128, 128, 128);

    /// <summary>The colour as <c>#rrggbb</c> (alpha is written separately, as SVG's opacity attributes).</summary>
    public string Hex => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    /// <summary>Opacity as a fraction, 0–1.</summary>
    public double Opacity => A / 255.0;

    /// <summary>Parses <c>#rgb</c>, <c>#rrggbb</c> or <c>#rrggbbaa</c>; null when <paramref name="text"/> is none of these.</summary>
    public static Color? TryParse(string text)
    {
        var s = text.Trim().TrimStart('#');
        if (s.Length == 3)
        {
            s = string.Concat(s.Select(c => new string(c, 2)));
        }

        if ((s.Length != 6 && s.Length != 8) || !uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            return null;
        }

        return s.Length == 6
            ? new Color((byte)(v >> 16), (byte)(v >> 8), (byte)v)
            : new Color((byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>The colour given as <c>#rrggbb</c>.</summary>
    public static Color FromHex(string hex) => TryParse(hex) ?? throw new FormatException($"'{hex}' is not a #rrggbb colour.");

    /// <summary>This colour with opacity <paramref name="alpha"/> (0–1).</summary>
    public Color WithOpacity(double alpha) => this with { A = (byte)Math.Round(Math.Clamp(alpha, 0, 1) * 255) };
}
