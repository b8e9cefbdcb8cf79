namespace Evident.Core.EffectSizes;

/// <summary>Options for computing effect sizes, with metafor's <c>escalc</c> defaults.</summary>
public sealed record EscalcOptions
{
    /// <summary>Amount added to cells (or counts) by the continuity correction; metafor's <c>add</c>, default 1/2.</summary>
    public double Add { get; init; } = 0.5;

    /// <summary>Which studies get the correction; metafor's <c>to</c>, default only0.</summary>
    public ContinuityTarget To { get; init; } = ContinuityTarget.Only0;

    /// <summary>Drop studies with no events (or only events) in both groups; metafor's <c>drop00</c>, default false.</summary>
    public bool Drop00 { get; init; }

    /// <summary>
    /// Whether the continuity correction also applies to the arcsine transforms PAS and PFT, which are defined at 0 and n.
    /// metafor 3.8-1 leaves them uncorrected unless <c>add</c> is passed to <c>escalc</c> explicitly; the default (false)
    /// matches <c>escalc</c> called without <c>add</c>.
    /// </summary>
    public bool CorrectArcsineProportions { get; init; }

    /// <summary>Estimate missing means/SDs from medians, IQRs and ranges (explicit opt-in).</summary>
    public MedianConversion MedianConversion { get; init; } = MedianConversion.None;

    /// <summary>GEN rows given as an estimate with a CI on the ratio scale (e.g. HR 0.75 [0.60, 0.94]) are logged first.</summary>
    public bool GenLogScale { get; init; }

    /// <summary>Confidence level (percent) of CIs given as input for GEN rows; default 95.</summary>
    public double InputCiLevel { get; init; } = 95;

    /// <summary>
    /// Whose per-study conventions apply where tools differ (SMD's small-sample formulas, zero cells, double-zero studies):
    /// metafor's (default) or Review Manager 5's; see <see cref="EffectConventions"/>.
    /// </summary>
    public EffectConventions Conventions { get; init; } = EffectConventions.Metafor;

    /// <summary>The default options.</summary>
    public static EscalcOptions Default { get; } = new();
}
