using System.Text.Json;

namespace Evident.Cli.Tests.Analysis;

/// <summary>
/// Every analysis says how many of its rows it used; rows whose cells are shifted, swallowed or ambiguous are reported
/// and not analysed; <c>--strict</c> turns any warning or error into a failed run with no document.
/// </summary>
public sealed class RowAccountingTests : IDisposable
{
    private static readonly string Bcg = Repo.Path("examples", "bcg", "bcg.csv");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string BcgWith(Func<string[], string[]> change)
        => _dir.Write("bcg.csv", string.Join('\n', change(File.ReadAllLines(Bcg))) + "\n");

    [Fact]
    public void EveryAnalysis_SaysRowsUsedOfRowsRead_InJsonCsvAndText()
    {
        var json = Cli.Run("analyze", Bcg, "--measure", "RR", "--format", "json").Outcomes()[0];
        Assert.Equal((13, 13), (json.GetProperty("rows").GetInt32(), json.GetProperty("rows_used").GetInt32()));

        var csv = Cli.Run("analyze", Bcg, "--measure", "RR", "--format", "csv").Output.Split('\n');
        var columns = csv[0].Split(',');
        Assert.Equal("13", csv[1].Split(',')[Array.IndexOf(columns, "rows_used")]);

        Assert.Contains("rows used 13 of 13", Cli.Run("analyze", Bcg, "--measure", "RR").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void UnquotedCommaInALabel_ShiftsTheRow_WhichIsReportedAndNotAnalysed()
    {
        var file = BcgWith(lines => [.. lines.Select(l => l.StartsWith("Aronson 1948,", StringComparison.Ordinal) ? "Aronson, 1948" + l["Aronson 1948".Length..] : l)]);

        var result = Cli.Run("analyze", file, "--measure", "RR", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.Issue("extra-cells").GetProperty("row").GetInt32());
        var outcome = result.Outcomes()[0];
        Assert.Equal((12, 13, 12), (outcome.GetProperty("k").GetInt32(), outcome.GetProperty("rows").GetInt32(), outcome.GetProperty("rows_used").GetInt32()));
        Assert.Equal("warning", result.Issue("rows-not-used").GetProperty("severity").GetString());
        Assert.Contains("WARNING: 1 of the 13 rows", Cli.Run("analyze", file, "--measure", "RR").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyCellsBeyondTheHeader_AreNotShiftedCells()
    {
        var file = BcgWith(lines => [lines[0], .. lines.Skip(1).Select(l => l + ",,")]);

        var result = Cli.Run("analyze", file, "--measure", "RR", "--format", "json");

        Assert.Empty(result.Issues("extra-cells"));
        Assert.Equal(13, result.Outcomes()[0].GetProperty("rows_used").GetInt32());
    }

    [Fact]
    public void ShortRow_IsAWarningNamingTheMissingCells()
    {
        var file = _dir.Write("gen.csv", "study,yi,vi,note\nA,0.1,0.02,x\nB,0.2,0.03\nC,0.3,0.04,z\n");

        var result = Cli.Run("analyze", file, "--format", "json");

        var issue = result.Issue("missing-cells");
        issue.AssertAt(3, "note");
        Assert.Equal(3, result.Outcomes()[0].GetProperty("k").GetInt32());
    }

    [Fact]
    public void UnterminatedQuote_IsReportedAtItsLine_AndTheRowsAfterItAreStillRead()
    {
        var file = BcgWith(lines => [.. lines.Select((l, i) => i == 2 ? "\"" + l : l)]);

        var result = Cli.Run("analyze", file, "--measure", "RR", "--format", "json");

        var issue = result.Issue("unterminated-quote");
        issue.AssertAt(3, "study");
        Assert.Contains("lines 4–14", issue.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(12, result.Outcomes()[0].GetProperty("k").GetInt32());
    }

    [Fact]
    public void StrayQuotesThatSwallowRows_AreReported()
    {
        var file = BcgWith(lines => [.. lines.Select((l, i) => i == 2 ? "\"" + l : i == 5 ? ReplaceFirstComma(l) : l)]);

        var result = Cli.Run("analyze", file, "--measure", "RR", "--format", "json");

        var issue = result.Issue("quote-spans-rows");
        Assert.Equal(3, issue.GetProperty("row").GetInt32());
        var outcome = result.Outcomes()[0];
        Assert.Equal((10, 9), (outcome.GetProperty("rows").GetInt32(), outcome.GetProperty("rows_used").GetInt32()));
    }

    private static string ReplaceFirstComma(string line)
    {
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        return line[..comma] + "\"" + line[comma..];
    }

    [Theory]
    [InlineData("study;yi;vi\nA;0,1;0,02\nB;1.250;0,03\nC;0,3;0,04\n")] // a '.' in a decimal-comma file
    [InlineData("study,yi,vi\nA,0.1,0.02\nB,\"1,250\",0.03\nC,0.3,0.04\n")] // digit grouping
    public void AmbiguousNumbers_AreNotReinterpreted(string text)
    {
        var result = Cli.Run("analyze", _dir.Write("n.csv", text), "--format", "json");

        result.Issue("ambiguous-number").AssertAt(3, "yi");
        Assert.Equal(2, result.Outcomes()[0].GetProperty("k").GetInt32());
    }

    [Fact]
    public void ZeroSd_OfAStudyUsed_IsAWarning()
    {
        var file = _dir.Write("md.csv", "study,n1i,m1i,sd1i,n2i,m2i,sd2i\nA,20,5,0,20,4,2\nB,30,6,2,30,5,2\n");

        var result = Cli.Run("analyze", file, "--measure", "MD", "--format", "json");

        result.Issue("zero-sd").AssertAt(2, "sd1i");
        Assert.Equal(2, result.Outcomes()[0].GetProperty("k").GetInt32());
    }

    [Fact]
    public void Strict_FailsARunThatLostRows_AndWritesNoDocument()
    {
        var file = _dir.Write("gen.csv", "study,yi,vi\nA,0.1,0.02\nB,abc,0.03\nC,0.3,0.04\n");

        foreach (var format in new[] { "json", "text", "csv" })
        {
            var result = Cli.Run("analyze", file, "--strict", "--format", format);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(string.Empty, result.Output);
            Assert.Contains("[strict]", result.Error, StringComparison.Ordinal);
            Assert.Contains("[non-numeric]", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Strict_OnACleanRun_WritesTheDocument()
    {
        var result = Cli.Run("analyze", Bcg, "--measure", "RR", "--strict", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Json().GetProperty("settings").GetProperty("strict").GetBoolean());
        Assert.Single(result.Outcomes());
    }

    [Fact]
    public void Strict_AlsoStopsAPlotFromDrawingALossyAnalysis()
    {
        var file = _dir.Write("gen.csv", "study,yi,vi\nA,0.1,0.02\nB,abc,0.03\nC,0.3,0.04\n");
        var svg = Path.Combine(_dir.Path, "forest.svg");

        var result = Cli.Run("plot", "forest", file, "--strict", "--out", svg);

        Assert.Equal(1, result.ExitCode);
        Assert.False(File.Exists(svg));
    }

    [Fact]
    public void Dash_ReadsStandardInput_InBothPasses()
    {
        var bytes = File.ReadAllBytes(Bcg);
        var previous = Files.InputFile.StandardInput;
        try
        {
            Files.InputFile.StandardInput = () => new MemoryStream(bytes);
            var result = Cli.Run("analyze", "-", "--measure", "RR", "--format", "json");

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(13, result.Outcomes()[0].GetProperty("k").GetInt32());
            Assert.Equal("(standard input)", result.Json().GetProperty("settings").GetProperty("input").GetString());
        }
        finally
        {
            Files.InputFile.StandardInput = previous;
        }
    }

    [Fact]
    public async Task Fifo_IsReadOnce_AndAnalysedFromItsCopy()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "FIFOs are a Unix thing");
        var fifo = Path.Combine(_dir.Path, "studies.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var cancel = TestContext.Current.CancellationToken;
        var writer = Task.Run(() => File.WriteAllBytes(fifo, File.ReadAllBytes(Bcg)), cancel);
        var result = Cli.Run("analyze", fifo, "--measure", "RR", "--format", "json");
        await writer.WaitAsync(TimeSpan.FromSeconds(30), cancel);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(13, result.Outcomes()[0].GetProperty("k").GetInt32());
        Assert.Equal(JsonValueKind.Array, result.Json().GetProperty("issues").ValueKind);
    }
}
