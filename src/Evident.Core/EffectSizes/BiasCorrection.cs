using MathNet.Numerics;

namespace Evident.Core.EffectSizes;

/// <summary>
/// Hedges' exact small-sample bias correction for standardized mean differences,
/// c(m) = Γ(m/2) / (√(m/2) · Γ((m − 1)/2)) (Hedges 1981, eq. 6b; Hedges &amp; Olkin 1985, ch. 5), defined for m &gt; 1.
/// </summary>
internal static class BiasCorrection
{
    /// <summary>c(m); NaN for m ≤ 1 (where metafor gives NA).</summary>
    /// <remarks>
    /// Implementation note: for m &lt; 100 the log-gamma difference is exact to rounding. For larger m that difference
    /// cancels catastrophically (log Γ(10⁹) ≈ 2·10¹⁰, so ~6 digits are lost at n = 10⁹), so the difference of Stirling
    /// series is taken analytically instead: with x = m/2,
    /// log c = −(x − 1)·log(1 − 1/(2x)) − ½ + S(x) − S(x − ½), the first part summed as a power series in 1/(2x),, where S(z) = 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷)
    /// (Abramowitz &amp; Stegun 6.1.41), accurate to double precision for x ≥ 50. No overflow for any n
    /// (guido-s/meta issue 44).
    /// </remarks>
    public static double C(double m)
    {
        if (!(m > 1))
        {
            return double.NaN;
        }

        var x = m / 2;
        if (m < 100)
        {
            return Math.Exp(SpecialFunctions.GammaLn(x) - (0.5 * Math.Log(x)) - SpecialFunctions.GammaLn(x - 0.5));
        }

        // −(x − 1)·log(1 − u) − ½ with u = 1/(2x), expanded: −Σₖ uᵏ (k + 2)/(2k(k + 1)); u ≤ 0.01, so 10 terms suffice.
        var u = 1 / (2 * x);
        var power = 1.0;
        var logC = Stirling(x) - Stirling(x - 0.5);
        for (var k = 1; k <= 10; k++)
        {
            power *= u;
            logC -= power * (k + 2) / (2.0 * k * (k + 1));
        }

        return Math.Exp(logC);
    }

    /// <summary>
    /// Hedges' approximation c(m) ≈ 1 − 3/(4m − 1) (Hedges 1981; Hedges &amp; Olkin 1985, ch. 5), which Review Manager 5
    /// uses with m = N − 2, i.e. J = 1 − 3/(4N − 9) (Deeks &amp; Higgins 2010). Not guarded: at m = 1 (N = 3) it is 0, as
    /// RevMan computes it.
    /// </summary>
    public static double Approximate(double m) => 1 - (3 / ((4 * m) - 1));

    private static double Stirling(double z)
    {
        var z2 = z * z;
        return (1 / (12 * z)) - (1 / (360 * z * z2)) + (1 / (1260 * z * z2 * z2)) - (1 / (1680 * z * z2 * z2 * z2));
    }
}
