using System.Globalization;

namespace Evident.Rendering.Plots.Forest;

/// <summary>The numbers of a forest plot as text, in the invariant culture, as each layout prints them.</summary>
internal static class ForestText
{
    /// <summary>"Not estimable", as RevMan prints a study without an estimate.</summary>
    public const string NotEstimable = "Not estimable";

    /// <summary>A number to <paramref name="decimals"/> places (the format <c>evident analyze</c> uses: 0.0000).</summary>
    public static string Number(double value, int decimals)
        => double.IsFinite(value) ? value.ToString(decimals > 0 ? "0." + new string('0', decimals) : "0", CultureInfo.InvariantCulture) : "NA";

    /// <summary>A value on the display scale (exp of a log ratio).</summary>
    public static string Display(double value, bool log, int decimals) => Number(log ? Math.Exp(value) : value, decimals);

    /// <summary><c>0.49 [0.34, 0.70]</c>: the estimate and its CI on the display scale.</summary>
    public static string EstimateAndCi(double estimate, double lower, double upper, bool log, int decimals)
        => $"{Display(estimate, log, decimals)} {Interval(lower, upper, log, decimals)}";

    /// <summary><c>[0.34, 0.70]</c>.</summary>
    public static string Interval(double lower, double upper, bool log, int decimals)
        => $"[{Display(lower, log, decimals)}, {Display(upper, log, decimals)}]";

    /// <summary>A weight in percent: <c>5.1%</c>.</summary>
    public static string Weight(double percent) => Number(percent, 1) + "%";

    /// <summary>
    /// A p-value as RevMan 5 prints it: "&lt; 0.00001" and "&lt; 0.0001" below those bounds, else to 2 decimals (3 below
    /// 0.01, 4 below 0.001), with the sign: <c>P &lt; 0.00001</c>, <c>P = 0.27</c>.
    /// </summary>
    public static string RevManP(double p)
    {
        if (p < 0.00001)
        {
            return "P < 0.00001";
        }

        if (p < 0.0001)
        {
            return "P < 0.0001";
        }

        return "P = " + Number(p, p < 0.001 ? 4 : p < 0.01 ? 3 : 2);
    }

    /// <summary>A p-value as metafor's printout has it: <c>p &lt; .0001</c> below 10⁻⁴, else 4 decimals.</summary>
    public static string MetaforP(double p) => p < 0.0001 ? "p < 0.0001" : "p = " + Number(p, 4);

    /// <summary>
    /// RevMan's heterogeneity line: <c>Heterogeneity: Tau² = 0.31; Chi² = 152.23, df = 12 (P &lt; 0.00001); I² = 92%</c>
    /// (Tau² only for a random-effects model; <c>Not applicable</c> with no degrees of freedom).
    /// </summary>
    public static string RevManHeterogeneity(ForestHeterogeneity h)
    {
        if (h.Df == 0)
        {
            return "Heterogeneity: Not applicable";
        }

        var tau2 = h.Tau2 is { } t ? $"Tau² = {Number(t, 2)}; " : string.Empty;
        return $"Heterogeneity: {tau2}Chi² = {Number(h.Q, 2)}, df = {h.Df.ToString(CultureInfo.InvariantCulture)} ({RevManP(h.PValue)}); I² = {Number(h.I2, 0)}%";
    }

    /// <summary>RevMan's test line: <c>Test for overall effect: Z = 3.97 (P &lt; 0.0001)</c> (the statistic's absolute value, as RevMan).</summary>
    public static string RevManTest(ForestEffectTest test)
    {
        var name = test.Df is { } df ? $"t({Number(df, 0)})" : test.Statistic;
        var value = test.Value is { } v ? Number(Math.Abs(v), 2) : "NA";
        return $"Test for overall effect: {name} = {value} ({RevManP(test.PValue)})";
    }

    /// <summary>RevMan's line under the total: <c>Test for subgroup differences: Chi² = 1.23, df = 1 (P = 0.27), I² = 18.6%</c>.</summary>
    public static string RevManSubgroupTest(ForestSubgroupTest test)
    {
        var i2 = test.I2 is { } i ? $", I² = {Number(i, 1)}%" : string.Empty;
        return $"Test for subgroup differences: Chi² = {Number(test.Q, 2)}, df = {test.Df.ToString(CultureInfo.InvariantCulture)} ({RevManP(test.PValue)}){i2}";
    }

    /// <summary>metafor-style heterogeneity: <c>Heterogeneity: Q = 152.23, df = 12, p &lt; 0.0001; I² = 92.2%; τ² = 0.3088</c>.</summary>
    public static string MetaforHeterogeneity(ForestHeterogeneity h)
    {
        var tau2 = h.Tau2 is { } t ? $"; τ² = {Number(t, 4)}" : string.Empty;
        return $"Heterogeneity: Q = {Number(h.Q, 2)}, df = {h.Df.ToString(CultureInfo.InvariantCulture)}, {MetaforP(h.PValue)}; I² = {Number(h.I2, 1)}%{tau2}";
    }

    /// <summary>metafor-style test: <c>Test for overall effect: z = -3.97, p &lt; 0.0001</c>.</summary>
    public static string MetaforTest(ForestEffectTest test)
    {
        var name = test.Df is { } df ? $"t({Number(df, 0)})" : (test.Statistic == "Z" ? "z" : test.Statistic);
        var value = test.Value is { } v ? Number(v, 2) : "NA";
        return $"Test for overall effect: {name} = {value}, {MetaforP(test.PValue)}";
    }

    /// <summary>metafor-style test for subgroup differences: <c>Test for subgroup differences: Q = 1.23, df = 1, p = 0.2700</c>.</summary>
    public static string MetaforSubgroupTest(ForestSubgroupTest test)
        => $"Test for subgroup differences: Q = {Number(test.Q, 2)}, df = {test.Df.ToString(CultureInfo.InvariantCulture)}, {MetaforP(test.PValue)}";
}
