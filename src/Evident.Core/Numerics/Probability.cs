using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Evident.Core.Numerics;

/// <summary>Distribution functions used by the models, computed so that small tail probabilities keep their precision.</summary>
internal static class Probability
{
    /// <summary>Standard normal quantile.</summary>
    public static double NormalQuantile(double p) => Normal.InvCDF(0, 1, p);

    /// <summary>Two-sided p-value of a standard normal statistic, 2·Φ(−|z|).</summary>
    public static double NormalTwoSided(double z) => 2 * Normal.CDF(0, 1, -Math.Abs(z));

    /// <summary>Student t quantile with <paramref name="df"/> degrees of freedom.</summary>
    public static double TQuantile(double p, double df) => StudentT.InvCDF(0, 1, df, p);

    /// <summary>Two-sided p-value of a t statistic, 2·P(T ≤ −|t|).</summary>
    public static double TTwoSided(double t, double df) => 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));

    /// <summary>Upper tail P(χ²(df) ≥ x) through the regularized upper incomplete gamma function (no 1 − CDF cancellation).</summary>
    public static double ChiSquareUpperTail(double x, double df) =>
        x <= 0 ? 1 : SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);

    /// <summary>χ² quantile: the x with P(χ²(df) ≤ x) = p.</summary>
    public static double ChiSquareQuantile(double p, double df) => ChiSquared.InvCDF(df, p);
}
