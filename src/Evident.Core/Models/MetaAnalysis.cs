namespace Evident.Core.Models;

/// <summary>Entry point for pooled models: metafor's <c>rma.uni</c> without moderators.</summary>
public static class MetaAnalysis
{
    /// <summary>
    /// Fits a common- or random-effects model to effect sizes <paramref name="yi"/> with sampling variances
    /// <paramref name="vi"/>. O(k) per iteration: sums over studies, no k×k matrices.
    /// </summary>
    public static MetaAnalysisResult Fit(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, FitOptions? options = null)
    {
        throw new NotImplementedException();
    }
}
