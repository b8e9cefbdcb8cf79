namespace Evident.Core.Validation;

/// <summary>A count under a name (an effect label, a code), for reports.</summary>
/// <param name="Name">What is counted.</param>
/// <param name="Count">How many.</param>
public readonly record struct NamedCount(string Name, int Count);

/// <summary>Totals of a RevMan agreement check over many analyses (a whole file).</summary>
public sealed record RevManAgreementSummary
{
    /// <summary>Analyses checked.</summary>
    public required int Analyses { get; init; }

    /// <summary>Analyses where one effect reproduces every row.</summary>
    public required int AnalysesMatched { get; init; }

    /// <summary>Analyses where no effect reproduces every row (<c>no-matching-measure</c>).</summary>
    public required int AnalysesNotFullyMatched { get; init; }

    /// <summary>Analyses where RevMan printed no value at all (<c>no-printed-values</c>).</summary>
    public required int AnalysesWithoutPrintedValues { get; init; }

    /// <summary>Matched analyses that other effects reproduce equally well (ambiguous inference).</summary>
    public required int AnalysesAmbiguous { get; init; }

    /// <summary>Analyses per inferred effect (label as <see cref="RevManEffect.ToString"/>), matched or not, most frequent first.</summary>
    public required IReadOnlyList<NamedCount> AnalysesByEffect { get; init; }

    /// <summary>Analyses per inferred effect among those not fully matched, most frequent first.</summary>
    public required IReadOnlyList<NamedCount> NotFullyMatchedByEffect { get; init; }

    /// <summary>All rows.</summary>
    public required int Rows { get; init; }

    /// <summary>Rows with a printed estimate and CI.</summary>
    public required int RowsWithPrintedValues { get; init; }

    /// <summary>Rows whose printed value is matched.</summary>
    public required int RowsMatched { get; init; }

    /// <summary><see cref="RowsMatched"/> / <see cref="RowsWithPrintedValues"/> (NaN when there is none).</summary>
    public double MatchedShare => RowsWithPrintedValues == 0 ? double.NaN : (double)RowsMatched / RowsWithPrintedValues;

    /// <summary>Rows per <see cref="RevManRowResult.Code"/> ("matched" for rows without a code), most frequent first.</summary>
    public required IReadOnlyList<NamedCount> RowsByCode { get; init; }

    /// <summary>Rows without a printed value (agreed not estimable or missing), per cause of not being estimable.</summary>
    public required IReadOnlyList<NamedCount> NotEstimableByCause { get; init; }

    /// <summary>Rows whose given data type differs from the data type of the analysis's inferred measure.</summary>
    public required int RowsWithOtherDataType { get; init; }

    /// <summary>Analyses per inferred weighting (label as <see cref="RevManWeighting.ToString"/>), most frequent first.</summary>
    public required IReadOnlyList<NamedCount> AnalysesByWeighting { get; init; }

    /// <summary>Analyses with printed weights that no weighting reproduces for every row.</summary>
    public required int AnalysesWithWeightsNotMatched { get; init; }

    /// <summary>Rows whose printed weight was compared (the analysis has printed weights and an inferred effect).</summary>
    public required int RowsWithWeights { get; init; }

    /// <summary>Rows whose printed weight is reproduced.</summary>
    public required int RowsWeightMatched { get; init; }

    /// <summary>Adds up the results of many analyses.</summary>
    public static RevManAgreementSummary Of(IEnumerable<RevManAnalysisResult> analyses)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        var list = analyses.ToList();
        var rows = list.SelectMany(a => a.Rows).ToList();
        return new RevManAgreementSummary
        {
            Analyses = list.Count,
            AnalysesMatched = list.Count(a => a.Agreement == AnalysisAgreement.Matched),
            AnalysesNotFullyMatched = list.Count(a => a.Agreement == AnalysisAgreement.NotFullyMatched),
            AnalysesWithoutPrintedValues = list.Count(a => a.Agreement == AnalysisAgreement.NoPrintedValues),
            AnalysesAmbiguous = list.Count(a => a.Agreement == AnalysisAgreement.Matched && a.Alternatives.Count > 0),
            AnalysesByEffect = Counts(list.Where(a => a.Effect is not null).Select(a => a.Effect!.Value.ToString())),
            NotFullyMatchedByEffect = Counts(list.Where(a => a.Agreement == AnalysisAgreement.NotFullyMatched).Select(a => a.Effect!.Value.ToString())),
            Rows = rows.Count,
            RowsWithPrintedValues = rows.Count(r => r.Printed is not null),
            RowsMatched = rows.Count(r => r.Agreement == RowAgreement.Matched),
            RowsByCode = Counts(rows.Select(r => r.Code ?? "matched")),
            NotEstimableByCause = Counts(rows.Where(r => r.Printed is null).Select(r => r.NotEstimableBecause ?? "estimable")),
            RowsWithOtherDataType = rows.Count(r => r.DataTypeAgrees == false),
            AnalysesByWeighting = Counts(list.Where(a => a.Weighting is not null).Select(a => a.Weighting!.Value.ToString())),
            AnalysesWithWeightsNotMatched = list.Count(a => a.Weighting is not null && !a.WeightsMatched),
            RowsWithWeights = rows.Count(r => r.WeightAgrees is not null),
            RowsWeightMatched = rows.Count(r => r.WeightAgrees == true),
        };
    }

    private static NamedCount[] Counts(IEnumerable<string> names) =>
        names.GroupBy(n => n, StringComparer.Ordinal)
            .Select(g => new NamedCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToArray();
}
