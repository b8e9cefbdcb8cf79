using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Evident.Core.EffectSizes;

/// <summary>
/// GEN, the generic inverse-variance input: yi with vi, or yi with sei (vi = sei²), or yi with a confidence interval
/// (ci_lb, ci_ub), from which sei = (ub − lb)/(2·z₍₁₊level₎/₂) (Higgins et al., Cochrane Handbook 2023, §6.3.1).
/// With <see cref="EscalcOptions.GenLogScale"/> an estimate and CI given on the ratio scale (hazard ratio, odds ratio…)
/// are log-transformed first (Cochrane Handbook §6.3.2); vi or sei, when given, are taken to be on the log scale already.
/// </summary>
/// <remarks>
/// Asymmetry check: on the analysis scale the two arms lo = yi − lb and hi = ub − yi of a Wald interval are equal. The
/// study is flagged (<c>asymmetric-ci</c>) when |hi − lo| &gt; 0.2·(hi + lo) + ρ, i.e. one arm is more than about 1.5 times
/// the other, where ρ is the largest difference that rounding of the printed numbers could cause: yi, lb and ub are
/// taken to be rounded to the most decimals any of them is given with (half a unit in that place, mapped through the log
/// when logging). Narrow CIs printed to two decimals therefore do not trip the check; a forgotten log usually does.
/// vi and sei both given: vi is used; a warning (<c>vi-sei-mismatch</c>) is raised when √vi and sei differ by more than
/// 1% plus the rounding of sei.
/// </remarks>
internal static class Generic
{
    /// <summary>Relative asymmetry of the CI arms above which the CI is reported as asymmetric.</summary>
    internal const double AsymmetryThreshold = 0.2;

    public static StudyEffect[] Compute(IReadOnlyList<StudyInput> studies, EscalcOptions options, List<Issue> issues)
    {
        if (!(options.InputCiLevel > 0 && options.InputCiLevel < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "InputCiLevel must lie strictly between 0 and 100.");
        }

        var z = Normal.InvCDF(0, 1, 0.5 + (options.InputCiLevel / 200));
        var result = new StudyEffect[studies.Count];
        for (var i = 0; i < studies.Count; i++)
        {
            var s = studies[i];
            var scope = new StudyScope(i, s, issues);
            var (yi, vi) = One(scope, s, options, z);
            result[i] = scope.Finish(yi, vi, "yi", StudyScope.Optional(s.N1i), StudyScope.Optional(s.N2i), StudyScope.Optional(s.Ni));
        }

        return result;
    }

