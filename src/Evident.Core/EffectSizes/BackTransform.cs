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
    /// <remarks>
    /// <c>iarcsin</c> is sin²x, clamped to 0 below x = 0 and to 1 above π/2. <c>ipft.hm</c> is Miller's (1978, eq. 4)
    /// inverse of the double arcsine t = 2x with n the harmonic mean of the ni,
    /// p = ½[1 − sgn(cos t)·√(1 − (sin t + (sin t − 1/sin t)/n)²)], set to 0 below the transform of 0/n and to 1 above the
    /// transform of n/n (where the formula leaves [0, 1]), as metafor's <c>transf.ipft.hm</c>.
    /// </remarks>
    /// <exception cref="ArgumentException">PFT without any positive sample size.</exception>
    public static BackTransform? For(EffectMeasure measure, IReadOnlyList<double>? sampleSizes = null) => measure switch
    {
        EffectMeasure.OR or EffectMeasure.RR or EffectMeasure.PETO or EffectMeasure.IRR or EffectMeasure.ROM
            or EffectMeasure.PLN or EffectMeasure.IRLN or EffectMeasure.MNLN => new BackTransform("exp", Math.Exp),
        EffectMeasure.PLO => new BackTransform("ilogit", x => 1 / (1 + Math.Exp(-x))),
        EffectMeasure.ZCOR => new BackTransform("ztor", Math.Tanh),
        EffectMeasure.PAS => new BackTransform("iarcsin", InverseArcsine),
        EffectMeasure.PFT => InverseFreemanTukey(HarmonicMean(sampleSizes)),
        _ => null,
    };

    private static double InverseArcsine(double x) => x < 0 ? 0 : x > Math.PI / 2 ? 1 : Math.Sin(x) * Math.Sin(x);

    private static double HarmonicMean(IReadOnlyList<double>? sizes)
    {
        var sum = 0.0;
        var count = 0;
        foreach (var n in sizes ?? [])
        {
            if (n > 0 && double.IsFinite(n))
            {
                sum += 1 / n;
                count++;
            }
        }

        return count > 0
            ? count / sum
            : throw new ArgumentException("The PFT back-transformation needs the studies' sample sizes.", nameof(sizes));
    }

    private static BackTransform InverseFreemanTukey(double n)
    {
        var lower = Proportions.FreemanTukey(0, n);
        var upper = Proportions.FreemanTukey(n, n);
        return new BackTransform("ipft.hm", x =>
        {
            if (double.IsNaN(x))
            {
                return double.NaN;
            }

            if (x < lower)
            {
                return 0;
            }

            if (x > upper)
            {
                return 1;
            }

            var t = 2 * x;
            var sin = Math.Sin(t);
            var inner = sin + ((sin - (1 / sin)) / n);
            return 0.5 * (1 - (Math.Sign(Math.Cos(t)) * Math.Sqrt(1 - (inner * inner))));
        });
    }
}
