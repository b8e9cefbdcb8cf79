using System.Text.Json;

namespace Evident.Cli.Tests.Summaries;

/// <summary><c>evident summarize</c>: inputs (published results, a CSV of studies, an analysis JSON), outputs and exit codes.</summary>
public sealed class SummarizeCommandTests
{
    private static readonly string Seed = Repo.Path("examples", "rmt-ms", "rmt-ms.json");
    private static readonly string Normand = Repo.Path("examples", "normand1999", "normand1999.csv");
    private static readonly string NormandAbout = Repo.Path("examples", "normand1999", "normand1999.about.json");

    [Fact]
    public void PublishedResults_WithoutOut_PrintMarkdownOnStdout()
    {
        var result = Cli.Run("summarize", Seed);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("# Respiratory muscle training may improve MEP, MIP, FEV1 and FEV1/FVC in multiple sclerosis; its effect on FVC is uncertain\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("The standardized mean difference (SMD) was [0.42](#outcomes/mep/estimate) (95% CI [0.09](#outcomes/mep/ci_lower) to [0.76](#outcomes/mep/ci_upper); p = [0.01](#outcomes/mep/p))", result.Output, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void OutHtmlAndMd_WriteBothFiles()
    {
        using var dir = new TempDir();
        var (html, md) = (Path.Combine(dir.Path, "s.html"), Path.Combine(dir.Path, "s.md"));
        var result = Cli.Run("summarize", Seed, "--out", html, "--out", md);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.Contains("<data value=\"0.42\" data-source=\"outcomes/mep/estimate\"", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.StartsWith("# Respiratory muscle training", File.ReadAllText(md), StringComparison.Ordinal);
        Assert.Equal($"wrote {html}\nwrote {md}\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ExistingOutput_IsNotOverwritten_UnlessForce()
    {
        using var dir = new TempDir();
        var file = dir.Write("s.md", "keep me");
        var refused = Cli.Run("summarize", Seed, "--out", file);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("[output-exists]", refused.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(file));

        var forced = Cli.Run("summarize", Seed, "--out", file, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.StartsWith("# Respiratory", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("summary.txt")]
    [InlineData("summary")]
    public void OutWithoutHtmlOrMdExtension_IsAUsageError(string name)
    {
        using var dir = new TempDir();
        var result = Cli.Run("summarize", Seed, "--out", Path.Combine(dir.Path, name));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("must end in .html or .md", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void UnknownScale_IsAUsageError() => Assert.Equal(2, Cli.Run("summarize", Seed, "--scale", "hopkins").ExitCode);

    [Fact]
    public void CochraneScale_ChangesTheSizeWords()
    {
        var result = Cli.Run("summarize", Seed, "--scale", "cochrane");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("By the Cochrane Handbook's rule of thumb it is a moderate effect", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.json")]
    [InlineData("missing.csv")]
    public void MissingInput_ExitsThree(string name)
    {
        using var dir = new TempDir();
        var result = Cli.Run("summarize", Path.Combine(dir.Path, name));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("[file-not-found]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void IssuesInThePublishedFile_ArePrintedLocated_ExitOne_ButTheSummaryIsWritten()
    {
        using var dir = new TempDir();
        var input = dir.Write("bad.json", """
            {"review": {"intervention": "x"},
             "outcomes": [
               {"name": "A", "measure": "SMD", "estimate": 0.3, "ci": [0.1, 0.5], "p": 2},
               {"name": "B", "measure": "SMD", "estimate": 0.3, "ci": [0.1, 0.5], "p": 0.01, "colour": "red"}]}
            """);
        var output = Path.Combine(dir.Path, "bad.md");
        var result = Cli.Run("summarize", input, "--out", output);
        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith($"{input}:3:", StringComparison.Ordinal) && l.EndsWith("[invalid-value]", StringComparison.Ordinal) && l.Contains("outcomes[0].p: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{input}:4:", StringComparison.Ordinal) && l.EndsWith("[unknown-field]", StringComparison.Ordinal));
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void InvalidJson_IsReportedWhereItStops_ExitOne()
    {
        using var dir = new TempDir();
        var input = dir.Write("broken.json", "{\"outcomes\": [\n  {\"name\": \"A\",, }\n]}");
        var result = Cli.Run("summarize", input);
        Assert.Equal(1, result.ExitCode);
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(input)}:2:\d+: .*\[invalid-json\]", result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void PerStudyCsv_IsAnalysedAsAnalyzeDoes_WithTheAboutFile()
    {
        var result = Cli.Run("summarize", Normand, "--measure", "SMD", "--about", NormandAbout);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.StartsWith("# The effect of specialist stroke care on length of hospital stay is uncertain\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("The standardized mean difference (SMD) was [−0.54](#outcomes/normand1999/estimate) (95% CI [−1.14](#outcomes/normand1999/ci_lower) to [0.07](#outcomes/normand1999/ci_upper); p = [0.082](#outcomes/normand1999/p))", result.Output, StringComparison.Ordinal);
        Assert.Contains("| <a id=\"outcomes/normand1999/estimate\"></a>outcomes/normand1999/estimate | -0.5371082584329356 |", result.Output, StringComparison.Ordinal);

        // Without --about the analysis still summarizes, named after its file, with no direction words of benefit.
        var bare = Cli.Run("summarize", Normand, "--measure", "SMD");
        Assert.Equal(0, bare.ExitCode);
        Assert.Contains("### Normand1999\n\nThe intervention may reduce normand1999, or make little or no difference to it", bare.Output, StringComparison.Ordinal);
        Assert.StartsWith("# The effect of the intervention on normand1999 is uncertain\n", bare.Output, StringComparison.Ordinal);
        Assert.Contains("In practice, the effect of the intervention on normand1999 is uncertain.", bare.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PerStudyCsv_AnalysisOptionsApply()
    {
        var result = Cli.Run("summarize", Normand, "--measure", "SMD", "--method", "DL", "--about", NormandAbout);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("[−0.53](#outcomes/normand1999/estimate) (95% CI [−1.04](#outcomes/normand1999/ci_lower) to [−0.02](#outcomes/normand1999/ci_upper)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Specialist stroke care may reduce length of hospital stay.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AnalysisJson_GivesTheSameSummaryAsTheCsv()
    {
        using var dir = new TempDir();
        var analysis = Cli.Run("analyze", Normand, "--measure", "SMD", "--format", "json");
        var json = dir.Write("normand.json", analysis.Output);
        var fromJson = Cli.Run("summarize", json, "--about", NormandAbout);
        var fromCsv = Cli.Run("summarize", Normand, "--measure", "SMD", "--about", NormandAbout);
        Assert.Equal(0, fromJson.ExitCode);
        Assert.Equal(fromCsv.Output.Replace(Normand, "FILE", StringComparison.Ordinal), fromJson.Output.Replace(json, "FILE", StringComparison.Ordinal));
    }

    [Fact]
    public void AboutOutcomeMatchingNothing_IsAWarning_WhenAnotherMatches()
    {
        using var dir = new TempDir();
        var about = dir.Write("about.json", """{"review": {"intervention": "specialist care"}, "outcomes": [{"name": "mortality", "measure": "SMD"}, {"name": "normand1999", "measure": "SMD"}]}""");
        var result = Cli.Run("summarize", Normand, "--measure", "SMD", "--about", about);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"{about}:1:62: outcomes[0]: Outcome 'mortality' matches no outcome of the analysis by name or alias (the analysis has 'normand1999'); its description is not used. [about-unmatched]",
            result.Error.Trim());
        Assert.Contains("The effect of specialist care on normand1999 is uncertain", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"review\": {\"intervention\": \"x\"},\n     \"outcomes\": []}", 2)]
    [InlineData("{\"outcomes\": [\n  {\"name\": \"A\"}]}", 1)]
    public void NoOutcomeToSummarize_IsALocatedError_ExitOne(string json, int line)
    {
        using var dir = new TempDir();
        var input = dir.Write("none.json", json);
        var result = Cli.Run("summarize", input);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{input}:{line}:", result.Error.Split('\n').Single(l => l.EndsWith("[no-outcome]", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    public static TheoryData<string, string?, int> BadAbout() => new()
    {
        // a facts file whose one outcome matches nothing describes another review
        { "unmatched.json", """{"review": {"intervention": "specialist care"}, "outcomes": [{"name": "mortality", "measure": "SMD"}]}""", 1 },
        { "broken.json", """{"review": {"intervention": "specialist care"}, "outcomes": [""", 1 },
        { "shape.json", """[1, 2, 3]""", 1 },
        { "missing.json", null, 3 },
    };

    [Theory]
    [MemberData(nameof(BadAbout))]
    public void BadAbout_WritesNothing_AndIsNotZero(string name, string? text, int exitCode)
    {
        using var dir = new TempDir();
        var about = text is null ? System.IO.Path.Combine(dir.Path, name) : dir.Write(name, text);
        var html = System.IO.Path.Combine(dir.Path, "s.html");

        var toFile = Cli.Run("summarize", Normand, "--measure", "SMD", "--about", about, "--out", html);
        var toStdout = Cli.Run("summarize", Normand, "--measure", "SMD", "--about", about);

        Assert.Equal(exitCode, toFile.ExitCode);
        Assert.False(File.Exists(html));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        Assert.Equal(exitCode, toStdout.ExitCode);
        Assert.Equal(string.Empty, toStdout.Output);
        Assert.Contains(exitCode == 3 ? "[file-not-found]" : "[about-unusable]", toStdout.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AboutWithPublishedResults_IsAUsageError()
    {
        var result = Cli.Run("summarize", Seed, "--about", NormandAbout);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--about applies to an analysis", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SummaryText_DoesNotDependOnTheCulture()
    {
        var english = Cli.WithCulture("en-US", () => Cli.Run("summarize", Normand, "--measure", "SMD", "--about", NormandAbout));
        var german = Cli.WithCulture("de-DE", () => Cli.Run("summarize", Normand, "--measure", "SMD", "--about", NormandAbout));
        Assert.Equal(english.Output, german.Output);
    }

    /// <summary>
    /// Under invariant globalization (no culture data at all, as in a small container) summarize and check still work:
    /// no culture is looked up by name. Run as a child process, since the mode is fixed when a process starts.
    /// </summary>
    [Fact]
    public async Task InvariantGlobalization_SummarizeAndCheckWork()
    {
        using var dir = new TempDir();
        var md = Path.Combine(dir.Path, "s.md");
        var evident = Path.Combine(AppContext.BaseDirectory, "evident.dll");
        foreach (var args in new[] { new[] { "summarize", Seed, "--out", md }, ["check", md, "--against", Seed] })
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(evident);
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
            using var process = System.Diagnostics.Process.Start(start)!;
            var cancel = TestContext.Current.CancellationToken;
            var output = process.StandardOutput.ReadToEndAsync(cancel);
            var error = await process.StandardError.ReadToEndAsync(cancel);
            await process.WaitForExitAsync(cancel);
            Assert.True(process.ExitCode == 0, $"{args[0]}: exit {process.ExitCode}\n{error}\n{await output}");
        }

        Assert.Contains("up to 6 January 2026", File.ReadAllText(md), StringComparison.Ordinal);
    }

    /// <summary>The analysis JSON the Evidence tests summarize is what <c>analyze</c> writes today (so it cannot drift).</summary>
    [Fact]
    public void EvidenceTestFixture_EqualsAFreshAnalysis()
    {
        var fresh = JsonDocument.Parse(Cli.Run("analyze", Normand, "--measure", "SMD", "--format", "json").Output).RootElement.GetProperty("outcomes");
        var committed = JsonDocument.Parse(File.ReadAllText(Repo.Path("tests", "Evident.Evidence.Tests", "Summaries", "normand1999.analysis.json")))
            .RootElement.GetProperty("outcomes");
        Assert.Equal(committed.GetRawText(), fresh.GetRawText());
    }
}
