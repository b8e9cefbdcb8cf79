using Evident.Cli.Files;

namespace Evident.Cli.Tests.Plotting;

/// <summary>
/// The files the plot commands write: whole or not at all, never over a file of another output, one per outcome under a
/// name no other outcome shares; and a table that is not what the command draws is a located error, not an empty picture.
/// </summary>
public sealed class PlotFilesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Bcg => Repo.Path("examples", "bcg", "bcg.csv");

    [Fact]
    public void OutcomesWhoseNamesReadAlike_GetAFileEach_SaidWithTheirOutcome()
    {
        var rows = new[] { "A/B", "A-B", "A B", "a-b" }.SelectMany((o, i) => new[] { $"S{i}a,0.{i + 1},0.04,{o}", $"S{i}b,0.{i + 2},0.05,{o}" });
        var csv = _dir.Write("o.csv", "study,yi,vi,outcome\n" + string.Join('\n', rows) + "\n");

        var result = Cli.Run("plot", "forest", csv, "--out", Path.Combine(_dir.Path, "f.svg"));

        Assert.Equal(0, result.ExitCode);
        var files = Directory.GetFiles(_dir.Path, "f-*.svg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["f-A-B-2.svg", "f-A-B-3.svg", "f-A-B.svg", "f-a-b-4.svg"], files);
        Assert.Contains($"wrote {Path.Combine(_dir.Path, "f-A-B.svg")} (outcome \"A/B\")", result.Error, StringComparison.Ordinal);
        Assert.Contains($"wrote {Path.Combine(_dir.Path, "f-A-B-3.svg")} (outcome \"A B\")", result.Error, StringComparison.Ordinal);
        Assert.Contains("A B", File.ReadAllText(Path.Combine(_dir.Path, "f-A-B-3.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void Picture_IsWrittenWhole_AndLeavesNoOtherFileBehind()
    {
        var output = Path.Combine(_dir.Path, "forest.svg");
        File.WriteAllText(output, "previous picture");
        var userTmp = _dir.Write("forest.svg.tmp", "the user's own file");
        var userTmp2 = _dir.Write("forest.tmp", "the user's own file");

        var result = Cli.Run("plot", "forest", Bcg, "--measure", "RR", "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("<svg", File.ReadAllText(output), StringComparison.Ordinal);
        Assert.Equal("the user's own file", File.ReadAllText(userTmp));
        Assert.Equal("the user's own file", File.ReadAllText(userTmp2));
        Assert.Equal(3, Directory.GetFiles(_dir.Path).Length);
    }

    [Fact]
    public void Picture_ThatCannotBeWritten_Is3_AndLeavesThePreviousFile()
    {
        var output = Path.Combine(_dir.Path, "missing-folder", "forest.svg");

        var result = Cli.Run("plot", "forest", Bcg, "--measure", "RR", "--out", output);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("[output-unwritable]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputFiles_Write_NeverUsesAnExistingFileAsItsTemporary_AndReplacesTheTarget()
    {
        var target = Path.Combine(_dir.Path, "report.html");
        File.WriteAllText(target, "old");
        var tmp = _dir.Write("report.html.tmp", "mine");
        using var error = new StringWriter();

        Assert.Equal(0, OutputFiles.Write(target, "new", error, "the report"));

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal("mine", File.ReadAllText(tmp));
        Assert.Equal(2, Directory.GetFiles(_dir.Path).Length);
    }

    [Fact]
    public void OutputFiles_Write_OverAFolder_Is3_AndLeavesNothing()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "x.html")).FullName;
        using var error = new StringWriter();

        Assert.Equal(3, OutputFiles.Write(folder, "new", error, "the report"));

        Assert.Contains("[output-unwritable]", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Rob_OfATableThatIsNotARiskOfBiasTable_Is1_OneLocatedError_NothingDrawn()
    {
        var output = Path.Combine(_dir.Path, "rob.svg");

        var result = Cli.Run("plot", "rob", Bcg, "--out", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{Bcg}:1: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("[not-a-rob-table]", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("[rob-unknown-judgement]", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void ForestRob_WithATableThatIsNotARiskOfBiasTable_DrawsNothing()
    {
        var output = Path.Combine(_dir.Path, "forest.svg");

        var result = Cli.Run("plot", "forest", Bcg, "--measure", "RR", "--rob", Bcg, "--out", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[not-a-rob-table]", result.Error, StringComparison.Ordinal);
        Assert.Contains("[nothing-written]", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("rob", "Study,D1,D2\nA,Low,High\n,Low,Low\nC,Hihg,Low\n")]
    [InlineData("rob", "Study,D1,D2,Weight\nA,Low,High,x\nB,Low,Low,\n")]
    [InlineData("rob", "Name,D1\nA,Low\n")]
    [InlineData("prisma", "data,n\nfoo,1\n")]
    [InlineData("prisma", "study,yi\nA,1\n")]
    [InlineData("prisma", "\"da\nta\",\"n\u001b[2J\"\nfoo,1\n")]
    public void EveryMessage_NamesItsFileAndLine(string kind, string table)
    {
        var input = _dir.Write("t.csv", table);

        var result = Cli.Run("plot", kind, input, "--out", Path.Combine(_dir.Path, "t.svg"));

        foreach (var line in result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("wrote ", StringComparison.Ordinal)))
        {
            Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(input)}:[0-9]+: .*\\[[a-z0-9-]+\\]$", line);
        }
    }

    /// <summary>A message about an analysis as a whole names its outcome where a message about a row names its line.</summary>
    [Fact]
    public void Forest_Messages_NameTheirFile_AndTheirLineOrOutcome()
    {
        var input = _dir.Write("k1.csv", "study,yi,vi,outcome\nA,0.1,0.04,one\nB,0.2,0.05,two\nC,0.3,0.06,two\n");

        var result = Cli.Run("plot", "forest", input, "--leave-one-out", "--xlim", "-1,1", "--measure", "GEN", "--out", Path.Combine(_dir.Path, "f.svg"));

        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("wrote ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(input)}(:[0-9]+: |: outcome \"[a-z]+\": ).*\\[[a-z0-9-]+\\]$", line);
        }
    }
}
