namespace Evident.Core.Models;

/// <summary>
/// A fitted intercept-only (common- or random-effects) meta-analysis. Values that do not exist for this model are
/// null (never NaN); <see cref="Issues"/> says why where that is not obvious.
/// </summary>
public sealed record MetaAnalysisResult
{
    /// <summary>τ² estimator actually used.</summary>
    public required Tau2Method Method { get; init; }
    /// <summary>Test actually used (knha falls back to z when k = 1).</summary>
    public required TestMethod Test { get; init; }
    /// <summary>Confidence level in percent.</summary>
    public required double Level { get; init; }
    /// <summary>Number of studies.</summary>
    public required int K { get; init; }
    /// <summary>Pooled estimate μ̂.</summary>
    public required double Estimate { get; init; }
    /// <summary>Standard error of μ̂ (rescaled under knha/adhoc).</summary>
    public required double StandardError { get; init; }
    /// <summary>z or t statistic; null when undefined (knha with zero scale).</summary>
    public double? Statistic { get; init; }
    /// <summary>Degrees of freedom of the t distribution, or null for z.</summary>
    public double? Df { get; init; }
    /// <summary>Two-sided p-value of the test of μ = 0.</summary>
    public required double PValue { get; init; }
    /// <summary>Confidence interval of μ.</summary>
    public required Interval ConfidenceInterval { get; init; }
    /// <summary>Estimated τ² (0 for EE/FE).</summary>
    public required double Tau2 { get; init; }
    /// <summary>Standard error of τ̂²; null for EE/FE.</summary>
    public double? Tau2StandardError { get; init; }
    /// <summary>CI of τ² by <see cref="FitOptions.Tau2Ci"/>; null for EE/FE and k = 1.</summary>
    public Interval? Tau2ConfidenceInterval { get; init; }
    /// <summary>τ = √τ².</summary>
    public double Tau => Math.Sqrt(Tau2);
    /// <summary>I² in percent (from τ² for random-effects models, from Q for EE/FE).</summary>
    public required double I2 { get; init; }
    /// <summary>CI of I² in percent, from the τ² CI.</summary>
    public Interval? I2ConfidenceInterval { get; init; }
    /// <summary>H².</summary>
    public required double H2 { get; init; }
    /// <summary>CI of H², from the τ² CI.</summary>
    public Interval? H2ConfidenceInterval { get; init; }
    /// <summary>Cochran's Q (inverse-variance weights 1/vi).</summary>
    public required double Q { get; init; }
    /// <summary>Degrees of freedom of Q (k − 1).</summary>
    public required int QDf { get; init; }
    /// <summary>p-value of Q against χ²(k − 1); 1 when k = 1.</summary>
    public required double QPValue { get; init; }
    /// <summary>Prediction interval for the effect in a new study; equals the CI for EE/FE. Null when undefined.</summary>
    public Interval? PredictionInterval { get; init; }
    /// <summary>Degrees of freedom of the PI's t distribution, or null for normal.</summary>
    public double? PredictionDf { get; init; }
    /// <summary>The "typical" within-study variance s² (Higgins &amp; Thompson 2002) used for I² and H².</summary>
    public required double TypicalVariance { get; init; }
    /// <summary>Study weights in percent, in input order.</summary>
    public required IReadOnlyList<double> WeightsPercent { get; init; }
    /// <summary>Iterations used by an iterative estimator (0 for closed forms).</summary>
    public int Iterations { get; init; }
    /// <summary>Whether the estimator converged (always true for closed forms).</summary>
    public bool Converged { get; init; } = true;
    /// <summary>Warnings and notes about the fit.</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}
