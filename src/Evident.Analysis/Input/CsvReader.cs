using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Evident.Analysis.Input;

/// <summary>
/// A streaming RFC 4180 reader over UTF-8 bytes: one record at a time, so a file of any size is read in constant memory.
/// Quoted fields may hold delimiters, doubled quotes and line breaks; lines end in CRLF, LF or CR; blank lines are
/// skipped. Unquoted fields are trimmed. It keeps the 1-based physical line each record starts on (the header is line 1)
/// so issues can point at it. Fields are spans of UTF-8 bytes into a reused buffer, valid until the next
/// <see cref="Read"/>. A leading UTF-8 byte-order mark is skipped.
/// </summary>
/// <remarks>
/// Implementation note: the reader works on the undecoded bytes and hands out fields as slices of its read buffer (only
/// a quoted field with doubled quotes or text after its closing quote is copied), because decoding the whole file to
/// UTF-16 and copying every field cost more than the rest of reading; the structural bytes (delimiter, quote, CR, LF) are
/// ASCII, which UTF-8 never uses inside a multi-byte character, so the fields are the same as in the decoded text.
/// Fields after <see cref="FieldLimit"/> are not split out, only skipped (quoted fields still hide their line breaks),
/// but they are counted, and those beyond the header's cells are checked for text (<see cref="CellCount"/>,
/// <see cref="ExtraText"/>). A quote that is never closed would make the rest of the file one field: the reader ends
/// that field at the first line break after the quote instead, reads the lines after it as records, and says so
/// (<see cref="Quote"/>); so does a quoted field that spans line breaks followed by lines as full of delimiters as a
/// record. Each refill reads until the buffer is full, so a record is re-scanned only when the buffer doubles and
/// reading stays linear in the input however long its lines or fields are.
/// </remarks>
internal sealed class CsvReader
{
    private const byte QuoteByte = (byte)'"';
    private const byte Lf = (byte)'\n';
    private const byte Cr = (byte)'\r';

    /// <summary>Bytes past the read ones that are always allocated, so 64 bytes can be loaded from any read position.</summary>
    private const int Slack = 64;

    private readonly Stream _stream;
    private readonly byte _delimiter;
    private byte[] _buffer = new byte[(1 << 17) + Slack];
    private int _maskBase = -64; // where _mask starts (no position is within 64 bytes after -64)
    private ulong _mask;
    private int _position;
    private int _length;
    private bool _endOfStream;
    private bool _started;
    private int _line = 1;
    private QuoteProblem _quote;
    private int _quoteLine;
    private int _quoteEndLine;
    private int _quoteField;
    private int _currentField;

    private int[] _starts = new int[64];
    private int[] _lengths = new int[64];
    private bool[] _copied = new bool[64];
    private int _count;
    private bool[]? _wanted;
    private byte[] _scratch = new byte[256];
    private int _scratchLength;

