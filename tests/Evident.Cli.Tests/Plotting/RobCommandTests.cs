using System.Reflection;
using Evident.Review.Prisma;
using Evident.Review.RiskOfBias;
using Evident.Tests.Shared;

namespace Evident.Cli.Tests.Plotting;

public sealed class RobCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Robvis(string name) => SharedFiles.Data("mcguinlu__robvis", "data_raw", name + ".csv");

    [Theory]
    [InlineData("svg")]
    [InlineData("png")]
    public void TrafficLight_OfRobvisExample_IsWritten(string format)
    {
        var output = Path.Combine(_dir.Path, "rob." + format);

        var result = Cli.Run("plot", "rob", Robvis("data_rob2"), "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[rob-tool-detected]", result.Error, StringComparison.Ordinal);
        Assert.Contains($"wrote {output}", result.Error, StringComparison.Ordinal);
        if (format == "png")
        {
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(output)[..4]);
        }
        else
        {
            var svg = File.ReadAllText(output);
            Assert.Contains("D1: Bias arising from the randomization process.", svg, StringComparison.Ordinal);
            Assert.Contains("#02c100", svg, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Summary_ColourblindAndWeighted_IsWritten()
    {
        var input = _dir.Write("w.csv", "Study,D1,D2,D3,D4,D5,Overall,Weight\nA,Low,Low,Low,Low,Low,Low,30\nB,High,Low,Some concerns,Low,Low,High,10\nC,Low,Low,Low,Low,Low,Low,NA\n");
        var output = Path.Combine(_dir.Path, "s.svg");

        var result = Cli.Run("plot", "rob", input, "--kind", "summary", "--weighted", "--palette", "colourblind", "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"C\" has no weight; it is left out of the weighted summary. [rob-missing-weight]", result.Error, StringComparison.Ordinal);
        Assert.Contains("weighted by meta-analysis weight", File.ReadAllText(output), StringComparison.Ordinal);
    }

    [Fact]
    public void WeightedSummary_WithoutWeights_Is1_AndWritesNothing()
    {
        var output = Path.Combine(_dir.Path, "s.svg");

        var result = Cli.Run("plot", "rob", Robvis("data_rob2"), "--kind", "summary", "--weighted", "--out", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[rob-no-weights]", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void BadCells_AreReportedAtTheirLineAndColumn_AndTheRestIsDrawn()
    {
        var input = _dir.Write("bad.csv", "Study,D1,D2,D3,D4,D5,Overall,Weight\nA,Low,Low,Low,Low,Low,Low,1\nB,Low,Hihg,Low,Low,Low,High,heavy\n,Low,Low,Low,Low,Low,Low,1\n");
        var output = Path.Combine(_dir.Path, "bad.svg");

        var result = Cli.Run("plot", "rob", input, "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{input}:3: column D2: \"Hihg\" is not a judgement", result.Error, StringComparison.Ordinal);
        Assert.Contains("[rob-unknown-judgement]", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{input}:3: column Weight: Weight \"heavy\" is not a number", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{input}:4: column Study: The row has no study label; it is skipped. [rob-missing-study]", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void ToolThatDoesNotFit_IsReported_AndTheFigureDrawn()
    {
        var result = Cli.Run("plot", "rob", Robvis("data_rob2"), "--tool", "robins-i", "--out", Path.Combine(_dir.Path, "r.svg"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ROBINS-I has 7 domains", result.Error, StringComparison.Ordinal);
        Assert.Contains("[rob-domains-mismatch]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void NoStudyColumn_Is1()
    {
        var result = Cli.Run("plot", "rob", _dir.Write("x.csv", "Name,D1\nA,Low\n"), "--out", Path.Combine(_dir.Path, "x.svg"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[rob-no-study-column]", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--palette", "rainbow")]
    [InlineData("--kind", "pie")]
    [InlineData("--tool", "rob3")]
    [InlineData("--weighted", null)]
    public void BadOptions_Are2(string option, string? value)
    {
        string[] args = ["plot", "rob", Robvis("data_rob2"), "--out", Path.Combine(_dir.Path, "x.svg"), option];
        var result = Cli.Run(value is null ? args : [.. args, value]);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public void MissingFile_Is3() => Assert.Equal(3, Cli.Run("plot", "rob", Path.Combine(_dir.Path, "none.csv"), "--out", Path.Combine(_dir.Path, "x.svg")).ExitCode);

    public static TheoryData<string> Codes()
    {
        var codes = new TheoryData<string>();
        foreach (var type in new[] { typeof(RobIssueCodes), typeof(PrismaIssueCodes) })
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            {
                codes.Add((string)field.GetRawConstantValue()!);
            }
        }

        return codes;
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Readme_ListsIssueCode(string code) => Assert.Contains($"| `{code}` |", File.ReadAllText(Repo.Path("README.md")), StringComparison.Ordinal);
}
