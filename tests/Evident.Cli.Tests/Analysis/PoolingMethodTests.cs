using System.Text.Json;
using Evident.Core.Tests;

namespace Evident.Cli.Tests.Analysis;

/// <summary>
/// <c>--method MH</c>/<c>PETO</c>, <c>--subgroup</c> (with <c>--tau2-common</c>) and shared control groups through the
/// command: the numbers in the JSON are Core's (checked against metafor there), the published ones are checked here.
/// </summary>
public sealed class PoolingMethodTests : IDisposable
{
    private static readonly string Bcg = Repo.Path("examples", "bcg", "bcg.csv");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static double Number(JsonElement e, string name) => e.GetProperty(name).GetDouble();

    private static void Close(double expected, double actual, Tolerance tolerance, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(actual))] string what = "")
        => tolerance.AssertClose(expected, actual, what);

    [Theory]
    // metafor.md §2.3 item 4: rma.mh / rma.peto on dat.bcg (estimate, ci.lb, ci.ub, z, QE).
    [InlineData("MH", "RR", -0.4537, -0.5308, -0.3766, -11.5338, 152.5676)]
    [InlineData("MH", "OR", -0.4734, -0.5538, -0.3930, -11.5444, 163.9426)]
    [InlineData("MH", "RD", -0.0033, -0.0039, -0.0027, -11.4708, 386.7759)]
    [InlineData("PETO", "OR", -0.4744, -0.5541, -0.3948, -11.6689, 167.7302)]
    public void TableMethods_OnBcg_GiveThePublishedValues(string method, string measure, double estimate, double lower, double upper, double z, double q)
    {
        var result = Cli.Run("analyze", Bcg, "--measure", measure, "--method", method, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var outcome = Assert.Single(result.Outcomes());
        Assert.Equal(method, outcome.GetProperty("method").GetString());
        Close(estimate, Number(outcome, "estimate"), Tolerances.Published);
        Close(lower, Number(outcome, "ci_lower"), Tolerances.Published);
        Close(upper, Number(outcome, "ci_upper"), Tolerances.Published);
        Close(z, Number(outcome, "statistic"), Tolerances.Published);
        Close(q, Number(outcome, "q"), Tolerances.Published);
        Assert.Equal(13, outcome.GetProperty("k").GetInt32());
        Assert.Equal(13, outcome.GetProperty("studies").GetArrayLength());
        var weights = outcome.GetProperty("studies").EnumerateArray().Sum(s => s.GetProperty("weight_percent").GetDouble());
        Close(100, weights, Tolerances.ClosedForm);
    }

    [Fact]
    public void MantelHaenszelOddsRatio_ReportsItsTestsInJsonAndText()
    {
        var json = Cli.Run("analyze", Bcg, "--measure", "OR", "--method", "MH", "--format", "json");
        var tests = Assert.Single(json.Outcomes()).GetProperty("tests");
        foreach (var name in new[] { "cmh", "cmh_uncorrected", "cochran", "cochran_uncorrected", "tarone", "breslow_day" })
        {
            Assert.True(tests.GetProperty(name).GetProperty("statistic").GetDouble() > 0, name);
        }

        // Without the ½ correction the statistic is larger.
        Assert.True(tests.GetProperty("cmh_uncorrected").GetProperty("statistic").GetDouble() > tests.GetProperty("cmh").GetProperty("statistic").GetDouble());
        // Tarone's correction is small here: the two heterogeneity tests nearly agree, and both are on k − 1 df.
        Assert.Equal(12, tests.GetProperty("tarone").GetProperty("df").GetInt32());
        var text = Cli.Run("analyze", Bcg, "--measure", "OR", "--method", "MH");
        Assert.Contains("OR · MH · test Z · k = 13", text.Output, StringComparison.Ordinal);
        Assert.Contains("Breslow-Day", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rothman_AtLevel90_GivesThePublishedTests()
    {
        // metafor.md §2.3 item 6 (Rothman 2008, ch. 15, tolbutamide), level 90, correct = FALSE: MH OR 0.3387
        // [−0.1731, 0.8505], QE 0.3474, CO 1.1976, MH 1.1914, TA 0.3489.
        var csv = _dir.Write("rothman.csv", "study,ai,bi,ci,di\nage < 55,8,98,5,115\nage 55+,22,76,16,69\n");

        var outcome = Assert.Single(Cli.Run("analyze", csv, "--measure", "OR", "--method", "MH", "--level", "90", "--format", "json").Outcomes());

        Close(0.3387, Number(outcome, "estimate"), Tolerances.Published);
        Close(-0.1731, Number(outcome, "ci_lower"), Tolerances.Published);
        Close(0.8505, Number(outcome, "ci_upper"), Tolerances.Published);
        Close(0.3474, Number(outcome, "q"), Tolerances.Published);
        var tests = outcome.GetProperty("tests");
        Close(1.1976, Number(tests.GetProperty("cochran_uncorrected"), "statistic"), Tolerances.Published);
        Close(1.1914, Number(tests.GetProperty("cmh_uncorrected"), "statistic"), Tolerances.Published);
        Close(0.3489, Number(tests.GetProperty("tarone"), "statistic"), Tolerances.Published);
    }

    [Fact]
    public void MantelHaenszel_OnContinuousData_IsALocatedAnalysisIssue()
    {
        var result = Cli.Run("analyze", Repo.Path("examples", "normand1999", "normand1999.csv"), "--method", "MH", "--format", "json");

        Assert.NotEqual(0, result.ExitCode);
        var issue = result.Issue("method-not-applicable");
        Assert.Equal("error", issue.GetProperty("severity").GetString());
        Assert.Contains("SMD", issue.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TablesWithNoEvents_AreReportedNotCrashed()
    {
        var csv = _dir.Write("noevents.csv", "study,ai,n1i,ci,n2i\nA,0,10,0,12\nB,0,20,0,18\n");

        var result = Cli.Run("analyze", csv, "--measure", "OR", "--method", "MH", "--format", "json");

        Assert.Empty(result.Outcomes());
        Assert.Equal("error", result.Issue("pooled-not-estimable").GetProperty("severity").GetString());
        // Each table with no events in both groups is named by its row.
        Assert.Equal([2, 3], result.Issues("dropped-double-zero").Select(i => i.GetProperty("row").GetInt32()));
    }

    [Theory]
    [InlineData("REML", false)]
    [InlineData("DL", false)]
    [InlineData("EE", false)]
    [InlineData("REML", true)]
    [InlineData("DL", true)]
    public void Subgroups_AgreeWithMetaforPerSubgroupFits(string method, bool common)
    {
        var fixture = JsonDocument.Parse(File.ReadAllText(Repo.Path("tests", "fixtures", "subgroups", "bcg_RR_alloc.json"))).RootElement;
        var expected = fixture.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetString() == $"{method}/z");
        string[] args = ["analyze", Bcg, "--measure", "RR", "--method", method, "--subgroup", "alloc", "--format", "json"];

        var result = Cli.Run(common ? [.. args, "--tau2-common"] : args);

        Assert.Equal(0, result.ExitCode);
        var outcome = Assert.Single(result.Outcomes());
        var subgroups = outcome.GetProperty("subgroups").EnumerateArray().ToList();
        var expectedGroups = (common ? expected.GetProperty("common").GetProperty("subgroups") : expected.GetProperty("subgroups")).EnumerateArray().ToList();
        Assert.Equal(expectedGroups.Select(g => g.GetProperty("subgroup").GetString()), subgroups.Select(g => g.GetProperty("subgroup").GetString()));
        var tolerance = method is "REML" ? Tolerances.Iterative : Tolerances.ClosedForm;
        for (var i = 0; i < subgroups.Count; i++)
        {
            Close(Number(expectedGroups[i], "estimate"), Number(subgroups[i], "estimate"), tolerance);
            Close(Number(expectedGroups[i], "se"), Number(subgroups[i], "se"), tolerance);
            Close(Number(expectedGroups[i], "tau2"), Number(subgroups[i], "tau2"), tolerance);
            Assert.Equal(expectedGroups[i].GetProperty("k").GetInt32(), subgroups[i].GetProperty("k").GetInt32());
        }

        var test = outcome.GetProperty("subgroup_test");
        if (common && method != "EE")
        {
            // With a common τ² and the z test, Q between is the QM of rma(yi, vi, mods = ~ factor(alloc)).
            Close(Number(expected.GetProperty("common"), "mods_QM"), Number(test, "q"), tolerance);
            Close(Number(expected.GetProperty("common"), "tau2"), Number(test, "tau2_common"), tolerance);
        }
        else
        {
            Close(Number(expected.GetProperty("test_between"), "q"), Number(test, "q"), tolerance);
            Assert.Equal(JsonValueKind.Null, test.GetProperty("tau2_common").ValueKind);
        }

        Assert.Equal(2, test.GetProperty("q_df").GetInt32());
        Close(Number(expected, "q_within"), Number(test, "q_within"), tolerance);
    }

    [Fact]
    public void Subgroups_InText_ShowATableAndTheTest()
    {
        var result = Cli.Run("analyze", Bcg, "--measure", "RR", "--subgroup", "alloc");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Test for subgroup differences: Q = 1.86 on 2 df, p = 0.3943", result.Output, StringComparison.Ordinal);
        // The README shows this output: it must stay true.
        var readme = File.ReadAllText(Repo.Path("README.md")).ReplaceLineEndings("\n");
        var marker = "With `--subgroup alloc` the text output ends with a table per subgroup and the test:\n\n```\n";
        var start = readme.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var shown = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        Assert.True(start > marker.Length, "README block not found");
        Assert.EndsWith(shown, result.Output.ReplaceLineEndings("\n").TrimEnd('\n') + "\n", StringComparison.Ordinal);
    }

    [Fact]
    public void SubgroupWithOneStudy_IsFittedAndFlagged()
    {
        var csv = _dir.Write("one.csv", "study,yi,vi,grp\nA,0.1,0.04,x\nB,0.3,0.05,x\nC,0.2,0.03,x\nD,0.9,0.06,y\n");

        var result = Cli.Run("analyze", csv, "--subgroup", "grp", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var issue = result.Issue("subgroup-single-study");
        Assert.Equal(5, issue.GetProperty("row").GetInt32());
        var single = Assert.Single(result.Outcomes()).GetProperty("subgroups").EnumerateArray().Single(g => g.GetProperty("subgroup").GetString() == "y");
        Assert.Equal(1, single.GetProperty("k").GetInt32());
        Close(0.9, Number(single, "estimate"), Tolerances.ClosedForm);
    }

    [Fact]
    public void MissingSubgroupColumn_IsAnError()
    {
        var result = Cli.Run("analyze", Bcg, "--measure", "RR", "--subgroup", "nosuch", "--format", "json");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("nosuch", result.Issue("missing-column").GetProperty("column").GetString());
    }

    [Fact]
    public void MantelHaenszelSubgroups_TestTheirMhEstimates()
    {
        var result = Cli.Run("analyze", Bcg, "--measure", "RR", "--method", "MH", "--subgroup", "alloc", "--format", "json");

        var outcome = Assert.Single(result.Outcomes());
        var groups = outcome.GetProperty("subgroups").EnumerateArray().ToList();
        Assert.All(groups, g => Assert.Equal("MH", g.GetProperty("method").GetString()));
        // Q between from the subgroups' MH estimates and SEs (weights 1/SE²), computed here from the JSON.
        var (w, wy) = (groups.Sum(g => 1 / Math.Pow(Number(g, "se"), 2)), groups.Sum(g => Number(g, "estimate") / Math.Pow(Number(g, "se"), 2)));
        var q = groups.Sum(g => Math.Pow(Number(g, "estimate") - (wy / w), 2) / Math.Pow(Number(g, "se"), 2));
        Close(q, Number(outcome.GetProperty("subgroup_test"), "q"), Tolerances.ClosedForm);
    }

    [Fact]
    public void SharedControl_IsFlaggedAndSplitWhenAsked()
    {
        // Two comparisons of study "Multi" share its control arm (8/40); "Two" is a plain two-arm study.
        var csv = _dir.Write("multi.csv", "study,ai,n1i,ci,n2i\nMulti,4,40,8,40\nMulti,6,42,8,40\nTwo,5,50,9,51\n");

        var flagged = Cli.Run("analyze", csv, "--measure", "RR", "--format", "json");
        Assert.Equal([2, 3], flagged.Issues("shared-control").Select(i => i.GetProperty("row").GetInt32()));

        var split = Cli.Run("analyze", csv, "--measure", "RR", "--split-shared-control", "--format", "json");
        var outcome = Assert.Single(split.Outcomes());
        var changes = outcome.GetProperty("shared_control_splits").EnumerateArray().ToList();
        Assert.Equal([2, 3], changes.Select(c => c.GetProperty("row").GetInt32()));
        Assert.All(changes, c => Assert.Equal(20, Number(c, "new_n")));
        Assert.All(changes, c => Assert.Equal(4, Number(c, "new_events")));
        Assert.Equal(20, Number(outcome.GetProperty("studies")[0], "n2i"));
        Assert.True(split.Json().GetProperty("settings").GetProperty("split_shared_control").GetBoolean());
    }
}

/// <summary><c>--preset</c>: each tool's defaults, reproducing a value that tool (or metafor with its settings) printed.</summary>
public sealed class PresetTests
{
    private static readonly string Bcg = Repo.Path("examples", "bcg", "bcg.csv");

    private static (JsonElement Settings, JsonElement Outcome) Run(params string[] args)
    {
        var result = Cli.Run(["analyze", Bcg, "--measure", "RR", "--format", "json", .. args]);
        Assert.Equal(0, result.ExitCode);
        return (result.Json().GetProperty("settings"), Assert.Single(result.Outcomes()));
    }

    private static void Close(double expected, JsonElement e, string name) => Tolerances.Published.AssertClose(expected, e.GetProperty(name).GetDouble(), name);

    [Fact]
    public void Cochrane2025_IsRemlWithHksjAndATPredictionInterval()
    {
        var (settings, outcome) = Run("--preset", "cochrane-2025");

        Assert.Equal(["REML", "KNHA", "t", "tau2"], new[] { "method", "test", "pi_type", "i2" }.Select(n => settings.GetProperty(n).GetString()));
        // metafor.md §2.3 [C]: rma(yi, vi, data = bcgRR, test = "knha"): se 0.1808, CI [−1.1084, −0.3206], t −3.9522,
        // p 0.0019 on 12 df, PI [−1.9960, 0.5670] (t(k − 1) around the HKSJ SE).
        Close(0.1808, outcome, "se");
        Close(-1.1084, outcome, "ci_lower");
        Close(-0.3206, outcome, "ci_upper");
        Close(-3.9522, outcome, "statistic");
        Close(0.0019, outcome, "p");
        Close(-1.9960, outcome, "pi_lower");
        Close(0.5670, outcome, "pi_upper");
        Assert.Equal(12, outcome.GetProperty("pi_df").GetDouble());
        Close(92.2214, outcome, "i2");
    }

    [Fact]
    public void RevMan5_TakesQAroundTheMantelHaenszelEstimate_AndI2FromQ()
    {
        var (settings, outcome) = Run("--preset", "revman5");

        Assert.Equal(["DL", "Z", "q"], new[] { "method", "test", "i2" }.Select(n => settings.GetProperty(n).GetString()));
        // Q around the MH estimate is rma.mh's QE (metafor.md §2.3 item 4: 152.5676); I² = (Q − df)/Q.
        Close(152.5676, outcome, "q");
        Close(100 * (152.5676 - 12) / 152.5676, outcome, "i2");
        // Not metafor's DL (Q 152.2330 around the inverse-variance estimate, τ² 0.3088).
        Assert.NotEqual(0.3088, Math.Round(outcome.GetProperty("tau2").GetDouble(), 4));
    }

    [Fact]
    public void RevMan5_FixedEffectForBinaryData_IsMantelHaenszel()
    {
        var (_, outcome) = Run("--preset", "revman5", "--method", "FE");

        Assert.Equal("MH", outcome.GetProperty("method").GetString());
        Close(-0.4537, outcome, "estimate"); // rma.mh RR, item 4
    }

    [Fact]
    public void Meta_IsRemlWithTheTPredictionIntervalAndI2FromQ()
    {
        var (settings, outcome) = Run("--preset", "meta");

        Assert.Equal(["REML", "Z", "t", "q"], new[] { "method", "test", "pi_type", "i2" }.Select(n => settings.GetProperty(n).GetString()));
        // REML estimate as metafor (item [C]: −0.7145), I² from Q = 152.2330 on 12 df, PI with t(12).
        Close(-0.7145, outcome, "estimate");
        Close(100 * (152.2330 - 12) / 152.2330, outcome, "i2");
        Assert.Equal(12, outcome.GetProperty("pi_df").GetDouble());
    }

    [Fact]
    public void ExplicitOptions_WinOverThePreset()
    {
        var (settings, _) = Run("--preset", "cochrane-2025", "--test", "z", "--method", "DL", "--i2", "q");

        Assert.Equal(["DL", "Z", "q"], new[] { "method", "test", "i2" }.Select(n => settings.GetProperty(n).GetString()));
    }
}
