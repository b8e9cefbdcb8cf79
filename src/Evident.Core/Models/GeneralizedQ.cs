using Evident.Core.Numerics;

namespace Evident.Core.Models;

/// <summary>
/// The generalized Q statistic Q(τ²) = Σ (yᵢ − μ̂(τ²))² / (vᵢ + τ²) (DerSimonian &amp; Kacker 2007), strictly
/// decreasing in τ² unless all yᵢ are equal. Solving Q(τ²) = target gives the Paule-Mandel estimator
/// (target k − 1), its median-unbiased variant (target the χ²(k − 1) median) and the Q-profile CI bounds
/// (targets the χ²(k − 1) quantiles; Viechtbauer 2007).
/// </summary>
internal static class GeneralizedQ
{
    /// <summary>Q at τ².</summary>
    public static double At(StudyData data, double tau2) => data.At(tau2).Rss;

    /// <summary>
    /// The τ² ≥ 0 with Q(τ²) = <paramref name="target"/>, or 0 when Q(0) is already at or below the target.
    /// Bracketed by doubling from the data's natural scale, then Brent's method to full precision.
    /// </summary>
    public static RootResult Solve(StudyData data, double target)
    {
        if (At(data, 0) <= target)
        {
            return new RootResult(0, 0, true);
        }

        return RootFinder.BracketUpward(t => At(data, t) - target, 0, data.Scale);
    }
}
