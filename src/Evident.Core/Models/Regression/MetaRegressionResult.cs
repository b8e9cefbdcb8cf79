namespace Evident.Core.Models.Regression;

/// <summary>
/// A fitted mixed-effects meta-regression (metafor's <c>rma(yi, vi, mods = …)</c>). Values that do not exist for this
/// model are null (never NaN); <see cref="Issues"/> says why where that is not obvious.
/// </summary>
public sealed record MetaRegressionResult
{
    /// <summary>τ² estimator used.</summary>
    public required Tau2Method Method { get; init; }
    /// <summary>Test actually used (t-type tests fall back to z when there are no residual degrees of freedom).</summary>
    public required TestMethod Test { get; init; }
    /// <summary>Confidence level in percent.</summary>
    public required double Level { get; init; }
    /// <summary>The options the model was fitted with.</summary>
    public required FitOptions Options { get; init; }
    /// <summary>Number of studies used.</summary>
    public required int K { get; init; }
    /// <summary>Number of coefficients.</summary>
    public int P => Coefficients.Count;
    /// <summary>Residual degrees of freedom k − p.</summary>
    public int ResidualDf => K - P;
    /// <summary>The coefficients in design order.</summary>
    public required IReadOnlyList<RegressionCoefficient> Coefficients { get; init; }
    /// <summary>Variance-covariance matrix of the coefficients, p×p row-major (rescaled under knha/adhoc).</summary>
    public required IReadOnlyList<double> Covariance { get; init; }
    /// <summary>Degrees of freedom of the t distribution of the coefficient tests (k − p), or null for z.</summary>
    public double? Df { get; init; }
    /// <summary>The omnibus test of the <see cref="RegressionOptions.Btt"/> coefficients (QM); null when it could not be computed.</summary>
    public ModeratorTest? ModeratorTest { get; init; }
    /// <summary>Test statistic for residual heterogeneity, Q_E = Σ(yᵢ − xᵢᵀβ̂_FE)²/vᵢ.</summary>
    public required double QE { get; init; }
    /// <summary>Degrees of freedom of Q_E (k − p).</summary>
    public int QEDf => ResidualDf;
    /// <summary>p-value of Q_E against χ²(k − p); 1 when k = p (as metafor).</summary>
    public required double QEPValue { get; init; }
    /// <summary>Estimated residual heterogeneity τ² (0 for EE/FE).</summary>
    public required double Tau2 { get; init; }
    /// <summary>Standard error of τ̂² by the estimator's own formula; null for EE/FE and when τ² could not be estimated.</summary>
    public double? Tau2StandardError { get; init; }
    /// <summary>τ = √τ².</summary>
    public double Tau => Math.Sqrt(Tau2);
    /// <summary>I² of the residual heterogeneity in percent: 100·τ²/(τ² + s²), from Q_E for EE/FE.</summary>
    public required double I2 { get; init; }
    /// <summary>H² of the residual heterogeneity: τ²/s² + 1, Q_E/(k − p) for EE/FE.</summary>
    public required double H2 { get; init; }
    /// <summary>The typical within-study variance s² = (k − p)/tr P with wᵢ = 1/vᵢ; null when k = p.</summary>
    public double? TypicalVariance { get; init; }
    /// <summary>
    /// Pseudo-R² in percent, the share of heterogeneity accounted for by the moderators: max(0, 100·(τ²₀ − τ²)/τ²₀) with τ²₀
    /// from the model without moderators fitted by the same estimator (0 when τ²₀ = 0); for EE/FE the same with H² in
    /// place of τ² (what metafor 3.8-1 reports). Null without an intercept, without moderators, or when k = p.
    /// </summary>
    public double? R2 { get; init; }
    /// <summary>τ²₀ of the model without moderators used for <see cref="R2"/> (random-effects models only).</summary>
    public double? Tau2WithoutModerators { get; init; }
    /// <summary>Log-likelihood and information criteria with the ML likelihood at τ̂².</summary>
    public required FitStatistics MaximumLikelihoodFit { get; init; }
    /// <summary>Log-likelihood and information criteria with the REML likelihood at τ̂².</summary>
    public required FitStatistics RestrictedFit { get; init; }
    /// <summary>The fit statistics metafor prints: REML's for a REML fit, ML's otherwise.</summary>
    public FitStatistics FitStatistics => Method == Tau2Method.REML ? RestrictedFit : MaximumLikelihoodFit;
    /// <summary>Study weights in percent (100·wᵢ/Σw, wᵢ = 1/(vᵢ + τ̂²)), in design row order.</summary>
    public required IReadOnlyList<double> WeightsPercent { get; init; }
    /// <summary>Iterations used by an iterative estimator (0 for closed forms).</summary>
    public int Iterations { get; init; }
    /// <summary>Whether the estimator converged (always true for closed forms).</summary>
    public bool Converged { get; init; } = true;
    /// <summary>The design's issues (rows left out, columns dropped) followed by the fit's warnings and notes.</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
    /// <summary>The design the model was fitted with.</summary>
    public required DesignMatrix Design { get; init; }
    /// <summary>The effect sizes used, in design row order.</summary>
    public required IReadOnlyList<double> Yi { get; init; }
    /// <summary>The sampling variances used, in design row order.</summary>
    public required IReadOnlyList<double> Vi { get; init; }

    /// <summary>The coefficient named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No coefficient has that name.</exception>
    public RegressionCoefficient this[string name] =>
        Coefficients.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No coefficient named '{name}' ({string.Join(", ", Coefficients.Select(c => c.Name))}).");

    /// <summary>Covariance of coefficients <paramref name="i"/> and <paramref name="j"/> (0-based).</summary>
    public double CovarianceAt(int i, int j) => Covariance[(i * P) + j];
}

