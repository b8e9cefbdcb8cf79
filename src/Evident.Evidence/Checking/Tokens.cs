using System.Globalization;

namespace Evident.Evidence.Checking;

/// <summary>What a token is.</summary>
internal enum TokenKind
{
    /// <summary>A number: digits with an optional sign, decimals and thousands separators, or a leading-point decimal (".01").</summary>
    Number,

    /// <summary>A word (letters, digits inside a word as in FEV1, superscript two as in I², inner hyphens and apostrophes).</summary>
    Word,

    /// <summary>Any other character: = &lt; &gt; ≤ ≥ ( ) [ ] , ; : | % and the range dashes - – —.</summary>
    Symbol,
}

/// <summary>A token of a sentence; positions are in the block's text.</summary>
internal sealed record Token(TokenKind Kind, string Text, int Start, int End)
{
    /// <summary>The number's value (negative with a minus sign), for a number token.</summary>
    public double Value { get; init; }

    /// <summary>Decimals printed.</summary>
    public int Decimals { get; init; }

    /// <summary>Whether a % sign follows the number directly.</summary>
    public bool Percent { get; init; }

    public bool Is(string text) => string.Equals(Text, text, StringComparison.OrdinalIgnoreCase);

    public bool IsAny(params ReadOnlySpan<string> texts)
    {
        foreach (var t in texts)
        {
            if (Is(t))
            {
                return true;
            }
        }

        return false;
    }

    public string Lower => Text.ToLowerInvariant();
}

/// <summary>Splits text into tokens (numbers, words, symbols) and blocks into sentences.</summary>
internal static class Lexer
{
    private const string Minus = "\u2212";

    /// <summary>Tokens of <paramref name="text"/>[start, end).</summary>
    public static List<Token> Tokens(string text, int start, int end)
    {
        var tokens = new List<Token>();
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (StartsNumber(text, i, start, end) is { } numberEnd && NumberToken(text, i, numberEnd) is { } number)
            {
                tokens.Add(number);
                i = numberEnd;
                continue;
            }

            if (IsWordChar(c))
            {
                var j = i + 1;
                while (j < end && (IsWordChar(text[j])
                    || (text[j] is '-' or '\'' or '\u2019' && j + 1 < end && IsWordChar(text[j + 1]))))
                {
                    j++;
                }

                tokens.Add(new Token(TokenKind.Word, text[i..j], i, j));
                i = j;
                continue;
            }

            tokens.Add(new Token(TokenKind.Symbol, c.ToString(), i, i + 1));
            i++;
        }

        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '²' or '₁' or '₂' or '\u00B9' or '\u00B3';

    /// <summary>The end of a number starting at <paramref name="i"/>, or null when none starts there.</summary>
    private static int? StartsNumber(string text, int i, int start, int end)
    {
        var prev = i > start ? text[i - 1] : ' ';
        if (IsWordChar(prev) || prev == '.' && i - 1 > start && char.IsAsciiDigit(text[i - 2]))
        {
            return null;
        }

        var j = i;
        if (text[j] is '\u2212' || (text[j] == '-' && IsMinusContext(text, i, start)))
        {
            j++;
        }

        var digitsStart = j;
        while (j < end && char.IsAsciiDigit(text[j]))
        {
            j++;
        }

        // Thousands separators: 1,234 (one to three digits, then groups of exactly three).
        if (j - digitsStart is > 0 and <= 3)
        {
            while (j + 3 < end && text[j] == ',' && char.IsAsciiDigit(text[j + 1]) && char.IsAsciiDigit(text[j + 2]) && char.IsAsciiDigit(text[j + 3])
                && (j + 4 >= end || !char.IsAsciiDigit(text[j + 4])))
            {
                j += 4;
            }
        }

        var hasDigits = j > digitsStart;
        if (j + 1 < end && text[j] == '.' && char.IsAsciiDigit(text[j + 1]))
        {
            j++;
            while (j < end && char.IsAsciiDigit(text[j]))
            {
                j++;
            }

            hasDigits = true;
        }

        if (!hasDigits)
        {
            return null;
        }

        // An exponent: 7.05E-05.
        if (j + 1 < end && text[j] is 'e' or 'E')
        {
            var k = j + 1;
            if (k < end && text[k] is '-' or '+' or '\u2212')
            {
                k++;
            }

            if (k < end && char.IsAsciiDigit(text[k]))
            {
                while (k < end && char.IsAsciiDigit(text[k]))
                {
                    k++;
                }

                if (k >= end || !char.IsLetter(text[k]))
                {
                    j = k;
                }
            }
        }

        // A number glued to letters (3rd, 12mg is kept as a number, FEV1 is not: handled by the previous character).
        if (j < end && char.IsLetter(text[j]) && j + 1 < end && char.IsLetter(text[j + 1]) && text[j..Math.Min(end, j + 2)] is "st" or "nd" or "rd" or "th")
        {
            return null;
        }

        return j;
    }

