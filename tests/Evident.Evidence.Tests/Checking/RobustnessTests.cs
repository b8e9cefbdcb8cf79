using System.Text;
using Evident.Evidence.Checking;
using Evident.Evidence.Sources;

namespace Evident.Evidence.Tests.Checking;

/// <summary>
/// The classes of the fuzzing report, each with its regression test at the library: numbers read only from ASCII
/// digits, so every number read parses; markup nested too deeply read in a bounded way with a located warning; one
/// message per line; quotes cut at a character, not inside one. The whole commands are fuzzed in tests/Evident.Fuzz.Tests.
/// </summary>
public sealed class RobustnessTests
{
    private static EvidenceSource Seed() => SeedFiles.Review();

    [Theory]
    [InlineData("The SMD was \u06F6.\u06F6 (95% CI \u0660.\u0661 to \u0662.\u0663; p = \u06F0.\u06F0\u06F1).")]
    [InlineData("MEP improved by \uFF10.\uFF14\uFF12 and \u0966\u0967 patients took part.")]
    [InlineData("p = 0.0\u06F6; I\u00B2 = \u0663\u0664%; SMD 0.\U0001D7D4")]
    public void DigitsOfOtherScripts_AreNotNumbers_AndNeverBreakTheReader(string sentence)
    {
        var document = SummaryDocument.Read("MEP results. " + sentence + "\n", SummaryFormat.Text);
        var result = SummaryCheck.Run(document, Seed());
        Assert.All(result.Claims, c => Assert.True(c.Text.All(ch => !char.IsDigit(ch) || char.IsAsciiDigit(ch)), c.Text));
        _ = AbstractCheck.Run(document);
    }

    [Fact]
    public void EveryNumberTheLexerReads_Parses()
    {
        var random = new Random(14);
        const string alphabet = "0123456789.,-\u2212eE+%\u06F6\u0661 xa()";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string([.. Enumerable.Range(0, 30).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var tokens = Lexer.Tokens(text, 0, text.Length);
            Assert.All(tokens.Where(t => t.Kind == TokenKind.Number), t => Assert.False(double.IsNaN(t.Value), text));
        }
    }

    [Theory]
    [InlineData(SummaryFormat.Markdown, ">")]
    [InlineData(SummaryFormat.Markdown, "[")]
    [InlineData(SummaryFormat.Html, "<div>")]
    [InlineData(SummaryFormat.Html, "<b>")]
    public void DeeplyNestedMarkup_IsReadBounded_WithALocatedWarning(SummaryFormat format, string unit)
    {
        var text = "The SMD for MEP was 0.42.\n\n" + string.Concat(Enumerable.Repeat(unit, 20_000)) + " MEP may increase.";
        var document = SummaryDocument.Read(text, format);
        var note = Assert.Single(document.Notes);
        Assert.Equal(FindingCodes.MarkupTooDeep, note.Code);
        var finding = Assert.Single(SummaryCheck.Run(document, Seed()).Findings, f => f.Code == FindingCodes.MarkupTooDeep);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.True(finding.Line >= 1 && finding.Column >= 1);
        Assert.Contains(document.Blocks, b => b.Text.Contains("MEP may increase", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadableNesting_IsNotTouched()
    {
        var html = "<div>" + string.Concat(Enumerable.Repeat("<div><p>x", 100)) + "MEP</div>";
        Assert.Empty(SummaryDocument.Read(html, SummaryFormat.Html).Notes);
        var md = string.Concat(Enumerable.Range(0, 20).Select(i => new string(' ', i * 2) + "- item " + i + "\n"));
        Assert.Empty(SummaryDocument.Read(md, SummaryFormat.Markdown).Notes);
    }

    [Fact]
    public void ReportLines_AreOneLineEach_AndJsonIsValid_WhateverTheTextHolds()
    {
        // A quote cut at 100 characters across a surrogate pair, control characters and 1e999 in an abstract.
        var text = "MEP " + new string('x', 95) + "\U0001F600\U0001F600 improves. The SMD was 1e999 (95% CI 1 to 2; p = 0.01).\n";
        var document = SummaryDocument.Read(text, SummaryFormat.Text);
        var result = SummaryCheck.Run(document, Seed());
        var report = CheckReport.Text(result, "a\nb.txt");
        Assert.All(report.Split('\n').Where(l => l.Contains("  warning  ", StringComparison.Ordinal) || l.Contains("  error  ", StringComparison.Ordinal)),
            l => Assert.StartsWith("a\\nb.txt:", l, StringComparison.Ordinal));
        using (System.Text.Json.JsonDocument.Parse(CheckReport.Json(result, "a\ud800.md", "s.json")))
        {
        }

        using (System.Text.Json.JsonDocument.Parse(AbstractCheck.Json(AbstractCheck.Run(document), "a.md")))
        {
        }

        Assert.All(result.Findings, f => Assert.False(f.Quote.Length > 0 && char.IsHighSurrogate(f.Quote[^1]), f.Quote));
    }

    [Fact]
    public void OneLine_EscapesControlsAndMendsHalfCharacters()
    {
        Assert.Equal("a\\nb\\u001B\uFFFDc", OneLine.Of("a\nb\u001B\ud800c"));
        Assert.Equal("ok \U0001F600", OneLine.Of("ok \U0001F600"));
        Assert.Equal("ab…", OneLine.Clip("ab\U0001F600cd", 4));
        var long1 = new StringBuilder().Append('a', 200).ToString();
        Assert.Equal(100, OneLine.Clip(long1, 100).Length);
    }
}
