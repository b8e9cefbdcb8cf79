using System.Globalization;

namespace Evident.Analysis;

/// <summary>One of the Cochrane Handbook's ranges of I² with its wording (Deeks et al. 2023, Handbook version 6.4, §10.10.2).</summary>
/// <param name="Name">The band's word: <c>might not be important</c>, <c>moderate</c>, <c>substantial</c>, <c>considerable</c>.</param>
/// <param name="From">Lower end in percent (inclusive).</param>
/// <param name="To">Upper end in percent (inclusive).</param>
/// <param name="Phrase">How the Handbook words it.</param>
public sealed record HeterogeneityBand(string Name, double From, double To, string Phrase)
{
    /// <summary>The range as printed: <c>30–60%</c>.</summary>
    public string Range => string.Create(CultureInfo.InvariantCulture, $"{From:0}–{To:0}%");
}

/// <summary>
/// The Cochrane Handbook's rough guide to interpreting I² (Deeks et al. 2023, Handbook version 6.4, §10.10.2): 0–40%
/// might not be important, 30–60% may represent moderate heterogeneity, 50–90% substantial, 75–100% considerable. The
/// ranges overlap on purpose (the importance of I² depends on the size and direction of the effects and the strength
/// of the evidence), so a value may lie in two bands. The one table every front end (report, summary, checker) reads.
/// </summary>
public static class HeterogeneityBands
{
    /// <summary>The bands, in order from the lowest.</summary>
    public static IReadOnlyList<HeterogeneityBand> All { get; } =
    [
        new("might not be important", 0, 40, "might not be important"),
        new("moderate", 30, 60, "may represent moderate heterogeneity"),
        new("substantial", 50, 90, "may represent substantial heterogeneity"),
        new("considerable", 75, 100, "considerable heterogeneity"),
    ];

    /// <summary>The bands <paramref name="i2"/> (percent, clamped to 0–100) lies in: one, or two where they overlap; none for a value that is not a number.</summary>
    public static IReadOnlyList<HeterogeneityBand> Of(double i2)
    {
        if (!double.IsFinite(i2))
        {
            return [];
        }

        var clamped = Math.Clamp(i2, 0, 100);
        return [.. All.Where(b => clamped >= b.From && clamped <= b.To)];
    }
}
