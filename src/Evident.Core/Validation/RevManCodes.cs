namespace Evident.Core.Validation;

/// <summary>Stable kebab-case codes of the RevMan agreement check; tests and reports use the codes, not messages.</summary>
public static class RevManCodes
{
    /// <summary>Row: RevMan printed no value and the study is not estimable under the analysis's measure (agreement).</summary>
    public const string RevManNotEstimable = "revman-not-estimable";

    /// <summary>Row: RevMan printed no value (or not all three of estimate and CI) although the measure gives one.</summary>
    public const string RevManValueMissing = "revman-value-missing";

    /// <summary>Row: RevMan printed a value but the study is not estimable under the measure (or lacks its inputs).</summary>
    public const string PrintedButNotEstimable = "printed-but-not-estimable";

    /// <summary>Row: RevMan's printed estimate or CI differs from the computed one by more than the printing's rounding.</summary>
    public const string RowMismatch = "row-mismatch";

    /// <summary>Analysis: no measure reproduces every row; the measure reported is the one agreeing with most rows.</summary>
    public const string NoMatchingMeasure = "no-matching-measure";

    /// <summary>Analysis: RevMan printed no per-study value at all, so its measure cannot be inferred.</summary>
    public const string NoPrintedValues = "no-printed-values";
}
