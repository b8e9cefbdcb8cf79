using System.Text.Json;
using Evident.Tests.Shared;

namespace Evident.Cli.Tests.Checking;

/// <summary><c>evident check</c> end to end in-process: output formats, exit codes, usage and file errors.</summary>
public sealed class CheckCommandTests
{
    private static readonly string Seed = Repo.Path("examples", "rmt-ms", "rmt-ms.json");

    private const string Correct = """
        # Respiratory muscle training in multiple sclerosis

        **Key takeaway:** Respiratory muscle training may increase MEP slightly.

        The review pooled 8 randomised trials with 249 participants. For MEP the SMD was 0.42 (95% CI 0.09 to 0.76; p = 0.01).

        """;

    [Theory]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    public void CorrectSummary_ExitsZero_AndTextNamesNoError(string culture)
    {
        using var dir = new TempDir();
        var file = dir.Write("summary.md", Correct);
        var result = Cli.WithCulture(culture, () => Cli.Run("check", file, "--against", Seed));
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("  error  ", result.Output, StringComparison.Ordinal);
        Assert.Contains("0 errors, 0 decision errors", result.Output, StringComparison.Ordinal);
        Assert.Contains("Flesch–Kincaid grade", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    public void WrongNumber_ExitsOne_WithItsLocationInTextAndJson(string culture)
    {
        using var dir = new TempDir();
        var file = dir.Write("summary.md", Correct.Replace("0.42", "0.49", StringComparison.Ordinal));
        var text = Cli.WithCulture(culture, () => Cli.Run("check", file, "--against", Seed));
        Assert.Equal(1, text.ExitCode);
        var column = Correct.ReplaceLineEndings("\n").Split('\n')[4].IndexOf("0.42", StringComparison.Ordinal) + 1;
        Assert.Contains($"{file}:5:{column}  error  untraced-number  \"0.49\"  0.42 (outcomes/mep/estimate)", text.Output, StringComparison.Ordinal);

        var json = Cli.WithCulture(culture, () => Cli.Run("check", file, "--against", Seed, "--format", "json"));
        Assert.Equal(1, json.ExitCode);
        var finding = json.Json().GetProperty("findings").EnumerateArray().First(f => f.GetProperty("code").GetString() == "untraced-number");
        Assert.Equal((5, column, "0.49", "0.42", "outcomes/mep/estimate", "error"),
            (finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32(), finding.GetProperty("quote").GetString(),
             finding.GetProperty("source_value").GetString(), finding.GetProperty("source_path").GetString(), finding.GetProperty("severity").GetString()));
        Assert.True(json.Json().GetProperty("counts").GetProperty("errors").GetInt32() >= 1);
    }

    [Fact]
    public void AnalysisJson_IsRecognised_AndFactsNameItsOutcome()
    {
        using var dir = new TempDir();
        var analysis = Repo.Path("tests", "fixtures", "check", "bcg-rr.analysis.json");
        var facts = Repo.Path("tests", "fixtures", "check", "bcg.about.json");
        var file = dir.Write("bcg.md", "BCG vaccination may reduce tuberculosis cases: the risk ratio was 0.49 (95% CI 0.34 to 0.70; p < 0.001) in 13 studies.\n");
        var result = Cli.Run("check", file, "--against", analysis, "--facts", facts);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var wrong = dir.Write("bcg-wrong.md", "BCG vaccination may increase tuberculosis cases: the risk ratio was 0.49 (95% CI 0.34 to 0.70; p = 0.20).\n");
        var bad = Cli.Run("check", wrong, "--against", analysis, "--facts", facts, "--format", "json");
        Assert.Equal(1, bad.ExitCode);
        var codes = bad.Json().GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
        Assert.Contains("direction-mismatch", codes);
        Assert.Contains("p-ci-decision-error", codes);
    }

    [Fact]
    public void Abstract_ReportsEachResult_AndTheImpliedCi()
    {
        using var dir = new TempDir();
        var file = dir.Write("abstract.txt", "RESULTS: Training improved maximal expiratory pressure (MEP) (SMD = 0.42, 95% CI [0.09-0.76], p = 0.01) "
            + "but not forced vital capacity (FVC) (SMD = 0.28, p = 0.06).\n");
        var text = Cli.Run("check", "--abstract", file);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("p agrees with CI: yes", text.Output, StringComparison.Ordinal);
        Assert.Contains("CI implied by p = 0.06: -0.012 to 0.572", text.Output, StringComparison.Ordinal);
        var json = Cli.Run("check", "--abstract", file, "--format", "json").Json();
        var outcomes = json.GetProperty("outcomes").EnumerateArray().ToList();
        Assert.Equal(["MEP", "FVC"], outcomes.Select(o => o.GetProperty("name").GetString()));
        Assert.True(outcomes[0].GetProperty("p_agrees_with_ci").GetBoolean());
        Assert.Equal(-0.012, outcomes[1].GetProperty("implied_ci").GetProperty("lower").GetDouble(), 3);
    }

    [Fact]
    public void SeedPage_AgainstItsAbstract_FindsErrors()
    {
        var page = SharedFiles.Seed("000_1b15d442372d1c75.txt");

        var result = Cli.Run("check", page, "--against", Seed);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("recommendation-in-takeaway  \"Consider\"", result.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// --format json is valid JSON whatever the text holds: a quote cut at its 100 characters across a character made
    /// of two UTF-16 units, control characters, digits of other scripts, and a number too large for a double.
    /// </summary>
    [Theory]
    [InlineData("summary.md")]
    [InlineData("summary.html")]
    [InlineData("summary.txt")]
    public void JsonOutput_IsValidJson_WhateverTheSummaryHolds(string name)
    {
        using var dir = new TempDir();
        var file = dir.Write(name, "MEP " + new string('x', 95) + "\U0001F600\U0001F600 improves a lot.\n\nThe SMD was 1e999 (95% CI 1 to 2; p = 0.01) \u001b[31m "
            + "and \u06F6.\u06F6 (p = \u0660.\u0661).\n");
        foreach (var args in new[] { new[] { "check", file, "--against", Seed, "--format", "json" }, ["check", "--abstract", file, "--format", "json"] })
        {
            var result = Cli.Run(args);
            Assert.True(result.ExitCode is 0 or 1, result.Error);
            Assert.Equal(JsonValueKind.Object, result.Json().ValueKind);
            Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check summary.md")]
    [InlineData("check --abstract a.txt --against s.json")]
    [InlineData("check s.md --against s.json --scale huge")]
    public void Usage_ExitsTwo(string args) => Assert.Equal(2, Cli.Run(args.Split(' ')).ExitCode);

    [Fact]
    public void MissingOrBrokenFiles_ExitThree()
    {
        using var dir = new TempDir();
        var summary = dir.Write("s.md", Correct);
        var missing = Cli.Run("check", summary, "--against", dir.Write("x", "") + ".missing");
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("[file-not-found]", missing.Error, StringComparison.Ordinal);
        Assert.Equal(3, Cli.Run("check", "--abstract", System.IO.Path.Combine(dir.Path, "none.txt")).ExitCode);
        var broken = Cli.Run("check", summary, "--against", dir.Write("bad.json", "{ \"outcomes\": [ 1, }"));
        Assert.Equal(3, broken.ExitCode);
        Assert.Contains("[invalid-json]", broken.Error, StringComparison.Ordinal);
    }
}
