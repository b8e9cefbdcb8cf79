using System.Globalization;
using System.Text;

namespace Evident.Core.Models.Regression;

/// <summary>
/// Text conventions of R that show up in metafor's coefficient names: how a number is printed (<c>as.character</c>,
/// <c>deparse</c>), which names need backquotes, and how character vectors sort in the C locale.
/// </summary>
internal static class RText
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "if", "else", "repeat", "while", "function", "for", "next", "break", "in", "TRUE", "FALSE", "NULL", "Inf", "NaN",
        "NA", "NA_integer_", "NA_real_", "NA_character_", "NA_complex_",
    };

    /// <summary>
    /// A number as R prints it with 15 significant digits (<c>as.character(x)</c>, <c>deparse(x)</c>): the fewest
    /// significant digits that give the value to 15 digits, in fixed notation unless scientific notation is narrower
    /// (R's <c>scipen = 0</c> rule: fixed when its width ≤ the scientific width), e.g. 0.001, 1e-04, 1e+05, 123456.
    /// </summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Inf" : "-Inf";
        }

        if (value == 0)
        {
            return "0";
        }

        // Mantissa digits and decimal exponent at 15 significant digits, trailing zeros removed.
        var sci = Math.Abs(value).ToString("E14", CultureInfo.InvariantCulture);
        var ePos = sci.IndexOf('E', StringComparison.Ordinal);
        var digits = sci[..ePos].Replace(".", string.Empty, StringComparison.Ordinal).TrimEnd('0');
        var exponent = int.Parse(sci[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var significant = digits.Length;
        var negative = value < 0 ? 1 : 0;

        var sciWidth = negative + (significant > 1 ? significant + 1 : 1) + (Math.Abs(exponent) >= 100 ? 5 : 4);
        int fixedWidth;
        if (exponent >= 0)
        {
            var decimals = Math.Max(0, significant - exponent - 1);
            fixedWidth = negative + exponent + 1 + (decimals > 0 ? decimals + 1 : 0);
        }
        else
        {
            fixedWidth = negative + 2 + (significant - exponent - 1);
        }

        var builder = new StringBuilder();
        if (negative == 1)
        {
            builder.Append('-');
        }

        if (fixedWidth <= sciWidth)
        {
            if (exponent >= 0)
            {
                var intDigits = exponent + 1;
                builder.Append(digits.Length >= intDigits ? digits[..intDigits] : digits.PadRight(intDigits, '0'));
                if (digits.Length > intDigits)
                {
                    builder.Append('.').Append(digits[intDigits..]);
                }
            }
            else
            {
                builder.Append("0.").Append('0', -exponent - 1).Append(digits);
            }
        }
        else
        {
            builder.Append(digits[0]);
            if (significant > 1)
            {
                builder.Append('.').Append(digits[1..]);
            }

            builder.Append('e').Append(exponent < 0 ? '-' : '+')
                .Append(Math.Abs(exponent).ToString(Math.Abs(exponent) >= 100 ? "000" : "00", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="name"/> is a syntactic R name (needs no backquotes).</summary>
    public static bool IsSyntacticName(string name)
    {
        if (name.Length == 0 || Reserved.Contains(name))
        {
            return false;
        }

        var first = name[0];
        if (!(char.IsLetter(first) || first == '.'))
        {
            return false;
        }

        if (first == '.' && name.Length > 1 && char.IsAsciiDigit(name[1]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '.' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The name as R deparses it: as is when syntactic, otherwise in backquotes.</summary>
    public static string Name(string name) => IsSyntacticName(name) ? name : "`" + name + "`";

    /// <summary>
    /// Orders strings as R's <c>sort()</c> does for character vectors in the C locale: by Unicode code point (equal to
    /// the UTF-8 byte order), so upper case before lower case and "10" before "9".
    /// </summary>
    public static int CompareCodePoints(string? a, string? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null)
        {
            return -1;
        }

        if (b is null)
        {
            return 1;
        }

        var ea = a.EnumerateRunes();
        var eb = b.EnumerateRunes();
        while (true)
        {
            var hasA = ea.MoveNext();
            var hasB = eb.MoveNext();
            if (!hasA || !hasB)
            {
                return hasA == hasB ? 0 : hasA ? 1 : -1;
            }

            var c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }
}
