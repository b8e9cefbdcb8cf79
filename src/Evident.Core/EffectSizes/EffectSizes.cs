namespace Evident.Core.EffectSizes;

/// <summary>Entry point for effect sizes: metafor's <c>escalc</c> equivalents, same names, same defaults.</summary>
public static class EffectSizes
{
    /// <summary>
    /// Computes one effect size per study. Studies that cannot be computed get null yi/vi and an issue with the
    /// study index and the field at fault; the others go on. Nothing the user gave is changed silently: every
    /// correction or conversion is listed in <see cref="StudyEffect.Adjustments"/> and as an info issue.
    /// </summary>
    public static EffectSizeSet Compute(EffectMeasure measure, IReadOnlyList<StudyInput> studies, EscalcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(studies);
        throw new NotImplementedException();
    }

    /// <summary>
    /// The alternative sets of escalc fields a measure can be computed from (any one set suffices), e.g.
    /// OR: {ai, bi, ci, di} or {ai, n1i, ci, n2i}. Field names are lower-case escalc argument names.
    /// With a median conversion, a mean/SD pair may instead come from median fields (listed as further sets).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> InputSets(EffectMeasure measure, EscalcOptions? options = null)
    {
        throw new NotImplementedException();
    }
}
