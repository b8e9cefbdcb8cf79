using System.Globalization;
using Evident.Evidence.Sources;

namespace Evident.Evidence.Summaries;

/// <summary>
/// How a summary prints numbers, in the invariant culture: an estimate or CI bound with the decimals the source printed,
/// else 2 (more when 2 would print a non-zero value as zero); p as "0.01", "0.005" or "&lt; 0.001" (never "0.000",
/// statcheck's <c>pZeroError</c>); I² as a whole percent; counts as whole numbers; negative values with a minus sign
/// (U+2212). Each returns the text and the <see cref="Run"/> that links it to its source value.
/// </summary>
public static class SummaryNumbers
{
    /// <summary>The minus sign used for negative numbers.</summary>
    public const char Minus = '\u2212';

    /// <summary>Decimals for an unrounded estimate or bound.</summary>
    public const int DefaultDecimals = 2;

    /// <summary>The most decimals a number is printed with (<see cref="Math.Round(double, int)"/>'s limit).</summary>
    public const int MaxDecimals = 15;

    /// <summary>An estimate, CI or prediction-interval bound, with its source's decimals or <see cref="Decimals"/> of itself.</summary>
    public static Run Value(SourceNumber number, string path) => Value(number, path, Decimals(number));

    /// <summary>A value with the given decimals when it is unrounded (a published number keeps its own).</summary>
    public static Run Value(SourceNumber number, string path, int decimals)
        => Number(Fixed(number.Value, number.Decimals is { } d ? Math.Min(d, MaxDecimals) : decimals), path, number.Value);

    /// <summary>
    /// The decimals to print unrounded values that belong together (an estimate with its CI) with: 2, or more until no
    /// non-zero value prints as zero (a ratio's CI bound of 0.00001 is not "0.00") and two different values do not
    /// print alike (a CI from −0.0123 to −0.0071 is not "−0.01 to −0.01").
    /// </summary>
    public static int Decimals(params ReadOnlySpan<SourceNumber> numbers)
    {
        var decimals = DefaultDecimals;
        while (decimals < MaxDecimals && !Distinct(numbers, decimals))
        {
            decimals++;
        }

        return decimals;
    }

    private static bool Distinct(ReadOnlySpan<SourceNumber> numbers, int decimals)
    {
        for (var i = 0; i < numbers.Length; i++)
        {
            var a = numbers[i].Value;
            var ra = Math.Round(a, decimals, MidpointRounding.AwayFromZero);
            if (numbers[i].Decimals is null && a != 0 && ra == 0)
            {
                return false;
            }

            for (var j = i + 1; j < numbers.Length; j++)
            {
                var b = numbers[j].Value;
                if (numbers[i].Decimals is null && numbers[j].Decimals is null && a != b && ra == Math.Round(b, decimals, MidpointRounding.AwayFromZero))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// A p value, as "= 0.01" style text without the "p": the run holds only the number, or "&lt; 0.001" (relation and
    /// bound) for a p stated as a bound or below 0.001. Returns the relation text to put before the run ("= " or "").
    /// </summary>
    public static (string Before, Run Run) P(ReportedP p, string path)
    {
        var value = p.Value.Value;
        if (p.Relation == PRelation.Less)
        {
            return ("", Number("< " + Fixed(value, p.Value.Decimals ?? 3), path, value) with { Source = new SourceValue(path, value, "<") });
        }

        if (p.Relation == PRelation.Greater)
        {
            return ("", Number("> " + Fixed(value, p.Value.Decimals ?? 3), path, value) with { Source = new SourceValue(path, value, ">") });
        }

        if (p.Value.Decimals is { } d)
        {
            return ("= ", Number(Fixed(value, d), path, value));
        }

        if (value < 0.001)
        {
            return ("", Number("< 0.001", path, value));
        }

        return ("= ", Number(Fixed(value, value < 0.1 ? 3 : 2), path, value));
    }

    /// <summary>I² in percent, as a whole number ("24"); the caller adds "%".</summary>
    public static Run I2(SourceNumber i2, string path) => Number(Fixed(i2.Value, i2.Decimals is { } d && d > 0 ? d : 0), path, i2.Value);

    /// <summary>A count ("249", "1,237").</summary>
    public static Run Count(int count, string path) => Number(count.ToString("N0", CultureInfo.InvariantCulture), path, count);

    /// <summary>The value rounded to the I² printed (whole percent unless the source printed decimals), for its band.</summary>
    public static double PrintedI2(SourceNumber i2) => Math.Round(i2.Value, i2.Decimals is { } d && d > 0 ? Math.Min(d, MaxDecimals) : 0, MidpointRounding.AwayFromZero);

    /// <summary>A value as printed with the given decimals (rounded half away from zero; "−" for negatives; no "−0.00").</summary>
    public static string Fixed(double value, int decimals)
    {
        decimals = Math.Clamp(decimals, 0, MaxDecimals);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var text = Math.Abs(rounded).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return rounded < 0 ? Minus + text : text;
    }

    /// <summary>A number run.</summary>
    public static Run Number(string text, string path, double value) => new(text, RunKind.Number) { Source = new SourceValue(path, value) };
}
