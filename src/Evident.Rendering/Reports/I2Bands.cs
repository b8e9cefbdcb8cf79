using System.Globalization;
using Evident.Analysis;

namespace Evident.Rendering.Reports;

/// <summary>
/// The Cochrane Handbook's bands of I² (<see cref="HeterogeneityBands"/>) as the report prints them: for the value as
/// printed, and the sentence saying which band, or which two overlapping bands, it lies in.
/// </summary>
internal static class I2Bands
{
    /// <summary>The bands <paramref name="i2"/> (percent) lies in: one, or two where they overlap; none for a value that is not a number.</summary>
    public static IReadOnlyList<HeterogeneityBand> Of(double i2)
    {
        if (!double.IsFinite(i2))
        {
            return [];
        }

        // The value as printed (one decimal), so the words agree with the number shown.
        var shown = double.Parse(Math.Clamp(i2, 0, 100).ToString("0.0", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return HeterogeneityBands.Of(shown);
    }

    /// <summary>
    /// The sentence a report prints: <c>I² = 35.0% lies in two of the Cochrane Handbook's overlapping bands: 0–40%
    /// "might not be important" and 30–60% "may represent moderate heterogeneity" (Deeks et al. 2023, §10.10.2).</c>
    /// </summary>
    public static string Interpretation(double i2, string cite)
    {
        var bands = Of(i2);
        var value = string.Create(CultureInfo.InvariantCulture, $"I² = {i2:0.0}%");
        return bands.Count switch
        {
            0 => "I² could not be computed.",
            1 => $"{value} lies in the Cochrane Handbook's band {bands[0].Range}, “{bands[0].Phrase}” ({cite}, §10.10.2).",
            _ => $"{value} lies in two of the Cochrane Handbook's overlapping bands: {string.Join(" and ", bands.Select(b => $"{b.Range}, “{b.Phrase}”"))} ({cite}, §10.10.2).",
        };
    }
}
