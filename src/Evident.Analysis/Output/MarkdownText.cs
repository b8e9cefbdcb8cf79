using System.Globalization;
using System.Text;

namespace Evident.Analysis.Output;

/// <summary>
/// The one escaping of user text (study and outcome names, <c>--by</c> values, titles) in every Markdown Evident writes:
/// the analysis tables (<c>--format md</c>), the report and, once it can reference this library, the summary. The text
/// shows as written and can neither break a table nor become markup, a link or raw HTML.
/// </summary>
public static class MarkdownText
{
    /// <summary>
    /// Escapes text for inline Markdown, also inside a table cell: a backslash before every character CommonMark or
    /// GitHub's extensions could read as markup (<c>\ ` * _ | ~ # $</c>; <c>[ ]</c> when the text has a link's or
    /// reference's shape, <c>](</c>, <c>][</c> or <c>]:</c>, since a lone bracket pair is not a link without a
    /// definition, and definitions start lines, see <see cref="EscapeLine"/>; <c>&lt;</c> where it could open a tag or
    /// an autolink; <c>&amp;</c> where it could start an entity), line breaks and tabs become spaces (a cell is one
    /// line), and other control characters (C0, DEL, C1, bidirectional overrides) are shown as visible escapes
    /// (<c>\x1B</c>, <c>\u202E</c>). Raw HTML such as <c>&lt;script&gt;</c> is then shown as text; a plain
    /// "p &lt; 0.001" or "A &amp; B" stays as it is.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = new StringBuilder(text.Length + 16);
        var link = text.Contains("](", StringComparison.Ordinal) || text.Contains("][", StringComparison.Ordinal) || text.Contains("]:", StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : ' ';
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '|' or '~' or '#' or '$':
                case '[' or ']' when link:
                case '<' when char.IsAsciiLetter(next) || next is '/' or '!' or '?':
                case '&' when char.IsAsciiLetterOrDigit(next) || next == '#':
                    s.Append('\\').Append(c);
                    break;
                case '\r' or '\n' or '\t':
                    s.Append(' ');
                    break;
                case < ' ' or (>= '\u007F' and <= '\u009F'):
                    s.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    break;
                case (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'):
                    s.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default:
                    s.Append(c);
                    break;
            }
        }

        return s.ToString();
    }

    /// <summary>
    /// <see cref="Escape"/> for text that starts a line (a paragraph): also what would make the line a block of its
    /// own (a list item, quote, heading rule, link reference definition or ordered list: a leading <c>- + = &gt; [</c>, or
    /// digits then <c>.</c> or <c>)</c>).
    /// </summary>
    public static string EscapeLine(string text)
    {
        var escaped = Escape(text);
        var digits = escaped.TakeWhile(char.IsAsciiDigit).Count();
        if (digits > 0 && digits < escaped.Length && escaped[digits] is '.' or ')')
        {
            return escaped[..digits] + "\\" + escaped[digits..];
        }

        return escaped.Length > 0 && escaped[0] is '-' or '+' or '=' or '>' or '[' ? "\\" + escaped : escaped;
    }
}