    /// <summary>A hyphen is a minus sign after white space, an opening bracket, a relation, a separator or another dash.</summary>
    private static bool IsMinusContext(string text, int i, int start)
    {
        if (i + 1 >= text.Length || !(char.IsAsciiDigit(text[i + 1]) || (text[i + 1] == '.' && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2]))))
        {
            return false;
        }

        if (i == start)
        {
            return true;
        }

        var prev = text[i - 1];
        return char.IsWhiteSpace(prev) || prev is '(' or '[' or '=' or ':' or ',' or ';' or '<' or '>' or '\u2013' or '\u2014' or '-' or '±';
    }

    /// <summary>The number token of text[start, end) (ASCII digits only, so it parses), or null if it does not parse.</summary>
    private static Token? NumberToken(string text, int start, int end)
    {
        var raw = text[start..end];
        var s = raw.Replace(Minus, "-", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (s.StartsWith('.'))
        {
            s = "0" + s;
        }
        else if (s.StartsWith("-.", StringComparison.Ordinal))
        {
            s = "-0" + s[1..];
        }

        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var exponent = s.IndexOfAny(['e', 'E']);
        if (exponent > 0)
        {
            // As printed in full: enough decimals that no rounding is allowed.
            return new Token(TokenKind.Number, raw, start, end) { Value = value, Decimals = 15 };
        }

        var point = s.IndexOf('.', StringComparison.Ordinal);
        var percent = end < text.Length && text[end] == '%';
        return new Token(TokenKind.Number, raw, start, end)
        {
            Value = value,
            Decimals = point < 0 ? 0 : s.Length - point - 1,
            Percent = percent,
        };
    }

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "al", "vs", "approx", "fig", "figs", "no", "dr", "cf", "etc", "ca", "incl", "resp", "ref", "refs", "vol", "eq", "st", "mr", "mrs", "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    };

    /// <summary>
    /// Sentences of a block as [start, end) ranges. A sentence ends at '.', '!' or '?' outside brackets that is followed
    /// by white space and an upper-case letter, a digit, a quote or a bracket (or by the end), not after an
    /// abbreviation (e.g., i.e., et al., vs.) and not inside a name (<paramref name="names"/>: a source's outcome
    /// "… at 52 weeks. (SF-36 PCS)" is one name). So "95% CI [0.09-0.76]", "p = .01", "e.g. the" and "0.42" do not end one.
    /// </summary>
    public static List<(int Start, int End)> Sentences(string text, IReadOnlyList<Mention>? names = null)
    {
        var sentences = new List<(int, int)>();
        var start = 0;
        var depth = 0;
        var inName = NameMask(text.Length, names);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inName is not null && inName[i])
            {
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (c is '.' or '!' or '?' or '…' && depth == 0 && EndsSentence(text, i))
            {
                var end = i + 1;
                while (end < text.Length && text[end] is '"' or '\u201D' or '\'' or '\u2019')
                {
                    end++;
                }

                Add(start, end);
                start = end;
            }
        }

        Add(start, text.Length);
        return sentences;

        void Add(int s, int e)
        {
            while (s < e && char.IsWhiteSpace(text[s]))
            {
                s++;
            }

            if (e > s)
            {
                sentences.Add((s, e));
            }
        }
    }

    /// <summary>Which characters are inside a name (an outcome's, or another source text): no sentence ends there.</summary>
    private static bool[]? NameMask(int length, IReadOnlyList<Mention>? names)
    {
        if (names is null || names.Count == 0)
        {
            return null;
        }

        var mask = new bool[length];
        foreach (var m in names)
        {
            mask.AsSpan(m.Start, m.End - m.Start).Fill(true);
        }

        return mask;
    }

    private static bool EndsSentence(string text, int i)
    {
        var next = i + 1;
        while (next < text.Length && text[next] is '"' or '\u201D' or '\'' or '\u2019' or ')')
        {
            next++;
        }

        if (next >= text.Length)
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[next]))
        {
            return false;
        }

        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        if (next >= text.Length)
        {
            return true;
        }

        var n = text[next];
        if (!(char.IsUpper(n) || char.IsAsciiDigit(n) || n is '"' or '\u201C' or '(' or '[' or '\u2018'))
        {
            return false;
        }

        if (text[i] != '.')
        {
            return true;
        }

        var w = i;
        while (w > 0 && (char.IsLetter(text[w - 1]) || text[w - 1] == '.'))
        {
            w--;
        }

        var word = text[w..i];
        return !(Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0])));
    }
}
