using System.Text.Json;
using System.Text.Json.Serialization;
using Evident.Core.Models;
using Evident.Core.Tests.Support;

namespace Evident.Core.Tests.Sensitivity;

/// <summary>
/// metafor's sensitivity analyses in <c>tests/fixtures/sensitivity/*.json</c>, written by
/// <c>tests/fixtures/R/sensitivity.R</c> (leave1out, influence, rstandard, rstudent, cumul, baujat, gosh; influence with
/// moderators). Loaded once per test run.
/// </summary>
public static class SensitivityFixtures
{
    private static readonly Lazy<IReadOnlyList<SensitivityDataset>> LazyAll = new(Load);

    /// <summary>The fixture folder.</summary>
    public static string Folder => RepoPaths.Fixture("sensitivity");

    /// <summary>All datasets, by file name.</summary>
    public static IReadOnlyList<SensitivityDataset> All => LazyAll.Value;

    /// <summary>The dataset in <c>{name}.json</c>.</summary>
    public static SensitivityDataset Dataset(string name) =>
        All.FirstOrDefault(d => d.Name == name) ?? throw new KeyNotFoundException($"No sensitivity fixture '{name}' in {Folder}.");

    /// <summary>A case by "dataset/method/test".</summary>
    public static (SensitivityDataset Dataset, SensitivityCase Case) Case(string id)
    {
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        var d = Dataset(id[..slash]);
        return (d, d.Cases.Single(c => c.Id == id[(slash + 1)..]));
    }

    /// <summary>A moderator case by "dataset|formula/method/test".</summary>
    public static (SensitivityDataset Dataset, ModsCase Case) ModsCase(string id)
    {
        var bar = id.IndexOf('|', StringComparison.Ordinal);
        var d = Dataset(id[..bar]);
        return (d, d.ModsCases.Single(c => c.Id == id[(bar + 1)..]));
    }

    private static List<SensitivityDataset> Load() =>
        [.. Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(file =>
        {
            using var stream = File.OpenRead(file);
            return JsonSerializer.Deserialize<SensitivityDataset>(stream) ?? throw new InvalidDataException($"{file}: empty fixture.");
        })];
}

/// <summary>One fixture file.</summary>
public sealed class SensitivityDataset
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("metafor_version")] public string MetaforVersion { get; init; } = "";
    [JsonPropertyName("k")] public int K { get; init; }
    [JsonPropertyName("yi")] public double[] Yi { get; init; } = [];
    [JsonPropertyName("vi")] public double[] Vi { get; init; } = [];
    [JsonPropertyName("order")] public double[]? Order { get; init; }
    [JsonPropertyName("cases")] public IReadOnlyList<SensitivityCase> Cases { get; init; } = [];
    [JsonPropertyName("gosh")] public IReadOnlyList<GoshFixture>? Gosh { get; init; }
    [JsonPropertyName("moderators")] public IReadOnlyDictionary<string, double[]>? Moderators { get; init; }
    [JsonPropertyName("mods_cases")] public IReadOnlyList<ModsCase> ModsCases { get; init; } = [];

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>One method × test.</summary>
public sealed class SensitivityCase
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    [JsonPropertyName("test")] public string Test { get; init; } = "";
    [JsonPropertyName("level")] public double Level { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("fit")] public FitFixture? Fit { get; init; }
    [JsonPropertyName("leave1out")] public RowsFixture? LeaveOneOut { get; init; }
    [JsonPropertyName("influence")] public InfluenceFixture? Influence { get; init; }
    [JsonPropertyName("rstandard")] public ResidualsFixture? Rstandard { get; init; }
    [JsonPropertyName("rstudent")] public ResidualsFixture? Rstudent { get; init; }
    [JsonPropertyName("cumul")] public RowsFixture? Cumul { get; init; }
    [JsonPropertyName("baujat")] public BaujatFixture? Baujat { get; init; }

    /// <summary>The options of this case.</summary>
    public FitOptions Options => new()
    {
        Method = Enum.Parse<Tau2Method>(Method),
        Test = Enum.Parse<TestMethod>(Test, ignoreCase: true),
        Level = Level,
    };

    /// <summary>Whether the τ² estimator iterates (its results carry the iterative tolerance).</summary>
    public bool Iterative => Method is "REML" or "ML" or "PM" or "EB";
}

/// <summary>The full fit.</summary>
public sealed class FitFixture
{
    [JsonPropertyName("estimate")] public double Estimate { get; init; }
    [JsonPropertyName("tau2")] public double Tau2 { get; init; }
    [JsonPropertyName("QE")] public double QE { get; init; }
    [JsonPropertyName("k")] public int K { get; init; }
}

