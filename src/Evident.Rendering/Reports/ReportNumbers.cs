using System.Globalization;
using Evident.Core.EffectSizes;

namespace Evident.Rendering.Reports;

/// <summary>
/// How a report prints numbers and names effect measures, in one place and in the invariant culture: effects and their
/// intervals to <c>--decimals</c> places, τ², standard errors and regression coefficients two places more (at least 4), I² to one decimal with %, p-values to three
/// decimals or <c>&lt; 0.001</c>, and "NA" for a value that does not exist.
/// </summary>
/// <param name="decimals">Decimals of effects and their intervals.</param>
internal sealed class ReportNumbers(int decimals)
{
    /// <summary>Decimals of effects and their intervals.</summary>
    public int Decimals { get; } = decimals;

    /// <summary>An effect (estimate, CI bound, coefficient).</summary>
    public string Effect(double? value) => Fixed(value, Decimals);

    /// <summary>An interval of effects: <c>[-1.07, -0.36]</c>.</summary>
    public string Interval(double? lower, double? upper) => $"[{Effect(lower)}, {Effect(upper)}]";

    /// <summary>An effect with its interval: <c>-0.71 [-1.07, -0.36]</c>.</summary>
    public string WithInterval(double? value, double? lower, double? upper) => $"{Effect(value)} {Interval(lower, upper)}";

    /// <summary>A quantity that is often small (τ², τ, standard errors, meta-regression coefficients): two decimals more than effects, at least 4.</summary>
    public string Precise(double? value) => Fixed(value, Math.Max(4, Decimals + 2));

    /// <summary>An interval of <see cref="Precise"/> quantities.</summary>
    public string PreciseInterval(double? lower, double? upper) => $"[{Precise(lower)}, {Precise(upper)}]";

    /// <summary>A number to <paramref name="places"/> decimals; "NA" when it does not exist; never "-0.00".</summary>
    public static string Fixed(double? value, int places)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return "NA";
        }

        var text = v.ToString("F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.StartsWith('-') && text.Trim('-', '0', '.').Length == 0 ? text[1..] : text;
    }

    /// <summary>A p-value: <c>0.394</c>, or <c>&lt; 0.001</c>.</summary>
    public static string P(double? p) => p is { } v && double.IsFinite(v) ? v < 0.001 ? "< 0.001" : Fixed(v, 3) : "NA";

    /// <summary>A p-value after "p": <c>p = 0.394</c> or <c>p &lt; 0.001</c>.</summary>
    public static string PClause(double? p) => P(p) is var text && text.StartsWith('<') ? $"p {text}" : $"p = {text}";

    /// <summary>A percentage to one decimal: <c>92.2%</c>.</summary>
    public static string Percent(double? value) => Fixed(value, 1) is var text && text != "NA" ? text + "%" : text;

    /// <summary>A statistic such as Q or H²: two decimals.</summary>
    public static string Statistic(double? value) => Fixed(value, 2);

    /// <summary>A count with thousands separators: <c>357,347</c>.</summary>
    public static string Count(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("#,0.##", CultureInfo.InvariantCulture) : "NA";

    /// <summary>A number as short as it is exact: <c>0.5</c>, <c>0.025</c>.</summary>
    public static string Plain(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A confidence level: <c>95</c>, <c>99.5</c>.</summary>
    public static string Level(double level) => level.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>
    /// Short names of a measure for table headers: on the analysis scale (<c>log RR</c>) and, when it has a
    /// back-transformation, on the scale people read (<c>RR</c>).
    /// </summary>
    public static (string Analysis, string? Back) Labels(EffectMeasure measure, BackTransform? backTransform) => measure switch
    {
        EffectMeasure.OR => ("log OR", "OR"),
        EffectMeasure.RR => ("log RR", "RR"),
        EffectMeasure.PETO => ("log OR (Peto)", "OR (Peto)"),
        EffectMeasure.IRR => ("log IRR", "IRR"),
        EffectMeasure.ROM => ("log ROM", "ROM"),
        EffectMeasure.PLN => ("log proportion", "proportion"),
        EffectMeasure.PLO => ("logit proportion", "proportion"),
        EffectMeasure.PAS => ("arcsine proportion", "proportion"),
        EffectMeasure.PFT => ("double-arcsine proportion", "proportion"),
        EffectMeasure.ZCOR => ("Fisher's z", "correlation"),
        EffectMeasure.IRLN => ("log rate", "rate"),
        EffectMeasure.MNLN => ("log mean", "mean"),
        EffectMeasure.GEN when backTransform is not null => ("log estimate", "estimate"),
        EffectMeasure.GEN => ("estimate", null),
        _ => (measure.ToString(), backTransform is null ? null : $"{backTransform.Name}({measure})"),
    };
}
