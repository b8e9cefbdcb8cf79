namespace Evident.Core.Tests;

/// <summary>
/// Every numeric tolerance the tests use, in one place, per kind of quantity, with the reason.
/// Comparisons are relative with an absolute floor: |actual − expected| ≤ max(Relative·|expected|, Absolute).
/// </summary>
public static class Tolerances
{
    /// <summary>
    /// Closed-form quantities (effect sizes, EE/DL/HE/HS/SJ fits, Q, weights): both sides evaluate the same
    /// formula in double precision, so only rounding differs.
    /// </summary>
    public static readonly Tolerance ClosedForm = new(1e-8, 1e-12);

    /// <summary>
    /// Quantities that depend on an iterative τ² estimate (REML, ML, EB, PM, PMM, DLIT and everything computed from
    /// them). metafor runs with threshold 1e-12 when making fixtures; agreement is then limited by the conditioning of
    /// the estimating equation, not by a stopping rule. The absolute floor covers τ² at the boundary (metafor's
    /// step-halving approaches 0 from above).
    /// </summary>
    public static readonly Tolerance Iterative = new(1e-6, 1e-9);

    /// <summary>
    /// Bounds of profile-based intervals (Q-profile and profile-likelihood CIs for τ², I², H²): each is the root of a
    /// nonlinear equation found by a bracketing search on both sides (metafor with tol 1e-12).
    /// </summary>
    public static readonly Tolerance Profile = new(1e-5, 1e-10);

    /// <summary>
    /// Published values printed to 4 decimals in papers and metafor's own tests: metafor asserts them with
    /// <c>tolerance = .01</c> in <c>all.equal</c> semantics; we match that rounding, no looser.
    /// </summary>
    public static readonly Tolerance Published = new(1e-2, 5e-4);
}

/// <summary>A relative tolerance with an absolute floor.</summary>
/// <param name="Relative">Relative tolerance.</param>
/// <param name="Absolute">Absolute floor, for expected values at or near zero.</param>
public readonly record struct Tolerance(double Relative, double Absolute)
{
    /// <summary>Whether <paramref name="actual"/> agrees with <paramref name="expected"/>.</summary>
    public bool Agrees(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return expected.Equals(actual);
        }

        return Math.Abs(actual - expected) <= Math.Max(Relative * Math.Abs(expected), Absolute);
    }

    /// <summary>
    /// The same tolerance with its absolute floor multiplied by <paramref name="scale"/>, for quantities in the units of
    /// τ² (τ², its SE, its CI bounds): a floor of 1e-9 means nothing when every vᵢ is 1e-10, so it is measured in
    /// units of the data's typical sampling variance instead.
    /// </summary>
    public Tolerance ScaledTo(double scale) => this with { Absolute = Absolute * scale };

    /// <summary>Asserts agreement with a message naming the quantity (by default, the expression given as <paramref name="actual"/>).</summary>
    public void AssertClose(double expected, double actual, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(actual))] string what = "")
    {
        if (!Agrees(expected, actual))
        {
            throw new Xunit.Sdk.XunitException(
                FormattableString.Invariant($"{what}: expected {expected:R}, got {actual:R} (diff {actual - expected:E3}, tolerance rel {Relative:E0} abs {Absolute:E0})"));
        }
    }
}
