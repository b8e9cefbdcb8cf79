using System.Globalization;
using Evident.Analysis.Input;

namespace Evident.Cli.Tests.Input;

public sealed class CsvTextTests
{
    [Fact]
    public void Parse_QuotedFieldWithLineBreaks_RecordsStartOnTheirPhysicalLine()
    {
        var text = "study,n\n\"A\nsecond line\nthird\",1\nB,2\n";

        var records = CsvText.Parse(text, ',');

        Assert.Equal([1, 2, 5], records.Select(r => r.Line));
        Assert.Equal("A\nsecond line\nthird", records[1].Fields[0]);
        Assert.Equal("B", records[2].Fields[0]);
    }

    [Fact]
    public void Parse_CrLfAndDoubledQuotes_AreRfc4180()
    {
        var text = "a,b\r\n\"x, \"\"quoted\"\"\",2\r\n\r\nlast,3";

        var records = CsvText.Parse(text, ',');

        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
        Assert.Equal("x, \"quoted\"", records[1].Fields[0]);
        Assert.Equal(["last", "3"], records[2].Fields);
    }

    [Theory]
    [InlineData("a,b,c\n1;2,3", ',')]
    [InlineData("a;b;c\n1,5;2;3", ';')]
    [InlineData("a\tb\n1\t2", '\t')]
    [InlineData("\"x;y\",b\n1,2", ',')]
    public void DetectDelimiter_UsesTheHeaderLine(string text, char expected)
        => Assert.Equal(expected, CsvText.DetectDelimiter(text));

    [Fact]
    public void Parse_SemicolonFileWithDecimalCommas_IsRecognisedAsEuropean()
    {
        var file = Scanned("study;yi;vi\nA;0,5;0,1\nB;-1,25;0,2\n");

        Assert.True(file.DecimalComma);
        Assert.True(file.TryParseNumber("-1,25", out var value));
        Assert.Equal(-1.25, value);
    }

    [Fact]
    public void Parse_SemicolonFileWithDecimalPoints_IsNotEuropean()
        => Assert.False(Scanned("study;yi;vi\nA;0.5;0.1\n").DecimalComma);

    [Theory]
    [InlineData("", null)]
    [InlineData("NA", null)]
    [InlineData(" 1.5 ", 1.5)]
    [InlineData("-2e-3", -0.002)]
    public void TryParseNumber_MissingAndInvariantNumbers(string text, double? expected)
    {
        var file = Scanned("a\n1\n");

        Assert.True(file.TryParseNumber(text, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void TryParseNumber_PlainDecimals_AreReadExactlyAsDoubleParseReadsThem()
    {
        // Plain decimals take a shortcut (Clinger's fast path); it must give the very same double as the full parser.
        var file = Scanned("a\n1\n");
        var random = new Random(20261124);
        for (var i = 0; i < 20_000; i++)
        {
            var digits = random.Next(1, 17);
            var text = string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
            var point = random.Next(-1, digits + 1);
            if (point >= 0)
            {
                text = text.Insert(point, ".");
            }

            text = random.Next(3) switch { 0 => "-" + text, 1 => "+" + text, _ => text };

            Assert.True(file.TryParseNumber(text, out var value), text);
            var expected = double.Parse(text, CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value!.Value), $"{text}: {value:R} instead of {expected:R}");
        }
    }

    [Theory]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("1,5")]
    [InlineData("abc")]
    [InlineData("Infinity")]
    [InlineData("1 000")]
    public void TryParseNumber_NonNumbers_AreRejected(string text)
        => Assert.False(Scanned("a,b\n1,2\n").TryParseNumber(text, out _));

    [Fact]
    public void Reader_FieldsLongerThanItsBuffer_AndManyRecords_StreamIntact()
    {
        var longField = new string('x', 200_000);
        var text = "a,b\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"{i},\"{(i == 2500 ? longField : "q")}\"\r\n"));

        var reader = CsvReader.FromText(text, ',');
        var count = 0;
        while (reader.Read())
        {
            count++;
            if (reader.GetString(0) == "2500")
            {
                Assert.Equal(longField, reader.GetString(1));
                Assert.Equal(2502, reader.Line);
            }
        }

        Assert.Equal(5001, count);
    }

    [Fact]
    public void Reader_ShortRecord_MissingFieldsAreEmpty()
    {
        var reader = CsvReader.FromText("a,b,c\n1\n", ',');
        reader.Read();
        reader.Read();

        Assert.Equal(1, reader.FieldCount);
        Assert.Equal(string.Empty, reader.GetString(2));
    }

    /// <summary>A source over <paramref name="text"/> after the first pass has seen every field (as the command does).</summary>
    private static DataSource Scanned(string text)
    {
        var source = DataSource.FromText(text);
        using var pass = source.OpenPass();
        while (pass.Reader.Read())
        {
            for (var i = 0; i < pass.Reader.FieldCount; i++)
            {
                source.Observe(pass.Reader.Field(i));
            }
        }

        return source;
    }
}
