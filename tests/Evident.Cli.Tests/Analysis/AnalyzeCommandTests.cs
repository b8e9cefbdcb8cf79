using System.IO.Compression;
using System.Text.Json;

namespace Evident.Cli.Tests.Analysis;

/// <summary>The command's behaviour on good input: grouping, formats, exit codes, culture.</summary>
public sealed class AnalyzeCommandTests : IDisposable
{
    private static readonly string Bcg = Repo.Path("examples", "bcg", "bcg.csv");
    private static readonly string Normand = Repo.Path("examples", "normand1999", "normand1999.csv");
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] OutcomeFields =
    [
        "outcome", "measure", "method", "test", "k", "rows", "rows_used", "n_total", "estimate", "se", "statistic", "df", "p", "ci_lower", "ci_upper",
        "tau2", "tau2_se", "tau2_ci", "tau", "i2", "i2_ci", "h2", "h2_ci", "q", "q_df", "q_p", "pi_lower", "pi_upper", "pi_df",
        "level", "iterations", "converged", "back_transform", "estimate_bt", "ci_lower_bt", "ci_upper_bt", "pi_lower_bt", "pi_upper_bt", "studies",
    ];

    private static readonly string[] StudyFields =
        ["study", "row", "yi", "vi", "sei", "ci_lower", "ci_upper", "z", "p", "weight_percent", "n1i", "n2i", "adjustments"];

    private static readonly string[] SettingsFields =
    [
        "input", "preset", "measure", "continuous", "binary", "by", "map", "strict", "ignore_applicability", "method", "subgroup", "tau2_common", "split_shared_control", "test", "level", "add", "to", "drop00", "pi_type", "tau2_ci", "i2", "median_to_mean", "ci_level", "log",
        "delimiter", "decimal", "evident_version",
    ];

    [Fact]
    public void Json_OfTheBcgExample_HasTheContractShape()
    {
        var result = Cli.Run("analyze", Bcg, "--measure", "rr", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("NaN", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", result.Output, StringComparison.Ordinal);
        var json = result.Json();
        Assert.Equal(["settings", "outcomes", "issues"], json.EnumerateObject().Select(p => p.Name));
        var settings = json.GetProperty("settings");
        Assert.All(SettingsFields, f => Assert.True(settings.TryGetProperty(f, out _), f));
        Assert.Equal("RR", settings.GetProperty("measure").GetString());

        var outcome = Assert.Single(result.Outcomes());
        Assert.All(OutcomeFields, f => Assert.True(outcome.TryGetProperty(f, out _), f));
        Assert.Equal(JsonValueKind.Null, outcome.GetProperty("outcome").ValueKind);
        Assert.Equal(("RR", "REML", "Z"), (outcome.GetProperty("measure").GetString(), outcome.GetProperty("method").GetString(), outcome.GetProperty("test").GetString()));
        Assert.Equal(13, outcome.GetProperty("k").GetInt32());
        Assert.Equal(357347, outcome.GetProperty("n_total").GetDouble());
        Assert.Equal(2, outcome.GetProperty("tau2_ci").GetArrayLength());
        Assert.Equal("exp", outcome.GetProperty("back_transform").GetString());
        Assert.Equal(Math.Exp(outcome.GetProperty("estimate").GetDouble()), outcome.GetProperty("estimate_bt").GetDouble(), 1e-12);

        var studies = outcome.GetProperty("studies").EnumerateArray().ToList();
        Assert.Equal(13, studies.Count);
        Assert.All(studies, s => Assert.All(StudyFields, f => Assert.True(s.TryGetProperty(f, out _), f)));
        Assert.Equal("Aronson 1948", studies[0].GetProperty("study").GetString());
        Assert.Equal(Enumerable.Range(2, 13), studies.Select(s => s.GetProperty("row").GetInt32()));
        Assert.Equal(100, studies.Sum(s => s.GetProperty("weight_percent").GetDouble()), 1e-9);
    }

    [Fact]
    public void Json_IsTheOnlyThingOnStdout()
    {
        var result = Cli.Run("analyze", Normand, "--measure", "SMD", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("{", result.Output, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, result.Json().ValueKind);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void Outcomes_AreAnalysedInOrderOfFirstAppearance_StudiesInInputOrder()
    {
        var file = _dir.Write("gen.csv", "study,outcome,yi,sei\ns1,B,0.1,0.1\ns2,A,0.2,0.2\ns3,B,0.3,0.1\ns4,A,0.4,0.2\ns5,B,0.2,0.3\n");

        var result = Cli.Run("analyze", file, "--format", "json");

        Assert.Equal(["B", "A"], result.Outcomes().Select(o => o.GetProperty("outcome").GetString()));
        Assert.Equal(["s1", "s3", "s5"], result.Outcomes()[0].GetProperty("studies").EnumerateArray().Select(s => s.GetProperty("study").GetString()));
        Assert.Equal("GEN", result.Outcomes()[1].GetProperty("measure").GetString());
    }

    [Fact]
    public void RevManHeaders_AreRecognised()
    {
        var file = _dir.Write("revman.csv",
            "\"Analysis.name\",\"Study\",\"Study.year\",\"Experimental.cases\",\"Experimental.N\",\"Control.cases\",\"Control.N\",\"Mean\"\n"
            + "\"Mortality\",\"Aronson 1948\",\"1948\",4,123,11,139,NA\n\"Mortality\",\"Ferguson 1949\",\"1949\",6,306,29,303,NA\n"
            + "\"Mortality\",\"Rosenthal 1960\",\"1960\",3,231,11,220,NA\n");

        var result = Cli.Run("analyze", file, "--measure", "RR", "--format", "json");

        var outcome = Assert.Single(result.Outcomes());
        Assert.Equal("Mortality", outcome.GetProperty("outcome").GetString());
        Assert.Equal(3, outcome.GetProperty("k").GetInt32());
        Assert.Equal(123, outcome.GetProperty("studies")[0].GetProperty("n1i").GetDouble());
    }

    [Fact]
    public void EuropeanCsv_IsRecognised_AndGivesTheSameNumbers()
    {
        var invariant = _dir.Write("a.csv", "study,yi,vi\nA,0.5,0.1\nB,-1.25,0.2\nC,0.75,0.05\n");
        var european = _dir.Write("b.csv", "study;yi;vi\r\nA;0,5;0,1\r\nB;-1,25;0,2\r\nC;0,75;0,05\r\n");

        var expected = Cli.Run("analyze", invariant, "--format", "json");
        var result = Cli.Run("analyze", european, "--format", "json");

        Assert.Equal("info", result.Issue("european-csv").GetProperty("severity").GetString());
        Assert.Equal(";", result.Json().GetProperty("settings").GetProperty("delimiter").GetString());
        Assert.Equal(",", result.Json().GetProperty("settings").GetProperty("decimal").GetString());
        Assert.Equal(expected.Outcomes()[0].GetProperty("estimate").GetDouble(), result.Outcomes()[0].GetProperty("estimate").GetDouble());
        Assert.Equal(expected.Outcomes()[0].GetProperty("tau2").GetDouble(), result.Outcomes()[0].GetProperty("tau2").GetDouble());
    }

    [Fact]
    public void GzippedCsv_IsReadDirectly()
    {
        var file = Path.Combine(_dir.Path, "normand.csv.gz");
        using (var gzip = new GZipStream(File.Create(file), CompressionLevel.Optimal))
        {
            gzip.Write(File.ReadAllBytes(Normand));
        }

        var expected = Cli.Run("analyze", Normand, "--measure", "SMD", "--format", "json").Outcomes()[0].GetProperty("estimate").GetDouble();
        var result = Cli.Run("analyze", file, "--measure", "SMD", "--format", "json");

        Assert.Equal(expected, result.Outcomes()[0].GetProperty("estimate").GetDouble());
    }

    [Fact]
    public void Csv_HasOneRowPerOutcome_WithTheJsonFieldNames()
    {
        var quoted = _dir.Write("gen2.csv", "outcome,yi,vi\n\"Pain, at rest\",0.1,0.01\nFunction,0.2,0.02\n\"Pain, at rest\",0.3,0.01\nFunction,0.1,0.03\n");

        var result = Cli.Run("analyze", quoted, "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        var header = lines[0].Split(',');
        Assert.Equal("outcome", header[0]);
        Assert.Contains("tau2_ci_lower", header);
        Assert.Contains("i2_ci_upper", header);
        Assert.Contains("h2_ci_lower", header);
        Assert.DoesNotContain("studies", header);
        Assert.StartsWith("\"Pain, at rest\",GEN,REML,Z,2,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Function,GEN,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_IsAPipeTable()
    {
        var result = Cli.Run("analyze", Bcg, "--measure", "RR", "--format", "md");

        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("| outcome | measure | method | test | k |", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("|---|", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("|  | RR | REML | Z | 13 |", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Text_PrintsTablesOnStdout_AndIssuesOnStderr()
    {
        var file = _dir.Write("smd.csv", "study,n1i,m1i,sd1i,n2i,m2i,sd2i\nA,155,55,47,156,75,64\nB,31,27,-1,32,29,4\nC,75,64,17,71,119,29\n");

        var result = Cli.Run("analyze", file, "--measure", "SMD");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Estimate", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{file}:3: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("[nonpositive-sd]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_AreCaseInsensitive_AndRecordedInSettings()
    {
        var result = Cli.Run("analyze", Bcg, "--measure", "or", "--method", "dl", "--test", "knha", "--to", "ALL", "--pi-type", "Riley",
            "--tau2-ci", "PL", "--level", "90", "--format", "JSON");

        Assert.Equal(0, result.ExitCode);
        var settings = result.Json().GetProperty("settings");
        Assert.Equal("OR", settings.GetProperty("measure").GetString());
        Assert.Equal("DL", settings.GetProperty("method").GetString());
        Assert.Equal("KNHA", settings.GetProperty("test").GetString());
        Assert.Equal("all", settings.GetProperty("to").GetString());
        Assert.Equal("riley", settings.GetProperty("pi_type").GetString());
        Assert.Equal("pl", settings.GetProperty("tau2_ci").GetString());
        Assert.Equal(90, settings.GetProperty("level").GetDouble());
        var outcome = result.Outcomes()[0];
        Assert.Equal("KNHA", outcome.GetProperty("test").GetString());
        Assert.Equal(12, outcome.GetProperty("df").GetDouble());
        Assert.Equal(90, outcome.GetProperty("level").GetDouble());
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("csv")]
    [InlineData("md")]
    public void Output_IsIdenticalUnderACommaDecimalCulture(string format)
    {
        var invariant = Cli.WithCulture("en-US", () => Cli.Run("analyze", Bcg, "--measure", "RR", "--format", format));
        var german = Cli.WithCulture("de-DE", () => Cli.Run("analyze", Bcg, "--measure", "RR", "--format", format));

        Assert.Equal(0, german.ExitCode);
        Assert.Equal(invariant.Output, german.Output);
        Assert.Equal(invariant.Error, german.Error);
    }

    [Fact]
    public void Text_OfTheBcgExample_MatchesTheGoldenFile()
        => Golden.Assert(Cli.WithCulture("de-DE", () => Cli.Run("analyze", Bcg, "--measure", "RR")).Output, "bcg-rr");
}
