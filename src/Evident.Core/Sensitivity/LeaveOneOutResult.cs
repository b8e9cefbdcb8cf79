using Evident.Core.Models;

namespace Evident.Core.Sensitivity;

/// <summary>A leave-one-out analysis (metafor's <c>leave1out</c>): the model refitted k times, each time without one study.</summary>
public sealed record LeaveOneOutResult
{
    /// <summary>The fit to all studies; null when the data could not be analysed (see <see cref="Issues"/>).</summary>
    public MetaAnalysisResult? Fit { get; init; }
    /// <summary>Row i is the fit without study i (input order); empty with fewer than 2 studies.</summary>
    public required IReadOnlyList<FitRow> Rows { get; init; }
    /// <summary>Problems and notes (with the study index where one study is concerned).</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}
