using Evident.Core.Models;

namespace Evident.Core.Sensitivity;

/// <summary>
/// Entry point for sensitivity analyses of a model without moderators (metafor's <c>leave1out</c>, <c>influence</c>,
/// <c>rstandard</c>/<c>rstudent</c>, <c>cumul</c>, <c>baujat</c> and <c>gosh</c> for <c>rma.uni</c>), with the τ²
/// estimator, test, level and prediction-interval type of <see cref="FitOptions"/> (as <see cref="MetaAnalysis.Fit"/>),
/// and influence diagnostics of meta-regressions. Nothing here forms a k×k matrix: leave-one-out fits reuse the full
/// fit's sums and warm-start their τ² iteration, so k = 10⁴ studies take seconds, not hours.
/// </summary>
/// <remarks>
/// Bad data are issues, not exceptions: a non-finite yᵢ (<c>missing-value</c>) or a vᵢ that is not a positive finite
/// number (<c>nonpositive-variance</c>) gives a result with no rows and those errors. Exceptions are for programmer
/// errors only: spans of different lengths, a level outside (0, 100), a negative τ², a <see cref="FitOptions.QCentre"/>
/// (not meaningful when each fit has its own estimate), an order that is not a permutation.
/// </remarks>
public static class SensitivityAnalysis
{
    /// <summary>
    /// The model refitted without each study in turn (metafor's <c>leave1out</c>): row i holds the estimate, SE,
    /// statistic, p, CI, Q and its p, τ², I², H² and the prediction interval of the fit without study i. With k = 2 each
    /// row is a fit of one study (τ² = 0, Q = 0, I² = 0, H² = 1, z test; note <c>leave-one-out-single-study</c>); with
    /// k = 1 there are no rows (<c>sensitivity-too-few-studies</c>).
    /// </summary>
    public static LeaveOneOutResult LeaveOneOut(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, FitOptions? options = null) =>
        Sensitivity.LeaveOneOut.Compute(yi, vi, options);

    /// <summary>
    /// Outlier and influence diagnostics (metafor's <c>influence</c>, <c>rstandard</c>, <c>rstudent</c>): residuals,
    /// DFFITS, Cook's distance, covariance ratio, τ² and Q without each study, hat values, weights, DFBETAS and metafor's
    /// "influential" flag. Undefined values (e.g. under knha when the other effects are identical) are null with an
    /// <c>influence-undefined</c> warning.
    /// </summary>
    public static InfluenceResult Influence(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, FitOptions? options = null) =>
        Sensitivity.Influence.Compute(yi, vi, options);

    /// <summary>
    /// The same diagnostics for a fitted meta-regression (metafor's <c>influence</c>, <c>hatvalues</c>,
    /// <c>cooks.distance</c>, <c>rstandard</c>, <c>rstudent</c> for <c>rma(yi, vi, mods = …)</c>); rows follow the fit's
    /// studies (<see cref="Models.Regression.DesignMatrix.Rows"/> gives their input rows).
    /// </summary>
    public static InfluenceResult Influence(Models.Regression.MetaRegressionResult fit) => ModeratorInfluence.Compute(fit);

    /// <summary>
    /// Cumulative meta-analysis (metafor's <c>cumul</c>): row j is the fit to the studies <paramref name="order"/>[0..j]
    /// (0-based input indices, each once).
    /// </summary>
    public static CumulativeResult Cumulative(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, IReadOnlyList<int> order, FitOptions? options = null) =>
        Sensitivity.Cumulative.Compute(yi, vi, order, options);

    /// <summary>
    /// Cumulative meta-analysis with the studies sorted by <paramref name="key"/> (e.g. the publication year) ascending,
    /// ties in input order and NaN last, as <c>cumul(res, order = key)</c>.
    /// </summary>
    public static CumulativeResult CumulativeBy(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, ReadOnlySpan<double> key, FitOptions? options = null)
    {
        if (key.Length != yi.Length)
        {
            throw new ArgumentException("key must have one value per study.", nameof(key));
        }

        return Sensitivity.Cumulative.Compute(yi, vi, Sensitivity.Cumulative.OrderBy(key), options);
    }

    /// <summary>Baujat plot coordinates (metafor's <c>baujat</c>): each study's contribution to Q against its influence on the estimate.</summary>
    public static BaujatResult Baujat(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, FitOptions? options = null) =>
        Sensitivity.Baujat.Compute(yi, vi, options);

    /// <summary>
    /// GOSH (metafor's <c>gosh</c>): estimate, Q, I², H², τ² and k of the model fitted to every non-empty subset when
    /// 2^k − 1 ≤ <see cref="GoshOptions.Subsets"/> (10⁶ by default, in metafor's order), else to that many random subsets
    /// drawn from <see cref="GoshOptions.Seed"/> (<c>gosh-random-subsets</c>).
    /// </summary>
    public static GoshResult Gosh(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, FitOptions? options = null, GoshOptions? gosh = null) =>
        Sensitivity.Gosh.Compute(yi, vi, options, gosh);
}
