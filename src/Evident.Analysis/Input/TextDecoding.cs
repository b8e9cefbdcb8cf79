using System.Globalization;
using System.Text;

namespace Evident.Analysis.Input;

/// <summary>Where a file stops being UTF-8: the line, the byte, and the line's bytes for the message.</summary>
/// <param name="Line">1-based line of the first byte that is not UTF-8.</param>
/// <param name="Byte">That byte.</param>
/// <param name="Text">The bytes of that line (at most about 80 around the byte).</param>
/// <param name="Mixed">Valid UTF-8 characters beyond ASCII come before it: the file mixes encodings.</param>
internal sealed record Utf8Problem(int Line, byte Byte, byte[] Text, bool Mixed)
{
    /// <summary>The <c>encoding-unknown</c> message for a file that mixes UTF-8 with another encoding.</summary>
    public string MixedMessage() => string.Create(CultureInfo.InvariantCulture,
        $"The file mixes encodings: it has UTF-8 text, but line {Line} has the byte 0x{Byte:X2}, which UTF-8 does not allow there "
        + $"(text pasted from another file?). No single reading of it is right; save it as CSV UTF-8 (fixing that line) and run again.");

    /// <summary>
    /// The <c>encoding</c> note: the file was read as Windows-1252, with the line as it then reads, so a user sees at once
    /// whether the guess was right.
    /// </summary>
    public string Note()
    {
        var sample = Windows1252Stream.Decode(Text).Trim();
        if (sample.Length > 70)
        {
            sample = sample[..70] + "…";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"The file is not UTF-8 (line {Line} has the byte 0x{Byte:X2}, which UTF-8 does not allow there); it was read as Windows-1252, "
            + $"the encoding Excel on Windows writes CSV in, so line {Line} reads \"{sample}\". If that looks wrong, save the file as "
            + $"CSV UTF-8 and run again.");
    }
}

/// <summary>UTF-8 validation helpers.</summary>
internal static class Utf8Check
{
    /// <summary>The length of <paramref name="bytes"/> without a multi-byte sequence cut off at its end.</summary>
    public static int CompleteLength(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if (b < 0x80)
            {
                return bytes.Length;
            }

            if (b >= 0xC0)
            {
                // A lead byte: its sequence is complete if it has all its continuation bytes.
                var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return needed > back ? bytes.Length - back : bytes.Length;
            }
        }

        return bytes.Length;
    }

    /// <summary>The position of the first byte that is not part of valid UTF-8, or null when all is valid.</summary>
    public static int? FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }

        var p = 0;
        while (p < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[p..], out _, out var size) != System.Buffers.OperationStatus.Done)
            {
                return p;
            }

            p += size;
        }

        return null;
    }

    /// <summary>
    /// The problem at <paramref name="position"/> of <paramref name="bytes"/>, which start on line <paramref name="firstLine"/>;
    /// <paramref name="sawNonAscii"/>: characters beyond ASCII came before these bytes.
    /// </summary>
    public static Utf8Problem Problem(ReadOnlySpan<byte> bytes, int position, int firstLine, bool sawNonAscii = false)
    {
        var before = bytes[..position];
        var line = firstLine + before.Count((byte)'\n');
        var start = before.LastIndexOf((byte)'\n') + 1;
        start = Math.Max(start, position - 40);
        var end = bytes[position..].IndexOfAny((byte)'\n', (byte)'\r');
        end = end < 0 ? bytes.Length : position + end;
        end = Math.Min(end, position + 40);
        var mixed = sawNonAscii || bytes[..position].IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
        return new Utf8Problem(line, bytes[position], bytes[start..end].ToArray(), mixed);
    }

}

/// <summary>
/// Passes a UTF-8 stream through unchanged and finds the first byte that is not valid UTF-8 (<see cref="Problem"/>),
/// so the first pass over a file learns whether its encoding was guessed right without a pass of its own.
/// </summary>
internal sealed class Utf8CheckStream(Stream inner) : PassThroughStream(inner)
{
    private readonly byte[] _carry = new byte[4];
    private int _carried;
    private int _lines = 1;
    private bool _done;
    private bool _sawNonAscii;

    /// <summary>The first problem, or null (so far).</summary>
    public Utf8Problem? Problem { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        if (!_done)
        {
            Check(buffer[..read], read == 0);
        }

        return read;
    }

