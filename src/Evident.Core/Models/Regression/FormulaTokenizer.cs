using System.Globalization;
using System.Text;

namespace Evident.Core.Models.Regression;

/// <summary>Kinds of formula tokens.</summary>
internal enum TokenKind
{
    Tilde,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    Colon,
    LeftParen,
    RightParen,
    Comma,
    Number,
    Name,
    End,
}

/// <summary>One token; <see cref="Position"/> is the 0-based offset in the formula text.</summary>
internal readonly record struct Token(TokenKind Kind, int Position, string Text, double Value = 0);

/// <summary>Splits a model formula into tokens: names (R syntax, or any text in backquotes), numbers and operators.</summary>
internal static class FormulaTokenizer
{
    /// <summary>The tokens, ending with <see cref="TokenKind.End"/>; or the position and description of a bad character.</summary>
    public static (List<Token>? Tokens, int ErrorPosition, string? Error) Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            TokenKind? op = c switch
            {
                '~' => TokenKind.Tilde,
                '+' => TokenKind.Plus,
                '-' => TokenKind.Minus,
                '*' => TokenKind.Star,
                '/' => TokenKind.Slash,
                '^' => TokenKind.Caret,
                ':' => TokenKind.Colon,
                '(' => TokenKind.LeftParen,
                ')' => TokenKind.RightParen,
                ',' => TokenKind.Comma,
                _ => null,
            };
            if (op is { } kind)
            {
                tokens.Add(new Token(kind, start, c.ToString()));
                i++;
                continue;
            }

            if (c == '`')
            {
                var close = text.IndexOf('`', i + 1);
                if (close < 0)
                {
                    return (null, start, "a backquoted name is not closed");
                }

                if (close == i + 1)
                {
                    return (null, start, "a backquoted name is empty");
                }

                tokens.Add(new Token(TokenKind.Name, start, text[(i + 1)..close]));
                i = close + 1;
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var end = ScanNumber(text, i);
                var literal = text[i..end];
                if (!double.TryParse(literal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
                {
                    return (null, start, $"'{literal}' is not a number");
                }

                tokens.Add(new Token(TokenKind.Number, start, literal, value));
                i = end;
                continue;
            }

            if (char.IsLetter(c) || c == '.' || c == '_')
            {
                var builder = new StringBuilder();
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '.' || text[i] == '_'))
                {
                    builder.Append(text[i]);
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, start, builder.ToString()));
                continue;
            }

            var what = c switch
            {
                '%' => "'%' (operators such as %in% are not supported)",
                '|' or '&' or '<' or '>' or '=' or '!' => $"'{c}' (comparisons and logical operators are not supported)",
                '"' or '\'' => "a quote (put column names with spaces or symbols in backquotes: `my column`)",
                _ => $"'{c}'",
            };
            return (null, start, "unexpected " + what);
        }

        tokens.Add(new Token(TokenKind.End, text.Length, string.Empty));
        return (tokens, -1, null);
    }

    private static int ScanNumber(string text, int i)
    {
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
        }

        return i;
    }
}
