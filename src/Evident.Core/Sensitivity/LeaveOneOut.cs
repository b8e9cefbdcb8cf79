namespace Evident.Core.Sensitivity;

/// <summary>
/// Leave-one-out analysis: the model refitted without each study in turn, with the same τ² estimator, test and level
/// (Viechtbauer &amp; Cheung 2010, §3.1; metafor's <c>leave1out</c>). Each deleted fit is warm-started from the full τ̂²
/// and its sums come from the full ones by subtracting the omitted study's terms (<see cref="Deletions"/>), so the whole
/// analysis costs O(k) per τ² iteration of each deleted fit, with no k×k matrices.
/// </summary>
internal static class LeaveOneOut
{
    public static LeaveOneOutResult Compute(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, Models.FitOptions? options)
    {
        var deletions = Deletions.Compute(yi, vi, options, "Leave-one-out analysis", out var issues);
        if (deletions is null)
        {
            return new LeaveOneOutResult { Rows = [], Issues = issues };
        }

        var rows = new FitRow[deletions.Fits.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = RowBuilder.Build(deletions.Options, deletions.Fits[i]);
        }

        return new LeaveOneOutResult { Fit = deletions.Full, Rows = rows, Issues = issues };
    }
}
