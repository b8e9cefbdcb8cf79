using System.Collections.Immutable;
using System.Text;

namespace Evident.Evidence.Checking;

/// <summary>The file format of a summary to check.</summary>
public enum SummaryFormat
{
    /// <summary>Plain text: one block per line (a line that wraps into a lower-case next line, or a long line without an end mark, is joined with it).</summary>
    Text,

    /// <summary>Markdown (CommonMark with pipe tables), read with Markdig.</summary>
    Markdown,

    /// <summary>HTML, read with AngleSharp: visible text only.</summary>
    Html,
}

/// <summary>What a block of text is in its document.</summary>
public enum BlockKind
{
    /// <summary>A heading (HTML h1–h6, Markdown #).</summary>
    Heading,

    /// <summary>A paragraph or any other run of prose.</summary>
    Paragraph,

    /// <summary>A list item.</summary>
    ListItem,

    /// <summary>A table row; its cells are separated by " | ".</summary>
    TableRow,
}

/// <summary>A link on part of a block's text: HTML <c>data-source</c> or <c>href="#…"</c>, a Markdown link target.</summary>
/// <param name="Start">First character in the block's text.</param>
/// <param name="Length">Number of characters.</param>
/// <param name="Target">The target without a leading '#', e.g. <c>outcomes/mep/estimate</c>.</param>
public readonly record struct TextLink(int Start, int Length, string Target);

/// <summary>How a summary file had to be read, at an offset of it: a located warning of the review.</summary>
/// <param name="Code">Stable code (<see cref="FindingCodes.MarkupTooDeep"/>).</param>
/// <param name="Offset">Where in the file.</param>
/// <param name="Message">What was done.</param>
public sealed record ReadingNote(string Code, int Offset, string Message)
{
    internal static ReadingNote HtmlTooDeep(int offset) => new(FindingCodes.MarkupTooDeep, offset,
        $"Elements are nested more than {HtmlText.MaxDepth} deep here; the deeper start tags were left out and their text read at level {HtmlText.MaxDepth}.");

    internal static ReadingNote MarkdownTooDeep(int offset) => new(FindingCodes.MarkupTooDeep, offset,
        "The Markdown is nested more deeply than its reader follows (quotes, lists or brackets within each other), from about here; the file was read as plain text.");
}

/// <summary>
/// A block of visible text (a heading, paragraph, list item or table row) with runs of white space collapsed to one
/// space, and for each character its offset in the original file.
/// </summary>
/// <param name="Text">The text.</param>
/// <param name="Kind">What the block is.</param>
/// <param name="Offsets">For each character of <paramref name="Text"/>, its offset in the original file.</param>
/// <param name="Links">Links on parts of the text.</param>
public sealed record TextBlock(string Text, BlockKind Kind, ImmutableArray<int> Offsets, ImmutableArray<TextLink> Links)
{
    /// <summary>Whether the block is (part of) the key takeaway.</summary>
    public bool IsTakeaway { get; init; }

    /// <summary>The link target on the character at <paramref name="index"/>, if any (the innermost where links nest).</summary>
    public string? LinkAt(int index)
    {
        // Links are in order of their start (BlockBuilder); the innermost holding the index starts last.
        var (low, high) = (0, Links.Length);
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (Links[mid].Start <= index)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        for (var i = low - 1; i >= 0 && i >= low - 16; i--)
        {
            if (index < Links[i].Start + Links[i].Length)
            {
                return Links[i].Target;
            }
        }

        return null;
    }
}

/// <summary>
/// A summary's visible text as blocks that know where each character came from, so a finding can point at the line and
/// column of the original file. The key takeaway is recognised in all three formats: a heading "Key takeaway" (or
/// "Key message(s)") covers the blocks up to the next heading; a block that is only that label covers the next block
/// (the seed page's layout); a block that starts with "Key takeaway:" (or "Key takeaway." or a dash) is itself the takeaway.
/// </summary>
public sealed class SummaryDocument
{
    private readonly int[] _lineStarts;

