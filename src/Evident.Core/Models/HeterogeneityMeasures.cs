namespace Evident.Core.Models;

/// <summary>I² (in percent) and H², the two ways they are computed (Higgins &amp; Thompson 2002).</summary>
internal static class HeterogeneityMeasures
{
    /// <summary>From Cochran's Q on <paramref name="df"/> degrees of freedom: I² = max(0, (Q − df)/Q)·100, H² = Q/df; 0 and 1 when df = 0.</summary>
    public static (double I2, double H2) FromQ(double q, int df) =>
        df == 0 ? (0, 1) : (q > 0 ? Math.Max(0, (q - df) / q) * 100 : 0, q / df);

    /// <summary>From τ² and the typical within-study variance s²: I² = τ²/(τ² + s²)·100, H² = τ²/s² + 1.</summary>
    public static (double I2, double H2) FromTau2(double tau2, double typicalVariance) =>
        (100 * tau2 / (tau2 + typicalVariance), (tau2 / typicalVariance) + 1);
}
