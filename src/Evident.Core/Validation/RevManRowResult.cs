namespace Evident.Core.Validation;

/// <summary>How one row's printed result compares with the one computed under the analysis's inferred effect.</summary>
public enum RowAgreement
{
    /// <summary>RevMan's printed estimate and CI equal the computed ones to their rounding.</summary>
    Matched,

    /// <summary>RevMan printed no value and the study is not estimable under the measure: agreement (<c>revman-not-estimable</c>).</summary>
    NotEstimable,

    /// <summary>RevMan printed no value although the measure gives one (<c>revman-value-missing</c>).</summary>
    ValueMissing,

    /// <summary>RevMan printed a value but the study is not estimable under the measure (<c>printed-but-not-estimable</c>).</summary>
    PrintedButNotEstimable,

    /// <summary>Both have a value and they differ beyond rounding (<c>row-mismatch</c>).</summary>
    Mismatch,
}

/// <summary>The outcome of one row of an analysis.</summary>
public sealed record RevManRowResult
{
    /// <summary>0-based position of the row in the analysis's input.</summary>
    public required int Index { get; init; }

    /// <summary>How the row compares.</summary>
    public required RowAgreement Agreement { get; init; }

    /// <summary>Null when matched or not estimable by agreement; otherwise a <see cref="RevManCodes"/> code.</summary>
    public string? Code { get; init; }

    /// <summary>What RevMan printed (estimate and CI), or null when it printed no complete value.</summary>
    public RevManValue? Printed { get; init; }

    /// <summary>The value computed under the analysis's effect the RevMan way, or null when not estimable (or no effect).</summary>
    public RevManValue? Computed { get; init; }

    /// <summary>
    /// Why the study is not estimable under the analysis's measure, as the effect-size code that says so
    /// (<c>dropped-double-zero</c>, <c>nonpositive-sd</c>, <c>missing-value</c>, <c>events-exceed-n</c>,
    /// <c>nonpositive-variance</c>, …); null when it is estimable.
    /// </summary>
    public string? NotEstimableBecause { get; init; }

    /// <summary>
    /// Whether the row's given <see cref="RevManRow.DataType"/> is the data type of the analysis's inferred measure; null when
    /// either is unknown. False flags a row the data-type rule classifies differently from RevMan.
    /// </summary>
    public bool? DataTypeAgrees { get; init; }

    /// <summary>
    /// The study's percent weight under the analysis's inferred weighting (0 when not estimable), or null when RevMan printed
    /// no weight in the analysis (or no effect was inferred).
    /// </summary>
    public double? ComputedWeight { get; init; }

    /// <summary>
    /// Whether RevMan's printed weight equals <see cref="ComputedWeight"/> to its rounding (a printed 0 or no weight for a study
    /// that is not estimable counts as equal); null when there is nothing to compare.
    /// </summary>
    public bool? WeightAgrees { get; init; }

    /// <summary>True when the row agrees with RevMan: matched, or not estimable on both sides.</summary>
    public bool Agrees => Agreement is RowAgreement.Matched or RowAgreement.NotEstimable;
}