    private SummaryDocument(string source, ImmutableArray<TextBlock> blocks, ImmutableArray<ReadingNote> notes)
    {
        Source = source;
        Blocks = blocks;
        Notes = notes;

        // Lines end at LF, CRLF or a lone CR, as the plain-text reader splits them.
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n' || (source[i] == '\r' && (i + 1 == source.Length || source[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    /// <summary>The original file's text.</summary>
    public string Source { get; }

    /// <summary>The visible text, in document order.</summary>
    public ImmutableArray<TextBlock> Blocks { get; }

    /// <summary>What the reader had to do to read the file (markup nested too deeply), at its offset.</summary>
    public ImmutableArray<ReadingNote> Notes { get; }

    /// <summary>Reads <paramref name="text"/> in the given format.</summary>
    public static SummaryDocument Read(string text, SummaryFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        var notes = new List<ReadingNote>();
        List<TextBlock> blocks;
        switch (format)
        {
            case SummaryFormat.Html:
                blocks = HtmlText.Blocks(text, out var deep);
                if (deep is { } at)
                {
                    notes.Add(ReadingNote.HtmlTooDeep(at));
                }

                break;
            case SummaryFormat.Markdown:
                blocks = MarkdownText.Blocks(text, notes);
                break;
            default:
                blocks = PlainText.Blocks(text);
                break;
        }

        return new SummaryDocument(text, MarkTakeaway(blocks), [.. notes.OrderBy(n => n.Offset)]);
    }

    /// <summary>The format a file name's extension implies: .md/.markdown, .html/.htm, else text.</summary>
    public static SummaryFormat FormatOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = fileName.ToLowerInvariant();
        return name.EndsWith(".md", StringComparison.Ordinal) || name.EndsWith(".markdown", StringComparison.Ordinal) ? SummaryFormat.Markdown
            : name.EndsWith(".html", StringComparison.Ordinal) || name.EndsWith(".htm", StringComparison.Ordinal) ? SummaryFormat.Html
            : SummaryFormat.Text;
    }

    /// <summary>1-based line and column of an offset in the original file (columns count UTF-16 code units).</summary>
    public (int Line, int Column) Locate(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }

    private static readonly string[] TakeawayLabels = ["key takeaway", "key takeaways", "key message", "key messages", "takeaway"];

    private static bool IsTakeawayLabel(string text) => TakeawayLabels.Contains(text.Trim().TrimEnd(':').Trim().ToLowerInvariant());

    private static ImmutableArray<TextBlock> MarkTakeaway(List<TextBlock> blocks)
    {
        var result = new List<TextBlock>(blocks.Count);
        var underHeading = false;
        var nextOnly = false;
        foreach (var block in blocks)
        {
            if (block.Kind == BlockKind.Heading)
            {
                underHeading = IsTakeawayLabel(block.Text);
                nextOnly = false;
                result.Add(block);
                continue;
            }

            if (IsTakeawayLabel(block.Text))
            {
                nextOnly = true;
                result.Add(block);
                continue;
            }

            var startsWithLabel = TakeawayLabels.Any(l => block.Text.Length > l.Length && block.Text.StartsWith(l, StringComparison.OrdinalIgnoreCase)
                && block.Text[l.Length] is ':' or '.' or '-' or '\u2013' or '\u2014');
            result.Add(block with { IsTakeaway = underHeading || nextOnly || startsWithLabel });
            nextOnly = false;
        }

        return [.. result];
    }
}

/// <summary>Builds a <see cref="TextBlock"/> character by character, collapsing white space and recording offsets and links.</summary>
internal sealed class BlockBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<int> _offsets = [];
    private readonly List<TextLink> _links = [];

    public int Length => _text.Length;

    public void Append(char c, int offset)
    {
        if (char.IsWhiteSpace(c) || c == '\u00A0')
        {
            if (_text.Length > 0 && _text[^1] != ' ')
            {
                _text.Append(' ');
                _offsets.Add(offset);
            }

            return;
        }

        _text.Append(c);
        _offsets.Add(offset);
    }

    /// <summary>Appends text whose characters all come from one offset (an entity, an escape).</summary>
    public void Append(string text, int offset)
    {
        foreach (var c in text)
        {
            Append(c, offset);
        }
    }

    public void Link(int start, string target)
    {
        var t = target.Trim();
        if (t.StartsWith('#'))
        {
            t = t[1..];
        }

        var end = _text.Length;
        while (start < end && _text[start] == ' ')
        {
            start++;
        }

        if (end > start && t.Length > 0)
        {
            _links.Add(new TextLink(start, end - start, Uri.UnescapeDataString(t)));
        }
    }

    /// <summary>The block (trailing white space removed), or null when it holds no text; the builder is emptied.</summary>
    public TextBlock? Take(BlockKind kind)
    {
        var length = _text.Length;
        while (length > 0 && _text[length - 1] == ' ')
        {
            length--;
        }

        var start = 0;
        while (start < length && _text[start] == ' ')
        {
            start++;
        }

        TextBlock? block = null;
        if (length > start)
        {
            var text = _text.ToString(start, length - start);
            var links = _links.Where(l => l.Start < length).Select(l => l with { Start = Math.Max(0, l.Start - start), Length = Math.Min(l.Length, length - l.Start) })
                .OrderBy(l => l.Start).ThenByDescending(l => l.Length);
            block = new TextBlock(text, kind, [.. _offsets.Skip(start).Take(length - start)], [.. links]);
        }

        _text.Clear();
        _offsets.Clear();
        _links.Clear();
        return block;
    }
}
