using System.Text.Json;
using Evident.Cli.Output;

namespace Evident.Cli.Tests.Batch;

/// <summary>Batch mode (<c>--by</c>) on small files written to show one behaviour each.</summary>
public sealed class BatchTests : IDisposable
{
    private const string RevManHeader =
        "review,Analysis.number,Subgroup,Applicability,Study,GIV.Mean,GIV.SE,Experimental.mean,Experimental.SD,Experimental.cases,Experimental.N,"
        + "Control.mean,Control.SD,Control.cases,Control.N,O.E,Variance,Mean\n";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private CliResult Json(string text, params string[] options)
        => Cli.Run(["analyze", _dir.Write("batch.csv", text), "--format", "json", .. options]);

    private static List<string> KeyOf(JsonElement outcome, string column)
        => [outcome.GetProperty("key").GetProperty(column).GetString()!];

    [Fact]
    public void Groups_NeedNotBeContiguous_AndComeOutInOrderOfFirstAppearance()
    {
        var text = "g,yi,vi\nB,0.1,0.01\nA,0.5,0.02\nB,0.3,0.02\nA,0.2,0.04\nC,1,0.1\nB,0.2,0.03\n";

        var result = Json(text, "--by", "g");

        var outcomes = result.Outcomes();
        Assert.Equal(["B", "A", "C"], outcomes.Select(o => KeyOf(o, "g")[0]));
        Assert.Equal([3, 2, 1], outcomes.Select(o => o.GetProperty("k").GetInt32()));
        Assert.Equal([2, 4, 7], outcomes[0].GetProperty("studies").EnumerateArray().Select(s => s.GetProperty("row").GetInt32()));
        var alone = Cli.Run("analyze", _dir.Write("b.csv", "yi,vi\n0.1,0.01\n0.3,0.02\n0.2,0.03\n"), "--format", "json").Outcomes()[0];
        Assert.Equal(alone.GetProperty("estimate").GetDouble(), outcomes[0].GetProperty("estimate").GetDouble());
    }

