using System.Text;
using Evident.Analysis;
using Evident.Analysis.Input;

namespace Evident.Cli.Tests.Input;

/// <summary>
/// What the reader says about a record's shape: cells beyond the header (counted even when skipped), quotes that are
/// never closed or that swallow rows, and that reading stays linear however long a record is.
/// </summary>
public sealed class RecordShapeTests
{
    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(2)]
    public void ExtraCells_AreCounted_AndTextInThemIsFlagged_WhateverTheFieldLimit(int limit)
    {
        var reader = CsvReader.FromText("a,b,c\n1,2,3\n1,2,3,,\n1,2,3, x\n1,2,3,\"\"\n", ',');
        reader.FieldLimit = limit;
        Assert.True(reader.Read());
        Assert.Equal(3, reader.HeaderCellCount);

        var shapes = new List<(int Cells, bool Extra)>();
        while (reader.Read())
        {
            shapes.Add((reader.CellCount, reader.ExtraText));
        }

        Assert.Equal([(3, false), (5, false), (4, true), (4, false)], shapes);
    }

    [Fact]
    public void UnterminatedQuote_EndsItsFieldAtTheLineBreak_AndTheLinesAfterItAreRecords()
    {
        var reader = CsvReader.FromText("study,yi,vi\nA,1,2\n\"B,3,4\nC,5,6\nD,7,8\n", ',');
        var records = new List<(int Line, string[] Fields, QuoteProblem Quote)>();
        while (reader.Read())
        {
            records.Add((reader.Line, reader.Fields(), reader.Quote));
            if (reader.Quote == QuoteProblem.Unterminated)
            {
                Assert.Equal((3, 5, 0), (reader.QuoteLine, reader.QuoteEndLine, reader.QuoteField));
            }
        }

        Assert.Equal([1, 2, 3, 4, 5], records.Select(r => r.Line));
        Assert.Equal(["B,3,4"], records[2].Fields);
        Assert.Equal([QuoteProblem.None, QuoteProblem.None, QuoteProblem.Unterminated, QuoteProblem.None, QuoteProblem.None], records.Select(r => r.Quote));
        Assert.Equal(["D", "7", "8"], records[4].Fields);
    }

    [Fact]
    public void QuotedField_HoldingLinesFullOfDelimiters_IsSaidToSpanRows()
    {
        var reader = CsvReader.FromText("study,yi,vi,note\n\"A,1,2,x\nB,3,4,y\nC\",5,6,z\nD,7,8,\"two\nlines\"\n", ',');
        reader.Read();
        Assert.True(reader.Read());
        Assert.Equal((QuoteProblem.SpansRows, 2, 4), (reader.Quote, reader.QuoteLine, reader.QuoteEndLine));
        Assert.True(reader.Read());
        Assert.Equal(QuoteProblem.None, reader.Quote); // a note over two lines is not a swallowed row
        Assert.Equal("two\nlines", reader.GetString(3));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(97)]
    [InlineData(1 << 20)]
    public void LongRecords_AreScannedALimitedNumberOfTimes_HoweverTheStreamDeliversThem(int chunk)
    {
        // A 3 MB quoted field and a 3 MB line, handed over in small pieces as a transcoding stream or a pipe does.
        var text = "study,yi,vi\nA,1,\"" + new string('x', 3_000_000) + "\"\nB,2," + new string('y', 3_000_000) + "\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new CsvReader(new Trickle(bytes, chunk), ',');
        var records = 0;
        while (reader.Read())
        {
            records++;
        }

        Assert.Equal(3, records);
        Assert.True(reader.ScannedBytes < 4L * bytes.Length, $"{reader.ScannedBytes} bytes scanned for {bytes.Length}");
    }

    [Fact]
    public void Utf16BigEndian_WithOneLongLine_IsReadLinearly()
    {
        var text = "study,yi,vi\nA,0.1,0.2\nB,0.3," + new string('9', 2_000_000) + "\n";
        var input = DataInput.FromBytes("long.csv", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)]);
        var source = DataSource.Open(input);
        using var pass = source.OpenPass();
        var count = 0;
        while (pass.Reader.Read())
        {
            count++;
        }

        Assert.Equal(3, count);
        Assert.True(pass.Reader.ScannedBytes < 4L * text.Length, $"{pass.Reader.ScannedBytes} bytes scanned for {text.Length}");
    }

    [Fact]
    public void SmallTables_ReportTheirRowsShapes_AndLeaveShiftedRowsOut()
    {
        var (table, issue, _) = TextTable.Read(DataInput.FromText("rob.csv", "Study,D1,D2\nA,Low,High\nB, 2001,Low,Low\nC,Low\n"));

        Assert.Null(issue);
        Assert.Equal(["A", "C"], table!.Rows.Select(r => r[0]));
        Assert.Equal([3, 4], table.Issues.Select(i => i.Row!.Value));
        Assert.Equal(["extra-cells", "missing-cells"], table.Issues.Select(i => i.Code));
    }

    /// <summary>A stream that gives at most <paramref name="chunk"/> bytes per read.</summary>
    private sealed class Trickle(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
