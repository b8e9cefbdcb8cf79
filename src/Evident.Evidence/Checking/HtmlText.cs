using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Evident.Evidence.Checking;

/// <summary>
/// The visible text of an HTML summary, parsed with AngleSharp: the text of <c>head</c>, <c>script</c>,
/// <c>style</c>, <c>template</c>, <c>noscript</c>, <c>svg</c> and <c>math</c> elements and of elements marked
/// <c>hidden</c>, <c>aria-hidden="true"</c> or <c>display: none</c> is left out (figures are not claims); block
/// elements end a block, table cells are joined with " | " into one block per row. A <c>data-source</c> attribute or
/// an <c>href="#…"</c> links the element's text to a source value.
/// </summary>
/// <remarks>
/// Implementation note: AngleSharp gives source positions for elements only, so each text node is found again in the
/// source after the previous one (skipping markup and decoding character references) to map every character to its
/// offset; where that fails the characters take the position of their element.
/// </remarks>
internal static class HtmlText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "head", "script", "style", "template", "noscript", "svg", "math", "iframe", "object",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "body", "caption", "details", "dialog", "div", "dl",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
        "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot",
        "tr", "ul",
    };

    /// <summary>How deeply elements may nest before their start tags are left out (HTML parsing is quadratic in the depth).</summary>
    public const int MaxDepth = 256;

    /// <summary>
    /// The blocks of an HTML text (at <paramref name="baseOffset"/> in its file). Start tags nested more than
    /// <see cref="MaxDepth"/> deep are blanked first (same length, so positions stay), and the first one's offset is
    /// returned in <paramref name="tooDeepAt"/>.
    /// </summary>
    public static List<TextBlock> Blocks(string html, out int? tooDeepAt, int baseOffset = 0)
    {
        var bounded = HtmlDepth.Bound(html, MaxDepth, out var at);
        tooDeepAt = at is { } a ? baseOffset + a : null;
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        using var document = parser.ParseDocument(bounded);
        var walker = new Walker(bounded, baseOffset);
        walker.Visit(document.DocumentElement);
        walker.Flush(BlockKind.Paragraph);
        return walker.Blocks;
    }

    private sealed class Walker(string source, int baseOffset)
    {
        private readonly BlockBuilder _builder = new();
        private readonly HashSet<string> _unclosed = new(StringComparer.OrdinalIgnoreCase);
        private int[] _buffer = [];
        private int _cursor;

        public List<TextBlock> Blocks { get; } = [];

        public void Flush(BlockKind kind)
        {
            if (_builder.Take(kind) is { } block)
            {
                Blocks.Add(block);
            }
        }

        public void Visit(INode node)
        {
            switch (node)
            {
                case IText text:
                    AppendText(text);
                    break;
                case IElement element:
                    VisitElement(element);
                    break;
                default:
                    foreach (var child in node.ChildNodes)
                    {
                        Visit(child);
                    }

                    break;
            }
        }

        private void VisitElement(IElement element)
        {
            var name = element.LocalName;
            if (Skipped.Contains(name) || element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true"
                || (element.GetAttribute("style") is { } style && style.Replace(" ", "", StringComparison.Ordinal).Contains("display:none", StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            if (name is "br")
            {
                _builder.Append(' ', Position(element));
                return;
            }

            var isBlock = BlockElements.Contains(name);
            if (isBlock && name is not ("tr" or "table" or "tbody" or "thead" or "tfoot"))
            {
                Flush(BlockKind.Paragraph);
            }

            var inList = element.ParentElement?.LocalName == "dl";
            if (name == "dt" && inList)
            {
                Flush(BlockKind.TableRow);
            }

            if (name is "td" or "th" or "dd" && _builder.Length > 0)
            {
                _builder.Append(" | ", Position(element));
            }

            var start = _builder.Length;
            foreach (var child in element.ChildNodes)
            {
                Visit(child);
            }

            var target = element.GetAttribute("data-source")
                ?? (name == "a" && element.GetAttribute("href") is { } href && href.StartsWith('#') ? href : null);
            if (target is not null)
            {
                _builder.Link(start, target);
            }

            if (name == "div" && inList)
            {
                Flush(BlockKind.TableRow);
            }
            else if (name == "dl")
            {
                Flush(BlockKind.TableRow);
            }
            else if (isBlock)
            {
                Flush(name switch
                {
                    "h1" or "h2" or "h3" or "h4" or "h5" or "h6" => BlockKind.Heading,
                    "li" => BlockKind.ListItem,
                    "tr" => BlockKind.TableRow,
                    _ => BlockKind.Paragraph,
                });
            }
        }

        private int Position(IElement element)
            => baseOffset + Math.Clamp((element.SourceReference?.Position.Position ?? (_cursor + 1)) - 1, 0, Math.Max(0, source.Length - 1));

        private void AppendText(IText text)
        {
            var data = text.Data;
            if (string.IsNullOrWhiteSpace(data))
            {
                if (data.Length > 0)
                {
                    _builder.Append(' ', baseOffset + Math.Min(_cursor, Math.Max(0, source.Length - 1)));
                }

                return;
            }

            var offsets = Find(data);
            if (offsets is null)
            {
                var fallback = text.ParentElement is { } parent ? Position(parent) : baseOffset + _cursor;
                _builder.Append(data, fallback);
                return;
            }

            for (var i = 0; i < data.Length; i++)
            {
                _builder.Append(data[i], baseOffset + offsets[i]);
            }
        }

        /// <summary>The source offset of each character of <paramref name="data"/>, found after the cursor outside markup.</summary>
        private int[]? Find(string data)
        {
            var lead = 0;
            while (char.IsWhiteSpace(data[lead]))
            {
                lead++;
            }

            // A text not found within this many characters of text after the cursor takes its element's position, so
            // that a text the parser changed (a NUL, a bad reference) costs a bounded search, not one to the end.
            var budget = 4096 + (2 * data.Length);
            for (var p = _cursor; p < source.Length && budget > 0; p++)
            {
                if (source[p] == '<')
                {
                    p = SkipMarkup(p) - 1;
                    continue;
                }

                budget--;
                if (Match(data, lead, p, ref budget))
                {
                    var offsets = _buffer[..data.Length];
                    for (var i = 0; i < lead; i++)
                    {
                        offsets[i] = p;
                    }

                    _cursor = offsets[^1] + 1;
                    return offsets;
                }
            }

            return null;
        }

        /// <summary>The offset after the tag, comment or raw-text element that starts at <paramref name="p"/>.</summary>
        private int SkipMarkup(int p)
        {
            if (string.CompareOrdinal(source, p, "<!--", 0, 4) == 0)
            {
                var end = source.IndexOf("-->", p + 4, StringComparison.Ordinal);
                return end < 0 ? source.Length : end + 3;
            }

            foreach (var raw in new[] { "script", "style", "textarea", "title" })
            {
                if (p + raw.Length + 1 < source.Length && string.Compare(source, p + 1, raw, 0, raw.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && !char.IsLetterOrDigit(source[p + raw.Length + 1]) && !_unclosed.Contains(raw))
                {
                    var close = source.IndexOf("</" + raw, p + 1, StringComparison.OrdinalIgnoreCase);
                    if (close >= 0)
                    {
                        var gt = source.IndexOf('>', close);
                        return gt < 0 ? source.Length : gt + 1;
                    }

                    // None later either: not searched for again.
                    _unclosed.Add(raw);
                }
            }

            var quote = '\0';
            for (var i = p + 1; i < source.Length; i++)
            {
                var c = source[i];
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

            return source.Length;
        }

        /// <summary>
        /// Whether <paramref name="data"/> (from <paramref name="from"/> on) is at <paramref name="p"/>; if so, the offsets
        /// of its characters are in the reused buffer.
        /// </summary>
        private bool Match(string data, int from, int p, ref int budget)
        {
            if (_buffer.Length < data.Length)
            {
                _buffer = new int[Math.Max(data.Length, _buffer.Length * 2)];
            }

            var offsets = _buffer;
            var s = p;
            var i = from;
            while (i < data.Length)
            {
                if (s >= source.Length)
                {
                    return false;
                }

                if (source[s] == '\r' && data[i] == '\n')
                {
                    s++;
                    continue;
                }

                if (source[s] == '&' && Entity(s) is ({ } decoded, var length) && string.CompareOrdinal(data, i, decoded, 0, decoded.Length) == 0)
                {
                    for (var k = 0; k < decoded.Length; k++)
                    {
                        offsets[i + k] = s;
                    }

                    i += decoded.Length;
                    s += length;
                    continue;
                }

                if (source[s] != data[i] || --budget < 0)
                {
                    return false;
                }

                offsets[i++] = s++;
            }

            return true;
        }

        /// <summary>The character reference at <paramref name="s"/>, decoded, and its length in the source.</summary>
        private (string? Decoded, int Length) Entity(int s)
        {
            var semi = source.IndexOf(';', s, Math.Min(40, source.Length - s));
            if (semi < 0)
            {
                return (null, 0);
            }

            var reference = source[s..(semi + 1)];
            var decoded = WebUtility.HtmlDecode(reference);
            return decoded == reference ? (null, 0) : (decoded, reference.Length);
        }
    }
}