    /// <summary>Reads records from the UTF-8 bytes of <paramref name="stream"/>, fields separated by <paramref name="delimiter"/>.</summary>
    public CsvReader(Stream stream, char delimiter)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delimiter, '\u007f');
        _stream = stream;
        _delimiter = (byte)delimiter;
    }

    /// <summary>A reader over text in memory (tests, small inputs).</summary>
    public static CsvReader FromText(string text, char delimiter) => new(new MemoryStream(Encoding.UTF8.GetBytes(text)), delimiter);

    /// <summary>The line the current record starts on.</summary>
    public int Line { get; private set; }

    /// <summary>
    /// How many bytes record parsing has looked at, counting those of a record scanned again after a refill: at most a
    /// small multiple of the input's size, however long its records (tests check that reading stays linear).
    /// </summary>
    internal long ScannedBytes { get; private set; }

    /// <summary>How many records <see cref="Read"/> has returned.</summary>
    public int RecordCount { get; private set; }

    /// <summary>
    /// How many fields of each record to split out (at least 1); the rest of a longer record is skipped, and reads as
    /// empty. Unlimited unless set.
    /// </summary>
    public int FieldLimit
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
            _wanted = null;
        }
    } = int.MaxValue;

    /// <summary>
    /// Reads only the fields at <paramref name="columns"/> (0-based; at least one): the others read as empty, and those
    /// after the last are skipped (<see cref="FieldLimit"/>).
    /// </summary>
    public void Want(IReadOnlyCollection<int> columns)
    {
        FieldLimit = columns.Max() + 1;
        _wanted = new bool[FieldLimit];
        _wanted[0] = true; // whether a record is blank depends on its first field
        foreach (var column in columns)
        {
            _wanted[column] = true;
        }
    }

    /// <summary>The number of fields of the current record (at most <see cref="FieldLimit"/>).</summary>
    public int FieldCount => _count;

    /// <summary>The number of cells of the current record, those skipped after <see cref="FieldLimit"/> included.</summary>
    public int CellCount { get; private set; }

    /// <summary>The number of cells of the first record read (the header); 0 before it.</summary>
    public int HeaderCellCount { get; private set; }

    /// <summary>Whether a cell of the current record beyond <see cref="HeaderCellCount"/> holds text (not only white space).</summary>
    public bool ExtraText { get; private set; }

    /// <summary>What is wrong with the quotes of the current record, if anything.</summary>
    public QuoteProblem Quote => _quote;

    /// <summary>The line of the quote <see cref="Quote"/> is about.</summary>
    public int QuoteLine => _quoteLine;

    /// <summary>The 0-based cell the quote <see cref="Quote"/> is about opens.</summary>
    public int QuoteField => _quoteField;

    /// <summary>
    /// For <see cref="QuoteProblem.Unterminated"/>, the last line of the input (the lines the quote would have
    /// swallowed end there); for <see cref="QuoteProblem.SpansRows"/>, the line of the closing quote.
    /// </summary>
    public int QuoteEndLine => _quoteEndLine;

    /// <summary>Field <paramref name="index"/> of the current record as UTF-8; empty when the record is shorter.</summary>
    public ReadOnlySpan<byte> Field(int index)
        => index >= _count ? default : (_copied[index] ? _scratch : _buffer).AsSpan(_starts[index], _lengths[index]);

    /// <summary>Field <paramref name="index"/> as a string (empty when the record is shorter).</summary>
    public string GetString(int index) => index < _count ? Encoding.UTF8.GetString(Field(index)) : string.Empty;

    /// <summary>The current record's fields as strings.</summary>
    public string[] Fields()
    {
        var fields = new string[_count];
        for (var i = 0; i < _count; i++)
        {
            fields[i] = GetString(i);
        }

        return fields;
    }

    /// <summary>Moves to the next non-blank record; false at the end of the input.</summary>
    public bool Read()
    {
        while (true)
        {
            if (_position >= _length && !Fill())
            {
                _count = 0;
                return false;
            }

            bool blank;
            var from = _position;
            while (!TryParseRecord(out blank))
            {
                ScannedBytes += _length - _position;
                Fill();
                from = _position;
            }

            ScannedBytes += _position - from;

            if (!blank)
            {
                RecordCount++;
                if (RecordCount == 1)
                {
                    HeaderCellCount = CellCount;
                    ExtraText = false;
                }

                return true;
            }
        }
    }

    /// <summary>
    /// Splits the record at the read position if it is complete in the buffer (or the stream has ended); false when
    /// more bytes are needed, with nothing consumed.
    /// </summary>
    private bool TryParseRecord(out bool blank)
    {
        var buffer = _buffer;
        var end = _length;
        var p = _position;
        var line = _line;
        var atEnd = _endOfStream;
        _count = 0;
        _scratchLength = 0;
        _quote = QuoteProblem.None;
        blank = false;
        var cut = false;
        var skipped = 0;
        var extraText = false;
        while (true)
        {
            if (_count == FieldLimit)
            {
                if (!SkipRest(ref p, ref line, ref skipped, ref extraText))
                {
                    return false;
                }

                cut = true;
                break;
            }

            int fieldEnd;
            var wanted = _wanted is null || _wanted[_count];
            if (p < end && buffer[p] == QuoteByte)
            {
                var open = p;
                _currentField = _count;
                var close = ScanQuoted(p + 1, ref line, out var escaped);
                if (close < 0)
                {
                    return false;
                }

                // After an unterminated quote the field ends at a line break (close), not at a closing quote.
                var after = close < end && buffer[close] == QuoteByte ? close + 1 : close;
                var k = FieldEnd(after);
                if (k < 0 && !atEnd)
                {
                    return false;
                }

                fieldEnd = k < 0 ? end : k;
                if (!wanted)
                {
                    AddField(open, 0, copied: false);
                }
                else if (escaped || fieldEnd != after || after == close)
                {
                    AddUnescaped(open, fieldEnd);
                }
                else
                {
                    AddField(open + 1, close - open - 1, copied: false);
                }
            }
            else
            {
                var k = FieldEnd(p);
                if (k < 0 && !atEnd)
                {
                    return false;
                }

                fieldEnd = k < 0 ? end : k;
                var (start, length) = wanted ? Trim(buffer, p, fieldEnd - p) : (p, 0);
                AddField(start, length, copied: false);
            }

            p = fieldEnd;
            if (p >= end)
            {
                break;
            }

            var c = buffer[p];
            if (c == _delimiter)
            {
                p++;
                continue;
            }

            if (!LineEnd(ref p, ref line))
            {
                return false;
            }

            break;
        }

        blank = !cut && _count == 1 && _lengths[0] == 0 && _quote == QuoteProblem.None;
        CellCount = _count + skipped;
        if (HeaderCellCount > 0)
        {
            for (var i = HeaderCellCount; i < _count && !extraText; i++)
            {
                extraText = _lengths[i] > 0;
            }
        }

        ExtraText = extraText;
        Line = _line;
        _line = line;
        _position = p;
        return true;
    }

    /// <summary>
    /// Consumes the line end at <paramref name="p"/> (CR, LF or CRLF), counting the line; false when a CR ends the
    /// buffer and the next byte decides.
    /// </summary>
    private bool LineEnd(ref int p, ref int line)
    {
        if (_buffer[p] == Cr)
        {
            if (p + 1 < _length)
            {
                p += _buffer[p + 1] == Lf ? 2 : 1;
            }
            else if (!_endOfStream)
            {
                return false;
            }
            else
            {
                p++;
            }
        }
        else
        {
            p++;
        }

        line++;
        return true;
    }

    /// <summary>
    /// Scans the inside of a quoted field from <paramref name="p"/> (after its opening quote) to its closing quote,
    /// counting the line breaks in it. Returns the closing quote's position, or −1 when more bytes are needed.
    /// <paramref name="escaped"/> tells whether it holds <c>""</c>. When the input ends with the quote still open, the
    /// field is ended at the first line break after the quote instead (its position is returned, or the end of the
    /// input when there is none), <paramref name="line"/> is set back to the quote's line and <see cref="Quote"/> says
    /// so. A field that closes after a line break followed by a line with as many delimiters as a record has (the
    /// header's cells less one, at least 2) is reported as <see cref="QuoteProblem.SpansRows"/>.
    /// </summary>
    private int ScanQuoted(int p, ref int line, out bool escaped)
    {
        var buffer = _buffer;
        var end = _length;
        var open = p - 1;
        var quoteLine = line;
        var threshold = HeaderCellCount == 0 ? int.MaxValue : Math.Max(2, HeaderCellCount - 1);
        var delimiters = -1; // delimiters on the field's current line, from its first line break on
        var spans = false;
        escaped = false;
        while (true)
        {
            var j = NextStructural(p);
            if (j < 0)
            {
                return _endOfStream ? Unterminated(open, quoteLine, ref line) : -1;
            }

            p = j;
            var c = buffer[p];
            if (c == _delimiter)
            {
                delimiters += delimiters >= 0 ? 1 : 0;
                p++;
                continue;
            }

            if (c == QuoteByte)
            {
                if (p + 1 < end && buffer[p + 1] == QuoteByte)
                {
                    escaped = true;
                    p += 2;
                    continue;
                }

                if (p + 1 >= end && !_endOfStream)
                {
                    return -1;
                }

                if ((spans || delimiters >= threshold) && _quote == QuoteProblem.None)
                {
                    (_quote, _quoteLine, _quoteEndLine, _quoteField) = (QuoteProblem.SpansRows, quoteLine, line, _currentField);
                }

                return p;
            }

            if (c == Cr)
            {
                if (p + 1 >= end && !_endOfStream)
                {
                    return -1;
                }

                if (p + 1 >= end || buffer[p + 1] != Lf)
                {
                    line++;
                }
            }
            else
            {
                line++;
            }

            spans |= delimiters >= threshold;
            delimiters = 0;
            p++;
        }
    }

    /// <summary>
    /// The input ended inside the quoted field opened at <paramref name="open"/> on <paramref name="quoteLine"/>: records
    /// the problem and returns where the field ends instead, the first line break after the quote (or the end of the input).
    /// </summary>
    private int Unterminated(int open, int quoteLine, ref int line)
    {
        var end = _length;
        var lastLine = end > open + 1 && _buffer[end - 1] is Lf or Cr ? line - 1 : line;
        if (_quote == QuoteProblem.None)
        {
            (_quote, _quoteLine, _quoteEndLine, _quoteField) = (QuoteProblem.Unterminated, quoteLine, Math.Max(quoteLine, lastLine), _currentField);
        }

        line = quoteLine;
        var lineBreak = _buffer.AsSpan(open + 1, end - open - 1).IndexOfAny(Cr, Lf);
        return lineBreak < 0 ? end : open + 1 + lineBreak;
    }

    /// <summary>
    /// Skips the fields after <see cref="FieldLimit"/> to the end of the record, counting them in
    /// <paramref name="skipped"/> and noting in <paramref name="extraText"/> whether one beyond the header's cells holds
    /// text; false when more bytes are needed.
    /// </summary>
    private bool SkipRest(ref int p, ref int line, ref int skipped, ref bool extraText)
    {
        var buffer = _buffer;
        var fieldStart = p;
        while (true)
        {
            var q = NextStructural(p);
            if (q < 0)
            {
                if (!_endOfStream)
                {
                    return false;
                }

                EndSkipped(fieldStart, _length, ref skipped, ref extraText);
                p = _length;
                return true;
            }

            var c = buffer[q];
            if (c == _delimiter)
            {
                EndSkipped(fieldStart, q, ref skipped, ref extraText);
                p = fieldStart = q + 1;
            }
            else if (c != QuoteByte)
            {
                EndSkipped(fieldStart, q, ref skipped, ref extraText);
                p = q;
                return LineEnd(ref p, ref line);
            }
            else if (q == fieldStart)
            {
                // A quote opening a field: its delimiters and line breaks are data.
                _currentField = FieldLimit + skipped;
                var close = ScanQuoted(q + 1, ref line, out _);
                if (close < 0)
                {
                    return false;
                }

                p = close < _length && buffer[close] == QuoteByte ? close + 1 : close;
            }
            else
            {
                p = q + 1; // a quote inside an unquoted field is a character like any other
            }
        }
    }

    /// <summary>Counts a skipped field (raw bytes <paramref name="start"/> to <paramref name="end"/>), noting text beyond the header's cells.</summary>
    private void EndSkipped(int start, int end, ref int skipped, ref bool extraText)
    {
        if (!extraText && HeaderCellCount > 0 && FieldLimit + skipped >= HeaderCellCount)
        {
            var (from, length) = Trim(_buffer, start, end - start);
            extraText = length > 0 && !(length == 2 && _buffer[from] == QuoteByte && _buffer[from + 1] == QuoteByte);
        }

        skipped++;
    }

    /// <summary>
    /// The end of the field text from <paramref name="p"/> on (the next delimiter, CR or LF; quotes there are text),
    /// or −1 when there is none in the buffered bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FieldEnd(int p)
    {
        while (true)
        {
            var j = NextStructural(p);
            if (j < 0 || _buffer[j] != QuoteByte)
            {
                return j;
            }

            p = j + 1;
        }
    }

    /// <summary>
    /// The position of the first delimiter, quote, CR or LF at or after <paramref name="p"/>, or −1 when there is none
    /// in the buffered bytes.
    /// </summary>
    /// <remarks>
    /// Implementation note: one pass of vector compares marks those bytes in the next 64 as bits of <c>_mask</c>, and
    /// each call just finds the next bit: fields are short (a few bytes on average in RevMan exports), and a
    /// vectorised search per field spent more time starting than searching.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NextStructural(int p)
    {
        while (p < _length)
        {
            var offset = p - _maskBase;
            if ((uint)offset >= 64)
            {
                _maskBase = p;
                _mask = StructuralBits(p);
                offset = 0;
            }

            var bits = _mask >> offset;
            if (bits != 0)
            {
                return p + BitOperations.TrailingZeroCount(bits);
            }

            p = _maskBase + 64;
        }

        return -1;
    }

    /// <summary>Bit i set: byte <paramref name="p"/> + i (of the buffered ones) is a delimiter, quote, CR or LF.</summary>
    private ulong StructuralBits(int p)
    {
        var bytes = _buffer.AsSpan(p, 64);
        ulong bits = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var delimiter = Vector128.Create(_delimiter);
            var quote = Vector128.Create(QuoteByte);
            var lf = Vector128.Create(Lf);
            var cr = Vector128.Create(Cr);
            for (var i = 0; i < 4; i++)
            {
                var v = Vector128.Create(bytes.Slice(16 * i, 16));
                var hits = Vector128.Equals(v, delimiter) | Vector128.Equals(v, quote) | Vector128.Equals(v, lf) | Vector128.Equals(v, cr);
                bits |= (ulong)hits.ExtractMostSignificantBits() << (16 * i);
            }
        }
        else
        {
            for (var i = 0; i < 64; i++)
            {
                var c = bytes[i];
                if (c == _delimiter || c is QuoteByte or Lf or Cr)
                {
                    bits |= 1UL << i;
                }
            }
        }

        var available = _length - p;
        return available < 64 ? bits & ((1UL << available) - 1) : bits;
    }

    /// <summary>
    /// Adds the quoted field whose raw text runs from its opening quote at <paramref name="open"/> to
    /// <paramref name="end"/>: the inside with <c>""</c> read as <c>"</c>, then any text after the closing quote as is.
    /// </summary>
    private void AddUnescaped(int open, int end)
    {
        var raw = _buffer.AsSpan(open + 1, end - open - 1);
        if (_scratch.Length < _scratchLength + raw.Length)
        {
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchLength + raw.Length));
        }

        var start = _scratchLength;
        var output = _scratch.AsSpan(start);
        var n = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c != QuoteByte)
            {
                output[n++] = c;
                i++;
            }
            else if (i + 1 < raw.Length && raw[i + 1] == QuoteByte)
            {
                output[n++] = QuoteByte;
                i += 2;
            }
            else
            {
                raw[(i + 1)..].CopyTo(output[n..]);
                n += raw.Length - i - 1;
                break;
            }
        }

        _scratchLength += n;
        AddField(start, n, copied: true);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddField(int start, int length, bool copied)
    {
        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, _count * 2);
            Array.Resize(ref _lengths, _count * 2);
            Array.Resize(ref _copied, _count * 2);
        }

        _starts[_count] = start;
        _lengths[_count] = length;
        _copied[_count] = copied;
        _count++;
    }

    /// <summary>The span without leading and trailing white space (as <see cref="char.IsWhiteSpace(char)"/> says).</summary>
    internal static (int Start, int Length) Trim(byte[] buffer, int start, int length)
    {
        var span = buffer.AsSpan(start, length);
        var from = 0;
        var to = span.Length;
        while (from < to)
        {
            var c = span[from];
            if (c is (byte)' ' or >= 0x09 and <= 0x0d)
            {
                from++;
            }
            else if (c >= 0x80 && Rune.DecodeFromUtf8(span[from..to], out var rune, out var size) == OperationStatus.Done && Rune.IsWhiteSpace(rune))
            {
                from += size;
            }
            else
            {
                break;
            }
        }

        while (to > from)
        {
            var c = span[to - 1];
            if (c is (byte)' ' or >= 0x09 and <= 0x0d)
            {
                to--;
            }
            else if (c >= 0x80 && Rune.DecodeLastFromUtf8(span[from..to], out var rune, out var size) == OperationStatus.Done && Rune.IsWhiteSpace(rune))
            {
                to -= size;
            }
            else
            {
                break;
            }
        }

        return (start + from, to - from);
    }

    /// <summary>
    /// Reads more bytes after the unconsumed ones (moving them to the front, growing the buffer when a record fills it)
    /// until the buffer is full or the stream ends; false when the stream has ended and nothing is left.
    /// </summary>
    private bool Fill()
    {
        if (_endOfStream)
        {
            return _position < _length;
        }

        if (_position > 0)
        {
            _buffer.AsSpan(_position, _length - _position).CopyTo(_buffer);
            _length -= _position;
            _position = 0;
        }

        _maskBase = -64;
        if (_length == _buffer.Length - Slack)
        {
            Array.Resize(ref _buffer, (_buffer.Length * 2) - Slack);
        }

        // Read until the buffer is full: a stream that gives a few bytes at a time (a transcoding stream, a pipe) would
        // otherwise make a long record be scanned again after every small read.
        while (_length < _buffer.Length - Slack)
        {
            var read = _stream.Read(_buffer, _length, _buffer.Length - Slack - _length);
            if (read == 0)
            {
                _endOfStream = true;
                break;
            }

            _length += read;
        }

        SkipByteOrderMark();
        return _position < _length || !_endOfStream && Fill();
    }

    private void SkipByteOrderMark()
    {
        if (_started)
        {
            return;
        }

        _started = true;
        if (_buffer.AsSpan(0, _length).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _position = 3;
        }
    }
}

/// <summary>What is wrong with the quotes of a record (<see cref="CsvReader.Quote"/>).</summary>
internal enum QuoteProblem
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>A quote opens a field and is never closed; the field was ended at the first line break after it.</summary>
    Unterminated,

    /// <summary>A quoted field spans line breaks followed by lines as full of delimiters as a record: rows swallowed by stray quotes?</summary>
    SpansRows,
}
