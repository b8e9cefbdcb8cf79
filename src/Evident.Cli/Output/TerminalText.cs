using System.Buffers;
using System.Globalization;
using System.Text;

namespace Evident.Cli.Output;

/// <summary>
/// Text from a file on its way to a terminal: control characters are shown as visible escapes (<c>\x1B</c>,
/// <c>\u202E</c>) instead of being sent raw, so a study name, outcome or cell can neither move the cursor, recolour,
/// retitle or clear the terminal, nor overwrite or hide what was printed before it (a carriage return, a backspace, a
/// bidirectional override). Escaped: the C0 controls but line feed and tab (which keep their meaning in lines and
/// tables), DEL, the C1 controls (U+0080–U+009F, among them the one-character CSI U+009B), and the bidirectional
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). A carriage return directly before a line feed
/// (a Windows line end) is kept.
/// </summary>
internal static class TerminalText
{
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not '\n' and not '\t').Select(c => (char)c), '\u007F',
            .. Enumerable.Range(0x80, 0x20).Select(c => (char)c), .. Enumerable.Range(0x202A, 5).Select(c => (char)c),
            .. Enumerable.Range(0x2066, 4).Select(c => (char)c)]);

    /// <summary>True when <paramref name="text"/> has a character <see cref="Escape(string)"/> would change.</summary>
    public static bool NeedsEscaping(ReadOnlySpan<char> text) => text.ContainsAny(Controls);

    /// <summary><paramref name="text"/> as one line: every control character, line breaks included, as a visible escape.</summary>
    public static string Line(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsEscaping(text) && !text.AsSpan().ContainsAny('\n', '\r'))
        {
            return text;
        }

        var s = new StringBuilder(text.Length + 16);
        Append(s, text, oneLine: true);
        return s.ToString();
    }

    /// <summary><paramref name="text"/> with every control character as a visible escape.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsEscaping(text))
        {
            return text;
        }

        var s = new StringBuilder(text.Length + 16);
        Append(s, text);
        return s.ToString();
    }

    /// <summary>
    /// Appends <paramref name="text"/> to <paramref name="s"/> with every control character as a visible escape; with
    /// <paramref name="oneLine"/>, line breaks too (<c>\n</c>): a message quoting a header or cell that holds one stays
    /// one line.
    /// </summary>
    public static void Append(StringBuilder s, ReadOnlySpan<char> text, bool oneLine = false)
    {
        ArgumentNullException.ThrowIfNull(s);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (oneLine && c is '\n' or '\r')
            {
                s.Append(c == '\n' ? "\\n" : "\\r");
            }
            else if (!Controls.Contains(c) || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                s.Append(c);
            }
            else if (c <= '\u00FF')
            {
                s.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                s.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }
    }
}

/// <summary>A writer that passes everything on to <see cref="Inner"/>; the wrappers below derive from it.</summary>
internal abstract class ForwardingWriter(TextWriter inner) : TextWriter(CultureInfo.InvariantCulture)
{
    /// <summary>The writer wrapped.</summary>
    public TextWriter Inner { get; } = inner;

    /// <inheritdoc/>
    public override Encoding Encoding => Inner.Encoding;

    /// <summary>The writer under every wrapper.</summary>
    public static TextWriter Unwrap(TextWriter writer)
    {
        while (writer is ForwardingWriter forwarding)
        {
            writer = forwarding.Inner;
        }

        return writer;
    }

    /// <inheritdoc/>
    public override void Write(char value) => Write([value]);

    /// <inheritdoc/>
    public override void Write(string? value) => Write(value.AsSpan());

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <inheritdoc/>
    public override void WriteLine() => Write(CoreNewLine);

    /// <inheritdoc/>
    public override void WriteLine(string? value)
    {
        Write(value.AsSpan());
        Write(CoreNewLine);
    }

    /// <inheritdoc/>
    public abstract override void Write(ReadOnlySpan<char> buffer);

    /// <inheritdoc/>
    public override void Flush() => Inner.Flush();
}

/// <summary>
/// A writer to a terminal (stderr, and stdout when it is one): every control character of the text is written as a
/// visible escape (<see cref="TerminalText"/>). What is written with <c>WriteLine(value)</c> is one line (a message):
/// its own line breaks are escaped too. The wrapped writer stays reachable (<see cref="ForwardingWriter.Unwrap"/>) for
/// the progress bar, whose own control sequences are meant.
/// </summary>
internal sealed class TerminalWriter(TextWriter inner) : ForwardingWriter(inner)
{
    private readonly StringBuilder _escaped = new();

    /// <inheritdoc/>
    public override void WriteLine(string? value)
    {
        Write(TerminalText.Line(value ?? string.Empty).AsSpan());
        Write(CoreNewLine);
    }

    /// <inheritdoc/>
    public override void WriteLine(object? value) => WriteLine(value?.ToString());

    /// <summary><paramref name="writer"/> as a <see cref="TerminalWriter"/> (itself when it is one already).</summary>
    public static TerminalWriter For(TextWriter writer) => writer as TerminalWriter ?? new TerminalWriter(writer);

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (!TerminalText.NeedsEscaping(buffer))
        {
            Inner.Write(buffer);
            return;
        }

        _escaped.Clear();
        TerminalText.Append(_escaped, buffer);
        foreach (var chunk in _escaped.GetChunks())
        {
            Inner.Write(chunk.Span);
        }
    }
}

/// <summary>
/// stdout as a command writes its document: a failed write (a full disk, <c>&gt; /dev/full</c>, a closed pipe) becomes
/// <see cref="OutputUnwritableException"/>, which the command reports as <c>output-unwritable</c> (exit 3) instead of
/// mistaking it for an unreadable input (the analysis library reads every <see cref="IOException"/> as one).
/// </summary>
internal sealed class OutputGuard(TextWriter inner) : ForwardingWriter(inner)
{
    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<char> buffer)
    {
        try
        {
            Inner.Write(buffer);
        }
        catch (IOException e)
        {
            throw new OutputUnwritableException(e);
        }
    }

    /// <inheritdoc/>
    public override void Flush()
    {
        try
        {
            Inner.Flush();
        }
        catch (IOException e)
        {
            throw new OutputUnwritableException(e);
        }
    }
}

/// <summary>stdout cannot be written (see <see cref="OutputGuard"/>); deliberately not an <see cref="IOException"/>.</summary>
internal sealed class OutputUnwritableException(IOException cause) : Exception(cause.Message, cause);
