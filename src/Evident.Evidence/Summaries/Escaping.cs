using System.Text;

namespace Evident.Evidence.Summaries;

/// <summary>
/// The one table by which text from a source is written into a page, shared by the HTML and the Markdown writer, so
/// that neither lets markup through: the characters HTML reads as markup (<c>&amp; &lt; &gt;</c>, and in HTML, where a
/// text may stand in an attribute value, the quotes) become character references in both (CommonMark reads a reference
/// as its character, so Markdown shows the same text and no raw HTML can start); Markdown also puts a backslash before the other ASCII punctuation that can start its markup
/// (CommonMark allows one before any), and writes line breaks as spaces so a text stays inside its paragraph, list item
/// or table cell. Control characters other than tab and line breaks are shown as U+FFFD in both.
/// </summary>
public static class Escaping
{
    /// <summary>
    /// The character references of the characters HTML reads as markup: &amp; &lt; &gt; everywhere, and the quotes, which
    /// end an attribute value, where the text may stand in one.
    /// </summary>
    private static string? Reference(char c, bool quotes) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' when quotes => "&quot;",
        '\'' when quotes => "&#39;",
        _ => null,
    };

    /// <summary>Whether a character is a control character a page should not carry (C0 but tab and line breaks, DEL, C1).</summary>
    private static bool IsControl(char c) => char.IsControl(c) && c is not ('\t' or '\n' or '\r');

    /// <summary>Text for HTML element content or a double- or single-quoted attribute value.</summary>
    public static string Html(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Reference(c, quotes: true) is { } reference)
            {
                sb.Append(reference);
            }
            else
            {
                sb.Append(IsControl(c) ? '\uFFFD' : c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Text for a Markdown paragraph, list item, heading or table cell (CommonMark with pipe tables).</summary>
    public static string Markdown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Reference(c, quotes: false) is { } reference)
            {
                sb.Append(reference);
            }
            else if (c is '\r' or '\n')
            {
                sb.Append(' ');
            }
            else if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#' or '~' or '!' or '{' or '}')
            {
                sb.Append('\\').Append(c);
            }
            else
            {
                sb.Append(IsControl(c) ? '\uFFFD' : c);
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// An escaped Markdown line made safe where it starts a line (after "&gt; " or "- "): a leading "+", "-" or "=", or
    /// digits with "." or ")", would start a list or an underline; their punctuation gets a backslash.
    /// </summary>
    public static string MarkdownLineStart(string escaped)
    {
        ArgumentNullException.ThrowIfNull(escaped);
        if (escaped.Length > 0 && escaped[0] is '+' or '-' or '=')
        {
            return "\\" + escaped;
        }

        var digits = 0;
        while (digits < escaped.Length && char.IsAsciiDigit(escaped[digits]))
        {
            digits++;
        }

        return digits > 0 && digits < escaped.Length && escaped[digits] is '.' or ')' ? escaped[..digits] + "\\" + escaped[digits..] : escaped;
    }
}
