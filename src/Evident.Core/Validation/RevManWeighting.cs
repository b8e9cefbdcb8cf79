namespace Evident.Core.Validation;

/// <summary>How RevMan weighted the studies of an analysis (the percent weights it prints).</summary>
public enum RevManWeightModel
{
    /// <summary>Mantel-Haenszel fixed effect (OR, RR, RD): w = bc/N, cn1/N, n1n2/N (Deeks &amp; Higgins 2010).</summary>
    MantelHaenszel,

    /// <summary>Inverse-variance fixed effect, w = 1/vᵢ (also Peto's, w = V, for PETO and O − E).</summary>
    InverseVariance,

    /// <summary>DerSimonian-Laird random effects, w = 1/(vᵢ + τ²), τ² from Q about the inverse-variance estimate.</summary>
    DerSimonianLaird,

    /// <summary>
    /// DerSimonian-Laird random effects with Q about the Mantel-Haenszel estimate (RevMan 5's random-effects analysis of a
    /// Mantel-Haenszel outcome; Deeks &amp; Higgins 2010).
    /// </summary>
    MantelHaenszelDerSimonianLaird,

    /// <summary>Random effects with τ² by restricted maximum likelihood (RevMan's method since 2024).</summary>
    Reml,
}

/// <summary>What the printed percent weights are relative to.</summary>
public enum RevManWeightScope
{
    /// <summary>The whole analysis (RevMan's "Totals and subtotals", and analyses without subgroups).</summary>
    Overall,

    /// <summary>Each subgroup on its own (RevMan's "Subtotals only"): weights add up to 100 % per subgroup.</summary>
    Subgroup,

    /// <summary>No pooled result ("No totals"): RevMan prints a weight of 0 for every study.</summary>
    NoTotals,
}

/// <summary>The weighting RevMan used in an analysis, as inferred from its printed weights.</summary>
/// <param name="Scope">What the weights are relative to.</param>
/// <param name="Model">The pooling model; null for <see cref="RevManWeightScope.NoTotals"/>.</param>
public readonly record struct RevManWeighting(RevManWeightScope Scope, RevManWeightModel? Model)
{
    /// <summary>A short label, e.g. "MH", "DL per subgroup", "no totals".</summary>
    public override string ToString()
    {
        if (Scope == RevManWeightScope.NoTotals || Model is not { } model)
        {
            return "no totals";
        }

        var name = model switch
        {
            RevManWeightModel.MantelHaenszel => "MH",
            RevManWeightModel.InverseVariance => "IV",
            RevManWeightModel.DerSimonianLaird => "DL",
            RevManWeightModel.MantelHaenszelDerSimonianLaird => "MH-DL",
            _ => "REML",
        };
        return Scope == RevManWeightScope.Subgroup ? name + " per subgroup" : name;
    }
}
