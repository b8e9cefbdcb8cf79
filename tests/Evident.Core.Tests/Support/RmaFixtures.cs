using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Evident.Core.Models;

namespace Evident.Core.Tests.Support;

/// <summary>
/// The metafor <c>rma.uni</c> reference fixtures in <c>tests/fixtures/rma/*.json</c>, written by
/// <c>tests/fixtures/R/rma.R</c> (see <c>tests/fixtures/README.md</c>). Loaded once per test run.
/// </summary>
public static class RmaFixtures
{
    private static readonly JsonSerializerOptions JsonOptions = new() { ReadCommentHandling = JsonCommentHandling.Disallow };

    private static readonly Lazy<IReadOnlyList<RmaDataset>> LazyAll = new(Load);

    private static readonly Lazy<IReadOnlyDictionary<string, (RmaDataset Dataset, RmaCase Case)>> LazyById = new(() =>
        All.SelectMany(d => d.Cases.Select(c => (d, c))).ToDictionary(x => x.c.Id, x => (x.d, x.c), StringComparer.Ordinal));

    /// <summary>The fixture folder.</summary>
    public static string Folder => RepoPaths.Fixture("rma");

    /// <summary>All datasets, ordered by file name.</summary>
    public static IReadOnlyList<RmaDataset> All => LazyAll.Value;

    /// <summary>The dataset stored in <c>{name}.json</c>.</summary>
    public static RmaDataset Dataset(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No rma fixture named '{name}' in {Folder}.");

    /// <summary>A case by its id (<c>dataset/method/test/level</c>).</summary>
    public static (RmaDataset Dataset, RmaCase Case) Case(string id) => LazyById.Value[id];

    /// <summary>Parses metafor's method name.</summary>
    public static Tau2Method ParseMethod(string method) => Enum.Parse<Tau2Method>(method, ignoreCase: false);

    /// <summary>Parses metafor's test name (z, t, knha, adhoc).</summary>
    public static TestMethod ParseTest(string test) => Enum.Parse<TestMethod>(test, ignoreCase: true);

    private static List<RmaDataset> Load()
    {
        var files = Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).ToList();
        var datasets = new List<RmaDataset>(files.Count);
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            var dataset = JsonSerializer.Deserialize<RmaDataset>(stream, JsonOptions)
                ?? throw new InvalidDataException($"{file}: empty fixture.");
            datasets.Add(dataset);
        }

        return datasets;
    }
}

