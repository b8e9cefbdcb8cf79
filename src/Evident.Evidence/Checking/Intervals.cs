using Evident.Evidence.Sources;
using MathNet.Numerics.Distributions;

namespace Evident.Evidence.Checking;

/// <summary>A range of values a rounded report can stand for.</summary>
/// <param name="Low">Smallest.</param>
/// <param name="High">Largest.</param>
public readonly record struct ValueRange(double Low, double High);

/// <summary>
/// The arithmetic of reported estimates, CIs and p values, rounding-aware: each printed number stands for anything
/// within half a unit of its last decimal (statcheck's rule, Nuijten et al. 2016).
/// </summary>
public static class Intervals
{
    /// <summary>
    /// The two-sided p values a printed estimate and CI can imply (Altman &amp; Bland 2011, "How to obtain the P value from
    /// a confidence interval"): SE = (u − l)/(2·q), z = est/SE, p = 2·(1 − F(|z|)), with q the normal (or t, with
    /// <paramref name="df"/>) quantile of the CI level, on the log scale for ratios; the range is taken over est, l and u
    /// each ± half a unit in their last printed decimal. Null when the numbers cannot give a p (a ratio bound ≤ 0, l ≥ u).
    /// </summary>
    public static (ValueRange Range, double Point)? PFromCi(SourceNumber estimate, SourceNumber lower, SourceNumber upper, bool isRatio, double level = 95, double? df = null)
    {
        var q = Quantile(level, df);
        double? Z(double e, double l, double u)
        {
            if (isRatio)
            {
                if (e <= 0 || l <= 0 || u <= 0)
                {
                    return null;
                }

                (e, l, u) = (Math.Log(e), Math.Log(l), Math.Log(u));
            }

            var se = (u - l) / (2 * q);
            return se > 0 ? Math.Abs(e) / se : null;
        }

        if (Z(estimate.Value, lower.Value, upper.Value) is not { } zPoint)
        {
            return null;
        }

        var zs = new List<double>();
        foreach (var e in new[] { estimate.Lowest, estimate.Highest })
        {
            foreach (var l in new[] { lower.Lowest, lower.Highest })
            {
                foreach (var u in new[] { upper.Lowest, upper.Highest })
                {
                    if (Z(e, l, u) is { } z)
                    {
                        zs.Add(z);
                    }
                }
            }
        }

        if (zs.Count == 0)
        {
            return null;
        }

        // |est| can be 0 anywhere in its range when the range straddles the null.
        var straddles = isRatio ? estimate.Lowest <= 1 && estimate.Highest >= 1 : estimate.Lowest <= 0 && estimate.Highest >= 0;
        var zMin = straddles ? 0 : zs.Min();
        var zMax = zs.Max();
        return (new ValueRange(TwoSided(zMax, df), TwoSided(zMin, df)), TwoSided(zPoint, df));
    }

    /// <summary>
    /// The CI a p value implies for an estimate (Altman &amp; Bland 2011, "How to obtain the confidence interval from a P
    /// value"): z from p (the exact normal quantile; their approximation is z = −0.862 + √(0.743 − 2.404·ln p)),
    /// SE = |est|/z, CI = est ± q·SE, on the log scale for ratios. Returns the CI from the printed values and the range of
    /// each bound over est and p ± half a unit. Null when p is 0 or 1, or a ratio estimate is ≤ 0.
    /// </summary>
    public static (double Lower, double Upper, ValueRange LowerRange, ValueRange UpperRange)? CiFromP(SourceNumber estimate, SourceNumber p, bool isRatio, double level = 95)
    {
        var q = Quantile(level, null);
        (double, double)? Ci(double e, double pv)
        {
            if (pv <= 0 || pv >= 1 || (isRatio && e <= 0))
            {
                return null;
            }

            var theta = isRatio ? Math.Log(e) : e;
            var z = Normal.InvCDF(0, 1, 1 - (pv / 2));
            var se = Math.Abs(theta) / z;
            var (l, u) = (theta - (q * se), theta + (q * se));
            return isRatio ? (Math.Exp(l), Math.Exp(u)) : (l, u);
        }

        if (Ci(estimate.Value, p.Value) is not var (lower, upper))
        {
            return null;
        }

        var lows = new List<double>();
        var highs = new List<double>();
        foreach (var e in new[] { estimate.Lowest, estimate.Value, estimate.Highest })
        {
            foreach (var pv in new[] { Math.Max(p.Lowest, 1e-300), p.Value, Math.Min(p.Highest, 1 - 1e-12) })
            {
                if (Ci(e, pv) is var (l, u))
                {
                    lows.Add(l);
                    highs.Add(u);
                }
            }
        }

        return (lower, upper, new ValueRange(lows.Min(), lows.Max()), new ValueRange(highs.Min(), highs.Max()));
    }

