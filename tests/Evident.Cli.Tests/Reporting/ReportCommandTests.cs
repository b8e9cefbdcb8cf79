using System.Globalization;
using System.Text.Json;
using Evident.Cli.Reporting;

namespace Evident.Cli.Tests.Reporting;

/// <summary><c>evident report</c>: the numbers are <c>analyze</c>'s, the files are what was asked for, and no file is lost by accident.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly ReportRunner _report = new();

    public void Dispose() => _report.Dispose();

    public static TheoryData<string, string> Analyses => new()
    {
        { "bcg", "RR" },
        { "normand", "SMD" },
    };

    private static string Input(string name) => name == "bcg" ? ReportRunner.Bcg : ReportRunner.Normand;

    [Theory]
    [MemberData(nameof(Analyses))]
    public void JsonReport_HasAnalyzesNumbersValueForValue(string input, string measure)
    {
        var analyze = Cli.Run("analyze", Input(input), "--measure", measure, "--format", "json");
        Assert.Equal(0, analyze.ExitCode);
        var expected = analyze.Json();
        var report = _report.Json(Input(input), "--measure", measure);

        var outcomes = report.GetProperty("outcomes").EnumerateArray().ToList();
        var analyzed = expected.GetProperty("outcomes").EnumerateArray().ToList();
        Assert.Equal(analyzed.Count, outcomes.Count);
        for (var i = 0; i < analyzed.Count; i++)
        {
            var fields = outcomes[i].EnumerateObject().Where(p => p.Name is not ("i2_bands" or "i2_interpretation")).ToList();
            Assert.Equal(analyzed[i].EnumerateObject().Select(p => (p.Name, p.Value.GetRawText())), fields.Select(p => (p.Name, p.Value.GetRawText())));
        }

        var settings = report.GetProperty("settings").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
        foreach (var setting in expected.GetProperty("settings").EnumerateObject().Where(p => p.Name != "format"))
        {
            Assert.Equal(setting.Value.GetRawText(), settings[setting.Name]);
        }

        Assert.Equal("\"report\"", settings["format"]);
        Assert.Equal(expected.GetProperty("issues").GetRawText(), report.GetProperty("issues").GetRawText());
    }

    [Theory]
    [MemberData(nameof(Analyses))]
    public void MarkdownAndHtml_ShowAnalyzesEstimateRounded(string input, string measure)
    {
        var outcome = Cli.Run("analyze", Input(input), "--measure", measure, "--format", "json").Outcomes()[0];
        var result = _report.Run(Input(input), ["r.md", "r.html"], "--measure", measure);
        Assert.Equal(0, result.ExitCode);
        string F(string field) => outcome.GetProperty(field).GetDouble().ToString("F2", CultureInfo.InvariantCulture);
        var label = measure == "RR" ? "log RR" : "SMD";
        var pooled = $"{label} [95% CI] | {F("estimate")} [{F("ci_lower")}, {F("ci_upper")}] |";
        Assert.Contains(pooled, _report.Read("r.md"), StringComparison.Ordinal);
        Assert.Contains($"{F("estimate")} [{F("ci_lower")}, {F("ci_upper")}]", _report.Read("r.html"), StringComparison.Ordinal);
        if (measure == "RR")
        {
            Assert.Contains($"RR [95% CI] | {F("estimate_bt")} [{F("ci_lower_bt")}, {F("ci_upper_bt")}] |", _report.Read("r.md"), StringComparison.Ordinal);
        }

        var i2 = outcome.GetProperty("i2").GetDouble().ToString("F1", CultureInfo.InvariantCulture);
        Assert.Contains($"I² = {i2}%", _report.Read("r.md"), StringComparison.Ordinal);
        Assert.Contains($"| τ² [95% CI] | {outcome.GetProperty("tau2").GetDouble().ToString("F4", CultureInfo.InvariantCulture)} [", _report.Read("r.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void JsonReport_ValidatesAndHasTheI2Band()
    {
        var report = _report.Json(ReportRunner.Bcg, "--measure", "RR");
        var outcome = report.GetProperty("outcomes")[0];
        Assert.Equal(["considerable"], outcome.GetProperty("i2_bands").EnumerateArray().Select(b => b.GetString()));
        Assert.StartsWith("I² = 92.2% lies in the Cochrane Handbook's band 75–100%", outcome.GetProperty("i2_interpretation").GetString(), StringComparison.Ordinal);
        var meta = report.GetProperty("report");
        Assert.Equal("Meta-analysis of bcg.csv", meta.GetProperty("title").GetString());
        Assert.Equal("bcg.csv", meta.GetProperty("input").GetString());
        Assert.Equal(Evident.Analysis.Analyzer.Version, meta.GetProperty("evident_version").GetString());
        Assert.True(DateTimeOffset.TryParse(meta.GetProperty("date").GetString(), CultureInfo.InvariantCulture, out _));
        Assert.Equal(4, meta.GetProperty("i2_bands").GetArrayLength());
        Assert.Equal(["settings", "outcomes", "issues"], report.EnumerateObject().Select(p => p.Name).Skip(1));
    }

    [Fact]
    public void BiasAndSensitivity_AddTheirSectionsToEveryFormat()
    {
        var result = _report.Run(ReportRunner.Bcg, ["r.md", "r.html", "r.json"], "--measure", "RR", "--bias", "--sensitivity");
        Assert.Equal(0, result.ExitCode);
        var md = _report.Read("r.md");
        foreach (var heading in new[] { "### Small-study effects and publication bias", "### Sensitivity analyses", "**Leave-one-out: the model without each study**", "**Influence diagnostics**", "**Cumulative meta-analysis (order: input)**" })
        {
            Assert.Contains(heading, md, StringComparison.Ordinal);
        }

        Assert.Contains("| Rank correlation (Begg & Mazumdar) | Kendall's τ = 0.026, p = 0.952 (exact) |", md, StringComparison.Ordinal);
        Assert.Contains("<h3>Small-study effects and publication bias</h3>", _report.Read("r.html"), StringComparison.Ordinal);
        Assert.Contains("<h3>Sensitivity analyses</h3>", _report.Read("r.html"), StringComparison.Ordinal);
        var outcome = JsonDocument.Parse(_report.Read("r.json")).RootElement.GetProperty("outcomes")[0];
        Assert.Equal(JsonValueKind.Object, outcome.GetProperty("bias").ValueKind);
        Assert.Equal(13, outcome.GetProperty("sensitivity").GetProperty("studies").GetArrayLength());

        var plain = _report.Run(ReportRunner.Bcg, ["plain.md"], "--measure", "RR");
        Assert.Equal(0, plain.ExitCode);
        Assert.DoesNotContain("Small-study", _report.Read("plain.md"), StringComparison.Ordinal);
        Assert.DoesNotContain("Sensitivity", _report.Read("plain.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void FewerThanTenStudies_GetTheAsymmetryTestGuidanceAsANote()
    {
        var result = _report.Run(ReportRunner.Normand, ["r.md"], "--measure", "SMD", "--bias");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("> **Note:** ", _report.Read("r.md"), StringComparison.Ordinal);
        Assert.Contains("[few-studies-for-asymmetry]", _report.Read("r.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownPlots_AreWrittenBesideAndLinked_AndTheHtmlEmbedsThem()
    {
        var result = _report.Run(ReportRunner.Bcg, ["out.md", "out.html"], "--measure", "RR");
        Assert.Equal(0, result.ExitCode);
        var md = _report.Read("out.md");
        foreach (var plot in new[] { "out.forest.svg", "out.funnel.svg" })
        {
            Assert.Contains($"]({plot})", md, StringComparison.Ordinal);
            Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", _report.Read(plot), StringComparison.Ordinal);
        }

        var html = _report.Read("out.html");
        Assert.Equal(2, html.Split("<svg ").Length - 1);
        Assert.Contains(_report.Read("out.forest.svg").Split('\n')[3], html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_IsSelfContained()
    {
        var result = _report.Run(ReportRunner.Bcg, ["r.html"], "--measure", "RR", "--subgroup", "alloc", "--bias", "--sensitivity");
        Assert.Equal(0, result.ExitCode);
        var html = _report.Read("r.html");
        foreach (var external in new[] { "<script", "<link", "<img", "<iframe", "src=", "href=\"http", "@import", "url(", "//fonts." })
        {
            Assert.DoesNotContain(external, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingFile_IsNotOverwrittenWithoutForce()
    {
        var existing = _report.Write("r.html", "mine");
        var refused = _report.Run(ReportRunner.Bcg, ["r.html"], "--measure", "RR");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("[output-exists]", refused.Error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(existing));

        var forced = _report.Run(ReportRunner.Bcg, ["r.html"], "--measure", "RR", "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(existing), StringComparison.Ordinal);
    }

    [Fact]
    public void ExistingPlotFileOfAMarkdownReport_IsNotOverwrittenWithoutForce_AndNothingIsWritten()
    {
        _report.Write("r.funnel.svg", "mine");
        var refused = _report.Run(ReportRunner.Bcg, ["r.md", "r.json"], "--measure", "RR");
        Assert.Equal(3, refused.ExitCode);
        Assert.Matches(@"r\.funnel\.svg: .*\[output-exists\]", refused.Error);
        Assert.False(File.Exists(_report.PathOf("r.md")));
        Assert.False(File.Exists(_report.PathOf("r.json")));
        Assert.Equal("mine", _report.Read("r.funnel.svg"));
    }

    [Theory]
    [InlineData("r.txt")]
    [InlineData("r.htm")]
    [InlineData("r")]
    public void OutWithAnotherExtension_IsAUsageError(string name)
    {
        var result = _report.Run(ReportRunner.Bcg, [name], "--measure", "RR");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("must end in .html, .md or .json", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_report.Folder));
    }

    [Fact]
    public void SameOutTwice_IsAUsageError()
    {
        var result = _report.Run(ReportRunner.Bcg, ["r.html", "r.html"], "--measure", "RR");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("more than once", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadDecimals_IsAUsageError()
        => Assert.Equal(2, _report.Run(ReportRunner.Bcg, ["r.html"], "--decimals", "9").ExitCode);

    [Fact]
    public void MissingInput_ExitsWith3_AndWritesNothing()
    {
        var result = _report.Run(_report.PathOf("nope.csv"), ["r.html"]);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("[file-not-found]", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_report.Folder));
    }

    [Fact]
    public void UnreadableInput_ExitsWith3()
    {
        Directory.CreateDirectory(_report.PathOf("folder.csv"));
        var result = _report.Run(_report.PathOf("folder.csv"), ["r.html"]);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("[file-unreadable]", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_report.PathOf("r.html")));
    }

    [Fact]
    public void NothingAnalysed_ExitsWith1_AndWritesNothing()
    {
        var csv = _report.Write("bad.csv", "study,ai,n1i,ci,n2i\nA,x,20,3,20\n");
        var result = _report.Run(csv, ["r.html"], "--measure", "OR");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[non-numeric]", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_report.PathOf("r.html")));
    }

    [Fact]
    public void UnwritableFolder_ExitsWith3()
    {
        var result = _report.Run(ReportRunner.Bcg, [Path.Combine("missing-folder", "r.html")], "--measure", "RR");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("[output-unwritable]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void IssuesOfTheRun_AreListedWithTheirPlace()
    {
        var csv = _report.Write("some.csv", "study,ai,n1i,ci,n2i\nA,4,20,3,20\nB,x,25,5,25\nC,1,30,0,30\n");
        var result = _report.Run(csv, ["r.md", "r.json"], "--measure", "OR");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("some.csv:3: ", result.Error, StringComparison.Ordinal);
        var md = _report.Read("r.md");
        Assert.Contains("| some.csv | 3 | ai |  | error | non-numeric |", md, StringComparison.Ordinal);
        Assert.Contains("| some.csv | 4 |", md, StringComparison.Ordinal);
        Assert.Contains("continuity-correction", md, StringComparison.Ordinal);
        var issues = JsonDocument.Parse(_report.Read("r.json")).RootElement.GetProperty("issues");
        Assert.Contains(issues.EnumerateArray(), i => i.GetProperty("code").GetString() == "non-numeric" && i.GetProperty("row").GetInt32() == 3);
    }

    [Fact]
    public void NoIssues_IsSaid()
    {
        var result = _report.Run(ReportRunner.Bcg, ["r.md"], "--measure", "RR");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("## Input issues\n\nNo issues: every row was read and used as given", _report.Read("r.md"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data/bcg.csv", "bcg.report.html")]
    [InlineData("pairwise70.csv.gz", "pairwise70.report.html")]
    [InlineData("notes", "notes.report.html")]
    public void DefaultOutput_IsNamedAfterTheInput(string input, string expected) => Assert.Equal(expected, ReportCommand.DefaultPath(input));

    [Fact]
    public void Title_IsUsed()
    {
        var report = _report.Json(ReportRunner.Bcg, "--measure", "RR", "--title", "BCG vaccine and tuberculosis");
        Assert.Equal("BCG vaccine and tuberculosis", report.GetProperty("report").GetProperty("title").GetString());
    }
}
