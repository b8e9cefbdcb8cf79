using System.Text.Json;

namespace Evident.Cli.Tests.Batch;

/// <summary><c>evident revman-check</c> on small RevMan-style files.</summary>
public sealed class RevManCheckTests : IDisposable
{
    private const string Header = "Analysis.group,Analysis.number,Study,Experimental.mean,Experimental.SD,Experimental.N,Control.mean,Control.SD,Control.N,Mean,CI.start,CI.end,Weight\n";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void MeanDifferences_AsRevManPrintsThem_AreReproducedAndInferredAsMD()
    {
        // Line 2 is CD002042.pub6 1.5's first row (Blair 1986) as reference/domain.md quotes it: MD −2.00 [−3.30, −0.70].
        static string Row(string study, double m1, double sd1, int n1, double m2, double sd2, int n2)
        {
            var md = m1 - m2;
            var se = Math.Sqrt((sd1 * sd1 / n1) + (sd2 * sd2 / n2));
            return FormattableString.Invariant($"1,5,{study},{m1},{sd1},{n1},{m2},{sd2},{n2},{md:F6},{md - (1.959964 * se):F6},{md + (1.959964 * se):F6},50\n");
        }

        var file = _dir.Write("md.csv", Header + Row("Blair 1986", 2.6, 3.0, 26, 4.6, 1.5, 24) + Row("Other 2000", 5.1, 2.2, 40, 4.0, 2.5, 38));

        var result = Cli.Run("revman-check", file, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var summary = result.Json().GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("rows_matched").GetInt32());
        Assert.Equal(1, summary.GetProperty("analyses_by_measure").GetProperty("MD").GetInt32());
        Assert.Empty(result.Json().GetProperty("exceptions").EnumerateArray());
    }

    [Fact]
    public void AWrongPrintedValue_IsAnExceptionWithItsLine()
    {
        var file = _dir.Write("bad.csv", Header
            + "1,1,A,2.6,3.0,26,4.6,1.5,24,-2,-3.299951,-0.700049,50\n"
            + "1,1,B,5.1,2.2,40,4.0,2.5,38,9,8,10,50\n");

        var result = Cli.Run("revman-check", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("bad.csv:3:", result.Output, StringComparison.Ordinal);
        Assert.Contains("reproduced to RevMan's rounding: 1 (50.000%)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithoutRevMansResults_Is1()
        => Assert.Equal(1, Cli.Run("revman-check", _dir.Write("x.csv", "Analysis.number,yi,vi\n1,0.1,0.01\n")).ExitCode);

    [Fact]
    public void AMissingFile_IsReportedAsAnalyzeReportsIt()
    {
        var missing = Path.Combine(_dir.Path, "missing.csv");

        var check = Cli.Run("revman-check", missing);
        var analyze = Cli.Run("analyze", missing);

        Assert.Equal(3, check.ExitCode);
        Assert.Equal(analyze.Error, check.Error);
        Assert.Contains("[file-not-found]", check.Error, StringComparison.Ordinal);
        Assert.Empty(check.Output);
    }

    [Fact]
    public void WithJson_ProblemsWithTheFileAreIssuesInTheDocument()
    {
        var file = _dir.Write("x.csv", "Analysis.number,yi,vi\n1,0.1,0.01\n");

        var result = Cli.Run("revman-check", file, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.Equal(JsonValueKind.Null, result.Json().GetProperty("summary").ValueKind);
        Assert.Equal("missing-column", result.Issue("missing-column").GetProperty("code").GetString());
    }

    [Fact]
    public void DuplicateColumns_AreWarnedAbout_OnStderrOrInTheJson()
    {
        var file = _dir.Write("dup.csv", Header.TrimEnd('\n') + ",sd1\n1,1,A,2.6,3.0,26,4.6,1.5,24,-2,-3.299951,-0.700049,50,3\n");

        var text = Cli.Run("revman-check", file);
        var json = Cli.Run("revman-check", file, "--format", "json");

        Assert.Contains("dup.csv:1: ", text.Error, StringComparison.Ordinal);
        Assert.Contains("[duplicate-column]", text.Error, StringComparison.Ordinal);
        Assert.Equal(1, json.Issue("duplicate-column").GetProperty("row").GetInt32());
        Assert.Empty(json.Error);
    }
}
