using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Evident.Evidence.Checking;

/// <summary>
/// The text of a Markdown summary, parsed with Markdig (CommonMark, pipe tables, precise source locations): headings,
/// paragraphs, list items and table rows (cells joined with " | ") become blocks; link text counts as text and a
/// link's target (<c>#outcomes/mep/estimate</c>) links it to a source value; code is left out; raw HTML blocks are
/// read as HTML.
/// </summary>
internal static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().UsePipeTables().Build();

    /// <summary>
    /// The blocks of a Markdown text. Markdig refuses elements nested past its depth limit (it throws rather than
    /// recurse without end); such a file is read as plain text, with a note at the first deeply nested line.
    /// </summary>
    public static List<TextBlock> Blocks(string text, List<ReadingNote> notes)
    {
        // A line nested a hundred deep is not read by Markdig at all (it would refuse it, after a long try).
        MarkdownDocument? document = null;
        if (DeeplyNested(text, 100) is null)
        {
            try
            {
                document = Markdown.Parse(text, Pipeline);
            }
            catch (ArgumentException)
            {
            }
        }

        if (document is null)
        {
            notes.Add(ReadingNote.MarkdownTooDeep(DeeplyNested(text, 32) ?? 0));
            return PlainText.Blocks(text);
        }

        var blocks = new List<TextBlock>();
        var builder = new BlockBuilder();
        foreach (var block in document)
        {
            Visit(block, text, builder, blocks, BlockKind.Paragraph, notes);
        }

        return blocks;
    }

    /// <summary>
    /// Where the text starts to nest <paramref name="deep"/> levels: the first line with that many quote or list
    /// markers (or spaces) before its text, or the first place where that many brackets are open;
    /// null when there is none.
    /// </summary>
    internal static int? DeeplyNested(string text, int deep)
    {
        var (lineStart, markers, open) = (true, 0, 0);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                (lineStart, markers, open) = (true, 0, 0);
                continue;
            }

            if (lineStart && c is '>' or ' ' or '\t' or '-' or '*' or '+')
            {
                if (++markers >= deep)
                {
                    return i - markers + 1;
                }

                continue;
            }

            lineStart = false;
            open = c is '[' or '(' ? open + 1 : c is ']' or ')' ? Math.Max(0, open - 1) : open;
            if (open >= deep)
            {
                return i;
            }
        }

        return null;
    }

    private static void Visit(Block block, string source, BlockBuilder builder, List<TextBlock> blocks, BlockKind kind, List<ReadingNote> notes)
    {
        switch (block)
        {
            case HeadingBlock heading:
                AddInlines(heading.Inline, source, builder);
                Take(builder, blocks, BlockKind.Heading);
                break;
            case Table table:
                foreach (var row in table.OfType<TableRow>())
                {
                    foreach (var cell in row.OfType<TableCell>())
                    {
                        if (builder.Length > 0)
                        {
                            builder.Append(" | ", cell.Span.Start);
                        }

                        foreach (var leaf in cell.OfType<LeafBlock>())
                        {
                            AddInlines(leaf.Inline, source, builder);
                        }
                    }

                    Take(builder, blocks, BlockKind.TableRow);
                }

                break;
            case ListItemBlock item:
                foreach (var child in item)
                {
                    Visit(child, source, builder, blocks, BlockKind.ListItem, notes);
                }

                break;
            case CodeBlock:
                break;
            case HtmlBlock html:
                var start = html.Span.Start;
                var end = Math.Min(source.Length, html.Span.End + 1);
                blocks.AddRange(HtmlText.Blocks(source[start..end], out var deep, start));
                if (deep is { } at)
                {
                    notes.Add(ReadingNote.HtmlTooDeep(at));
                }

                break;
            case ParagraphBlock paragraph:
                AddInlines(paragraph.Inline, source, builder);
                Take(builder, blocks, kind);
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Visit(child, source, builder, blocks, kind, notes);
                }

                break;
            case LeafBlock leaf:
                AddInlines(leaf.Inline, source, builder);
                Take(builder, blocks, kind);
                break;
        }
    }

    private static void Take(BlockBuilder builder, List<TextBlock> blocks, BlockKind kind)
    {
        if (builder.Take(kind) is { } block)
        {
            blocks.Add(block);
        }
    }

    private static void AddInlines(ContainerInline? container, string source, BlockBuilder builder)
    {
        if (container is null)
        {
            return;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    AddLiteral(literal.Content.ToString(), literal.Span, source, builder);
                    break;
                case CodeInline code:
                    AddLiteral(code.Content, code.Span, source, builder);
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.ToString(), entity.Span.Start);
                    break;
                case LineBreakInline lineBreak:
                    builder.Append(' ', lineBreak.Span.Start);
                    break;
                case LinkInline { IsImage: true }:
                    break;
                case LinkInline link:
                    var start = builder.Length;
                    AddInlines(link, source, builder);
                    if (link.Url is { } url)
                    {
                        builder.Link(start, url);
                    }

                    break;
                case AutolinkInline autolink:
                    AddLiteral(autolink.Url, autolink.Span, source, builder);
                    break;
                case ContainerInline child:
                    AddInlines(child, source, builder);
                    break;
            }
        }
    }

    /// <summary>Adds text whose source is the span: one character per source character where the lengths agree, else all at its start.</summary>
    private static void AddLiteral(string text, SourceSpan span, string source, BlockBuilder builder)
    {
        var start = Math.Max(0, span.Start);
        var at = span.Length == text.Length ? start
            : source.IndexOf(text, start, Math.Max(0, Math.Min(source.Length - start, span.Length)), StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            builder.Append(text[i], at >= 0 ? at + i : start);
        }
    }
}
