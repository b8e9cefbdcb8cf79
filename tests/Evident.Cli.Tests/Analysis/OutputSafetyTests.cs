using Evident.Analysis.Output;
using Markdig;

namespace Evident.Cli.Tests.Analysis;

/// <summary>
/// What the input's text can do to the outputs: nothing. CSV cells a spreadsheet would run as formulas are
/// neutralised, Markdown escapes markup and HTML as the report does, terminal control sequences are shown, not sent;
/// and the Markdown table, for people, is rounded as the text table is, while CSV keeps every digit. Also --quiet.
/// </summary>
public sealed class OutputSafetyTests : IDisposable
{
    private const char Esc = '\u001b';
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Hostile() => _dir.Write("h.csv",
        "g,study,yi,vi,outcome\n"
        + "=1+1,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",0.1,0.02,<script>alert(1)</script>\n"
        + "=1+1,B,-0.3,0.03,<script>alert(1)</script>\n"
        + "-2,\"\u001b[31mRED\u001b[0m\",0.2,0.05,<script>alert(1)</script>\n"
        + "-2,@SUM(A1),0.1,0.04,<script>alert(1)</script>\n");

    [Fact]
    public void Csv_FormulaCellsAreNeutralised_NumbersAreNot()
    {
        var result = Cli.Run("analyze", Hostile(), "--by", "g", "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        var rows = Evident.Analysis.Input.CsvText.Parse(result.Output, ',').Select(r => r.Fields).ToList();
        Assert.Equal("'=1+1", rows[1][0]);
        Assert.Equal("-2", rows[2][0]);
        Assert.DoesNotContain('\'', rows[1][rows[0].ToList().IndexOf("estimate")]);
    }

    [Fact]
    public void Csv_OfSensitivity_NeutralisesStudyNames()
    {
        var result = Cli.Run("sensitivity", Hostile(), "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        var rows = Evident.Analysis.Input.CsvText.Parse(result.Output, ',').Select(r => r.Fields).ToList();
        var study = rows[0].ToList().IndexOf("study");
        Assert.Contains("'=HYPERLINK(\"http://x\",\"y\")", rows.Select(r => r[study]));
        Assert.Contains("'@SUM(A1)", rows.Select(r => r[study]));
        Assert.Contains("B", rows.Select(r => r[study]));
    }

    [Theory]
    [InlineData("=HYPERLINK(1)", true)]
    [InlineData("+cmd", true)]
    [InlineData("-1+2", true)]
    [InlineData("@x", true)]
    [InlineData("-1.5", false)]
    [InlineData("+3e4", false)]
    [InlineData("a=b", false)]
    [InlineData("", false)]
    public void FormulaRule_IsOwaspsForText_AndLeavesNumbersAlone(string cell, bool formula)
    {
        var result = Cli.Run("analyze", _dir.Write("f.csv", $"study,yi,vi,outcome\nA,0.1,0.1,\"{cell}\"\nB,0.2,0.1,\"{cell}\"\n"), "--format", "csv");

        var outcome = Evident.Analysis.Input.CsvText.Parse(result.Output, ',').Skip(1).Select(r => r.Fields[0]).FirstOrDefault() ?? string.Empty;
        Assert.Equal(formula ? "'" + cell : cell, outcome);
    }

    [Fact]
    public void Markdown_EscapesOutcomesAndKeys_AsTheReportDoes_AndRoundsAsTheTextTable()
    {
        var result = Cli.Run("analyze", Hostile(), "--by", "g", "--format", "md");

        Assert.Equal(0, result.ExitCode);
        var html = Markdown.ToHtml(result.Output, new MarkdownPipelineBuilder().UsePipeTables().Build());
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>=1+1</td>", html, StringComparison.Ordinal);
        var header = result.Output.Split('\n')[0].Split('|', StringSplitOptions.TrimEntries).ToList();
        var row = result.Output.Split('\n')[2].Split('|', StringSplitOptions.TrimEntries).ToList();
        Assert.Matches("^-?[0-9]+\\.[0-9]{4}$", row[header.IndexOf("estimate")]);
        Assert.Matches("^[0-9]+\\.[0-9]{2}$", row[header.IndexOf("i2")]);
        Assert.Matches("^([0-9]\\.[0-9]{4}|< 0\\.0001)$", row[header.IndexOf("p")]);
    }

    [Fact]
    public void Markdown_NumbersAreThoseOfTheTextTable()
    {
        var bcg = Repo.Path("examples", "bcg", "bcg.csv");
        var text = Cli.Run("analyze", bcg, "--measure", "RR").Output;
        var md = Cli.Run("analyze", bcg, "--measure", "RR", "--format", "md").Output;

        var header = md.Split('\n')[0].Split('|', StringSplitOptions.TrimEntries).ToList();
        var row = md.Split('\n')[2].Split('|', StringSplitOptions.TrimEntries).ToList();
        Assert.Contains($"│ {row[header.IndexOf("estimate")]}  95% CI [{row[header.IndexOf("ci_lower")]}, {row[header.IndexOf("ci_upper")]}]", text, StringComparison.Ordinal);
        Assert.Contains($"{row[header.IndexOf("i2")]}%", text, StringComparison.Ordinal);
        Assert.Equal("-0.7145", row[header.IndexOf("estimate")]);
    }

    [Theory]
    [InlineData("p", 0.00001, "< 0.0001")]
    [InlineData("q_p", 0.5, "0.5000")]
    [InlineData("i2", 92.22138, "92.22")]
    [InlineData("h2_ci_upper", 43.0677, "43.07")]
    [InlineData("q", 152.233, "152.23")]
    [InlineData("df", 12, "12")]
    [InlineData("level", 95, "95")]
    [InlineData("tau2", 0.31324325, "0.3132")]
    public void NumberText_OneRule(string field, double value, string expected)
        => Assert.Equal(expected, NumberText.Field(field, value));

    [Fact]
    public void Text_AndIssueLines_ShowControlCharacters_NeverSendThem()
    {
        var file = _dir.Write("c.csv", "study,yi,vi\n\"\u001b]0;title\u0007A\u009b2J\",0.1,0.1\nB,0.2,0.1\nC,\u001b[2J,0.1\n");

        var result = Cli.Run("analyze", file);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(Esc, result.Output);
        Assert.DoesNotContain('\u009b', result.Output);
        Assert.DoesNotContain('\u0007', result.Output);
        Assert.Contains("\\x1B]0;title\\x07A\\x9B2J", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Esc, result.Error);
        Assert.Contains("[non-numeric]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_PrintsErrors_AndCountsTheRestInOneLine()
    {
        // A warning (the second yi column) and an error (row 3), then a subgroup warning (row 4 has none).
        var file = _dir.Write("q.csv", "study,yi,vi,yi,sg\nA,0.1,0.1,1,a\nB,x,0.1,1,a\nC,0.3,0.1,1,\nD,0.2,0.2,1,b\n");

        var loud = Cli.Run("analyze", file, "--subgroup", "sg");
        var quiet = Cli.Run("analyze", file, "--subgroup", "sg", "--quiet");

        Assert.Equal(loud.ExitCode, quiet.ExitCode);
        Assert.Equal(loud.Output, quiet.Output);
        var loudLines = Lines(loud.Error);
        var quietLines = Lines(quiet.Error);
        Assert.Contains(loudLines, l => l.EndsWith("[duplicate-column]", StringComparison.Ordinal));
        Assert.Equal(loudLines.Where(l => l.EndsWith("[non-numeric]", StringComparison.Ordinal)), quietLines.Where(l => l.EndsWith("[non-numeric]", StringComparison.Ordinal)));
        Assert.DoesNotContain(quietLines, l => l.EndsWith("[duplicate-column]", StringComparison.Ordinal));
        var count = Assert.Single(quietLines, l => l.EndsWith("[issues-not-shown]", StringComparison.Ordinal));
        Assert.StartsWith($"{file}: ", count, StringComparison.Ordinal);
        Assert.Contains(" warning", count, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plot", "forest")]
    [InlineData("report")]
    public void Quiet_InTheOtherCommands_IsAsQuiet(params string[] command)
    {
        var file = _dir.Write("q.csv", "study,yi,vi,yi\nA,0.1,0.1,1\nB,0.2,0.1,1\n");
        var output = Path.Combine(_dir.Path, command.Length == 2 ? "f.svg" : "r.html");

        var result = Cli.Run([.. command, file, "--quiet", "--out", output]);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("[duplicate-column]", result.Error, StringComparison.Ordinal);
        Assert.Contains("[issues-not-shown]", result.Error, StringComparison.Ordinal);
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [Fact]
    public void MarkdownText_ShowsControlCharacters()
        => Assert.Equal("a\\x1B[31mb\\u202Ec", MarkdownText.Escape("a\u001b[31mb\u202ec"));

    [Fact]
    public void NumberText_DoesNotDependOnTheCulture()
        => Assert.Equal("0.1235", Cli.WithCulture("de-DE", () => NumberText.Format(0.123456)));
}
