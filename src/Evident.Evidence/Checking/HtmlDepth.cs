namespace Evident.Evidence.Checking;

/// <summary>
/// Bounds how deeply the elements of an HTML text nest before it is parsed. The HTML parsing algorithm checks the stack
/// of open elements at each tag, so its time grows with the square of the depth (AngleSharp takes half a minute on
/// 40,000 nested <c>&lt;div&gt;</c>s); a page a person reads is never nested hundreds deep. Start tags beyond the limit
/// are replaced by spaces of the same length, so every other character keeps its offset and the text inside is kept.
/// The scan is one pass: tags are told from text the way the parser tells them (comments, quoted attribute values and
/// raw-text elements such as <c>script</c> are skipped whole); void elements and elements whose end tag may be left
/// out (<c>p</c>, <c>li</c>, <c>td</c>, …) do not count as nesting.
/// </summary>
internal static class HtmlDepth
{
    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link", "meta",
        "param", "source", "track", "wbr",
    };

    private static readonly HashSet<string> OptionalEnd = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt",
        "rtc", "rp", "colgroup", "caption",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    /// <summary>The text with start tags nested deeper than <paramref name="maxDepth"/> blanked; the first one's offset, or null.</summary>
    public static string Bound(string html, int maxDepth, out int? firstBlanked)
    {
        firstBlanked = null;
        char[]? chars = null;
        var depth = 0;
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length)
            {
                break;
            }

            var next = html[lt + 1];
            if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
            {
                var close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                i = close < 0 ? html.Length : close + 3;
                continue;
            }

            if (next is '!' or '?')
            {
                i = End(html, lt + 2);
                continue;
            }

            var closing = next == '/';
            var nameStart = lt + (closing ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                i = lt + 1;
                continue;
            }

            var name = html[nameStart..nameEnd];
            var gt = End(html, nameEnd);
            if (closing)
            {
                if (!Void.Contains(name) && !OptionalEnd.Contains(name))
                {
                    depth = Math.Max(0, depth - 1);
                }

                i = gt;
                continue;
            }

            var selfClosing = gt >= 2 && gt <= html.Length && html[gt - 1] == '>' && html[gt - 2] == '/';
            if (!Void.Contains(name) && !OptionalEnd.Contains(name) && !selfClosing)
            {
                if (depth >= maxDepth)
                {
                    chars ??= html.ToCharArray();
                    chars.AsSpan(lt, gt - lt).Fill(' ');
                    firstBlanked ??= lt;
                }
                else
                {
                    depth++;
                }
            }

            i = gt;
            if (RawText.Contains(name))
            {
                var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close;
            }
        }

        return chars is null ? html : new string(chars);
    }

    /// <summary>The offset after the '&gt;' that ends the tag whose attributes start at <paramref name="from"/> (quoted values skipped whole).</summary>
    private static int End(string html, int from)
    {
        var quote = '\0';
        for (var i = from; i < html.Length; i++)
        {
            var c = html[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        return html.Length;
    }
}
