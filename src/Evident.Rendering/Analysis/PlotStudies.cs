using Evident.Analysis;

namespace Evident.Rendering.Analysis;

/// <summary>The studies of an analysis as the scatter-type plots (funnel, Baujat, radial, L'Abbé, bubble) draw them.</summary>
internal static class PlotStudies
{
    /// <summary>The studies that entered the pooled analysis (those with an effect size), in input order.</summary>
    public static List<StudyRow> Usable(OutcomeReport outcome) => [.. outcome.Studies.Where(s => s.Yi is not null && s.Vi is not null)];

    /// <summary>A study's label: its name, or its line in the file.</summary>
    public static string Label(StudyRow study) => study.Study is { Length: > 0 } name ? name : $"Row {study.Row}";
}
