using System.Text.RegularExpressions;
using Evident.Tests.Shared;

namespace Evident.Cli.Tests.Reporting;

/// <summary>
/// The report's figures take the options <c>plot forest</c> takes (<c>--arm-labels</c>, <c>--favours-left</c>,
/// <c>--favours-right</c>, <c>--rob</c>) and add the PRISMA 2020 diagram of <c>--prisma</c>, in HTML and Markdown alike;
/// wide tables fit the page or scroll in their own box.
/// </summary>
public sealed partial class ReportFiguresTests : IDisposable
{
    private readonly ReportRunner _report = new();

    public void Dispose() => _report.Dispose();

    [Fact]
    public void Forest_HasTheFavoursTexts_ByDefault()
    {
        var result = _report.Run(ReportRunner.Bcg, ["default.html", "default.md"], "--measure", "RR");

        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var forest in new[] { _report.Read("default.html"), _report.Read("default.forest.svg") })
        {
            Assert.Contains(">Favours experimental</text>", forest, StringComparison.Ordinal);
            Assert.Contains(">Favours control</text>", forest, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ArmLabels_FavoursAndRob_AreThoseOfPlotForest_InHtmlAndMarkdown()
    {
        var rob = _report.Write("rob.csv", "Study,D1,D2,D3,D4,D5,Overall\nAronson 1948,Low,Low,Some concerns,Low,High,High\n"
            + "Ferguson & Simes 1949,Low,Low,Low,Low,Low,Low\nNobody 2000,Low,Low,Low,Low,Low,Low\n");

        var result = _report.Run(ReportRunner.Bcg, ["rob.html", "rob.md"], "--measure", "RR", "--arm-labels", "Vaccine,Control", "--favours-right", "Favours no vaccine", "--rob", rob);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("\"Nobody 2000\" is not a study of the analysis; the row is not drawn [rob-unmatched]", result.Error, StringComparison.Ordinal);
        foreach (var forest in new[] { _report.Read("rob.html"), _report.Read("rob.forest.svg") })
        {
            Assert.Contains(">Favours Vaccine</text>", forest, StringComparison.Ordinal);
            Assert.Contains(">Favours no vaccine</text>", forest, StringComparison.Ordinal);
            Assert.Contains(">Vaccine</text>", forest, StringComparison.Ordinal);
            Assert.Equal(12, RobCircle().Count(forest));
            Assert.Contains("(D1) Bias arising from the randomization process", forest, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Prisma_AddsTheStudySelectionFigure_ToHtmlAndMarkdown()
    {
        var prisma = _report.Write("prisma.csv", PrismaCsv());

        var result = _report.Run(ReportRunner.Bcg, ["sel.html", "sel.md"], "--measure", "RR", "--prisma", prisma);

        Assert.True(result.ExitCode == 0, result.Error);
        var html = _report.Read("sel.html");
        Assert.Contains("<h2 id=\"selection-h\">Study selection</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#selection\">Study selection</a>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"box-excluded\"", html, StringComparison.Ordinal);
        var md = _report.Read("sel.md");
        Assert.Contains("## Study selection", md, StringComparison.Ordinal);
        Assert.Contains("](sel.prisma.svg)", md, StringComparison.Ordinal);
        Assert.Contains("Records identified from", _report.Read("sel.prisma.svg"), StringComparison.Ordinal);
        Assert.True(html.IndexOf("Study selection</h2>", StringComparison.Ordinal) < html.IndexOf("Pooled result", StringComparison.Ordinal));
    }

    [Fact]
    public void Prisma_WithCountsThatDoNotAddUp_StopsTheReport_WithLocatedProblems()
    {
        var prisma = _report.Write("bad.csv", PrismaCsv(("records_screened", "1041")));

        var result = _report.Run(ReportRunner.Bcg, ["bad.html"], "--measure", "RR", "--prisma", prisma);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($@"{Regex.Escape(prisma)}:\d+: .*\[prisma-count-mismatch\]", result.Error);
        Assert.Contains("[prisma-file-unusable]", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_report.PathOf("bad.html")));
    }

    [Fact]
    public void UnusableRobFile_StopsTheReport()
    {
        var rob = _report.Write("norob.csv", "Trialist,D1,D2\nAronson 1948,Low,Low\n");

        var result = _report.Run(ReportRunner.Bcg, ["norob.html"], "--measure", "RR", "--rob", rob);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[rob-no-study-column]", result.Error, StringComparison.Ordinal);
        Assert.Contains("[rob-file-unusable]", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_report.PathOf("norob.html")));
    }

    [Theory]
    [InlineData("--rob")]
    [InlineData("--prisma")]
    public void AMissingFile_StopsTheReport_Exit3(string option)
    {
        var result = _report.Run(ReportRunner.Bcg, ["missing.html"], "--measure", "RR", option, _report.PathOf("nothing.csv"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("nothing.csv: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("[file-not-found]", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_report.PathOf("missing.html")));
    }

    [Fact]
    public void WideTables_WrapTheirHeaders_AndScrollInTheirOwnBox()
    {
        var result = _report.Run(ReportRunner.Bcg, ["wide.html"], "--measure", "RR", "--sensitivity");

        Assert.True(result.ExitCode == 0, result.Error);
        var html = _report.Read("wide.html");
        // Numeric headers ("Studentized residual") wrap at spaces, so the influence table fits a 1280-pixel page; on a
        // phone every table scrolls sideways inside its own box rather than being cut.
        Assert.Contains("th.ev-num, th.ev-code { white-space: normal; }", html, StringComparison.Ordinal);
        Assert.Contains(".ev-scroll { overflow-x: auto;", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"ev-scroll\">\n<table aria-labelledby=\"table-", html[html.IndexOf("Influence diagnostics", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    /// <summary>PRISMA2020's template filled with the update's counts (<see cref="Evident.Tests.Shared.PrismaUpdate"/>), some replaced.</summary>
    private static string PrismaCsv(params (string Key, string N)[] changes)
    {
        var counts = Evident.Tests.Shared.PrismaUpdate.Counts();
        foreach (var (key, n) in changes)
        {
            counts[key] = n;
        }

        using var stream = File.OpenRead(SharedFiles.Data("prisma-flowdiagram__PRISMA2020", "inst", "extdata", "PRISMA.csv"));
        var reader = new Evident.Analysis.Input.CsvReader(stream, ',');
        Assert.True(reader.Read());
        var header = reader.Fields();
        var (data, count) = (Array.IndexOf(header, "data"), Array.IndexOf(header, "n"));
        static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var lines = new List<string> { string.Join(',', header.Select(Quote)) };
        while (reader.Read())
        {
            var cells = reader.Fields();
            if (cells.Length > count && counts.TryGetValue(cells[data], out var n))
            {
                cells[count] = n;
            }

            lines.Add(string.Join(',', cells.Select(Quote)));
        }

        return string.Join('\n', lines) + "\n";
    }

    [GeneratedRegex("<circle[^>]*class=\"rob-judgement\"")]
    private static partial Regex RobCircle();
}
