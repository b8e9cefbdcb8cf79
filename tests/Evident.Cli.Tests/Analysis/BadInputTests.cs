using System.Text.Json;

namespace Evident.Cli.Tests.Analysis;

/// <summary>Each bad-input case becomes an issue with its code, row (the line the record starts on) and column.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string SmdHeader = "study,n1i,m1i,sd1i,n2i,m2i,sd2i\n";
    private const string SmdRowA = "Edinburgh,155,55,47,156,75,64\n";
    private const string SmdRowC = "Orpington-Moderate,75,64,17,71,119,29\n";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliResult Smd(string rowB) => Cli.Run("analyze", _dir.Write("smd.csv", SmdHeader + SmdRowA + rowB + SmdRowC), "--measure", "SMD", "--format", "json");

    [Fact]
    public void MissingValue_IsReportedAtItsRowAndColumn_AndTheRowIsSkipped()
    {
        var result = Smd("Orpington-Mild,31,27,,32,29,4\n");

        Assert.Equal(0, result.ExitCode);
        result.Issue("missing-value").AssertAt(3, "sd1i");
        Assert.Equal(2, result.Outcomes()[0].GetProperty("k").GetInt32());
    }

    [Fact]
    public void NonNumericValue_IsReportedWithTheRawText_AndTheRowIsKeptAsSkipped()
    {
        var result = Smd("Orpington-Mild,31,abc,7,32,29,4\n");

        var issue = result.Issue("non-numeric");
        issue.AssertAt(3, "m1i");
        Assert.Contains("abc", issue.GetProperty("message").GetString(), StringComparison.Ordinal);
        var studies = result.Outcomes()[0].GetProperty("studies");
        Assert.Equal(3, studies.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, studies[1].GetProperty("yi").ValueKind);
        Assert.Equal(JsonValueKind.Null, studies[1].GetProperty("weight_percent").ValueKind);
        Assert.Equal(3, studies[1].GetProperty("row").GetInt32());
    }

    [Fact]
    public void NegativeSd_ForSmd_IsReported()
        => Smd("Orpington-Mild,31,27,-4,32,29,4\n").Issue("nonpositive-sd").AssertAt(3, "sd1i");

    [Fact]
    public void ZeroPooledSd_ForSmd_IsReported()
        => Smd("Orpington-Mild,31,27,0,32,29,0\n").Issue("nonpositive-sd").AssertAt(3, "sd1i");

    [Fact]
    public void SampleSizeBelowOne_IsReported()
        => Smd("Orpington-Mild,0,27,7,32,29,4\n").Issue("sample-size-too-small").AssertAt(3, "n1i");

    [Fact]
    public void EventsAboveN_IsReportedUnderTheHeaderAsWritten()
    {
        var file = _dir.Write("rr.csv",
            "Study,Experimental.cases,Experimental.N,Control.cases,Control.N\nA,4,123,11,139\nB,30,20,5,20\nC,6,306,29,303\n");

        var issue = Cli.Run("analyze", file, "--measure", "RR", "--format", "json").Issue("events-exceed-n");

        Assert.Equal(3, issue.GetProperty("row").GetInt32());
        Assert.Contains(issue.GetProperty("column").GetString(), new[] { "Experimental.cases", "Experimental.N" });
    }

    [Fact]
    public void NonPositiveVariance_IsReported()
    {
        var file = _dir.Write("gen.csv", "study,yi,vi\nA,0.1,0.01\nB,0.5,0\nC,0.3,0.02\n");

        Cli.Run("analyze", file, "--format", "json").Issue("nonpositive-variance").AssertAt(3, "vi");
    }

    [Fact]
    public void MissingRequiredColumn_IsAnAnalysisLevelIssue_AndNothingIsAnalysed()
    {
        var file = _dir.Write("smd.csv", "study,n1i,m1i,sd1i,n2i,m2i\nA,10,1,1,10,2\n");

        var result = Cli.Run("analyze", file, "--measure", "SMD", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        var issue = result.Issue("missing-column");
        Assert.Equal("sd2i", issue.GetProperty("column").GetString());
        Assert.Equal(JsonValueKind.Null, issue.GetProperty("row").ValueKind);
        Assert.Empty(result.Outcomes());
    }

    [Fact]
    public void OutcomeWithNoUsableStudy_IsOnlyAnIssue_AndTheOtherOutcomeIsAnalysed()
    {
        var file = _dir.Write("gen.csv", "outcome,study,yi,vi\nPain,A,0.1,0.01\nFunction,B,0.2,-1\nPain,C,0.3,0.02\nFunction,D,x,0.1\n");

        var result = Cli.Run("analyze", file, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Pain"], result.Outcomes().Select(o => o.GetProperty("outcome").GetString()));
        var issue = result.Issue("no-usable-studies");
        Assert.Equal("Function", issue.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, issue.GetProperty("row").ValueKind);
        Assert.Equal(JsonValueKind.Null, issue.GetProperty("column").ValueKind);
    }

    [Fact]
    public void DoubleZeroStudy_IsDroppedOnlyWhenAsked()
    {
        var file = _dir.Write("or.csv", "study,ai,bi,ci,di\nZero,0,10,0,12\nB,4,119,11,128\nC,6,300,29,274\n");

        var kept = Cli.Run("analyze", file, "--measure", "OR", "--format", "json");
        var dropped = Cli.Run("analyze", file, "--measure", "OR", "--drop00", "--format", "json");

        Assert.Equal(3, kept.Outcomes()[0].GetProperty("k").GetInt32());
        Assert.NotEmpty(kept.Outcomes()[0].GetProperty("studies")[0].GetProperty("adjustments").EnumerateArray());
        Assert.Equal(2, kept.Issue("continuity-correction").GetProperty("row").GetInt32());
        Assert.Equal(2, dropped.Outcomes()[0].GetProperty("k").GetInt32());
        Assert.Equal(2, dropped.Issue("dropped-double-zero").GetProperty("row").GetInt32());
        Assert.Equal(JsonValueKind.Null, dropped.Outcomes()[0].GetProperty("studies")[0].GetProperty("yi").ValueKind);
    }

    [Fact]
    public void DuplicateColumns_AreReported_AndTheFirstIsUsed()
    {
        var plain = _dir.Write("plain.csv", SmdHeader + SmdRowA + SmdRowC);
        var duplicated = _dir.Write("dup.csv",
            "study,n1i,m1i,sd1i,Experimental.SD,n2i,m2i,sd2i\nEdinburgh,155,55,47,999,156,75,64\nOrpington-Moderate,75,64,17,1,71,119,29\n");

        var expected = Cli.Run("analyze", plain, "--measure", "SMD", "--format", "json").Outcomes()[0].GetProperty("estimate").GetDouble();
        var result = Cli.Run("analyze", duplicated, "--measure", "SMD", "--format", "json");

        var issue = result.Issue("duplicate-column");
        issue.AssertAt(1, "Experimental.SD");
        Assert.Contains("sd1i", issue.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(expected, result.Outcomes()[0].GetProperty("estimate").GetDouble());
    }

    [Fact]
    public void RecordWithAMultiLineQuotedField_IsLocatedByTheLineItStartsOn()
    {
        var file = _dir.Write("smd.csv", SmdHeader + "\"Edinburgh\n(a two-line name)\",155,55,47,156,75,64\nOrpington-Mild,31,27,-1,32,29,4\n" + SmdRowC);

        var result = Cli.Run("analyze", file, "--measure", "SMD", "--format", "json");

        result.Issue("nonpositive-sd").AssertAt(4, "sd1i");
        Assert.Equal([2, 4, 5], result.Outcomes()[0].GetProperty("studies").EnumerateArray().Select(s => s.GetProperty("row").GetInt32()));
        Assert.Equal("Edinburgh\n(a two-line name)", result.Outcomes()[0].GetProperty("studies")[0].GetProperty("study").GetString());
    }

    [Fact]
    public void BomAndCrLf_AreRead()
    {
        var file = _dir.Write("smd.csv", ("\uFEFF" + SmdHeader + SmdRowA + "Orpington-Mild,31,27,-1,32,29,4\n" + SmdRowC).ReplaceLineEndings("\r\n"));

        var result = Cli.Run("analyze", file, "--measure", "SMD", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        result.Issue("nonpositive-sd").AssertAt(3, "sd1i");
        Assert.Equal("Edinburgh", result.Outcomes()[0].GetProperty("studies")[0].GetProperty("study").GetString());
    }

    [Fact]
    public void EmptyFile_IsReported()
    {
        var result = Cli.Run("analyze", _dir.Write("empty.csv", ""), "--measure", "SMD", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        result.Issue("empty-file");
    }

    [Fact]
    public void HeaderWithoutRows_IsAnEmptyFile()
        => Cli.Run("analyze", _dir.Write("header.csv", SmdHeader), "--measure", "SMD", "--format", "json").Issue("empty-file");
}
