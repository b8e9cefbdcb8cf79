using System.Globalization;
using Evident.Evidence.Summaries;

namespace Evident.Cli.Reporting;

/// <summary>One of the Cochrane Handbook's ranges of I² with its wording.</summary>
/// <param name="Name">The band's word: <c>might not be important</c>, <c>moderate</c>, <c>substantial</c>, <c>considerable</c>.</param>
/// <param name="From">Lower end in percent (inclusive).</param>
/// <param name="To">Upper end in percent (inclusive).</param>
/// <param name="Phrase">How the Handbook words it.</param>
internal sealed record I2Band(string Name, double From, double To, string Phrase)
{
    /// <summary>The range as printed: <c>30–60%</c>.</summary>
    public string Range => string.Create(CultureInfo.InvariantCulture, $"{From:0}–{To:0}%");
}

/// <summary>
/// The Cochrane Handbook's rough guide to interpreting I² (Deeks et al. 2023, Handbook version 6.4, §10.10.2): 0–40%
/// might not be important, 30–60% may represent moderate heterogeneity, 50–90% substantial, 75–100% considerable. The
/// ranges overlap on purpose (the importance of I² depends on the size and direction of the effects and the strength
/// of the evidence), so a value may lie in two bands, and the report then names both.
/// </summary>
internal static class I2Bands
{
    /// <summary>The bands, in order: the Handbook's table as <see cref="Wording.I2Ranges"/> holds it.</summary>
    public static IReadOnlyList<I2Band> All { get; } = [.. Wording.I2Ranges.Select(r => new I2Band(r.Name, r.From, r.To, r.Phrase))];

    /// <summary>The bands <paramref name="i2"/> (percent) lies in: one, or two where they overlap; none for a value that is not a number.</summary>
    public static IReadOnlyList<I2Band> Of(double i2)
    {
        if (!double.IsFinite(i2))
        {
            return [];
        }

        // The value as printed (one decimal), so the words agree with the number shown.
        var shown = double.Parse(Math.Clamp(i2, 0, 100).ToString("0.0", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var bands = Wording.I2Bands(shown);
        return [.. Wording.I2Ranges.Zip(All).Where(p => bands.Contains(p.First.Band)).Select(p => p.Second)];
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
