namespace Evident.Core.Models.Subgroups;

/// <summary>Options of a subgroup analysis beyond the pooled model's <see cref="FitOptions"/>.</summary>
public sealed record SubgroupOptions
{
    /// <summary>
    /// A τ² shared by every subgroup ("common τ²": meta's <c>tau.common = TRUE</c>, RevMan's option of the same name), or
    /// null (the default) for a separate τ² estimated in each subgroup. The caller computes it as the τ² of the
    /// mixed-effects model with the subgroup as a factor, <c>rma(yi, vi, mods = ~ factor(subgroup))</c>, with the same
    /// estimator; each subgroup is then pooled with that τ² fixed (<see cref="FitOptions.Tau2"/>). Must be finite and ≥ 0.
    /// Ignored by EE and FE, whose τ² is 0 by definition.
    /// </summary>
    public double? CommonTau2 { get; init; }

    /// <summary>The default options: a separate τ² per subgroup.</summary>
    public static SubgroupOptions Default { get; } = new();
}
