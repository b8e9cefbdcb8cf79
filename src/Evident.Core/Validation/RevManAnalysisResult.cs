namespace Evident.Core.Validation;

/// <summary>The verdict on one analysis.</summary>
public enum AnalysisAgreement
{
    /// <summary>One effect reproduces every row: each printed value, and each "not estimable".</summary>
    Matched,

    /// <summary>No effect reproduces every row (<c>no-matching-measure</c>); the one agreeing with most rows is reported.</summary>
    NotFullyMatched,

    /// <summary>RevMan printed no per-study value in the analysis (<c>no-printed-values</c>); no effect is inferred.</summary>
    NoPrintedValues,
}

/// <summary>The agreement of one analysis's per-study results with RevMan's printed ones.</summary>
public sealed record RevManAnalysisResult
{
    /// <summary>The analysis's verdict.</summary>
    public required AnalysisAgreement Agreement { get; init; }

    /// <summary>Null when matched; otherwise <c>no-matching-measure</c> or <c>no-printed-values</c>.</summary>
    public string? Code { get; init; }

    /// <summary>The inferred effect (measure, CI level, event swap); null when RevMan printed nothing.</summary>
    public RevManEffect? Effect { get; init; }

    /// <summary>
    /// Other effects that reproduce every row equally well (an ambiguous analysis, e.g. every study's difference is 0); empty
    /// when the inference is unique. <see cref="Effect"/> is the preferred one among them.
    /// </summary>
    public IReadOnlyList<RevManEffect> Alternatives { get; init; } = [];

    /// <summary>
    /// The weighting inferred from RevMan's printed weights (model and what they are relative to), or null when RevMan printed
    /// no weight or no effect was inferred.
    /// </summary>
    public RevManWeighting? Weighting { get; init; }

    /// <summary>True when <see cref="Weighting"/> reproduces every row's printed weight (false when there is none).</summary>
    public bool WeightsMatched => Weighting is not null && Rows.All(r => r.WeightAgrees == true);

    /// <summary>One result per input row, in input order.</summary>
    public required IReadOnlyList<RevManRowResult> Rows { get; init; }

    /// <summary>Rows with a printed estimate and CI.</summary>
    public int RowsWithPrintedValues => Rows.Count(r => r.Printed is not null);

    /// <summary>Rows whose printed value matches.</summary>
    public int RowsMatched => Rows.Count(r => r.Agreement == RowAgreement.Matched);
}
