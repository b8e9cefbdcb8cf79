using Evident.Core.EffectSizes;

namespace Evident.Core.Models;

/// <summary>
/// Options of the fixed-effect methods that pool the 2×2 tables or person-time data themselves (Mantel-Haenszel, Peto),
/// with the defaults of metafor 3.8's <c>rma.mh</c> and <c>rma.peto</c>. These differ from <c>escalc</c>'s: double-zero
/// studies are dropped by default (<see cref="Drop00"/> is true). <see cref="Add"/>, <see cref="To"/> and
/// <see cref="Drop00"/> act on the per-study estimates yi/vi only (and so on Q for Mantel-Haenszel); the pooled estimates
/// always use the counts as given, from every table.
/// </summary>
public sealed record TableFitOptions
{
    /// <summary>Confidence level in percent; default 95.</summary>
    public double Level { get; init; } = 95;

    /// <summary>Amount added to the cells (event counts for person-time) of the per-study estimates; metafor's <c>add</c>, default 1/2.</summary>
    public double Add { get; init; } = 0.5;

    /// <summary>Which studies get <see cref="Add"/>; metafor's <c>to</c>, default only0 (studies with a zero cell).</summary>
    public ContinuityTarget To { get; init; } = ContinuityTarget.Only0;

    /// <summary>
    /// Studies with no events (or only events) in both groups get no per-study estimate and are left out of Q and its
    /// degrees of freedom (they still count in k and in the pooled estimate); metafor's <c>drop00</c>, default true.
    /// </summary>
    public bool Drop00 { get; init; } = true;

    /// <summary>
    /// Continuity correction (½) in the Cochran-Mantel-Haenszel tests (Mantel-Haenszel OR and IRR); metafor's
    /// <c>correct</c>, default true. Not used by Peto's method.
    /// </summary>
    public bool Correct { get; init; } = true;

    /// <summary>
    /// Whose rules the pooled Mantel-Haenszel estimate follows: metafor's (the counts as given, every table) or Review
    /// Manager 5's (<see cref="Add"/> added to every cell of a table with a zero cell, double-zero tables left out; Deeks
    /// &amp; Higgins 2010, "Statistical algorithms in Review Manager 5"). The per-study estimates are as above either way.
    /// Not used by Peto's method.
    /// </summary>
    public EffectConventions Conventions { get; init; } = EffectConventions.Metafor;

    /// <summary>The default options.</summary>
    public static TableFitOptions Default { get; } = new();
}
