using System.Globalization;
using System.Text.Json.Nodes;
using Evident.Core.Models;
using Evident.Core.Tests.Support;

namespace Evident.Core.Tests.Bias;

/// <summary>
/// The metafor 3.8-1 reference output in <c>tests/fixtures/bias/*.json</c>, written by <c>tests/fixtures/R/bias.R</c>:
/// per dataset the inputs and every number <c>regtest</c>, <c>ranktest</c>, <c>trimfill</c>, <c>fsn</c>, <c>tes</c>,
/// <c>selmodel(type = "stepfun")</c> and <c>hc</c> returned. Loaded once per test run.
/// </summary>
public static class BiasFixtures
{
    private static readonly Lazy<IReadOnlyDictionary<string, BiasDataset>> LazyAll = new(Load);

    /// <summary>The fixture folder.</summary>
    public static string Folder => RepoPaths.Fixture("bias");

    /// <summary>All datasets by name.</summary>
    public static IReadOnlyDictionary<string, BiasDataset> All => LazyAll.Value;

    /// <summary>Theory rows (dataset, case index) for one function's cases.</summary>
    public static IEnumerable<TheoryDataRow<string, int>> Rows(string function, string testName) =>
        All.Values.OrderBy(d => d.Name, StringComparer.Ordinal).SelectMany(d =>
            Enumerable.Range(0, d.Cases(function).Count).Select(i => new TheoryDataRow<string, int>(d.Name, i)
            {
                TestDisplayName = string.Create(CultureInfo.InvariantCulture, $"{testName}({d.Name} #{i} {d.Describe(function, i)})"),
            }));

    private static Dictionary<string, BiasDataset> Load()
    {
        var datasets = new Dictionary<string, BiasDataset>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            var node = JsonNode.Parse(File.ReadAllText(file))?.AsObject() ?? throw new InvalidDataException($"{file}: empty fixture.");
            var dataset = new BiasDataset(node);
            datasets.Add(dataset.Name, dataset);
        }

        return datasets;
    }

    /// <summary>A number, or null for JSON null or a missing key.</summary>
    public static double? Num(this JsonNode? node, string key) => node?[key] is JsonValue v ? v.GetValue<double>() : null;

    /// <summary>A string, or null.</summary>
    public static string? Str(this JsonNode? node, string key) => node?[key] is JsonValue v ? v.GetValue<string>() : null;

    /// <summary>An array of numbers (nulls as NaN), or null.</summary>
    public static double[]? Nums(this JsonNode? node, string key) => node?[key] is JsonArray a
        ? [.. a.Select(x => x is JsonValue v ? v.GetValue<double>() : double.NaN)]
        : node?[key] is JsonValue single ? [single.GetValue<double>()] : null;

    /// <summary>metafor's method name as Evident's enum.</summary>
    public static Tau2Method Method(string name) => Enum.Parse<Tau2Method>(name, ignoreCase: false);

    /// <summary>metafor's test name as Evident's enum.</summary>
    public static TestMethod Test(string name) => Enum.Parse<TestMethod>(name, ignoreCase: true);
}

/// <summary>One fixture file.</summary>
public sealed class BiasDataset(JsonObject root)
{
    /// <summary>The dataset's name.</summary>
    public string Name { get; } = root["name"]!.GetValue<string>();

    /// <summary>metafor's version.</summary>
    public string MetaforVersion { get; } = root["metafor_version"]!.GetValue<string>();

    /// <summary>The effect sizes.</summary>
    public double[] Yi { get; } = root.Nums("yi")!;

    /// <summary>The sampling variances.</summary>
    public double[] Vi { get; } = root.Nums("vi")!;

    /// <summary>The sample sizes, when known.</summary>
    public double[]? Ni { get; } = root.Nums("ni");

    /// <summary>The cases of one function (regtest, trimfill, fsn, tes, selmodel, hc).</summary>
    public IReadOnlyList<JsonNode> Cases(string function) => root[function] is JsonArray a ? [.. a.Select(x => x!)] : [];

    /// <summary>The ranktest result.</summary>
    public JsonNode RankTest => root["ranktest"]!;

    /// <summary>A short description of a case for test explorers.</summary>
    public string Describe(string function, int index)
    {
        var c = Cases(function)[index];
        return function switch
        {
            "regtest" => $"{c.Str("model")} {c.Str("method")} {c.Str("test")} {c.Str("predictor")}",
            "trimfill" => $"{c.Str("method")} {c.Str("estimator")} {c.Str("side_given")}",
            "fsn" => string.Create(CultureInfo.InvariantCulture, $"{c.Str("type")} alpha {c.Num("alpha")} target {c.Num("target_given")}"),
            "tes" => $"{c.Str("source")} {c.Str("tes_alternative")} {c.Str("test_given")}",
            "selmodel" => string.Create(CultureInfo.InvariantCulture, $"{c.Str("method")} {c.Str("alternative")} steps {string.Join(",", c.Nums("steps")!)}"),
            "hc" => $"{c.Str("method_fit")}",
            _ => function,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
