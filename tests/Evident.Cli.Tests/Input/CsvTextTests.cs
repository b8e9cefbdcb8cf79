using Evident.Cli.Input;

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
        var file = DataFile.Parse("study;yi;vi\nA;0,5;0,1\nB;-1,25;0,2\n")!;

        Assert.True(file.DecimalComma);
        Assert.True(file.TryParseNumber("-1,25", out var value));
        Assert.Equal(-1.25, value);
    }

    [Fact]
    public void Parse_SemicolonFileWithDecimalPoints_IsNotEuropean()
        => Assert.False(DataFile.Parse("study;yi;vi\nA;0.5;0.1\n")!.DecimalComma);

    [Theory]
    [InlineData("", null)]
    [InlineData("NA", null)]
    [InlineData(" 1.5 ", 1.5)]
    [InlineData("-2e-3", -0.002)]
    public void TryParseNumber_MissingAndInvariantNumbers(string text, double? expected)
    {
        var file = DataFile.Parse("a\n1\n")!;

        Assert.True(file.TryParseNumber(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("abc")]
    [InlineData("Infinity")]
    [InlineData("1 000")]
    public void TryParseNumber_NonNumbers_AreRejected(string text)
        => Assert.False(DataFile.Parse("a,b\n1,2\n")!.TryParseNumber(text, out _));
}
