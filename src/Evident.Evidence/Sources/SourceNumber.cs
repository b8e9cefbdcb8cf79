using System.Globalization;

namespace Evident.Evidence.Sources;

/// <summary>
/// A number as its source gives it: the value, and the number of decimals it was printed with when the source is
/// itself rounded (a published abstract says "0.42"), or null when it is a full-precision computed value (an Evident
/// analysis). Checks allow half a unit in the last printed decimal either way, as statcheck does for reported
/// statistics (Nuijten et al. 2016).
/// </summary>
/// <param name="Value">The value, on the scale the source reports it (ratios as ratios, I² in percent).</param>
/// <param name="Decimals">Decimals printed in the source, or null for an unrounded value.</param>
public readonly record struct SourceNumber(double Value, int? Decimals)
{
    /// <summary>Half a unit in the last printed decimal (0 for an unrounded value).</summary>
    public double HalfUnit => Decimals is { } d ? 0.5 * Math.Pow(10, -d) : 0;

    /// <summary>The smallest value the printed number can stand for.</summary>
    public double Lowest => Value - HalfUnit;

    /// <summary>The largest value the printed number can stand for.</summary>
    public double Highest => Value + HalfUnit;

    /// <summary>An unrounded value.</summary>
    public static SourceNumber Exact(double value) => new(value, null);

    /// <summary>
    /// Reads a number as printed ("0.42", "-1.5", "1e-3", "24%"): the decimals are those after the point (0 for an
    /// exponent form, which is taken as exact). Invariant culture; a trailing % is dropped. Returns null when it is
    /// not a number.
    /// </summary>
    public static SourceNumber? Parse(string text)
    {
        var s = text.Trim().Replace('\u2212', '-').TrimEnd('%').Trim();
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return null;
        }

        if (s.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            return Exact(value);
        }

        var point = s.IndexOf('.', StringComparison.Ordinal);
        return new SourceNumber(value, point < 0 ? 0 : s.Length - point - 1);
    }

    /// <summary>The value as the source printed it (invariant culture).</summary>
    public override string ToString() => Decimals is { } d
        ? Value.ToString("F" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : Value.ToString("R", CultureInfo.InvariantCulture);
}
