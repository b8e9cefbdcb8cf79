using MathNet.Numerics.Distributions;

namespace Evident.Core.EffectSizes;

/// <summary>
/// Estimates a missing mean and/or SD from a median with the quartiles (q1, q3) and/or the range (min, max), when the user
/// asks for it (<see cref="EscalcOptions.MedianConversion"/>). Scenarios as in Wan et al. (2014): S1 = {min, median, max},
/// S2 = {q1, median, q3}, S3 = all five. With ξ(n) = 2Φ⁻¹((n − 0.375)/(n + 0.25)) and η(n) = 2Φ⁻¹((0.75n − 0.125)/(n + 0.25))
/// (Blom's approximation to the expected normal order statistics, as Wan et al. 2014 propose):
/// <list type="bullet">
/// <item>Wan et al. (2014) means: S1 (a + 2m + b)/4 (after Hozo et al. 2005); S2 (q1 + m + q3)/3;
/// S3 (a + 2q1 + 2m + 2q3 + b)/8 (eq. 10).</item>
/// <item>Luo et al. (2018) means: S1 w·(a + b)/2 + (1 − w)·m with w = 4/(4 + n^0.75); S2 w·(q1 + q3)/2 + (1 − w)·m
/// with w = 0.7 + 0.39/n; S3 w1·(a + b)/2 + w2·(q1 + q3)/2 + (1 − w1 − w2)·m with w1 = 2.2/(2.2 + n^0.75),
/// w2 = 0.7 − 0.72/n^0.55.</item>
/// <item>Wan et al. (2014) SDs: S1 (b − a)/ξ(n); S2 (q3 − q1)/η(n);
/// S3 ½[(b − a)/ξ(n) + (q3 − q1)/η(n)].</item>
/// <item>Shi et al. (2020) SD for S3: w·(b − a)/ξ(n) + (1 − w)·(q3 − q1)/η(n), w = 1/(1 + 0.07 n^0.6) (eq. 11; Shi et al. give
/// no new estimator for S1 and S2, where Wan et al.'s are kept).</item>
/// </list>
/// Implementation note: ξ(n) is Blom's closed form for every n, not Wan et al.'s Table 1 of exact expected ranges for
/// n ≤ 50; the closed form is what their paper recommends for practice and what their spreadsheet computes.
/// </summary>
internal static class MedianToMeanSd
{
    /// <summary>One group's summary fields, with their escalc names for messages.</summary>
    internal readonly record struct Summary(
        double? Median, double? Q1, double? Q3, double? Min, double? Max, string MedianField, string Q1Field, string Q3Field, string MinField, string MaxField);

    /// <summary>
    /// Fills a missing mean and/or SD from the summary when a conversion is on. Returns the values to use (the given ones
    /// when present). Each conversion is recorded on the study.
    /// </summary>
    public static (double? Mean, double? Sd) Resolve(
        StudyScope scope, EscalcOptions options, double? mean, double? sd, bool needSd, Summary summary, double? n, string meanField, string sdField)
    {
        mean = StudyScope.Optional(mean);
        sd = StudyScope.Optional(sd);
        if (options.MedianConversion == MedianConversion.None || (mean is not null && (sd is not null || !needSd)))
        {
            return (mean, sd);
        }

        var m = StudyScope.Optional(summary.Median);
        var q1 = StudyScope.Optional(summary.Q1);
        var q3 = StudyScope.Optional(summary.Q3);
        var a = StudyScope.Optional(summary.Min);
        var b = StudyScope.Optional(summary.Max);
        var hasRange = a is not null && b is not null;
        var hasIqr = q1 is not null && q3 is not null;
        if (n is not { } nv || nv < 2 || (!hasRange && !hasIqr))
        {
            return (mean, sd);
        }

        if (!Ordered(scope, summary, a, q1, m, q3, b))
        {
            return (mean, sd);
        }

        var scenario = hasRange && hasIqr ? "S3" : hasRange ? "S1" : "S2";
        var luo = options.MedianConversion == MedianConversion.LuoShi;
        if (mean is null && m is { } med)
        {
            mean = scenario switch
            {
                "S1" => luo ? LuoS1(a!.Value, med, b!.Value, nv) : (a!.Value + (2 * med) + b!.Value) / 4,
                "S2" => luo ? LuoS2(q1!.Value, med, q3!.Value, nv) : (q1!.Value + med + q3!.Value) / 3,
                _ => luo ? LuoS3(a!.Value, q1!.Value, med, q3!.Value, b!.Value, nv) : (a!.Value + (2 * q1!.Value) + (2 * med) + (2 * q3!.Value) + b!.Value) / 8,
            };
            var source = luo ? "Luo et al. 2018" : "Wan et al. 2014";
            scope.Note(IssueCodes.MeanSdFromMedian, meanField, StudyScope.Inv($"{meanField} = {mean:G6} estimated from the median with {Describe(scenario)} ({source}, scenario {scenario})"));
        }

        if (needSd && sd is null)
        {
            sd = scenario switch
            {
                "S1" => (b!.Value - a!.Value) / Xi(nv),
                "S2" => (q3!.Value - q1!.Value) / Eta(nv),
                _ => luo ? ShiS3(a!.Value, q1!.Value, q3!.Value, b!.Value, nv) : 0.5 * (((b!.Value - a!.Value) / Xi(nv)) + ((q3!.Value - q1!.Value) / Eta(nv))),
            };
            var source = luo && scenario == "S3" ? "Shi et al. 2020" : "Wan et al. 2014";
            scope.Note(IssueCodes.MeanSdFromMedian, sdField, StudyScope.Inv($"{sdField} = {sd:G6} estimated from {Describe(scenario)} ({source}, scenario {scenario})"));
        }

        return (mean, sd);
    }

