namespace Evident.Cli.Tests;

public sealed class ExitCodeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Help_DocumentsTheExitCodes()
    {
        var result = Cli.Run("analyze", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Exit codes: 0 success", result.Output, StringComparison.Ordinal);
        Assert.Contains("3 input file missing or unreadable", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Success_Is0() => Assert.Equal(0, Cli.Run("analyze", Repo.Path("examples", "bcg", "bcg.csv"), "--measure", "RR").ExitCode);

    [Fact]
    public void NothingAnalysable_Is1()
        => Assert.Equal(1, Cli.Run("analyze", _dir.Write("a.csv", "study,yi,vi\nA,1,-1\nB,x,1\n")).ExitCode);

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("csv")]
    [InlineData("md")]
    public void MissingInput_Is3_AndOnlyAJsonDocumentSaysSo(string format)
    {
        var result = Cli.Run("analyze", _dir.Path + "/none.csv", "--format", format);

        Assert.Equal(3, result.ExitCode);
        if (format == "json")
        {
            Assert.Contains("\"code\": \"file-not-found\"", result.Output.Replace("\":\"", "\": \"", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("[file-not-found]", result.Error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, result.Output); // no header of an empty table
        }
    }

    [Theory]
    [InlineData("--method", "foo")]
    [InlineData("--measure", "XYZ")]
    [InlineData("--level", "150")]
    [InlineData("--level", "abc")]
    [InlineData("--add", "-1")]
    [InlineData("--bogus", "1")]
    public void BadOptionOrValue_Is2(string option, string value)
    {
        var result = Cli.Run("analyze", _dir.Write("a.csv", "study,yi,vi\nA,1,1\n"), option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEqual(string.Empty, result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public void NoCommand_Is2() => Assert.Equal(2, Cli.Run().ExitCode);

    [Fact]
    public void NoMeasure_TwoByTwoFile_IsAnalysedAsBinary_OR()
    {
        var result = Cli.Run("analyze", _dir.Write("a.csv", "study,ai,bi,ci,di\nA,1,2,3,4\nB,2,5,3,3\n"), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("OR", result.Outcomes()[0].GetProperty("measure").GetString());
        Assert.Equal("auto", result.Json().GetProperty("settings").GetProperty("measure").GetString());
    }

    [Fact]
    public void NoMeasure_FileWithNoDataTypeColumns_Is1_AndNamesTheColumnsAutoNeeds()
    {
        var result = Cli.Run("analyze", _dir.Write("a.csv", "study,ri,ni\nA,0.3,20\n"), "--format", "json");

        Assert.Equal(1, result.ExitCode);
        var issue = result.Issue("missing-column");
        Assert.Contains("--measure", issue.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_Is3_WithAnIssue()
    {
        var result = Cli.Run("analyze", Path.Combine(_dir.Path, "nope.csv"), "--measure", "RR", "--format", "json");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("file-not-found", result.Issue("file-not-found").GetProperty("code").GetString());
    }

    [Fact]
    public void DirectoryInsteadOfAFile_Is3() => Assert.Equal(3, Cli.Run("analyze", _dir.Path, "--measure", "RR").ExitCode);
}