    private static (double Yi, double Vi) One(StudyScope scope, StudyInput s, EscalcOptions options, double z)
    {
        var y = scope.Need(s.Yi, "yi");
        if (y is not { } yGiven)
        {
            return (double.NaN, double.NaN);
        }

        var yi = yGiven;
        if (options.GenLogScale)
        {
            if (yGiven <= 0)
            {
                scope.Fail(IssueCodes.OutOfRange, "yi", StudyScope.Inv($"yi must be > 0 to be logged (got {yGiven})"));
                return (double.NaN, double.NaN);
            }

            yi = Math.Log(yGiven);
        }

        var vi = StudyScope.Optional(s.Vi);
        var sei = StudyScope.Optional(s.Sei);
        if (vi is { } v)
        {
            if (v <= 0)
            {
                scope.Fail(IssueCodes.NonPositiveVariance, "vi", StudyScope.Inv($"vi must be > 0 (got {v})"));
                return (double.NaN, double.NaN);
            }

            if (sei is { } se && Math.Abs(Math.Sqrt(v) - se) > (0.01 * se) + HalfUnit(se))
            {
                scope.Warn(IssueCodes.ViSeiMismatch, "sei", StudyScope.Inv($"vi ({v}) and sei ({se}) disagree (√vi = {Math.Sqrt(v):G6}); vi was used"));
            }

            NoteLog(scope, options, yGiven, yi, null);
            return (yi, v);
        }

        if (sei is { } sev)
        {
            if (sev <= 0)
            {
                scope.Fail(IssueCodes.NonPositiveVariance, "sei", StudyScope.Inv($"sei must be > 0 (got {sev})"));
                return (double.NaN, double.NaN);
            }

            NoteLog(scope, options, yGiven, yi, null);
            return (yi, sev * sev);
        }

        var lbGiven = StudyScope.Optional(s.CiLb);
        var ubGiven = StudyScope.Optional(s.CiUb);
        if (lbGiven is null && ubGiven is null)
        {
            scope.Fail(IssueCodes.MissingValue, "vi", "vi, sei or a confidence interval (ci_lb, ci_ub) is needed");
            return (double.NaN, double.NaN);
        }

        var lbv = scope.Need(lbGiven, "ci_lb");
        var ubv = scope.Need(ubGiven, "ci_ub");
        if (lbv is not { } lbRaw || ubv is not { } ubRaw)
        {
            return (double.NaN, double.NaN);
        }

        if (ubRaw <= lbRaw)
        {
            scope.Fail(IssueCodes.OutOfRange, "ci_ub", StudyScope.Inv($"ci_ub ({ubRaw}) must exceed ci_lb ({lbRaw})"));
            return (double.NaN, double.NaN);
        }

        double lb = lbRaw, ub = ubRaw;
        if (options.GenLogScale)
        {
            if (lbRaw <= 0)
            {
                scope.Fail(IssueCodes.OutOfRange, "ci_lb", StudyScope.Inv($"ci_lb must be > 0 to be logged (got {lbRaw})"));
                return (double.NaN, double.NaN);
            }

            lb = Math.Log(lbRaw);
            ub = Math.Log(ubRaw);
        }

        var seFromCi = (ub - lb) / (2 * z);
        CheckSymmetry(scope, options, yGiven, lbRaw, ubRaw, yi, lb, ub);
        NoteLog(scope, options, yGiven, yi, (lbRaw, ubRaw));
        scope.Note(
            IssueCodes.SeFromCi,
            "sei",
            StudyScope.Inv($"sei = {seFromCi:G6} derived from the {options.InputCiLevel}% CI as (ub − lb)/(2·{z:F4})"));
        return (yi, seFromCi * seFromCi);
    }

    private static void NoteLog(StudyScope scope, EscalcOptions options, double yGiven, double yi, (double Lb, double Ub)? ci)
    {
        if (!options.GenLogScale)
        {
            return;
        }

        var what = ci is { } c
            ? StudyScope.Inv($"yi {yGiven} [{c.Lb}, {c.Ub}] log-transformed to {yi:G6} [{Math.Log(c.Lb):G6}, {Math.Log(c.Ub):G6}]")
            : StudyScope.Inv($"yi {yGiven} log-transformed to {yi:G6}");
        scope.Note(IssueCodes.LogTransformed, "yi", what);
    }

    private static void CheckSymmetry(StudyScope scope, EscalcOptions options, double yRaw, double lbRaw, double ubRaw, double y, double lb, double ub)
    {
        var lo = y - lb;
        var hi = ub - y;
        if (lo <= 0 || hi <= 0)
        {
            scope.Warn(IssueCodes.AsymmetricCi, "yi", StudyScope.Inv($"yi ({yRaw}) is not inside its CI [{lbRaw}, {ubRaw}]"));
            return;
        }

        // Largest change in (hi − lo) = ub + lb − 2y that rounding of the printed numbers could cause.
        // The three are printed with one precision; trailing zeros are lost in a double, so the finest of the three counts.
        var half = Math.Min(HalfUnit(yRaw), Math.Min(HalfUnit(lbRaw), HalfUnit(ubRaw)));
        var rounding = options.GenLogScale
            ? (half / ubRaw) + (half / lbRaw) + (2 * half / yRaw)
            : 4 * half;
        if (Math.Abs(hi - lo) > (AsymmetryThreshold * (hi + lo)) + rounding)
        {
            scope.Warn(
                IssueCodes.AsymmetricCi,
                "ci_ub",
                StudyScope.Inv($"the CI [{lbRaw}, {ubRaw}] is not symmetric about yi ({yRaw}) on the analysis scale{(options.GenLogScale ? string.Empty : " (a ratio given without GenLogScale?)")}"));
        }
    }

    /// <summary>Half a unit in the last decimal place the value is written with (its shortest round-trip form).</summary>
    internal static double HalfUnit(double value)
    {
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            return 0;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = dot < 0 ? 0 : text.Length - dot - 1;
        return 0.5 * Math.Pow(10, -decimals);
    }
}
