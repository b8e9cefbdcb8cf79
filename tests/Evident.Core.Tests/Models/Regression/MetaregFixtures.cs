using System.Text.Json;
using System.Text.Json.Serialization;
using Evident.Core.Models;
using Evident.Core.Models.Regression;
using Evident.Core.Tests.Support;

namespace Evident.Core.Tests.Models.Regression;

/// <summary>
/// The metafor meta-regression fixtures in <c>tests/fixtures/metareg/*.json</c>, written by
/// <c>tests/fixtures/R/metareg.R</c>: one file per dataset (cases and likelihood-ratio tests) and <c>designs.json</c>.
/// </summary>
public static class MetaregFixtures
{
    private static readonly Lazy<IReadOnlyList<MetaregDataset>> LazyAll = new(Load);

    private static readonly Lazy<IReadOnlyDictionary<string, (MetaregDataset Dataset, MetaregCase Case)>> LazyById = new(() =>
        All.SelectMany(d => d.Cases.Select(c => (d, c))).ToDictionary(x => x.c.Id, x => (x.d, x.c), StringComparer.Ordinal));

    private static readonly Lazy<DesignFixtureFile> LazyDesigns = new(() => Read<DesignFixtureFile>(Path.Combine(Folder, "designs.json")));

    /// <summary>The fixture folder.</summary>
    public static string Folder => RepoPaths.Fixture("metareg");

    /// <summary>All datasets (every file but designs.json), ordered by file name.</summary>
    public static IReadOnlyList<MetaregDataset> All => LazyAll.Value;

    /// <summary>The design fixtures.</summary>
    public static DesignFixtureFile Designs => LazyDesigns.Value;

    /// <summary>The dataset stored in <c>{name}.json</c>.</summary>
    public static MetaregDataset Dataset(string name) =>
        All.FirstOrDefault(d => d.Name == name) ?? throw new KeyNotFoundException($"No metareg fixture named '{name}' in {Folder}.");

    /// <summary>A case by id (<c>dataset|formula|method|test|level[|btt=…]</c>).</summary>
    public static (MetaregDataset Dataset, MetaregCase Case) Case(string id) => LazyById.Value[id];

    /// <summary>Moderator columns from a JSON object of arrays (numbers or null → numeric; strings → text).</summary>
    public static IReadOnlyList<ModeratorColumn> Columns(IReadOnlyDictionary<string, JsonElement> columns)
    {
        var result = new List<ModeratorColumn>();
        foreach (var (name, values) in columns)
        {
            var items = values.EnumerateArray().ToList();
            if (items.Any(e => e.ValueKind == JsonValueKind.String))
            {
                result.Add(ModeratorColumn.Text(name, items.Select(e => e.ValueKind == JsonValueKind.Null ? null : e.GetString())));
            }
            else
            {
                result.Add(ModeratorColumn.Numeric(name, items.Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble())));
            }
        }

        return result;
    }

    private static T Read<T>(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream) ?? throw new InvalidDataException($"{path}: empty fixture.");
    }

    private static List<MetaregDataset> Load() =>
        Directory.GetFiles(Folder, "*.json")
            .Where(f => Path.GetFileName(f) != "designs.json")
            .Order(StringComparer.Ordinal)
            .Select(Read<MetaregDataset>)
            .ToList();
}

