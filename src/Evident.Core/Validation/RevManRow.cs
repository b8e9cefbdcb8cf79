using Evident.Core.EffectSizes;

namespace Evident.Core.Validation;

/// <summary>
/// One row of a RevMan analysis: the study's data, every field read (not projected to a data type, since a row may carry
/// values of several types and RevMan's choice is what is being inferred), and the per-study result RevMan printed.
/// </summary>
public sealed record RevManRow
{
    /// <summary>
    /// The study's values under escalc names: <c>ai, ci, n1i, n2i</c> (events and group sizes), <c>m1i, sd1i, m2i, sd2i</c>,
    /// <c>yi, sei</c> (GIV estimate and SE, ratio measures on the log scale), <c>oei, vari</c> (O − E and its variance).
    /// Other fields (<c>ci_lb</c>, <c>ci_ub</c>, medians, …) are not read, so RevMan's printed CI may sit there harmlessly.
    /// </summary>
    public required StudyInput Study { get; init; }

    /// <summary>The row's data type as inferred from its values (<see cref="DataTypes.Infer"/>), or null when it has none.</summary>
    public DataType? DataType { get; init; }

    /// <summary>RevMan's printed effect estimate (ratio measures on the ratio scale), or null when it printed none.</summary>
    public double? Mean { get; init; }

    /// <summary>RevMan's printed lower confidence limit, or null.</summary>
    public double? CiStart { get; init; }

    /// <summary>RevMan's printed upper confidence limit, or null.</summary>
    public double? CiEnd { get; init; }

    /// <summary>RevMan's printed weight of the study in the analysis, in percent, or null.</summary>
    public double? Weight { get; init; }

    /// <summary>The row's subgroup label within the analysis (null or empty: none); used to tell subgroup-relative weights.</summary>
    public string? Subgroup { get; init; }
}