/// <summary>One fixture file: a dataset and metafor's results for it.</summary>
public sealed class RmaDataset
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("description")] public string Description { get; init; } = "";
    [JsonPropertyName("source")] public string Source { get; init; } = "";
    [JsonPropertyName("metafor_version")] public string MetaforVersion { get; init; } = "";
    [JsonPropertyName("k")] public int K { get; init; }
    [JsonPropertyName("yi")] public IReadOnlyList<double> Yi { get; init; } = [];
    [JsonPropertyName("vi")] public IReadOnlyList<double> Vi { get; init; } = [];
    [JsonPropertyName("cases")] public IReadOnlyList<RmaCase> Cases { get; init; } = [];

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>One <c>rma.uni</c> call: method × test × level, and what metafor returned.</summary>
public sealed class RmaCase
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    [JsonPropertyName("test")] public string Test { get; init; } = "";
    [JsonPropertyName("level")] public double Level { get; init; }
    /// <summary>metafor's error message when the fit failed (then <see cref="Fit"/> is null).</summary>
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("warnings")] public IReadOnlyList<string> Warnings { get; init; } = [];
    [JsonPropertyName("fit")] public RmaFit? Fit { get; init; }
    /// <summary>Prediction intervals by <c>pi.type</c>: "metafor" (default), "riley", "t".</summary>
    [JsonPropertyName("pi")] public IReadOnlyDictionary<string, RmaPredictionInterval>? Pi { get; init; }
    /// <summary><c>confint(type="QP")</c>; null for EE/FE.</summary>
    [JsonPropertyName("qp")] public RmaProfileCi? Qp { get; init; }
    /// <summary><c>confint(type="PL")</c>; null for EE/FE.</summary>
    [JsonPropertyName("pl")] public RmaProfileCi? Pl { get; init; }
    /// <summary>Fields whose metafor value was Inf/-Inf/NaN (stored as null), with that value as text.</summary>
    [JsonPropertyName("nonfinite")] public IReadOnlyDictionary<string, string>? Nonfinite { get; init; }

    /// <summary>Method as Evident's enum.</summary>
    public Tau2Method Tau2Method => RmaFixtures.ParseMethod(Method);

    /// <summary>Test as Evident's enum.</summary>
    public TestMethod TestMethod => RmaFixtures.ParseTest(Test);

    /// <summary>The options that reproduce this case.</summary>
    public FitOptions Options(PredictionIntervalType pi = PredictionIntervalType.Metafor, Tau2CiMethod ci = Tau2CiMethod.QProfile) =>
        new() { Method = Tau2Method, Test = TestMethod, Level = Level, PredictionInterval = pi, Tau2Ci = ci };

    /// <summary>A short readable name for test explorers.</summary>
    public string DisplayName => string.Create(CultureInfo.InvariantCulture, $"{Id.Split('/')[0]} {Method} {Test} {Level}%");

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>The fitted-model fields recorded from the <c>rma.uni</c> object.</summary>
public sealed class RmaFit
{
    [JsonPropertyName("k")] public int K { get; init; }
    /// <summary>The test metafor actually used (it switches to z when k = 1).</summary>
    [JsonPropertyName("test_used")] public string TestUsed { get; init; } = "";
    [JsonPropertyName("estimate")] public double? Estimate { get; init; }
    [JsonPropertyName("se")] public double? Se { get; init; }
    [JsonPropertyName("zval")] public double? Zval { get; init; }
    [JsonPropertyName("pval")] public double? Pval { get; init; }
    [JsonPropertyName("ci_lb")] public double? CiLb { get; init; }
    [JsonPropertyName("ci_ub")] public double? CiUb { get; init; }
    /// <summary>Degrees of freedom of the t distribution; null for z.</summary>
    [JsonPropertyName("df")] public double? Df { get; init; }
    [JsonPropertyName("tau2")] public double? Tau2 { get; init; }
    [JsonPropertyName("se_tau2")] public double? SeTau2 { get; init; }
    [JsonPropertyName("I2")] public double? I2 { get; init; }
    [JsonPropertyName("H2")] public double? H2 { get; init; }
    [JsonPropertyName("QE")] public double? QE { get; init; }
    [JsonPropertyName("QEp")] public double? QEp { get; init; }
    /// <summary><c>weights(res)</c> in percent; null when k &gt; 60 (to keep the fixtures small).</summary>
    [JsonPropertyName("weights")] public IReadOnlyList<double>? Weights { get; init; }
}

/// <summary>A <c>predict()</c> prediction interval.</summary>
public sealed class RmaPredictionInterval
{
    [JsonPropertyName("lb")] public double? Lb { get; init; }
    [JsonPropertyName("ub")] public double? Ub { get; init; }
    /// <summary><c>pi.ddf</c>; null when the normal distribution was used.</summary>
    [JsonPropertyName("df")] public double? Df { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
}

/// <summary>A <c>confint()</c> result for τ², I² and H².</summary>
public sealed class RmaProfileCi
{
    [JsonPropertyName("tau2")] public IReadOnlyList<double?>? Tau2 { get; init; }
    [JsonPropertyName("I2")] public IReadOnlyList<double?>? I2 { get; init; }
    [JsonPropertyName("H2")] public IReadOnlyList<double?>? H2 { get; init; }
    /// <summary>metafor's "&lt;" / "&gt;" flags: the bound is only known to lie beyond the printed value.</summary>
    [JsonPropertyName("lb_sign")] public string? LbSign { get; init; }
    [JsonPropertyName("ub_sign")] public string? UbSign { get; init; }
    /// <summary>Both τ² bounds fall below 0 (metafor prints the null set and returns [0, 0]).</summary>
    [JsonPropertyName("ci_null")] public bool CiNull { get; init; }
    /// <summary>The upper bound is the end of the search interval (tau2.max), not a root.</summary>
    [JsonPropertyName("capped")] public bool Capped { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
}