    [Fact]
    public void Csv_PutsTheKeyColumnsFirst_NamedAsInTheFile()
    {
        var text = "Review,Analysis.group,yi,vi\nR1,1,0.1,0.01\nR1,1,0.3,0.02\nR1,2,0.2,0.03\n";

        var result = Cli.Run("analyze", _dir.Write("k.csv", text), "--by", "review,analysis_group", "--format", "csv");

        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.StartsWith("Review,Analysis.group,outcome,measure,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("R1,1,,GEN,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("R1,2,,GEN,", lines[2], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void Json_HasKeysOnOutcomesAndIssues_AndASummaryThatAccountsForEveryRow()
    {
        var text = "g,yi,vi\nA,0.1,0.01\nA,x,0.02\nB,0.3,-1\nB,0.2,0.03\n";

        var result = Json(text, "--by", "g");

        var issue = result.Issue("non-numeric");
        Assert.Equal("A", issue.GetProperty("key").GetProperty("g").GetString());
        issue.AssertAt(3, "yi");
        Assert.Equal("B", result.Issue("nonpositive-variance").GetProperty("key").GetProperty("g").GetString());
        var summary = result.Json().GetProperty("summary");
        Assert.Equal(4, summary.GetProperty("rows").GetInt32());
        Assert.Equal(2, summary.GetProperty("rows_used").GetInt32());
        Assert.Equal(1, summary.GetProperty("rows_not_used").GetProperty("non-numeric").GetInt32());
        Assert.Equal(1, summary.GetProperty("rows_not_used").GetProperty("nonpositive-variance").GetInt32());
        Assert.Equal(2, summary.GetProperty("analyses_fitted").GetInt32());
        Assert.Equal(2, summary.GetProperty("analyses_by_measure").GetProperty("GEN").GetInt32());
    }

    [Fact]
    public void Summary_IsPrintedOnStderr_UnlessQuiet()
    {
        var file = _dir.Write("s.csv", "g,yi,vi\nA,0.1,0.01\nA,0.2,0.02\n");

        var loud = Cli.Run("analyze", file, "--by", "g", "--format", "csv");
        var quiet = Cli.Run("analyze", file, "--by", "g", "--format", "csv", "--quiet");

        Assert.Contains("2 rows in 1 analyses; 1 analyses fitted", loud.Error, StringComparison.Ordinal);
        Assert.Contains("rows by data type: generic 2", loud.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, quiet.Error);
    }

    [Fact]
    public void UnknownByColumn_Is1_WithAMissingColumnIssue()
    {
        var result = Json("g,yi,vi\nA,0.1,0.01\n", "--by", "g,nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("nope", result.Issue("missing-column").GetProperty("column").GetString());
    }

    [Fact]
    public void RevManZeroFilledRows_AreTypedPerAnalysis()
    {
        var text = RevManHeader
            // A GIV analysis whose rows also carry N and zero-filled events: generic, not binary.
            + "R,1,,SUBGROUP_AND_OVERALL,S1,-0.8,0.8674,0,0,0,17,0,0,0,20,0,0,-0.8\n"
            + "R,1,,SUBGROUP_AND_OVERALL,S2,-0.3,0.5,0,0,0,30,0,0,0,31,0,0,-0.3\n"
            // A binary analysis whose GIV.SE holds RevMan's computed SE next to GIV.Mean 0, and a double-zero study.
            + "R,2,,SUBGROUP_AND_OVERALL,S3,0,0.2367,0,0,16,47,0,0,27,45,0,0.056,0.57\n"
            + "R,2,,SUBGROUP_AND_OVERALL,S4,0,1.5275,0,0,0,5,0,0,0,5,0,2.33,NA\n"
            // A continuous analysis with a study of zeros (no SDs): reported against the SD column, the rest analysed.
            + "R,3,,SUBGROUP_AND_OVERALL,S5,0,0.23,0.42,0.39,0,36,0.3,0.35,0,38,0,0.05,0.32\n"
            + "R,3,,SUBGROUP_AND_OVERALL,S6,0,0,0,0,0,10,0,0,0,10,0,0,NA\n"
            + "R,3,,SUBGROUP_AND_OVERALL,S7,0,0.45,0.58,0.31,0,10,0.57,0.34,0,10,0,0.2,0.03\n"
            // O − E and variance (events given too, for display): PETO from O − E.
            + "R,4,,SUBGROUP_AND_OVERALL,S8,0,0,0,0,61,96,0,0,50,93,0.4055,0.2961,3.93\n"
            + "R,4,,SUBGROUP_AND_OVERALL,S9,0,0,0,0,0,83,0,0,0,41,-0.4525,0.0543,0.00024\n";

        var result = Json(text, "--by", "review,Analysis.number");

        var outcomes = result.Outcomes();
        Assert.Equal(["GEN", "OR", "SMD", "PETO"], outcomes.Select(o => o.GetProperty("measure").GetString()));
        Assert.Equal([2, 2, 2, 2], outcomes.Select(o => o.GetProperty("k").GetInt32()));
        var peto = outcomes[3].GetProperty("studies")[0];
        Assert.Equal(0.4055 / 0.2961, peto.GetProperty("yi").GetDouble(), 12);
        Assert.Equal(1 / 0.2961, peto.GetProperty("vi").GetDouble(), 12);
        result.Issues("nonpositive-sd").Single(i => i.GetProperty("row").GetInt32() == 7).AssertAt(7, "Experimental.SD");
        Assert.Empty(result.Issues("mixed-data-types"));
        Assert.Equal(
            new Dictionary<string, int> { ["generic"] = 2, ["binary"] = 2, ["continuous"] = 3, ["o-e"] = 2 },
            result.Json().GetProperty("summary").GetProperty("rows_by_type").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));
    }

    [Fact]
    public void RowsShowingConflictingTypes_SkipTheAnalysis_WithTheRowsOfEachType()
    {
        var text = RevManHeader
            + "R,1,,SUBGROUP_AND_OVERALL,S1,0,0,1.2,0.5,0,20,1.0,0.6,0,22,0,0,0.3\n"
            + "R,1,,SUBGROUP_AND_OVERALL,S2,0,0,0,0,3,20,0,0,5,22,0,0,0.6\n"
            + "R,2,,SUBGROUP_AND_OVERALL,S3,0.2,0.1,0,0,0,0,0,0,0,0,0,0,0.2\n";

        var result = Json(text, "--by", "review,Analysis.number");

        var issue = result.Issue("mixed-data-types");
        Assert.Contains("continuous: 1 row (line 2); binary: 1 row (line 3)", issue.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("1", issue.GetProperty("key").GetProperty("Analysis.number").GetString());
        Assert.Equal("2", KeyOf(Assert.Single(result.Outcomes()), "Analysis.number")[0]);
        Assert.Equal(2, result.Json().GetProperty("summary").GetProperty("rows_not_used").GetProperty("mixed-data-types").GetInt32());
    }

    [Fact]
    public void Applicability_SubgroupOnlyRowsStayOutOfOverallAnalyses_AndOverallOnlyOutOfSubgroups()
    {
        var text = RevManHeader
            + "R,1,a,SUBGROUP_AND_OVERALL,S1,0.2,0.1,0,0,0,0,0,0,0,0,0,0,0\n"
            + "R,1,a,SUBGROUP_ONLY,S2,0.5,0.2,0,0,0,0,0,0,0,0,0,0,0\n"
            + "R,1,b,OVERALL_ONLY,S3,0.1,0.3,0,0,0,0,0,0,0,0,0,0,0\n"
            + "R,1,b,SUBGROUP_AND_OVERALL,S4,0.4,0.2,0,0,0,0,0,0,0,0,0,0,0\n";

        var overall = Json(text, "--by", "review,Analysis.number");
        var subgroups = Json(text, "--by", "review,Analysis.number,Subgroup");
        var everything = Json(text, "--by", "review,Analysis.number", "--ignore-applicability");

        Assert.Equal(3, Assert.Single(overall.Outcomes()).GetProperty("k").GetInt32());
        overall.Issue("applicability-excluded").AssertAt(3, "Applicability");
        Assert.Equal([2, 1], subgroups.Outcomes().Select(o => o.GetProperty("k").GetInt32()));
        subgroups.Issue("applicability-excluded").AssertAt(4, "Applicability");
        Assert.Equal(4, Assert.Single(everything.Outcomes()).GetProperty("k").GetInt32());
        Assert.Empty(everything.Issues("applicability-excluded"));
    }

    [Fact]
    public void GzipInput_IsReadDirectly()
    {
        var file = Path.Combine(_dir.Path, "b.csv.gz");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(file), System.IO.Compression.CompressionLevel.Fastest))
        using (var w = new StreamWriter(gz))
        {
            w.Write("g,yi,vi\nA,0.1,0.01\nA,0.3,0.02\nB,0.2,0.03\n");
        }

        var result = Cli.Run("analyze", file, "--by", "g", "--format", "json");

        Assert.Equal([2, 1], result.Outcomes().Select(o => o.GetProperty("k").GetInt32()));
    }

    [Fact]
    public void ProgressBar_DrawsOnATerminal_KeepsLinesAboveIt_AndClearsItself()
    {
        using var error = new StringWriter();
        using (var bar = new ProgressBar(error, enabled: true, delay: TimeSpan.Zero))
        {
            bar.Report("Reading", 0.5, "half");
            bar.WriteLine("an issue");
        }

        var text = error.ToString();
        Assert.Contains("Reading [###############---------------]  50% half", text, StringComparison.Ordinal);
        Assert.Contains("\r\u001b[2Kan issue\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[2K", text, StringComparison.Ordinal);
        Assert.False(ProgressBar.Wanted(error, quiet: false));
    }

    [Fact]
    public void ProgressBar_Disabled_WritesOnlyTheLines()
    {
        using var error = new StringWriter();
        using (var bar = new ProgressBar(error, enabled: false))
        {
            bar.Report("Reading", 0.5, "half");
            bar.WriteLine("an issue");
        }

        Assert.Equal("an issue\n", error.ToString());
    }
}
