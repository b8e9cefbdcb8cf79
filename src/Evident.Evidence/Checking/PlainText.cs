namespace Evident.Evidence.Checking;

/// <summary>
/// Blocks of a plain-text summary. Every line is a block, except that a line is joined with the next when the text
/// was wrapped: the next line starts with a lower-case letter, or the line is longer than
/// <see cref="WrapWidth"/> characters and does not end a sentence. A short line such as "Key Takeaway" followed by
/// its sentence (the seed page) therefore stays a block of its own.
/// </summary>
internal static class PlainText
{
    /// <summary>Lines at least this long that end without a sentence mark are taken as wrapped.</summary>
    private const int WrapWidth = 60;

    public static List<TextBlock> Blocks(string text)
    {
        var blocks = new List<TextBlock>();
        var builder = new BlockBuilder();
        var lines = Lines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var (start, length) = lines[i];
            var line = text.AsSpan(start, length);
            if (line.IsWhiteSpace())
            {
                Flush();
                continue;
            }

            for (var c = 0; c < length; c++)
            {
                builder.Append(text[start + c], start + c);
            }

            var trimmed = line.TrimEnd();
            var next = i + 1 < lines.Count ? text.AsSpan(lines[i + 1].Start, lines[i + 1].Length).TrimStart() : [];
            var wraps = !next.IsEmpty
                && (char.IsLower(next[0]) || (trimmed.Length >= WrapWidth && trimmed[^1] is not ('.' or '!' or '?' or ':')));
            if (wraps)
            {
                builder.Append(' ', start + length);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (builder.Take(BlockKind.Paragraph) is { } block)
            {
                blocks.Add(block);
            }
        }
    }

    /// <summary>Start and length of each line, without its line break (LF, CRLF or CR).</summary>
    internal static List<(int Start, int Length)> Lines(string text)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add((start, i - start));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add((start, text.Length - start));
        }

        return lines;
    }
}
