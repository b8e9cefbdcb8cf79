using Markdig;

namespace Evident.Cli.Tests.Reporting;

/// <summary>
/// The Markdown report: user strings cannot break its tables or become markup (checked by rendering it with Markdig
/// and GitHub's table extension), and the BCG report is a golden file, the same under every culture.
/// </summary>
public sealed class MarkdownReportTests : IDisposable
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().UseMathematics().UseAutoLinks().UseTaskLists().Build();

    private readonly ReportRunner _report = new();

    public void Dispose() => _report.Dispose();

    public static TheoryData<string> Cultures => new() { "en-US", "de-DE" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void BcgReport_MatchesTheGoldenFile(string culture)
    {
        var result = Cli.WithCulture(culture, () => _report.Run(ReportRunner.Bcg, ["bcg-rr.md"], "--measure", "RR", "--subgroup", "alloc", "--title", "BCG vaccine and tuberculosis"));
        Assert.True(result.ExitCode == 0, result.Error);
        var text = ReportRunner.WithoutDate(_report.Read("bcg-rr.md")).Replace($"Evident {Evident.Analysis.Analyzer.Version}", "Evident VERSION", StringComparison.Ordinal);
        Evident.Tests.Shared.GoldenFile.Assert(text, Repo.Path("tests", "Evident.Cli.Tests", "Reporting", "Golden"), "bcg-rr", "md");
    }

    [Fact]
    public void PipesInStudyNames_DoNotSplitTheTableCells()
    {
        var csv = _report.Write("pipes.csv", "study,ai,n1i,ci,n2i\n\"A | B\",4,20,3,20\n\"C \\| D\",2,25,5,25\n\"|E|\",1,30,2,30\n");
        var result = _report.Run(csv, ["r.md"], "--measure", "OR");
        Assert.Equal(0, result.ExitCode);
        var md = _report.Read("r.md");
        Assert.Contains("| A \\| B | 2 |", md, StringComparison.Ordinal);
        Assert.Contains("| C \\\\\\| D | 3 |", md, StringComparison.Ordinal);
        Assert.Contains("| \\|E\\| | 4 |", md, StringComparison.Ordinal);

        var html = Markdown.ToHtml(md, Pipeline);
        Assert.Contains("<td>A | B</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>C \\| D</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>|E|</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownSpecialsAndHtml_InUserStrings_StayText()
    {
        string[] hostile =
        [
            "<script>alert(1)</script>", "[link](javascript:alert(1))", "*bold* _em_ `code` ~~gone~~", "&amp; &#60; entity", "# heading", "![img](x.png)",
            "<img src=x onerror=alert(1)>", "$x$ math",
        ];
        var lines = hostile.Select((h, i) => $"\"{h.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{i + 1},20,{i + 2},20,\"{h}\"");
        var csv = _report.Write("hostile.csv", "study,ai,n1i,ci,n2i,outcome\n" + string.Join('\n', lines) + "\n");
        var result = _report.Run(csv, ["r.md"], "--measure", "OR", "--title", "<b>Title</b> | [x](y)");
        Assert.Equal(0, result.ExitCode);
        var html = Markdown.ToHtml(_report.Read("r.md"), Pipeline);
        foreach (var tag in new[] { "<script", "<img src=x", "<a ", "<strong>bold", "<em>em", "<code>code", "<del>gone", "<b>", "<h1>#", "class=\"math" })
        {
            Assert.DoesNotContain(tag, html.Replace("<img src=\"r.", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Contains("<h1>&lt;b&gt;Title&lt;/b&gt; | [x](y)</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>[link](javascript:alert(1))</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>*bold* _em_ `code` ~~gone~~</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&amp;amp; &amp;#60; entity</td>", html, StringComparison.Ordinal);
        Assert.Contains("<h2># heading</h2>", html, StringComparison.Ordinal);
    }
}
