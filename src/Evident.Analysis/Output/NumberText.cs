using System.Globalization;

namespace Evident.Analysis.Output;

/// <summary>
/// How numbers are rounded for people to read: the CLI's text tables and the Markdown table (<c>--format md</c>) use
/// this one rule; CSV and JSON, for programs, keep every digit. Effects, standard errors, intervals, τ² and test
/// statistics have four decimals; percentages (I², weights), H² and Q two; degrees of freedom, sample sizes and levels
/// as few as they need (at most two); a p-value below 0.0001 reads "&lt; 0.0001". A value that does not exist (null,
/// NaN, ±∞) reads "NA". Invariant culture.
/// </summary>
public static class NumberText
{
    /// <summary>Effects, standard errors, intervals, τ², test statistics.</summary>
    public const string Value = "0.0000";

    /// <summary>Percentages (I², weights), H², Q.</summary>
    public const string Percent = "0.00";

    /// <summary>Degrees of freedom, sample sizes, levels: whole numbers as such, else at most two decimals.</summary>
    public const string Count = "0.##";

    /// <summary><paramref name="value"/> in <paramref name="format"/>, or "NA".</summary>
    public static string Format(double? value, string format = Value)
        => value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "NA";

    /// <summary>A p-value: "&lt; 0.0001" below 0.0001, else four decimals; "NA" when there is none.</summary>
    public static string P(double? p) => p is { } v && double.IsFinite(v) && v < 0.0001 ? "< 0.0001" : Format(p);

    /// <summary>
    /// A field of the analysis documents (the columns of <see cref="Documents.OutcomeDocument"/>, the bias and sensitivity documents) by its
    /// name: <c>p</c> and <c>*_p</c> are p-values; I², H², Q, weights and R² (<c>i2*</c>, <c>h2*</c>, <c>q</c>,
    /// <c>q_*</c>, <c>*_i2</c>, <c>*_h2</c>, <c>*_q</c>, <c>*weight*</c>, <c>r2</c>) <see cref="Percent"/>; degrees of freedom, sizes
    /// and the level (<c>df</c>, <c>*_df</c>, <c>n_total</c>, <c>level</c>) <see cref="Count"/>, before those; the rest
    /// <see cref="Value"/>.
    /// </summary>
    public static string Field(string name, double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == "p" || name.EndsWith("_p", StringComparison.Ordinal))
        {
            return P(value);
        }

        if (name is "df" or "n_total" or "level" || name.EndsWith("_df", StringComparison.Ordinal))
        {
            return Format(value, Count);
        }

        var percent = name.StartsWith("i2", StringComparison.Ordinal) || name.StartsWith("h2", StringComparison.Ordinal)
            || name == "q" || name.StartsWith("q_", StringComparison.Ordinal) || name.EndsWith("_q", StringComparison.Ordinal)
            || name.Contains("_i2", StringComparison.Ordinal) || name.Contains("_h2", StringComparison.Ordinal)
            || name.Contains("weight", StringComparison.Ordinal) || name == "r2";
        return Format(value, percent ? Percent : Value);
    }
}