    /// <summary>ξ(n) = 2Φ⁻¹((n − 0.375)/(n + 0.25)) (Wan et al. 2014, scenario S1).</summary>
    public static double Xi(double n) => 2 * Normal.InvCDF(0, 1, (n - 0.375) / (n + 0.25));

    /// <summary>η(n) = 2Φ⁻¹((0.75n − 0.125)/(n + 0.25)) (Wan et al. 2014, scenario S2).</summary>
    public static double Eta(double n) => 2 * Normal.InvCDF(0, 1, ((0.75 * n) - 0.125) / (n + 0.25));

    /// <summary>Luo et al. (2018), scenario S1.</summary>
    public static double LuoS1(double a, double m, double b, double n)
    {
        var w = 4 / (4 + Math.Pow(n, 0.75));
        return (w * (a + b) / 2) + ((1 - w) * m);
    }

    /// <summary>Luo et al. (2018), scenario S2.</summary>
    public static double LuoS2(double q1, double m, double q3, double n)
    {
        var w = 0.7 + (0.39 / n);
        return (w * (q1 + q3) / 2) + ((1 - w) * m);
    }

    /// <summary>Luo et al. (2018), scenario S3.</summary>
    public static double LuoS3(double a, double q1, double m, double q3, double b, double n)
    {
        var w1 = 2.2 / (2.2 + Math.Pow(n, 0.75));
        var w2 = 0.7 - (0.72 / Math.Pow(n, 0.55));
        return (w1 * (a + b) / 2) + (w2 * (q1 + q3) / 2) + ((1 - w1 - w2) * m);
    }

    /// <summary>Shi et al. (2020), eq. 11.</summary>
    public static double ShiS3(double a, double q1, double q3, double b, double n)
    {
        var w = 1 / (1 + (0.07 * Math.Pow(n, 0.6)));
        return (w * (b - a) / Xi(n)) + ((1 - w) * (q3 - q1) / Eta(n));
    }

    private static string Describe(string scenario) => scenario switch
    {
        "S1" => "the range",
        "S2" => "the quartiles",
        _ => "the range and the quartiles",
    };

    private static bool Ordered(StudyScope scope, Summary s, double? a, double? q1, double? m, double? q3, double? b)
    {
        (double? Value, string Field)[] chain = [(a, s.MinField), (q1, s.Q1Field), (m, s.MedianField), (q3, s.Q3Field), (b, s.MaxField)];
        (double Value, string Field)? previous = null;
        foreach (var (value, field) in chain)
        {
            if (value is not { } v)
            {
                continue;
            }

            if (previous is { } p && v < p.Value)
            {
                scope.Fail(IssueCodes.OutOfRange, field, StudyScope.Inv($"{field} ({v}) is below {p.Field} ({p.Value}); min ≤ q1 ≤ median ≤ q3 ≤ max is required"));
                return false;
            }

            previous = (v, field);
        }

        return true;
    }
}
