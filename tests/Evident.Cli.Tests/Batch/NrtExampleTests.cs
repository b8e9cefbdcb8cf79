namespace Evident.Cli.Tests.Batch;

/// <summary>
/// The bundled batch example (<c>examples/nrt/nrt.csv</c>, the README's batch-mode command): one Mantel-Haenszel analysis
/// per form of NRT reproduces the risk ratios Hartmann-Boyce et al. (Cochrane Database Syst Rev 2018, CD000146.pub5)
/// print in their abstract, to the printed two decimals.
/// </summary>
public sealed class NrtExampleTests
{
    private static readonly string Nrt = Repo.Path("examples", "nrt", "nrt.csv");

    [Fact]
    public void ByForm_MantelHaenszel_GivesTheReviewsRiskRatios()
    {
        var result = Cli.Run("analyze", Nrt, "--by", "Subgroup", "--measure", "RR", "--method", "MH", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var byForm = result.Outcomes().ToDictionary(o => o.GetProperty("key").GetProperty("Subgroup").GetString()!);
        Assert.Equal(["inhalator", "intranasal spray", "tablets/lozenges", "oral spray"], byForm.Keys);
        // Abstract: "1.90 (95% CI 1.36 to 2.67, 4 trials) for nicotine inhalator; 2.02 (1.49 to 2.73, 4 trials) for
        // nicotine nasal spray; 1.52 (1.32 to 1.74, 8 trials) for oral tablets/lozenges" (MH fixed-effect RRs).
        foreach (var (form, k, rr, lower, upper) in new[]
        {
            ("inhalator", 4, 1.90, 1.36, 2.67),
            ("intranasal spray", 4, 2.02, 1.49, 2.73),
            ("tablets/lozenges", 8, 1.52, 1.32, 1.74),
        })
        {
            var outcome = byForm[form];
            Assert.Equal("MH", outcome.GetProperty("method").GetString());
            Assert.Equal(k, outcome.GetProperty("k").GetInt32());
            Assert.Equal(
                (rr, lower, upper),
                (Printed(outcome, "estimate_bt"), Printed(outcome, "ci_lower_bt"), Printed(outcome, "ci_upper_bt")));
        }

        Assert.Equal(1, byForm["oral spray"].GetProperty("k").GetInt32());
        Assert.Empty(result.Json().GetProperty("issues").EnumerateArray());
    }

    [Fact]
    public void Csv_HasOneRowPerForm()
    {
        var result = Cli.Run("analyze", Nrt, "--by", "Subgroup", "--measure", "RR", "--method", "MH", "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.StartsWith("Subgroup,", lines[0], StringComparison.Ordinal);
        Assert.Equal(["inhalator", "intranasal spray", "tablets/lozenges", "oral spray"], lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    private static double Printed(System.Text.Json.JsonElement outcome, string field) => Math.Round(outcome.GetProperty(field).GetDouble(), 2, MidpointRounding.AwayFromZero);
}
