using Evident.Core.Models;

namespace Evident.Core.Sensitivity;

/// <summary>A cumulative meta-analysis (metafor's <c>cumul</c>): the model fitted to the first 1, 2, …, k studies of an order.</summary>
public sealed record CumulativeResult
{
    /// <summary>The fit to all studies; null when the data could not be analysed.</summary>
    public MetaAnalysisResult? Fit { get; init; }
    /// <summary>The order: <c>Order[j]</c> is the 0-based input index of the study added at step j.</summary>
    public required IReadOnlyList<int> Order { get; init; }
    /// <summary>Row j is the fit to the studies <c>Order[0..j]</c>; the last row is the fit to all.</summary>
    public required IReadOnlyList<FitRow> Rows { get; init; }
    /// <summary>Problems and notes (with the study index where one study is concerned).</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}
