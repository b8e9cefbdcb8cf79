namespace Evident.Core.Sensitivity;

/// <summary>
/// Outlier and influence diagnostics of a fit (metafor's <c>influence</c>, <c>rstandard</c> and <c>rstudent</c> for
/// <c>rma.uni</c>), one row per study in input order. Undefined values are null, never NaN.
/// </summary>
public sealed record InfluenceResult
{
    /// <summary>Number of studies in the fit.</summary>
    public required int K { get; init; }
    /// <summary>Number of model coefficients p (1 without moderators).</summary>
    public required int P { get; init; }
    /// <summary>Names of the coefficients, in the order of <see cref="InfluenceRow.Dfbetas"/> ("intrcpt" without moderators).</summary>
    public required IReadOnlyList<string> CoefficientNames { get; init; }
    /// <summary>τ̂² of the full fit.</summary>
    public required double Tau2 { get; init; }
    /// <summary>Q (or Q_E with moderators) of the full fit.</summary>
    public required double Q { get; init; }
    /// <summary>One row per study; empty when the data could not be analysed or k = 1.</summary>
    public required IReadOnlyList<InfluenceRow> Rows { get; init; }
    /// <summary>Problems and notes (with the study index where one study is concerned).</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}

/// <summary>A residual with its standard error and their ratio.</summary>
/// <param name="Residual">The residual.</param>
/// <param name="StandardError">Its standard error; null when undefined.</param>
/// <param name="Z">Residual / standard error; null when undefined.</param>
public readonly record struct StandardizedResidual(double Residual, double? StandardError, double? Z);

/// <summary>
/// The diagnostics of one study (Viechtbauer &amp; Cheung 2010). "Deleted" quantities come from the model refitted without
/// the study, τ² re-estimated.
/// </summary>
public sealed record InfluenceRow
{
    /// <summary>0-based index of the study in the input.</summary>
    public required int Study { get; init; }
    /// <summary>Internally standardized residual (<c>rstandard</c>): yᵢ − ŷᵢ over √(vᵢ + τ̂² − xᵢᵀ(XᵀWX)⁻¹xᵢ).</summary>
    public required StandardizedResidual Standardized { get; init; }
    /// <summary>
    /// Externally standardized (studentized deleted) residual (<c>rstudent</c>): yᵢ − ŷᵢ₍₋ᵢ₎ over
    /// √(s²₍₋ᵢ₎(vᵢ + τ̂²₍₋ᵢ₎) + xᵢᵀVar(β̂₍₋ᵢ₎)xᵢ), s² the deleted fit's Knapp-Hartung scale (1 for z).
    /// </summary>
    public required StandardizedResidual? Studentized { get; init; }
    /// <summary>DFFITS: (ŷᵢ − ŷᵢ₍₋ᵢ₎)/√(s²₍₋ᵢ₎ hᵢ (τ̂²₍₋ᵢ₎ + vᵢ)).</summary>
    public double? Dffits { get; init; }
    /// <summary>Cook's distance: (β̂ − β̂₍₋ᵢ₎)ᵀ Var(β̂)⁻¹ (β̂ − β̂₍₋ᵢ₎).</summary>
    public double? CooksDistance { get; init; }
    /// <summary>Covariance ratio det Var(β̂₍₋ᵢ₎)/det Var(β̂).</summary>
    public double? CovarianceRatio { get; init; }
    /// <summary>τ̂² without the study.</summary>
    public double? Tau2Deleted { get; init; }
    /// <summary>Q (Q_E) without the study.</summary>
    public double? QDeleted { get; init; }
    /// <summary>Hat value hᵢ = wᵢxᵢᵀ(XᵀWX)⁻¹xᵢ (wᵢ/Σw without moderators).</summary>
    public required double Hat { get; init; }
    /// <summary>Weight in percent, 100·wᵢ/Σw.</summary>
    public required double WeightPercent { get; init; }
    /// <summary>DFBETAS per coefficient: (β̂ⱼ − β̂ⱼ₍₋ᵢ₎) over √(s²₍₋ᵢ₎[(XᵀW̃X)⁻¹]ⱼⱼ), W̃ all k weights at τ̂²₍₋ᵢ₎.</summary>
    public required IReadOnlyList<double?> Dfbetas { get; init; }
    /// <summary>
    /// metafor's flag (marked * by <c>print.infl.rma.uni</c>): |DFFITS| &gt; 3√(p/(k − p)), or the χ²(p) lower tail at Cook's
    /// distance &gt; 50%, or hᵢ &gt; 3p/k, or any |DFBETAS| &gt; 1.
    /// </summary>
    public required bool IsInfluential { get; init; }
}
