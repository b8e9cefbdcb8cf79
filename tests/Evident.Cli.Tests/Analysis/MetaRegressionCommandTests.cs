using System.Text.Json;
using Evident.Core.Tests;

namespace Evident.Cli.Tests.Analysis;

/// <summary>
/// <c>--mods</c>, <c>--btt</c> and <c>--newmods</c> through the command, against the metafor fixtures written by
/// <c>tests/fixtures/R/metareg.R</c> (<c>rma(yi, vi, mods = …, data = bcgRR)</c> and <c>predict()</c>).
/// </summary>
public sealed class MetaRegressionCommandTests : IDisposable
{
    private static readonly string Bcg = Repo.Path("examples", "bcg", "bcg.csv");
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(Repo.Path("tests", "fixtures", "metareg", "bcg.json"))).RootElement;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static JsonElement Case(string id) => Fixture.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    private static JsonElement Outcome(params string[] args)
    {
        var result = Cli.Run(["analyze", Bcg, "--measure", "RR", "--format", "json", .. args]);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        return Assert.Single(result.Outcomes());
    }

    [Theory]
    [InlineData("ablat", "REML", "z")]
    [InlineData("ablat + year", "REML", "knha")]
    [InlineData("factor(alloc)", "DL", "z")]
    [InlineData("factor(alloc)", "REML", "knha")]
    [InlineData("ablat*year", "ML", "z")]
    public void Coefficients_AndTests_AreMetafors(string mods, string method, string test)
    {
        var expected = Case($"bcg|~ {mods}|{method}|{test}|95").GetProperty("fit");
        var tolerance = method is "REML" or "ML" ? Tolerances.Iterative : Tolerances.ClosedForm;

        var outcome = Outcome("--mods", mods, "--method", method, "--test", test);

        var coefficients = outcome.GetProperty("coefficients").EnumerateArray().ToList();
        Assert.Equal(expected.GetProperty("colnames").EnumerateArray().Select(e => e.GetString()), coefficients.Select(c => c.GetProperty("name").GetString()));
        string[] fields = ["estimate", "se", "ci_lower", "ci_upper"];
        string[] names = ["coef", "se", "ci_lb", "ci_ub"];
        for (var f = 0; f < fields.Length; f++)
        {
            var values = Numbers(expected.GetProperty(names[f]));
            for (var i = 0; i < coefficients.Count; i++)
            {
                // CI bounds of the ill-conditioned ablat*year model: the floor scales with the estimate (as the Core tests do).
                var scale = Math.Abs(values[i]) + Math.Abs(Numbers(expected.GetProperty("coef"))[i]);
                tolerance.ScaledTo(Math.Max(1, scale)).AssertClose(values[i], coefficients[i].GetProperty(fields[f]).GetDouble(), $"{names[f]}[{i}]");
            }
        }

        tolerance.AssertClose(expected.GetProperty("QM").GetDouble(), outcome.GetProperty("qm").GetDouble(), "QM");
        tolerance.AssertClose(expected.GetProperty("QMp").GetDouble(), outcome.GetProperty("qm_p").GetDouble(), "QMp");
        Tolerances.ClosedForm.AssertClose(expected.GetProperty("QE").GetDouble(), outcome.GetProperty("qe").GetDouble(), "QE");
        tolerance.AssertClose(expected.GetProperty("tau2").GetDouble(), outcome.GetProperty("tau2_residual").GetDouble(), "tau2");
        Assert.Equal(test == "knha" ? JsonValueKind.Number : JsonValueKind.Null, outcome.GetProperty("qm_df2").ValueKind);
    }

    [Fact]
    public void NewMods_PredictAsMetafor()
    {
        var expected = Case("bcg|~ ablat|REML|z|95").GetProperty("predict").GetProperty("metafor");

        var outcome = Outcome("--mods", "ablat", "--newmods", "ablat=10; ablat=30; ablat=55");

        var predictions = outcome.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(["10", "30", "55"], predictions.Select(p => p.GetProperty("newmods").GetProperty("ablat").GetString()));
        var pred = Numbers(expected.GetProperty("pred"));
        var se = Numbers(expected.GetProperty("se"));
        for (var i = 0; i < 3; i++)
        {
            Tolerances.Iterative.AssertClose(pred[i], predictions[i].GetProperty("estimate").GetDouble(), $"pred[{i}]");
            Tolerances.Iterative.AssertClose(se[i], predictions[i].GetProperty("se").GetDouble(), $"se[{i}]");
        }
    }

    [Fact]
    public void PublishedBcgValues_AreReproduced_AndPrintedAsATable()
    {
        // metafor.md §2.3 [C]: BCG REML mods = ~ ablat: coef 0.2515, −0.0291; se 0.2491, 0.0072; QM 16.3571; QE 30.7331; R² 75.6245.
        var outcome = Outcome("--mods", "ablat");
        var c = outcome.GetProperty("coefficients");
        Tolerances.Published.AssertClose(0.2515, c[0].GetProperty("estimate").GetDouble());
        Tolerances.Published.AssertClose(-0.0291, c[1].GetProperty("estimate").GetDouble());
        Tolerances.Published.AssertClose(0.0072, c[1].GetProperty("se").GetDouble());
        Tolerances.Published.AssertClose(16.3571, outcome.GetProperty("qm").GetDouble());
        Tolerances.Published.AssertClose(30.7331, outcome.GetProperty("qe").GetDouble());
        Tolerances.Published.AssertClose(75.6245, outcome.GetProperty("r2").GetDouble());

        var text = Cli.Run("analyze", Bcg, "--measure", "RR", "--mods", "ablat");
        Assert.Contains("Meta-regression ~ ablat · REML · k = 13", text.Output, StringComparison.Ordinal);
        Assert.Contains("Test of moderators (ablat): QM = 16.36 on 1 df", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Btt_SelectsTheCoefficientsTested()
    {
        // metafor.md §2.3 item 28: anova(rma(yi, vi, mods = ~ ablat + alloc), btt = 3:4): QM 1.2850 (p 0.5260); with knha F 0.6007.
        var outcome = Outcome("--mods", "ablat + factor(alloc)", "--btt", "3:4");
        Tolerances.Published.AssertClose(1.2850, outcome.GetProperty("qm").GetDouble());
        Tolerances.Published.AssertClose(0.5260, outcome.GetProperty("qm_p").GetDouble());
        Assert.Equal("3,4", outcome.GetProperty("qm_coefficients").GetString());

        var knha = Outcome("--mods", "ablat + factor(alloc)", "--btt", "3:4", "--test", "knha");
        Tolerances.Published.AssertClose(0.6007, knha.GetProperty("qm").GetDouble());
    }

    [Fact]
    public void InvalidFormula_IsALocatedErrorBeforeAnythingIsRead()
    {
        var result = Cli.Run("analyze", Bcg, "--measure", "RR", "--mods", "ablat + (year", "--format", "json");

        Assert.NotEqual(0, result.ExitCode);
        var issue = result.Issue("formula-syntax");
        Assert.Equal("--mods", issue.GetProperty("column").GetString());
        Assert.Contains("ablat + (year", issue.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(result.Outcomes());
    }

    [Fact]
    public void UnknownModeratorColumn_IsAMissingColumn()
    {
        var result = Cli.Run("analyze", Bcg, "--measure", "RR", "--mods", "latitude", "--format", "json");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("latitude", result.Issue("missing-column").GetProperty("column").GetString());
    }

    [Fact]
    public void CollinearModerators_AreDroppedWithAMessage()
    {
        var csv = _dir.Write("collinear.csv", "study,yi,vi,x,x2\nA,0.1,0.04,1,2\nB,0.3,0.05,2,4\nC,0.2,0.03,3,6\nD,0.6,0.06,4,8\nE,0.5,0.02,5,10\n");

        var result = Cli.Run("analyze", csv, "--mods", "x + x2", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("x2", result.Issue("redundant-moderator").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["intrcpt", "x"], Assert.Single(result.Outcomes()).GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public void MissingModeratorValue_LeavesTheStudyOutWithItsRow()
    {
        var csv = _dir.Write("missing.csv", "study,yi,vi,x\nA,0.1,0.04,1\nB,0.3,0.05,\nC,0.2,0.03,3\nD,0.6,0.06,4\nE,0.5,0.02,5\n");

        var result = Cli.Run("analyze", csv, "--mods", "x", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.Issue("missing-moderator").GetProperty("row").GetInt32());
        var outcome = Assert.Single(result.Outcomes());
        Assert.Equal(4, outcome.GetProperty("k_regression").GetInt32());
        Assert.Equal(5, outcome.GetProperty("k").GetInt32());
    }

    [Fact]
    public void TextModerator_IsAFactor_AndItsLevelsNameTheCoefficients()
    {
        var outcome = Outcome("--mods", "alloc", "--method", "DL");

        Assert.Equal(["intrcpt", "allocrandom", "allocsystematic"],
            outcome.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }
}