    /// <summary>
    /// Whether a reported p agrees with the range of p values a CI implies, by statcheck's rules: "p = y" agrees when
    /// round(p_min, d) ≤ y ≤ round(p_max, d) with d the decimals of y; "p &lt; y" unless p_min ≥ y; "p &gt; y" unless p_max ≤ y.
    /// </summary>
    public static bool PAgrees(ReportedP reported, ValueRange range)
    {
        var y = reported.Value.Value;
        return reported.Relation switch
        {
            PRelation.Less => range.Low < y,
            PRelation.Greater => range.High > y,
            _ => RoundTo(range.Low, reported.Value.Decimals ?? 15) <= y + 1e-12 && y - 1e-12 <= RoundTo(range.High, reported.Value.Decimals ?? 15),
        };
    }

    /// <summary>Whether a reported p is significant at 0.05 (p = 0.05 counts as significant, statcheck's default); null when it cannot tell.</summary>
    public static bool? PSignificant(ReportedP p) => p.Relation switch
    {
        PRelation.Less => p.Value.Value <= 0.05 ? true : null,
        PRelation.Greater => p.Value.Value >= 0.05 ? false : null,
        _ => p.Value.Value <= 0.05,
    };

    /// <summary>
    /// Whether a printed CI excludes the null value: true when both bounds lie on one side of it even after rounding,
    /// false when it contains it even after rounding, null when a bound rounds to the null value.
    /// </summary>
    public static bool? ExcludesNull(SourceNumber lower, SourceNumber upper, double nullValue)
    {
        if (lower.Lowest > nullValue || upper.Highest < nullValue)
        {
            return true;
        }

        if (lower.Highest < nullValue && upper.Lowest > nullValue)
        {
            return false;
        }

        if (lower.Value > nullValue || upper.Value < nullValue)
        {
            return lower.HalfUnit == 0 && upper.HalfUnit == 0 ? true : null;
        }

        return lower.HalfUnit == 0 && upper.HalfUnit == 0 ? false : null;
    }

    /// <summary>Whether a text's number agrees with a source value: equal after rounding the source to the text's decimals, or (both rounded) within both roundings.</summary>
    public static bool Agrees(double value, int decimals, SourceNumber source)
    {
        var half = 0.5 * Math.Pow(10, -decimals);
        var slack = 1e-9 * Math.Max(1, Math.Abs(value));
        return Math.Abs(value - source.Value) <= half + source.HalfUnit + slack;
    }

    /// <summary>The quantile of a two-sided CI at <paramref name="level"/> percent: normal, or t with <paramref name="df"/> degrees of freedom.</summary>
    public static double Quantile(double level, double? df)
    {
        var p = 1 - ((1 - (level / 100)) / 2);
        return df is > 0 and var d ? StudentT.InvCDF(0, 1, d, p) : Normal.InvCDF(0, 1, p);
    }

    private static double TwoSided(double z, double? df) => df is > 0 and var d
        ? 2 * StudentT.CDF(0, 1, d, -Math.Abs(z))
        : 2 * Normal.CDF(0, 1, -Math.Abs(z));

    /// <summary>Rounds half away from zero to <paramref name="decimals"/>.</summary>
    public static double RoundTo(double value, int decimals) => Math.Round(value, Math.Min(15, decimals), MidpointRounding.AwayFromZero);

    internal static string? Problem(NumericClaim? e, NumericClaim l, NumericClaim u, bool isRatio)
    {
        if (l.Value > u.Value)
        {
            return $"The CI's lower bound {l.Text} is above its upper bound {u.Text}.";
        }

        if (l.Value == u.Value)
        {
            return $"The CI's bounds are equal ({l.Text}).";
        }

        if (isRatio && l.Value <= 0)
        {
            return $"A ratio's CI bound {l.Text} is not above 0.";
        }

        if (e is not null && (e.Value + e.HalfUnit < l.Value - l.HalfUnit || e.Value - e.HalfUnit > u.Value + u.HalfUnit))
        {
            return $"The estimate {e.Text} lies outside its CI {l.Text} to {u.Text}.";
        }

        return null;
    }

    internal static bool SymmetricScale(string? measure) => measure?.ToUpperInvariant() is "SMD" or "SMDH" or "SMD1" or "SMCC" or "SMCR" or "MD" or "RD"
        or "IRD" or "MC" or "MN" or "COR" or "UCOR" or "GEN" or "" || (measure is not null && Measures.IsRatio(measure));

    /// <summary>Whether est is the middle of the CI on the analysis scale within the three numbers' rounding.</summary>
    internal static bool Symmetric(SourceNumber e, SourceNumber l, SourceNumber u, bool isRatio)
    {
        double F(double ee, double ll, double uu) => isRatio ? Math.Log(uu) + Math.Log(ll) - (2 * Math.Log(ee)) : uu + ll - (2 * ee);
        if (isRatio && (e.Lowest <= 0 || l.Lowest <= 0 || u.Lowest <= 0))
        {
            return true;
        }

        var low = F(e.Highest, l.Lowest, u.Lowest);
        var high = F(e.Lowest, l.Highest, u.Highest);
        var slack = 1e-9 + (1e-7 * Math.Abs(u.Value - l.Value));
        return low <= slack && high >= -slack;
    }
}