/// <summary>One coefficient of a meta-regression.</summary>
/// <param name="Name">Column name as metafor prints it.</param>
/// <param name="Estimate">β̂.</param>
/// <param name="StandardError">Its standard error (rescaled under knha/adhoc).</param>
/// <param name="Statistic">z or t statistic; null when undefined (knha with a zero scale).</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="ConfidenceInterval">Confidence interval.</param>
public sealed record RegressionCoefficient(string Name, double Estimate, double StandardError, double? Statistic, double PValue, Interval ConfidenceInterval);

/// <summary>
/// The omnibus (Wald-type) test that the selected coefficients are all zero: QM = b'V⁻¹b against χ²(m) for the z test,
/// or F = QM/m against F(m, k − p) for t, knha and adhoc (Knapp &amp; Hartung 2003).
/// </summary>
/// <param name="Coefficients">The 1-based positions tested.</param>
/// <param name="Names">Their names.</param>
/// <param name="Statistic">QM (χ² test) or the F statistic.</param>
/// <param name="Df">m, the number of coefficients tested.</param>
/// <param name="Df2">The denominator df k − p of the F test, or null for the χ² test.</param>
/// <param name="PValue">Upper-tail p-value.</param>
public sealed record ModeratorTest(IReadOnlyList<int> Coefficients, IReadOnlyList<string> Names, double Statistic, int Df, int? Df2, double PValue)
{
    /// <summary>Whether this is an F test.</summary>
    public bool IsFTest => Df2 is not null;
}

/// <summary>
/// Log-likelihood and information criteria of a fit (metafor's <c>fitstats</c>): deviance −2(ℓ − ℓ_saturated) for ML
/// and −2ℓ for REML; AIC −2ℓ + 2q; BIC −2ℓ + q·log n; AICc −2ℓ + 2q·max(n, q + 2)/(max(n, q + 2) − q − 1), with q the
/// parameters (p coefficients, plus τ² unless EE/FE) and n = k for ML, k − p for REML.
/// </summary>
/// <param name="LogLikelihood">ℓ at τ̂².</param>
/// <param name="Deviance">Deviance.</param>
/// <param name="Aic">Akaike's information criterion.</param>
/// <param name="Bic">Bayesian information criterion; null when n = 0 (REML with k = p).</param>
/// <param name="Aicc">Corrected AIC.</param>
/// <param name="Parameters">q.</param>
public sealed record FitStatistics(double LogLikelihood, double Deviance, double Aic, double? Bic, double Aicc, int Parameters);

/// <summary>A prediction for one row of new moderator values (metafor's <c>predict.rma</c>).</summary>
/// <param name="Row">0-based row of the new values it belongs to.</param>
/// <param name="Estimate">x₀ᵀβ̂.</param>
/// <param name="StandardError">√(x₀ᵀVx₀).</param>
/// <param name="ConfidenceInterval">CI of the expected effect.</param>
/// <param name="PredictionInterval">Interval for the effect in a new study, x₀ᵀβ̂ ± c·√(SE² + τ̂²); equal to the CI for EE/FE.</param>
/// <param name="Df">df of the t distribution of the CI, or null for normal.</param>
/// <param name="PredictionDf">df of the t distribution of the PI, or null for normal (and for EE/FE, whose PI is the CI).</param>
public sealed record RegressionPrediction(int Row, double Estimate, double StandardError, Interval ConfidenceInterval,
    Interval PredictionInterval, double? Df, double? PredictionDf);

/// <summary>Predictions for new moderator values, with issues for rows that could not be used.</summary>
/// <param name="Predictions">One per usable row, in row order.</param>
/// <param name="Issues">Rows left out and why.</param>
public sealed record PredictionResult(IReadOnlyList<RegressionPrediction> Predictions, IReadOnlyList<Issue> Issues);

/// <summary>
/// A likelihood-ratio test of two nested models (metafor's <c>anova(full, reduced)</c>): LRT = 2(ℓ_full − ℓ_reduced)
/// against χ² with the difference in parameters as df, with both models' fit statistics, Q_E, τ² and the pseudo-R² of
/// the full model relative to the reduced one.
/// </summary>
public sealed record ModelComparison
{
    /// <summary>The model with more parameters.</summary>
    public required MetaRegressionResult Full { get; init; }
    /// <summary>The model with fewer parameters.</summary>
    public required MetaRegressionResult Reduced { get; init; }
    /// <summary>Whether REML likelihoods were compared (both REML), else ML.</summary>
    public required bool Restricted { get; init; }
    /// <summary>Fit statistics of the full model (REML or ML as compared).</summary>
    public FitStatistics FullFit => Restricted ? Full.RestrictedFit : Full.MaximumLikelihoodFit;
    /// <summary>Fit statistics of the reduced model.</summary>
    public FitStatistics ReducedFit => Restricted ? Reduced.RestrictedFit : Reduced.MaximumLikelihoodFit;
    /// <summary>The LRT statistic; null when the test is not meaningful (see <see cref="Issues"/>).</summary>
    public double? Statistic { get; init; }
    /// <summary>Its degrees of freedom (difference in parameters).</summary>
    public required int Df { get; init; }
    /// <summary>Upper-tail χ² p-value; null with <see cref="Statistic"/>.</summary>
    public double? PValue { get; init; }
    /// <summary>
    /// Share of the reduced model's heterogeneity accounted for by the full model, in percent:
    /// max(0, 100·(τ²_r − τ²_f)/τ²_r) (H² in place of τ² for EE/FE); null when not defined.
    /// </summary>
    public double? R2 { get; init; }
    /// <summary>Why the test is not meaningful or should be read with care.</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}
