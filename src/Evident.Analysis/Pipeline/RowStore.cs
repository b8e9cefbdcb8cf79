using Evident.Analysis.Input;

namespace Evident.Analysis;

/// <summary>How a record's cells compare with the header, and what is wrong with its quotes (<see cref="CsvReader"/>).</summary>
/// <param name="Line">The line the record starts on.</param>
/// <param name="CellCount">Its cells.</param>
/// <param name="HeaderCellCount">The header's cells.</param>
/// <param name="ExtraText">A cell beyond the header's holds text.</param>
/// <param name="Quote">What is wrong with its quotes.</param>
/// <param name="QuoteLine">The line of that quote.</param>
/// <param name="QuoteEndLine">Where the lines it swallowed (or would have) end.</param>
/// <param name="QuoteField">The 0-based cell the quote opens.</param>
internal readonly record struct RecordShape(
    int Line, int CellCount, int HeaderCellCount, bool ExtraText, QuoteProblem Quote, int QuoteLine, int QuoteEndLine, int QuoteField)
{
    /// <summary>The shape of the reader's current record.</summary>
    public static RecordShape Of(CsvReader reader)
        => new(reader.Line, reader.CellCount, reader.HeaderCellCount, reader.ExtraText, reader.Quote, reader.QuoteLine, reader.QuoteEndLine, reader.QuoteField);

    /// <summary>Whether the record is exactly as the header says.</summary>
    public bool Regular => Quote == QuoteProblem.None && CellCount == HeaderCellCount;
}

/// <summary>The cells of one record a <see cref="RowReader"/> reads: the reader's current record, or one kept in a <see cref="RowStore"/>.</summary>
internal interface IRecordCells
{
    /// <summary>The record's shape.</summary>
    RecordShape Shape { get; }

    /// <summary>Cell <paramref name="index"/> as UTF-8 (empty when the record has none there, or it was not kept).</summary>
    ReadOnlySpan<byte> Field(int index);
}

/// <summary>The reader's current record.</summary>
internal readonly struct ReaderCells(CsvReader reader) : IRecordCells
{
    public RecordShape Shape => RecordShape.Of(reader);

    public ReadOnlySpan<byte> Field(int index) => reader.Field(index);
}

/// <summary>
/// The records of one group whose rows are not next to each other, kept compactly until its last row is read: the
/// shape and the bytes of the cells the run reads, a few bytes of overhead each, instead of a parsed row object per
/// record (some 350 bytes), so a file whose groups are interleaved is held in about the size of its needed cells.
/// </summary>
internal sealed class RowStore
{
    private byte[] _bytes = new byte[64];
    private int _length;

    /// <summary>The records kept.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes kept.</summary>
    public int Bytes => _length;

    /// <summary>Keeps the reader's current record: its shape and the cells at <paramref name="columns"/>.</summary>
    public void Add(CsvReader reader, int[] columns)
    {
        var shape = RecordShape.Of(reader);
        WriteNumber(shape.Line);
        WriteNumber(shape.CellCount);
        WriteNumber((shape.ExtraText ? 1 : 0) | ((int)shape.Quote << 1));
        if (shape.Quote != QuoteProblem.None)
        {
            WriteNumber(shape.QuoteLine);
            WriteNumber(shape.QuoteEndLine);
            WriteNumber(shape.QuoteField);
        }

        foreach (var column in columns)
        {
            var cell = reader.Field(column);
            WriteNumber(cell.Length);
            Ensure(cell.Length);
            cell.CopyTo(_bytes.AsSpan(_length));
            _length += cell.Length;
        }

        Count++;
    }

    /// <summary>
    /// Reads the records back, in the order kept, handing each to <paramref name="read"/>; <paramref name="slots"/> maps a
    /// column index to its place in the columns given to <see cref="Add"/> (−1: not kept).
    /// </summary>
    public void ForEach(int[] columns, int[] slots, int headerCells, Action<StoredCells> read)
    {
        var offsets = new int[columns.Length];
        var lengths = new int[columns.Length];
        var p = 0;
        for (var r = 0; r < Count; r++)
        {
            var line = ReadNumber(ref p);
            var cells = ReadNumber(ref p);
            var flags = ReadNumber(ref p);
            var quote = (QuoteProblem)(flags >> 1);
            var (quoteLine, quoteEnd, quoteField) = quote == QuoteProblem.None ? (0, 0, 0) : (ReadNumber(ref p), ReadNumber(ref p), ReadNumber(ref p));
            for (var c = 0; c < columns.Length; c++)
            {
                lengths[c] = ReadNumber(ref p);
                offsets[c] = p;
                p += lengths[c];
            }

            read(new StoredCells(_bytes, offsets, lengths, slots, new RecordShape(line, cells, headerCells, (flags & 1) != 0, quote, quoteLine, quoteEnd, quoteField)));
        }
    }

    private void WriteNumber(int value)
    {
        Ensure(5);
        var v = (uint)value;
        while (v >= 0x80)
        {
            _bytes[_length++] = (byte)(v | 0x80);
            v >>= 7;
        }

        _bytes[_length++] = (byte)v;
    }

    private int ReadNumber(ref int p)
    {
        uint value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = _bytes[p++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (int)value;
            }
        }
    }

    private void Ensure(int more)
    {
        if (_length + more > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + more));
        }
    }
}

/// <summary>A record kept in a <see cref="RowStore"/>.</summary>
internal readonly struct StoredCells(byte[] bytes, int[] offsets, int[] lengths, int[] slots, RecordShape shape) : IRecordCells
{
    public RecordShape Shape => shape;

    public ReadOnlySpan<byte> Field(int index)
    {
        var slot = index < slots.Length ? slots[index] : -1;
        return slot < 0 ? default : bytes.AsSpan(offsets[slot], lengths[slot]);
    }
}