/// <summary>One dataset file: inputs, fitted cases and likelihood-ratio tests.</summary>
public sealed class MetaregDataset
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("metafor_version")] public string MetaforVersion { get; init; } = "";
    [JsonPropertyName("k")] public int K { get; init; }
    [JsonPropertyName("yi")] public IReadOnlyList<double> Yi { get; init; } = [];
    [JsonPropertyName("vi")] public IReadOnlyList<double> Vi { get; init; } = [];
    [JsonPropertyName("columns")] public IReadOnlyDictionary<string, JsonElement> Columns { get; init; } = new Dictionary<string, JsonElement>();
    [JsonPropertyName("cases")] public IReadOnlyList<MetaregCase> Cases { get; init; } = [];
    [JsonPropertyName("lrts")] public IReadOnlyList<MetaregLrt> Lrts { get; init; } = [];

    /// <summary>The moderator columns.</summary>
    public IReadOnlyList<ModeratorColumn> ModeratorColumns() => MetaregFixtures.Columns(Columns);

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>One <c>rma(yi, vi, mods = formula, method, test, level, btt)</c> call and what metafor returned.</summary>
public sealed class MetaregCase
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("formula")] public string Formula { get; init; } = "";
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    [JsonPropertyName("test")] public string Test { get; init; } = "";
    [JsonPropertyName("level")] public double Level { get; init; }
    /// <summary>null, an array of 1-based positions, or a name pattern.</summary>
    [JsonPropertyName("btt")] public JsonElement Btt { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("warnings")] public IReadOnlyList<string> Warnings { get; init; } = [];
    [JsonPropertyName("fit")] public MetaregFit? Fit { get; init; }
    [JsonPropertyName("predict")] public MetaregPredict? Predict { get; init; }
    /// <summary>rma.mv's fit of the same model, recorded where rma.uni 3.8-1 is wrong (designs not spanning the constant).</summary>
    [JsonPropertyName("rma_mv")] public MetaregReference? RmaMv { get; init; }

    /// <summary>The options that reproduce this case.</summary>
    public FitOptions Options(PredictionIntervalType pi = PredictionIntervalType.Metafor) => new()
    {
        Method = RmaFixtures.ParseMethod(Method),
        Test = RmaFixtures.ParseTest(Test),
        Level = Level,
        PredictionInterval = pi,
    };

    /// <summary>The btt selection, or null for metafor's default.</summary>
    public CoefficientSelection? Selection => Btt.ValueKind switch
    {
        JsonValueKind.Array => CoefficientSelection.ByPosition(Btt.EnumerateArray().Select(e => e.GetInt32()).ToArray()),
        JsonValueKind.String => CoefficientSelection.ByName(Btt.GetString()!),
        _ => null,
    };

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>The fitted-model fields recorded from the rma object.</summary>
public sealed class MetaregFit
{
    [JsonPropertyName("k")] public int K { get; init; }
    [JsonPropertyName("p")] public int P { get; init; }
    [JsonPropertyName("test_used")] public string TestUsed { get; init; } = "";
    [JsonPropertyName("int_incl")] public bool InterceptIncluded { get; init; }
    [JsonPropertyName("rows")] public IReadOnlyList<int> Rows { get; init; } = [];
    [JsonPropertyName("colnames")] public IReadOnlyList<string> ColumnNames { get; init; } = [];
    [JsonPropertyName("coef")] public IReadOnlyList<double?> Coef { get; init; } = [];
    [JsonPropertyName("se")] public IReadOnlyList<double?> Se { get; init; } = [];
    [JsonPropertyName("zval")] public IReadOnlyList<double?> Zval { get; init; } = [];
    [JsonPropertyName("pval")] public IReadOnlyList<double?> Pval { get; init; } = [];
    [JsonPropertyName("ci_lb")] public IReadOnlyList<double?> CiLb { get; init; } = [];
    [JsonPropertyName("ci_ub")] public IReadOnlyList<double?> CiUb { get; init; } = [];
    /// <summary>p×p, row-major.</summary>
    [JsonPropertyName("vcov")] public IReadOnlyList<double?> Vcov { get; init; } = [];
    [JsonPropertyName("ddf")] public double? Ddf { get; init; }
    [JsonPropertyName("btt")] public IReadOnlyList<int> Btt { get; init; } = [];
    [JsonPropertyName("QM")] public double? QM { get; init; }
    [JsonPropertyName("QMdf")] public IReadOnlyList<double?> QMdf { get; init; } = [];
    [JsonPropertyName("QMp")] public double? QMp { get; init; }
    [JsonPropertyName("QE")] public double? QE { get; init; }
    [JsonPropertyName("QEdf")] public int QEdf { get; init; }
    [JsonPropertyName("QEp")] public double? QEp { get; init; }
    [JsonPropertyName("tau2")] public double? Tau2 { get; init; }
    [JsonPropertyName("se_tau2")] public double? SeTau2 { get; init; }
    [JsonPropertyName("I2")] public double? I2 { get; init; }
    [JsonPropertyName("H2")] public double? H2 { get; init; }
    [JsonPropertyName("R2")] public double? R2 { get; init; }
    [JsonPropertyName("fit_stats")] public IReadOnlyDictionary<string, MetaregFitStats> FitStats { get; init; } = new Dictionary<string, MetaregFitStats>();
}