/// <summary>leave1out or cumul rows (and the leave-one-out PI from predict()).</summary>
public sealed class RowsFixture
{
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("estimate")] public double?[] Estimate { get; init; } = [];
    [JsonPropertyName("se")] public double?[] Se { get; init; } = [];
    [JsonPropertyName("stat")] public double?[] Stat { get; init; } = [];
    [JsonPropertyName("pval")] public double?[] Pval { get; init; } = [];
    [JsonPropertyName("ci_lb")] public double?[] CiLb { get; init; } = [];
    [JsonPropertyName("ci_ub")] public double?[] CiUb { get; init; } = [];
    [JsonPropertyName("Q")] public double?[] Q { get; init; } = [];
    [JsonPropertyName("Qp")] public double?[] Qp { get; init; } = [];
    [JsonPropertyName("tau2")] public double?[] Tau2 { get; init; } = [];
    [JsonPropertyName("I2")] public double?[] I2 { get; init; } = [];
    [JsonPropertyName("H2")] public double?[] H2 { get; init; } = [];
    [JsonPropertyName("pi_lb")] public double?[]? PiLb { get; init; }
    [JsonPropertyName("pi_ub")] public double?[]? PiUb { get; init; }
    [JsonPropertyName("ids")] public int[]? Ids { get; init; }
}

/// <summary>influence().</summary>
public sealed class InfluenceFixture
{
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("rstudent")] public double?[] Rstudent { get; init; } = [];
    [JsonPropertyName("dffits")] public double?[] Dffits { get; init; } = [];
    [JsonPropertyName("cook_d")] public double?[] CookD { get; init; } = [];
    [JsonPropertyName("cov_r")] public double?[] CovR { get; init; } = [];
    [JsonPropertyName("tau2_del")] public double?[] Tau2Del { get; init; } = [];
    [JsonPropertyName("QE_del")] public double?[] QeDel { get; init; } = [];
    [JsonPropertyName("hat")] public double?[] Hat { get; init; } = [];
    [JsonPropertyName("weight")] public double?[] Weight { get; init; } = [];
    [JsonPropertyName("dfbetas")] public IReadOnlyDictionary<string, double?[]> Dfbetas { get; init; } = new Dictionary<string, double?[]>();
    [JsonPropertyName("is_infl")] public bool[] IsInfluential { get; init; } = [];
}

/// <summary>rstandard() or rstudent().</summary>
public sealed class ResidualsFixture
{
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("resid")] public double?[] Resid { get; init; } = [];
    [JsonPropertyName("se")] public double?[] Se { get; init; } = [];
    [JsonPropertyName("z")] public double?[] Z { get; init; } = [];
}

/// <summary>baujat().</summary>
public sealed class BaujatFixture
{
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("x")] public double?[] X { get; init; } = [];
    [JsonPropertyName("y")] public double?[] Y { get; init; } = [];
}

/// <summary>gosh() with every subset.</summary>
public sealed class GoshFixture
{
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("subsets")] public int Subsets { get; init; }
    [JsonPropertyName("mask")] public double[] Mask { get; init; } = [];
    [JsonPropertyName("k")] public int[] K { get; init; } = [];
    [JsonPropertyName("QE")] public double?[] QE { get; init; } = [];
    [JsonPropertyName("I2")] public double?[] I2 { get; init; } = [];
    [JsonPropertyName("H2")] public double?[] H2 { get; init; } = [];
    [JsonPropertyName("tau2")] public double?[] Tau2 { get; init; } = [];
    [JsonPropertyName("estimate")] public double?[] Estimate { get; init; } = [];
}

/// <summary>A meta-regression's influence diagnostics.</summary>
public sealed class ModsCase
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("formula")] public string Formula { get; init; } = "";
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    [JsonPropertyName("test")] public string Test { get; init; } = "";
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("influence")] public InfluenceFixture? Influence { get; init; }
    [JsonPropertyName("hat")] public double?[] Hat { get; init; } = [];
    [JsonPropertyName("cooks")] public double?[] Cooks { get; init; } = [];
    [JsonPropertyName("rstandard")] public ResidualsFixture? Rstandard { get; init; }
    [JsonPropertyName("rstudent")] public ResidualsFixture? Rstudent { get; init; }

    /// <summary>The options of this case.</summary>
    public FitOptions Options => new()
    {
        Method = Enum.Parse<Tau2Method>(Method),
        Test = Enum.Parse<TestMethod>(Test, ignoreCase: true),
    };
}
