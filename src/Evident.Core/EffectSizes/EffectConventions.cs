namespace Evident.Core.EffectSizes;

/// <summary>
/// Whose conventions per-study effect sizes follow where software differs. The measures' definitions are the same;
/// what differs is the small-sample SMD, zero cells and which studies count as not estimable.
/// </summary>
public enum EffectConventions
{
    /// <summary>metafor's <c>escalc</c> (the default): exact Hedges correction, <c>add</c>/<c>to</c>/<c>drop00</c> as given.</summary>
    Metafor,

    /// <summary>
    /// Review Manager 5 (Deeks &amp; Higgins 2010, "Statistical algorithms in Review Manager 5"), as the per-study results
    /// RevMan prints in Cochrane reviews show them (checked on all 81,072 printed rows of the Pairwise70 collection):
    /// <list type="bullet">
    /// <item>SMD: Hedges' adjusted g with the approximate correction J = 1 − 3/(4N − 9) and variance
    /// N/(n1·n2) + g²/(2(N − 3.94)), N = n1 + n2.</item>
    /// <item>MD and SMD: a study with an SD of 0 in either group is not estimable.</item>
    /// <item>OR, RR, RD: <see cref="EscalcOptions.Add"/> (0.5) is added to every cell of a table with a zero cell; OR is not
    /// estimable with no events in both groups or only events in both groups, RR only with no events in both groups. The RD
    /// is the raw difference and only its variance comes from the corrected table (so a double-zero study has RD = 0 with a
    /// finite variance); with only events in both groups the RR is the raw ratio 1 and again only its variance is corrected.</item>
    /// <item>PETO from a 2×2 table: never corrected; not estimable when there are no events or only events in both groups
    /// (V = 0).</item>
    /// </list>
    /// <see cref="EscalcOptions.To"/> and <see cref="EscalcOptions.Drop00"/> are ignored (the rules above replace them); other
    /// measures follow metafor.
    /// </summary>
    RevMan5,
}