/// <summary>The reference values from rma.mv.</summary>
public sealed class MetaregReference
{
    [JsonPropertyName("coef")] public IReadOnlyList<double?> Coef { get; init; } = [];
    [JsonPropertyName("se")] public IReadOnlyList<double?> Se { get; init; } = [];
    [JsonPropertyName("QE")] public double? QE { get; init; }
    [JsonPropertyName("QEp")] public double? QEp { get; init; }
    [JsonPropertyName("tau2")] public double? Tau2 { get; init; }
    [JsonPropertyName("ll")] public double? LogLik { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
}

/// <summary>metafor's fit statistics for one likelihood.</summary>
public sealed class MetaregFitStats
{
    [JsonPropertyName("ll")] public double? LogLik { get; init; }
    [JsonPropertyName("dev")] public double? Deviance { get; init; }
    [JsonPropertyName("AIC")] public double? Aic { get; init; }
    [JsonPropertyName("BIC")] public double? Bic { get; init; }
    [JsonPropertyName("AICc")] public double? Aicc { get; init; }
}

/// <summary>Predictions for new data: the raw values, the newmods rows metafor got, and its results per PI type.</summary>
public sealed class MetaregPredict
{
    [JsonPropertyName("newdata")] public IReadOnlyDictionary<string, JsonElement> NewData { get; init; } = new Dictionary<string, JsonElement>();
    [JsonPropertyName("newmods")] public IReadOnlyList<IReadOnlyList<double>> Newmods { get; init; } = [];
    [JsonPropertyName("metafor")] public MetaregPrediction? Metafor { get; init; }
    [JsonPropertyName("riley")] public MetaregPrediction? Riley { get; init; }
    [JsonPropertyName("t")] public MetaregPrediction? T { get; init; }
}

/// <summary>One <c>predict()</c> result.</summary>
public sealed class MetaregPrediction
{
    [JsonPropertyName("pred")] public IReadOnlyList<double?>? Pred { get; init; }
    [JsonPropertyName("se")] public IReadOnlyList<double?>? Se { get; init; }
    [JsonPropertyName("ci_lb")] public IReadOnlyList<double?>? CiLb { get; init; }
    [JsonPropertyName("ci_ub")] public IReadOnlyList<double?>? CiUb { get; init; }
    [JsonPropertyName("pi_lb")] public IReadOnlyList<double?>? PiLb { get; init; }
    [JsonPropertyName("pi_ub")] public IReadOnlyList<double?>? PiUb { get; init; }
    [JsonPropertyName("ddf")] public IReadOnlyList<double?>? Ddf { get; init; }
    [JsonPropertyName("pi_ddf")] public IReadOnlyList<double?>? PiDdf { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
}

/// <summary>One <c>anova(full, reduced)</c>.</summary>
public sealed class MetaregLrt
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("full")] public string Full { get; init; } = "";
    [JsonPropertyName("reduced")] public string Reduced { get; init; } = "";
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("warnings")] public IReadOnlyList<string> Warnings { get; init; } = [];
    [JsonPropertyName("result")] public MetaregLrtResult? Result { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>The numbers of an <c>anova(full, reduced)</c>.</summary>
public sealed class MetaregLrtResult
{
    [JsonPropertyName("LRT")] public double? Lrt { get; init; }
    [JsonPropertyName("df")] public double? Df { get; init; }
    [JsonPropertyName("pval")] public double? Pval { get; init; }
    [JsonPropertyName("parms_f")] public double? ParmsF { get; init; }
    [JsonPropertyName("parms_r")] public double? ParmsR { get; init; }
    [JsonPropertyName("fit_f")] public MetaregFitStats? FitF { get; init; }
    [JsonPropertyName("fit_r")] public MetaregFitStats? FitR { get; init; }
    [JsonPropertyName("QE_f")] public double? QEf { get; init; }
    [JsonPropertyName("QE_r")] public double? QEr { get; init; }
    [JsonPropertyName("tau2_f")] public double? Tau2F { get; init; }
    [JsonPropertyName("tau2_r")] public double? Tau2R { get; init; }
    [JsonPropertyName("R2")] public double? R2 { get; init; }
}

/// <summary>designs.json.</summary>
public sealed class DesignFixtureFile
{
    [JsonPropertyName("metafor_version")] public string MetaforVersion { get; init; } = "";
    [JsonPropertyName("k")] public int K { get; init; }
    [JsonPropertyName("columns")] public IReadOnlyDictionary<string, JsonElement> Columns { get; init; } = new Dictionary<string, JsonElement>();
    [JsonPropertyName("designs")] public IReadOnlyList<DesignFixture> Designs { get; init; } = [];
}

/// <summary>The design metafor built for one formula (or its error).</summary>
public sealed class DesignFixture
{
    [JsonPropertyName("formula")] public string Formula { get; init; } = "";
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("warnings")] public IReadOnlyList<string> Warnings { get; init; } = [];
    [JsonPropertyName("colnames")] public IReadOnlyList<string>? ColumnNames { get; init; }
    [JsonPropertyName("int_incl")] public bool InterceptIncluded { get; init; }
    [JsonPropertyName("rows")] public IReadOnlyList<int>? Rows { get; init; }
    [JsonPropertyName("columns")] public IReadOnlyList<IReadOnlyList<double>>? Columns { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Formula;
}
