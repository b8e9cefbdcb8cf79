using Evident.Rendering.Reports;

namespace Evident.Rendering.Tests.Reports;

/// <summary>
/// The report's small rules, without a run: the Cochrane Handbook bands of I² as printed, the Markdown escaping of
/// user text, and the outcome part of figure file names.
/// </summary>
public sealed class ReportPartsTests
{
    [Theory]
    [InlineData(0, new[] { "might not be important" })]
    [InlineData(35, new[] { "might not be important", "moderate" })]
    [InlineData(40, new[] { "might not be important", "moderate" })]
    [InlineData(40.04, new[] { "might not be important", "moderate" })]
    [InlineData(45, new[] { "moderate" })]
    [InlineData(55, new[] { "moderate", "substantial" })]
    [InlineData(80, new[] { "substantial", "considerable" })]
    [InlineData(95, new[] { "considerable" })]
    public void I2Bands_AreTheHandbooksOverlappingRanges(double i2, string[] expected)
        => Assert.Equal(expected, I2Bands.Of(i2).Select(b => b.Name));

    [Fact]
    public void I2Bands_OfNotANumber_AreNone_AndSaySo()
    {
        Assert.Empty(I2Bands.Of(double.NaN));
        Assert.Equal("I² could not be computed.", I2Bands.Interpretation(double.NaN, "Deeks et al. 2023"));
    }

    [Theory]
    [InlineData("p < 0.001", "p < 0.001")]
    [InlineData("A & B", "A & B")]
    [InlineData("a<b", "a\\<b")]
    [InlineData("&amp;", "\\&amp;")]
    [InlineData("x | y", "x \\| y")]
    [InlineData("[95% CI]", "[95% CI]")]
    [InlineData("[a](b)", "\\[a\\](b)")]
    [InlineData("line\nbreak", "line break")]
    public void Escape_BackslashesWhatCouldBeMarkup_AndLeavesPlainTextAlone(string text, string expected)
        => Assert.Equal(expected, MarkdownReport.Escape(text));

    [Theory]
    [InlineData("- item", "\\- item")]
    [InlineData("1. first", "1\\. first")]
    [InlineData("> quote", "\\> quote")]
    [InlineData("[x]: http://y", "\\[x\\]: http://y")]
    public void EscapeLine_AlsoEscapesWhatWouldStartABlock(string text, string expected)
        => Assert.Equal(expected, MarkdownReport.EscapeLine(text));

    [Theory]
    [InlineData(new[] { "TB", "TB cases" }, new[] { "TB", "TB-cases" })]
    [InlineData(new[] { "x/y", "x-y", "x-y-2" }, new[] { "x-y", "x-y-2", "x-y-2-3" })]
    [InlineData(new[] { "", "!!", "ok" }, new[] { "1", "2", "ok" })]
    [InlineData(new[] { "Mortalité", "MORTALITÉ" }, new[] { "Mortalité", "MORTALITÉ-2" })]
    public void OutcomeFileNames_AreSafeAndUnique_IgnoringCase(string[] outcomes, string[] expected)
        => Assert.Equal(expected, OutcomeFileNames.Assign(outcomes));
}
