using System.Text;

namespace Evident.Evidence.Sources;

/// <summary>
/// Text made safe for a one-line message: every message is one line that starts with its location, so a value quoted
/// in it (a name with a line break, a terminal escape code) must not start a line of its own. Control characters are
/// written as escapes (<c>\n</c>, <c>\t</c>, <c>\u001B</c>) and a lone surrogate (half of a character) as U+FFFD.
/// </summary>
public static class OneLine
{
    /// <summary>The text with control characters escaped and lone surrogates replaced.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsWork(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append('\uFFFD');
            }
            else if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                sb.Append(c switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
                });
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>The text with lone surrogates replaced by U+FFFD (control characters kept), as a JSON writer needs it.</summary>
    public static string ValidUtf16(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(char.IsSurrogate))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else
            {
                sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return sb.ToString();
    }

    /// <summary>At most <paramref name="max"/> characters of the text, not cutting a surrogate pair, with "…" when cut.</summary>
    public static string Clip(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var end = max - 1;
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text[..end].TrimEnd() + "…";
    }

    private static bool NeedsWork(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029')
            {
                return true;
            }
        }

        return false;
    }
}
