using MathNet.Numerics.Distributions;

namespace Evident.Core.EffectSizes;

/// <summary>Per-study Wald-type inference, as metafor's <c>summary.escalc</c>.</summary>
/// <param name="StandardError">√vi.</param>
/// <param name="ConfidenceInterval">yi ± z(1 − α/2)·√vi.</param>
/// <param name="Z">yi / √vi.</param>
/// <param name="PValue">Two-sided p-value of z.</param>
public readonly record struct StudyStatistics(double StandardError, Interval ConfidenceInterval, double Z, double PValue)
{
    /// <summary>Computes the per-study statistics at confidence level <paramref name="level"/> (percent).</summary>
    public static StudyStatistics Compute(double yi, double vi, double level = 95)
    {
        if (!(level > 0 && level < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(level), "level must lie strictly between 0 and 100.");
        }

        var se = Math.Sqrt(vi);
        var crit = Normal.InvCDF(0, 1, 0.5 + (level / 200));
        var z = yi / se;
        var p = 2 * Normal.CDF(0, 1, -Math.Abs(z));
        return new StudyStatistics(se, new Interval(yi - (crit * se), yi + (crit * se)), z, p);
    }
}
