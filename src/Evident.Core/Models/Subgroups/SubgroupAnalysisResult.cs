namespace Evident.Core.Models.Subgroups;

/// <summary>
/// A subgroup analysis: one pooled fit per subgroup, the overall fit on all studies, the test for subgroup differences
/// and the within-subgroup heterogeneity. Values that do not exist are null (never NaN); <see cref="Issues"/> says why.
/// </summary>
public sealed record SubgroupAnalysisResult
{
    /// <summary>The subgroups in order of first appearance of their label in the input (a subgroup with no usable study included).</summary>
    public required IReadOnlyList<SubgroupFit> Subgroups { get; init; }

    /// <summary>
    /// The fit on every usable study (whether or not it has a subgroup label), with the <see cref="FitOptions"/> given:
    /// its τ² is estimated from all studies even when the subgroups share a common τ². Null when no study is usable.
    /// </summary>
    public MetaAnalysisResult? Overall { get; init; }

    /// <summary>The test for subgroup differences; null when fewer than 2 subgroups have a fit (an issue says why).</summary>
    public SubgroupDifferenceTest? Test { get; init; }

    /// <summary>
    /// Σ of the subgroups' Cochran's Q (meta's Q within; 0 when no subgroup has a fit). With a common-effect model and every
    /// study in a subgroup, the overall Q = <see cref="QWithin"/> + the test's Q (Q between).
    /// </summary>
    public required double QWithin { get; init; }

    /// <summary>Degrees of freedom of <see cref="QWithin"/>: Σ (k_g − 1) over the subgroups with a fit.</summary>
    public required int QWithinDf { get; init; }

    /// <summary>p-value of <see cref="QWithin"/> against χ²(<see cref="QWithinDf"/>); 1 when the df are 0.</summary>
    public required double QWithinPValue { get; init; }

    /// <summary>The common τ² the subgroups were pooled with, or null for a separate τ² per subgroup (or EE/FE).</summary>
    public double? CommonTau2 { get; init; }

    /// <summary>
    /// Issues of the subgroup analysis itself (labels, single-study and empty subgroups, the test). Each fit's own issues
    /// (convergence, knha fallback …) stay in its <see cref="MetaAnalysisResult.Issues"/>.
    /// </summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}

/// <summary>One subgroup and its pooled fit.</summary>
public sealed record SubgroupFit
{
    /// <summary>The subgroup label, as given.</summary>
    public required string Subgroup { get; init; }

    /// <summary>0-based input positions of every study with this label, usable or not.</summary>
    public required IReadOnlyList<int> StudyIndices { get; init; }

    /// <summary>0-based input positions of the studies pooled, in the order of <see cref="Fit"/>'s weights.</summary>
    public required IReadOnlyList<int> PooledStudyIndices { get; init; }

    /// <summary>The pooled fit of the subgroup, or null when none of its studies is usable.</summary>
    public MetaAnalysisResult? Fit { get; init; }
}

/// <summary>
/// The test for subgroup differences (Borenstein et al. 2009, ch. 19; Deeks, Higgins &amp; Altman, Cochrane Handbook
/// §10.11.3.1): Q = Σ_g w_g (μ̂_g − μ̄)² with w_g = 1/SE_g² and μ̄ = Σ w_g μ̂_g / Σ w_g, against χ²(G − 1).
/// </summary>
/// <param name="Q">Q between subgroups.</param>
/// <param name="Df">Degrees of freedom, G − 1 (G subgroups with a fit).</param>
/// <param name="PValue">Upper-tail χ² p-value.</param>
public readonly record struct SubgroupDifferenceTest(double Q, int Df, double PValue);
