namespace Evident.Core.Validation;

/// <summary>
/// When a computed per-study value equals one RevMan printed, "to its rounding".
/// </summary>
/// <remarks>
/// The Pairwise70 collection prints RevMan's per-study estimates and CI limits rounded to <see cref="Decimals"/> = 6 decimal
/// places, whatever their magnitude: no printed Mean, CI.start or CI.end has more than 6 decimals (trailing zeros dropped:
/// 0.7009, 144.221001, 1e-06 for a ratio's lower limit of 0.000001). A computed value x therefore agrees with a printed p when
/// |x − p| ≤ ½·10⁻⁶ + 16·ε·max(1, |p|), ε the double-precision machine epsilon. The half unit is inclusive because halves are
/// rounded away from zero (the RR 1.0546875 = 135/128 is printed 1.054688, pairwise70.csv line 8751); the 16 ε term covers the
/// binary representation error of the printed decimal (the tie above misses a bare ½·10⁻⁶ by 7·10⁻¹⁷) and last-bit
/// differences between our and RevMan's log, exp and square roots. Nothing wider is needed: on the 81,072 printed rows the
/// largest excess over the half unit is 7·10⁻¹⁷, so a convention that is off by more than rounding shows up as a mismatch.
/// </remarks>
public static class RevManRounding
{
    /// <summary>Decimal places of RevMan's printed per-study values in the Pairwise70 collection.</summary>
    public const int Decimals = 6;

    private const double HalfUnit = 0.5e-6;

    /// <summary>Whether <paramref name="computed"/> rounds to <paramref name="printed"/> (see remarks).</summary>
    public static bool Agrees(double computed, double printed)
    {
        if (!double.IsFinite(computed) || !double.IsFinite(printed))
        {
            return false;
        }

        return Math.Abs(computed - printed) <= HalfUnit + (16 * Epsilon * Math.Max(1, Math.Abs(printed)));
    }

    /// <summary>Whether all three of estimate and CI limits agree.</summary>
    public static bool Agrees(RevManValue computed, RevManValue printed) =>
        Agrees(computed.Estimate, printed.Estimate) && Agrees(computed.Lower, printed.Lower) && Agrees(computed.Upper, printed.Upper);

    /// <summary>The machine epsilon of doubles, 2⁻⁵² (<see cref="double.Epsilon"/> is the smallest subnormal instead).</summary>
    private const double Epsilon = 2.220446049250313e-16;
}
