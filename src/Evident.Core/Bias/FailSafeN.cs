using System.Globalization;
using Evident.Core.Numerics;
using MathNet.Numerics.Distributions;

namespace Evident.Core.Bias;

/// <summary>Which fail-safe N (metafor's <c>fsn(type = …)</c>).</summary>
public enum FailSafeNMethod
{
    /// <summary>Rosenthal (1979): the number of null studies that bring Stouffer's combined one-sided p-value to α.</summary>
    Rosenthal,
    /// <summary>Orwin (1983): the number of null studies that bring the unweighted mean effect down to a target.</summary>
    Orwin,
    /// <summary>Rosenberg (2005): the number of null studies that bring the equal-effects model's two-sided p-value to α.</summary>
    Rosenberg,
}

/// <summary>A fail-safe N. Values that do not exist are null, never NaN; <see cref="Issues"/> says why.</summary>
public sealed record FailSafeNResult
{
    /// <summary>The method.</summary>
    public required FailSafeNMethod Method { get; init; }
    /// <summary>Number of studies.</summary>
    public required int K { get; init; }
    /// <summary>The fail-safe N (0 when the observed result is already above α, or below the target); null when not computed.</summary>
    public int? N { get; init; }
    /// <summary>The α used (Rosenthal, Rosenberg).</summary>
    public double? Alpha { get; init; }
    /// <summary>The observed p-value: Stouffer's one-sided (Rosenthal) or the equal-effects model's two-sided (Rosenberg); null for Orwin.</summary>
    public double? PValue { get; init; }
    /// <summary>The mean effect: unweighted (Orwin) or the inverse-variance weighted equal-effects estimate (Rosenberg); null for Rosenthal.</summary>
    public double? MeanEffect { get; init; }
    /// <summary>The target mean effect (Orwin), after a sign flip if one was needed.</summary>
    public double? Target { get; init; }
    /// <summary>Errors and notes.</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}

/// <summary>
/// Fail-safe numbers, as metafor 3.8's <c>fsn</c> (Becker 2005 reviews them): how many studies averaging a null result
/// would have to be added to overturn a conclusion. Shown for completeness; the Cochrane Handbook (§13.3.5.5) advises
/// against them.
/// </summary>
public static class FailSafeN
{
    /// <summary>
    /// Rosenthal's (1979) file-drawer number: with zᵢ = yᵢ/√vᵢ, N = (Σzᵢ/z_α)² − k rounded up, z_α the one-sided
    /// (1 − α) normal quantile; the observed p-value is 1 − Φ(|Σzᵢ|/√k) (Stouffer's method). N = 0 when that p-value
    /// exceeds α.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">α is not in (0, 1).</exception>
    public static FailSafeNResult Rosenthal(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, double alpha = 0.05)
    {
        CheckAlpha(alpha);
        var k = yi.Length;
        var issues = BiasInput.Check(yi, vi, 1, "Rosenthal's fail-safe N");
        var result = new FailSafeNResult { Method = FailSafeNMethod.Rosenthal, K = k, Alpha = alpha };
        if (issues.Count > 0)
        {
            return result with { Issues = issues };
        }

        double sumZ = 0;
        for (var i = 0; i < k; i++)
        {
            sumZ += yi[i] / Math.Sqrt(vi[i]);
        }

        var p = Normal.CDF(0, 1, -Math.Abs(sumZ) / Math.Sqrt(k));
        var zAlpha = Probability.NormalQuantile(1 - alpha);
        var n = p > alpha ? 0 : RoundUp((sumZ / zAlpha * (sumZ / zAlpha)) - k);
        return result with { N = n, PValue = p, Issues = issues };
    }

