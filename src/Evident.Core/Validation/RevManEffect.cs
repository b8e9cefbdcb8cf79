using System.Globalization;

namespace Evident.Core.Validation;

/// <summary>
/// How RevMan computed an analysis's per-study results: the measure, the level of the per-study confidence intervals
/// (RevMan 5 offers 90, 95 and 99 %) and whether events and non-events were swapped (RevMan 5's "Swap event and non-event"
/// option for dichotomous outcomes; RevMan 5 User Guide, Analysis details).
/// </summary>
/// <param name="Measure">The effect measure.</param>
/// <param name="CiLevel">Confidence level of the per-study intervals, in percent.</param>
/// <param name="NonEvents">Events and non-events swapped (dichotomous measures only).</param>
public readonly record struct RevManEffect(RevManMeasure Measure, double CiLevel = 95, bool NonEvents = false)
{
    /// <summary>A short label: the measure, then the CI level when it is not 95 % and "non-events" when swapped, e.g. "RR (99% CI)".</summary>
    public override string ToString()
    {
        var notes = new List<string>(2);
        if (CiLevel != 95)
        {
            notes.Add(CiLevel.ToString(CultureInfo.InvariantCulture) + "% CI");
        }

        if (NonEvents)
        {
            notes.Add("non-events");
        }

        return notes.Count == 0 ? Measure.ToString() : $"{Measure} ({string.Join(", ", notes)})";
    }
}