    private void Check(ReadOnlySpan<byte> bytes, bool end)
    {
        if (_carried > 0)
        {
            // Complete the sequence cut at the end of the last read with the first bytes of this one.
            Span<byte> joined = stackalloc byte[8];
            _carry.AsSpan(0, _carried).CopyTo(joined);
            var take = Math.Min(4, bytes.Length);
            bytes[..take].CopyTo(joined[_carried..]);
            var whole = joined[..(_carried + take)];
            var status = Rune.DecodeFromUtf8(whole, out _, out var size);
            if (status == System.Buffers.OperationStatus.NeedMoreData && !end && take < 4 - _carried)
            {
                bytes[..take].CopyTo(_carry.AsSpan(_carried));
                _carried += take;
                return;
            }

            if (status != System.Buffers.OperationStatus.Done)
            {
                Found(whole, 0);
                return;
            }

            bytes = bytes[(size - _carried)..];
            _carried = 0;
        }

        var complete = end ? bytes.Length : Utf8Check.CompleteLength(bytes);
        if (Utf8Check.FirstInvalid(bytes[..complete]) is { } invalid)
        {
            Found(bytes, invalid);
            return;
        }

        _lines += bytes[..complete].Count((byte)'\n');
        _sawNonAscii |= bytes[..complete].IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0;
        bytes[complete..].CopyTo(_carry);
        _carried = bytes.Length - complete;
    }

    private void Found(ReadOnlySpan<byte> bytes, int position)
    {
        Problem = Utf8Check.Problem(bytes, position, _lines, _sawNonAscii);
        _done = true;
    }
}

/// <summary>
/// Decodes Windows-1252 bytes to UTF-8 on the way through. The five bytes Windows-1252 leaves undefined (0x81, 0x8D,
/// 0x8F, 0x90, 0x9D) are passed as the C1 controls Latin-1 gives them and counted (<see cref="Undefined"/>), so the
/// caller can refuse the file rather than show them.
/// </summary>
internal sealed class Windows1252Stream(Stream inner) : PassThroughStream(inner)
{
    /// <summary>The characters of 0x80–0x9F (the undefined bytes as Latin-1's C1 controls).</summary>
    private static readonly char[] High =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    private readonly byte[] _raw = new byte[1 << 16];
    private readonly byte[] _pending = new byte[3];
    private int _pendingStart;
    private int _pendingLength;
    private int _lines = 1;

    /// <summary>How many undefined bytes have passed.</summary>
    public int Undefined { get; private set; }

    /// <summary>The line of the first undefined byte (0: none).</summary>
    public int FirstUndefinedLine { get; private set; }

    /// <summary>The first undefined byte.</summary>
    public byte FirstUndefined { get; private set; }

    /// <summary>Decodes Windows-1252 bytes to text.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = Char(bytes[i]);
        }

        return new string(chars);
    }

    private static char Char(byte b) => b is >= 0x80 and < 0xA0 ? High[b - 0x80] : (char)b;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var written = 0;
        while (_pendingLength > 0 && written < buffer.Length)
        {
            buffer[written++] = _pending[_pendingStart++];
            _pendingLength--;
        }

        if (written > 0)
        {
            return written;
        }

        // Each byte gives at most 3 UTF-8 bytes; read no more than fit (at least one, whose output may wait in _pending).
        var read = Inner.Read(_raw.AsSpan(0, Math.Clamp(buffer.Length / 3, 1, _raw.Length)));
        if (read == 0)
        {
            return 0;
        }

        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < read; i++)
        {
            var b = _raw[i];
            if (b < 0x80)
            {
                _lines += b == '\n' ? 1 : 0;
                if (written < buffer.Length)
                {
                    buffer[written++] = b;
                    continue;
                }

                utf8[0] = b;
                Pend(utf8[..1]);
                continue;
            }

            if (InputSniffer.IsUndefinedIn1252(b))
            {
                if (Undefined++ == 0)
                {
                    (FirstUndefinedLine, FirstUndefined) = (_lines, b);
                }
            }

            var n = new Rune(Char(b)).EncodeToUtf8(utf8);
            if (written + n <= buffer.Length)
            {
                utf8[..n].CopyTo(buffer[written..]);
                written += n;
            }
            else
            {
                Pend(utf8[..n]);
            }
        }

        return written;
    }

    private void Pend(ReadOnlySpan<byte> bytes)
    {
        if (_pendingLength == 0)
        {
            _pendingStart = 0;
        }

        bytes.CopyTo(_pending.AsSpan(_pendingStart + _pendingLength));
        _pendingLength += bytes.Length;
    }
}
