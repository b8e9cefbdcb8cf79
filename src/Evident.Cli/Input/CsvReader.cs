namespace Evident.Cli.Input;

/// <summary>
/// A streaming RFC 4180 reader: one record at a time, so a file of any size is read in constant memory. Quoted
/// fields may hold delimiters, doubled quotes and line breaks; lines end in CRLF, LF or CR; blank lines are skipped.
/// Unquoted fields are trimmed. It keeps the 1-based physical line each record starts on (the header is line 1) so
/// issues can point at it. Fields are exposed as spans into a reused buffer, valid until the next <see cref="Read"/>.
/// </summary>
internal sealed class CsvReader
{
    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly char[] _buffer = new char[1 << 16];
    private int _position;
    private int _length;
    private int _line = 1;

    private char[] _text = new char[4096];
    private int _textLength;
    private int[] _starts = new int[64];
    private int[] _lengths = new int[64];
    private int _count;

    /// <summary>Reads records from <paramref name="reader"/>, fields separated by <paramref name="delimiter"/>.</summary>
    public CsvReader(TextReader reader, char delimiter)
    {
        _reader = reader;
        _delimiter = delimiter;
    }

    /// <summary>The line the current record starts on.</summary>
    public int Line { get; private set; }

    /// <summary>How many records <see cref="Read"/> has returned.</summary>
    public int RecordCount { get; private set; }

    /// <summary>The number of fields of the current record.</summary>
    public int FieldCount => _count;

    /// <summary>Field <paramref name="index"/> of the current record; empty when the record is shorter.</summary>
    public ReadOnlySpan<char> Field(int index) => index < _count ? _text.AsSpan(_starts[index], _lengths[index]) : default;

    /// <summary>Field <paramref name="index"/> as a string (empty when the record is shorter).</summary>
    public string GetString(int index) => index < _count ? new string(Field(index)) : string.Empty;

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
            _count = 0;
            _textLength = 0;
            if (!Available())
            {
                return false;
            }

            Line = _line;
            ReadRecord();
            var blank = _count == 1 && _lengths[0] == 0;
            if (!blank)
            {
                RecordCount++;
                return true;
            }
        }
    }

    private void ReadRecord()
    {
        while (true)
        {
            var (ended, endOfRecord) = ReadField();
            if (!ended || endOfRecord)
            {
                return;
            }
        }
    }

    /// <summary>Reads one field; returns whether it ended at a delimiter or line end (false at end of input) and which.</summary>
    private (bool Ended, bool EndOfRecord) ReadField()
    {
        var start = _textLength;
        var quoted = Available() && _buffer[_position] == '"';
        if (quoted)
        {
            _position++;
            ReadQuoted();
        }

        while (Available())
        {
            var span = _buffer.AsSpan(_position, _length - _position);
            var j = span.IndexOfAny(_delimiter, '\n', '\r');
            if (j < 0)
            {
                Append(span);
                _position = _length;
                continue;
            }

            Append(span[..j]);
            var c = span[j];
            _position += j + 1;
            if (c == _delimiter)
            {
                EndField(start, quoted);
                return (true, false);
            }

            if (c == '\r' && Available() && _buffer[_position] == '\n')
            {
                _position++;
            }

            _line++;
            EndField(start, quoted);
            return (true, true);
        }

        EndField(start, quoted);
        return (false, true);
    }

    /// <summary>Reads the inside of a quoted field, up to and including its closing quote (or the end of input).</summary>
    private void ReadQuoted()
    {
        while (Available())
        {
            var span = _buffer.AsSpan(_position, _length - _position);
            var j = span.IndexOfAny('"', '\n', '\r');
            if (j < 0)
            {
                Append(span);
                _position = _length;
                continue;
            }

            Append(span[..j]);
            var c = span[j];
            _position += j + 1;
            if (c == '"')
            {
                if (Available() && _buffer[_position] == '"')
                {
                    Append("\"");
                    _position++;
                    continue;
                }

                return;
            }

            Append(c == '\n' ? "\n" : "\r");
            if (c == '\n' || !Available() || _buffer[_position] != '\n')
            {
                _line++;
            }
        }
    }

    private void EndField(int start, bool quoted)
    {
        var length = _textLength - start;
        if (!quoted)
        {
            while (length > 0 && char.IsWhiteSpace(_text[start]))
            {
                start++;
                length--;
            }

            while (length > 0 && char.IsWhiteSpace(_text[start + length - 1]))
            {
                length--;
            }
        }

        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, _count * 2);
            Array.Resize(ref _lengths, _count * 2);
        }

        _starts[_count] = start;
        _lengths[_count] = length;
        _count++;
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_textLength + chars.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _textLength + chars.Length));
        }

        chars.CopyTo(_text.AsSpan(_textLength));
        _textLength += chars.Length;
    }

    /// <summary>True when at least one character is buffered, reading more if needed.</summary>
    private bool Available()
    {
        if (_position < _length)
        {
            return true;
        }

        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
