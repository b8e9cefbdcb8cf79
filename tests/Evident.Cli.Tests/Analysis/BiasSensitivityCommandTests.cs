using System.Text.Json;
using Evident.Core.Tests;

namespace Evident.Cli.Tests.Analysis;

/// <summary>
/// <c>evident bias</c> and <c>evident sensitivity</c>: the published BCG values (metafor.md §2.3 item 27 and the [C]
/// BCG values: <c>regtest</c>, <c>ranktest</c>, <c>leave1out</c>), metafor's fixture for the per-study diagnostics
/// (<c>tests/fixtures/R/sensitivity.R</c>), the three output formats, and the guidance printed where a test is not meaningful.
/// </summary>
public sealed class BiasSensitivityCommandTests : IDisposable
{
    private static readonly string Bcg = Repo.Path("examples", "bcg", "bcg.csv");
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(Repo.Path("tests", "fixtures", "sensitivity", "bcg_RR.json"))).RootElement;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static JsonElement Outcome(params string[] args)
    {
        var result = Cli.Run([.. args, "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        return Assert.Single(result.Outcomes());
    }

    private static void Close(double expected, JsonElement actual, Tolerance tolerance, string what)
        => Assert.True(tolerance.Agrees(expected, actual.GetDouble()), $"{what}: expected {expected}, got {actual.GetDouble()}");

    [Fact]
    public void Bias_ReproducesMetaforsPublishedBcgValues()
    {
        var bias = Outcome("bias", Bcg, "--measure", "RR").GetProperty("bias");
        var egger = bias.GetProperty("regression_test");
        Close(-0.8033, egger.GetProperty("statistic"), Tolerances.Published, "regtest z");
        Close(0.4218, egger.GetProperty("p"), Tolerances.Published, "regtest p");
        Close(-0.5104, egger.GetProperty("limit_estimate"), Tolerances.Published, "limit estimate");
        var begg = bias.GetProperty("rank_correlation");
        Close(0.0256, begg.GetProperty("tau"), Tolerances.Published, "ranktest tau");
        Close(0.9524, begg.GetProperty("p"), Tolerances.Published, "ranktest p");

        var lm = Outcome("bias", Bcg, "--measure", "RR", "--model", "lm").GetProperty("bias").GetProperty("regression_test");
        Close(-1.4013, lm.GetProperty("statistic"), Tolerances.Published, "regtest lm t");
        Assert.Equal(11, lm.GetProperty("df").GetDouble());
        Close(0.1887, lm.GetProperty("p"), Tolerances.Published, "regtest lm p");
    }

    /// <summary>
    /// Generic data (yi, vi) with an <c>ni</c> column: the sample-size predictors read it, as <c>plot funnel</c> does, and
    /// agree with metafor's <c>regtest(rma(yi, vi, ni = ni), predictor = ...)</c> on dat.raudenbush1985
    /// (<c>tests/fixtures/bias/raudenbush1985.json</c>, written by <c>tests/fixtures/R/bias.R</c>).
    /// </summary>
    [Theory]
    [InlineData("ni")]
    [InlineData("ninv")]
    [InlineData("sqrtni")]
    [InlineData("sqrtninv")]
    public void Bias_SampleSizePredictors_ReadTheNiColumnOfGenericData_AsMetafor(string predictor)
    {
        var fixture = JsonDocument.Parse(File.ReadAllText(Repo.Path("tests", "fixtures", "bias", "raudenbush1985.json"))).RootElement;
        double[] Numbers(string key) => [.. fixture.GetProperty(key).EnumerateArray().Select(v => v.GetDouble())];
        var (yi, vi, ni) = (Numbers("yi"), Numbers("vi"), Numbers("ni"));
        var csv = "study,yi,vi,ni\n" + string.Concat(Enumerable.Range(0, yi.Length).Select(i =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"S{i + 1},{yi[i]:R},{vi[i]:R},{ni[i]:R}\n")));
        var file = _dir.Write("raudenbush.csv", csv);
        var expected = fixture.GetProperty("regtest").EnumerateArray().Single(c =>
            c.GetProperty("predictor").GetString() == predictor && c.GetProperty("model").GetString() == "rma"
            && c.GetProperty("method").GetString() == "REML" && c.GetProperty("test").GetString() == "z");

        var outcome = Outcome("bias", file, "--predictor", predictor);

        Assert.Equal("GEN", outcome.GetProperty("measure").GetString());
        var egger = outcome.GetProperty("bias").GetProperty("regression_test");
        Assert.Equal(predictor, egger.GetProperty("predictor").GetString());
        Close(expected.GetProperty("zval").GetDouble(), egger.GetProperty("statistic"), Tolerances.Iterative, "regtest z");
        Close(expected.GetProperty("pval").GetDouble(), egger.GetProperty("p"), Tolerances.Iterative, "regtest p");
    }

    /// <summary>
    /// A sample-size predictor without a size for every study: each study without one is an error at its row and the
    /// size column (an unreadable size is also a warning there, and the row is still analysed); without a size column
    /// at all, one error names ni.
    /// </summary>
    [Fact]
    public void Bias_SampleSizePredictor_WithMissingSizes_IsALocatedError()
    {
        var file = _dir.Write("gen-n.csv", "study,yi,vi,n\nA,0.1,0.04,50\nB,0.5,0.09,\nC,0.3,0.02,120\nD,-0.1,0.05,NR\nE,0.2,0.03,80\n");
        var result = Cli.Run("bias", file, "--predictor", "ninv", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(5, Assert.Single(result.Outcomes()).GetProperty("k").GetInt32());
        var missing = result.Issues("missing-sample-sizes");
        Assert.Equal([3, 5], missing.Select(i => i.GetProperty("row").GetInt32()));
        Assert.All(missing, i => Assert.Equal("n", i.GetProperty("column").GetString()));
        var unreadable = result.Issue("non-numeric");
        Assert.Equal((5, "n", "warning"), (unreadable.GetProperty("row").GetInt32(), unreadable.GetProperty("column").GetString(), unreadable.GetProperty("severity").GetString()));
        Assert.Equal(JsonValueKind.Null, Assert.Single(result.Outcomes()).GetProperty("bias").GetProperty("regression_test").GetProperty("p").ValueKind);

        var withoutSizes = Cli.Run("bias", _dir.Write("gen.csv", "study,yi,vi\nA,0.1,0.04\nB,0.5,0.09\nC,0.3,0.02\n"), "--predictor", "ni", "--format", "json");
        var none = withoutSizes.Issue("missing-sample-sizes");
        Assert.Equal((JsonValueKind.Null, "ni"), (none.GetProperty("row").ValueKind, none.GetProperty("column").GetString()));
    }

    [Fact]
    public void Bias_TrimAndFill_ListsTheFilledStudiesByTheRowTheyMirror()
    {
        var tf = Outcome("bias", Bcg, "--measure", "RR").GetProperty("bias").GetProperty("trim_and_fill");
        var k0 = tf.GetProperty("k0").GetInt32();
        var filled = tf.GetProperty("filled").EnumerateArray().ToList();
        Assert.Equal(k0, filled.Count);
        Assert.All(filled, f => Assert.InRange(f.GetProperty("mirrors_row").GetInt32(), 2, 14));
        Assert.Equal("right", tf.GetProperty("side").GetString());
    }

    [Fact]
    public void Bias_Text_PrintsTheHandbookGuidance_WithFewerThanTenStudies()
    {
        var file = _dir.Write("bcg6.csv", string.Join('\n', File.ReadLines(Bcg).Take(7)) + "\n");
        var result = Cli.Run("bias", file, "--measure", "RR");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Small-study effects", result.Output, StringComparison.Ordinal);
        Assert.Contains("Cochrane Handbook §13.3.5.4", result.Output, StringComparison.Ordinal); // on stdout, not only stderr
        Assert.Contains("[few-studies-for-asymmetry]", result.Output, StringComparison.Ordinal);
        var json = Outcome("bias", file, "--measure", "RR").GetProperty("bias").GetProperty("guidance");
        Assert.Contains(json.EnumerateArray(), g => g.GetProperty("code").GetString() == "few-studies-for-asymmetry");
    }

    [Fact]
    public void Bias_WithTwoStudies_SaysWhyEachTestIsMissing_NotNaN()
    {
        var file = _dir.Write("bcg2.csv", string.Join('\n', File.ReadLines(Bcg).Take(3)) + "\n");
        var result = Cli.Run("bias", file, "--measure", "RR", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("NaN", result.Output, StringComparison.Ordinal);
        var bias = Assert.Single(result.Outcomes()).GetProperty("bias");
        Assert.Equal(JsonValueKind.Null, bias.GetProperty("regression_test").GetProperty("p").ValueKind);
        Assert.NotEmpty(result.Issues("too-few-studies"));
    }

    [Fact]
    public void Bias_Csv_IsOneRowPerOutcome_WithTheTestsAsColumns()
    {
        var result = Cli.Run("bias", Bcg, "--measure", "RR", "--format", "csv");
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        Assert.Equal(header.Length, row.Length);
        var p = double.Parse(row[Array.IndexOf(header, "regression_test_p")], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Tolerances.Published.Agrees(0.4218, p));
        Assert.Equal("1", row[Array.IndexOf(header, "trim_and_fill_k0")]);
    }

    [Fact]
    public void Sensitivity_LeaveOneOut_InfluenceAndCumulative_AreMetafors()
    {
        var expected = Fixture.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "REML/z");
        var sensitivity = Outcome("sensitivity", Bcg, "--measure", "RR", "--order", "year").GetProperty("sensitivity");
        Assert.Equal("year", sensitivity.GetProperty("cumulative_order").GetString());
        var studies = sensitivity.GetProperty("studies").EnumerateArray().ToList();
        Assert.Equal(13, studies.Count);
        var loo = expected.GetProperty("leave1out");
        var inf = expected.GetProperty("influence");
        for (var i = 0; i < 13; i++)
        {
            var s = studies[i];
            Assert.Equal(i + 2, s.GetProperty("row").GetInt32());
            Close(loo.GetProperty("estimate")[i].GetDouble(), s.GetProperty("loo_estimate"), Tolerances.Iterative, $"leave1out estimate {i}");
            Close(loo.GetProperty("tau2")[i].GetDouble(), s.GetProperty("loo_tau2"), Tolerances.Iterative, $"leave1out tau2 {i}");
            Close(loo.GetProperty("I2")[i].GetDouble(), s.GetProperty("loo_i2"), Tolerances.Iterative, $"leave1out I2 {i}");
            Close(inf.GetProperty("rstudent")[i].GetDouble(), s.GetProperty("rstudent"), Tolerances.Iterative, $"rstudent {i}");
            Close(inf.GetProperty("cook_d")[i].GetDouble(), s.GetProperty("cooks_distance"), Tolerances.Iterative, $"cook.d {i}");
            Close(inf.GetProperty("hat")[i].GetDouble(), s.GetProperty("hat"), Tolerances.Iterative, $"hat {i}");
            Assert.Equal(inf.GetProperty("is_infl")[i].GetBoolean(), s.GetProperty("influential").GetBoolean());
        }

        // Published (metafor.md item 27): without study 1, −0.707084 with τ² 0.336157.
        Close(-0.707084, studies[0].GetProperty("loo_estimate"), Tolerances.Published, "published leave1out");

        // cumul(res, order = year): step j adds the j-th study by year; its fit is the fixture's row j.
        var cumul = expected.GetProperty("cumul").GetProperty("estimate");
        foreach (var s in studies)
        {
            var step = s.GetProperty("cumulative_step").GetInt32();
            Close(cumul[step - 1].GetDouble(), s.GetProperty("cumulative_estimate"), Tolerances.Iterative, $"cumul step {step}");
        }
    }

    [Fact]
    public void Sensitivity_Csv_IsOneRowPerStudy()
    {
        var result = Cli.Run("sensitivity", Bcg, "--measure", "RR", "--format", "csv");
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(14, lines.Length);
        Assert.StartsWith("outcome,measure,row,study,loo_estimate,loo_se,loo_ci_lower,loo_ci_upper,", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Equal(lines[0].Split(',').Length, CsvFieldCount(l)));
    }

    [Fact]
    public void Sensitivity_Gosh_SummarisesEverySubset_AndTextHasAllTables()
    {
        var gosh = Outcome("sensitivity", Bcg, "--measure", "RR", "--gosh").GetProperty("sensitivity").GetProperty("gosh");
        Assert.Equal(8191, gosh.GetProperty("subsets").GetInt32()); // 2^13 − 1
        Assert.False(gosh.GetProperty("sampled").GetBoolean());

        var text = Cli.Run("sensitivity", Bcg, "--measure", "RR", "--gosh", "--gosh-subsets", "500");
        Assert.Equal(0, text.ExitCode);
        foreach (var heading in new[] { "Omitted study", "rstudent", "Adding (order: input)", "GOSH: 500 subsets (a random sample)" })
        {
            Assert.Contains(heading, text.Output, StringComparison.Ordinal);
        }

        Assert.Contains("[gosh-random-subsets]", text.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Sensitivity_OrderByAMissingColumn_IsALocatedError()
    {
        var result = Cli.Run("sensitivity", Bcg, "--measure", "RR", "--order", "published");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Column published given to --order is not in the file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchMode_AddsTheTestsToEachLine()
    {
        var result = Cli.Run("bias", Bcg, "--measure", "RR", "--by", "alloc", "--quiet");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.Output.Split('\n').Count(l => l.Contains("Egger p", StringComparison.Ordinal)));
    }

    private static int CsvFieldCount(string line)
    {
        var (count, quoted) = (1, false);
        foreach (var c in line)
        {
            (count, quoted) = c == '"' ? (count, !quoted) : c == ',' && !quoted ? (count + 1, quoted) : (count, quoted);
        }

        return count;
    }
}