    /// <summary>
    /// Orwin's (1983) number: N = k(ȳ − target)/target rounded up, ȳ the unweighted mean effect (metafor 3.8-1's default,
    /// <c>weighted = FALSE</c>); the target defaults to ȳ/2, and a target of the opposite sign to ȳ is flipped (an info
    /// issue says so). N = 0 when |ȳ| ≤ |target|. The variances are not used.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The target is 0 or not finite.</exception>
    public static FailSafeNResult Orwin(ReadOnlySpan<double> yi, double? target = null)
    {
        if (target is { } t && !(double.IsFinite(t) && t != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(target), "The target must be a finite number other than 0.");
        }

        var k = yi.Length;
        var ones = new double[k];
        Array.Fill(ones, 1.0);
        var issues = BiasInput.Check(yi, ones, 1, "Orwin's fail-safe N");
        var result = new FailSafeNResult { Method = FailSafeNMethod.Orwin, K = k };
        if (issues.Count > 0)
        {
            return result with { Issues = issues };
        }

        double sum = 0;
        foreach (var y in yi)
        {
            sum += y;
        }

        var mean = sum / k;
        var goal = target ?? mean / 2;
        if (Math.Sign(goal) != Math.Sign(mean) && mean != 0)
        {
            issues.Add(new Issue(IssueCodes.TargetSignFlipped, IssueSeverity.Info, string.Create(CultureInfo.InvariantCulture,
                $"The target {goal} has the opposite sign to the mean effect {mean}; {-goal} was used.")));
            goal = -goal;
        }

        if (goal == 0)
        {
            issues.Add(new Issue(IssueCodes.IdenticalEffects, IssueSeverity.Error,
                "The mean effect is 0, so the default target (half of it) is 0 and Orwin's number is undefined."));
            return result with { MeanEffect = mean, Issues = issues };
        }

        var n = Math.Abs(mean) <= Math.Abs(goal) ? 0 : RoundUp(k * (mean - goal) / goal);
        return result with { N = n, MeanEffect = mean, Target = goal, Issues = issues };
    }

    /// <summary>
    /// Rosenberg's (2005) weighted number for the equal-effects model: with wᵢ = 1/vᵢ, θ̂ = Σwᵢyᵢ/Σwᵢ and z = θ̂√Σwᵢ,
    /// adding N null studies of the average weight Σwᵢ/k gives z√(k/(k + N)), so N = k(z²/z²_{α/2} − 1) rounded up, with
    /// the two-sided quantile and the normal (not t) distribution as metafor. N = 0 when the two-sided p-value exceeds α.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">α is not in (0, 1).</exception>
    public static FailSafeNResult Rosenberg(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, double alpha = 0.05)
    {
        CheckAlpha(alpha);
        var k = yi.Length;
        var issues = BiasInput.Check(yi, vi, 1, "Rosenberg's fail-safe N");
        var result = new FailSafeNResult { Method = FailSafeNMethod.Rosenberg, K = k, Alpha = alpha };
        if (issues.Count > 0)
        {
            return result with { Issues = issues };
        }

        double sumW = 0, sumWy = 0;
        for (var i = 0; i < k; i++)
        {
            sumW += 1 / vi[i];
            sumWy += yi[i] / vi[i];
        }

        var theta = sumWy / sumW;
        var z = theta * Math.Sqrt(sumW);
        var p = Probability.NormalTwoSided(z);
        var zAlpha = Probability.NormalQuantile(1 - (alpha / 2));
        var n = p > alpha ? 0 : RoundUp(k * (((z * z) / (zAlpha * zAlpha)) - 1));
        return result with { N = n, PValue = p, MeanEffect = theta, Issues = issues };
    }

    private static void CheckAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), "α must be between 0 and 1.");
        }
    }

    /// <summary>
    /// Rounds up to a whole number of studies, at least 0.
    /// Implementation note: a relative 1e-9 is taken off first so that a value that is a whole number up to rounding
    /// (e.g. Orwin's default target gives exactly k) is not pushed to the next integer by the last bit.
    /// </summary>
    private static int RoundUp(double x) =>
        x <= 0 ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(x - (1e-9 * Math.Max(1, Math.Abs(x)))));
}
