using Evident.Core.Models;

namespace Evident.Core.Sensitivity;

/// <summary>
/// The numbers metafor prints for one fit of a sensitivity analysis (a row of <c>leave1out</c> or <c>cumul</c>), plus the
/// prediction interval of <c>predict()</c> on that fit. Values that do not exist are null, never NaN.
/// </summary>
public sealed record FitRow
{
    /// <summary>Number of studies in this fit.</summary>
    public required int K { get; init; }
    /// <summary>Pooled estimate μ̂.</summary>
    public required double Estimate { get; init; }
    /// <summary>Its standard error (rescaled under knha/adhoc).</summary>
    public required double StandardError { get; init; }
    /// <summary>Test actually used (knha falls back to z for a fit of one study, as metafor does).</summary>
    public required TestMethod Test { get; init; }
    /// <summary>z or t statistic; null when undefined (knha with zero scale).</summary>
    public double? Statistic { get; init; }
    /// <summary>Degrees of freedom of the t distribution, or null for z.</summary>
    public double? Df { get; init; }
    /// <summary>Two-sided p-value of the test of μ = 0.</summary>
    public required double PValue { get; init; }
    /// <summary>Confidence interval of μ.</summary>
    public required Interval ConfidenceInterval { get; init; }
    /// <summary>Cochran's Q of the studies in this fit.</summary>
    public required double Q { get; init; }
    /// <summary>Degrees of freedom of Q (k − 1).</summary>
    public required int QDf { get; init; }
    /// <summary>p-value of Q against χ²(k − 1); 1 when k = 1.</summary>
    public required double QPValue { get; init; }
    /// <summary>τ̂² of this fit (0 for EE/FE).</summary>
    public required double Tau2 { get; init; }
    /// <summary>I² in percent.</summary>
    public required double I2 { get; init; }
    /// <summary>H².</summary>
    public required double H2 { get; init; }
    /// <summary>Prediction interval as <c>predict()</c> on this fit (equals the CI for EE/FE and for one study).</summary>
    public required Interval PredictionInterval { get; init; }
    /// <summary>Degrees of freedom of the PI's t distribution, or null for normal.</summary>
    public double? PredictionDf { get; init; }
    /// <summary>Whether the τ² estimator converged for this fit.</summary>
    public bool Converged { get; init; } = true;
}
