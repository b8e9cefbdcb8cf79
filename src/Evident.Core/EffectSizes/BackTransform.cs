namespace Evident.Core.EffectSizes;

/// <summary>
/// A back-transformation from the analysis scale to the scale people read (exp for log ratios, inverse logit for
/// logit proportions, tanh for Fisher's z, the inverse Freeman-Tukey with the harmonic-mean n, …).
/// </summary>
/// <param name="Name">metafor's name for it (<c>exp</c>, <c>ilogit</c>, <c>ztor</c>, <c>ipft.hm</c>, <c>iarcsin</c>).</param>
/// <param name="Apply">The function.</param>
public sealed record BackTransform(string Name, Func<double, double> Apply)
{
    /// <summary>
    /// The back-transformation for a measure, or null when the analysis scale is the display scale (MD, SMD, RD, …).
    /// <paramref name="sampleSizes"/> are the studies' ni (needed only for PFT's harmonic mean).
    /// </summary>
    public static BackTransform? For(EffectMeasure measure, IReadOnlyList<double>? sampleSizes = null)
    {
        throw new NotImplementedException();
    }
}
