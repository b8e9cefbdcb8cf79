using Evident.Core.Models;

namespace Evident.Core.Sensitivity;

/// <summary>The coordinates of a Baujat plot (Baujat et al. 2002; metafor's <c>baujat</c>), one point per study.</summary>
public sealed record BaujatResult
{
    /// <summary>The fit to all studies; null when the data could not be analysed.</summary>
    public MetaAnalysisResult? Fit { get; init; }
    /// <summary>Contribution of study i to the heterogeneity: its squared Pearson residual (yᵢ − μ̂)²/(vᵢ + τ̂²), which is its term of Q for EE.</summary>
    public required IReadOnlyList<double> X { get; init; }
    /// <summary>Influence of study i on the estimate: (μ̂ − μ̂₍₋ᵢ₎)²/Var(μ̂₍₋ᵢ₎), τ² re-estimated without it.</summary>
    public required IReadOnlyList<double?> Y { get; init; }
    /// <summary>Problems and notes.</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}
