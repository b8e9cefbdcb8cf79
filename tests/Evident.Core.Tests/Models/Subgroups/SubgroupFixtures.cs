using System.Text.Json;
using System.Text.Json.Serialization;
using Evident.Core.Models;
using Evident.Core.Tests.Support;

namespace Evident.Core.Tests.Models.Subgroups;

/// <summary>
/// The metafor references in <c>tests/fixtures/subgroups/*.json</c>, written by <c>tests/fixtures/R/subgroups.R</c>:
/// subgroup analyses (one file per dataset), fixed-τ² fits (<c>fixed_tau2.json</c>) and escalc on split shared controls
/// (<c>shared_control_escalc.json</c>). Loaded once per test run.
/// </summary>
public static class SubgroupFixtures
{
    private static readonly Lazy<IReadOnlyList<SubgroupDataset>> LazyAll = new(LoadSubgroups);
    private static readonly Lazy<FixedTau2Document> LazyFixed = new(() => Read<FixedTau2Document>("fixed_tau2.json"));
    private static readonly Lazy<SharedControlEscalcDocument> LazyEscalc = new(() => Read<SharedControlEscalcDocument>("shared_control_escalc.json"));

    /// <summary>Files that are not subgroup datasets.</summary>
    private static readonly string[] Others = ["fixed_tau2.json", "shared_control_escalc.json"];

    /// <summary>The subgroup datasets, ordered by file name.</summary>
    public static IReadOnlyList<SubgroupDataset> All => LazyAll.Value;

    /// <summary>The fixed-τ² cases.</summary>
    public static FixedTau2Document FixedTau2 => LazyFixed.Value;

    /// <summary>escalc on the shared-control example after splitting.</summary>
    public static SharedControlEscalcDocument SharedControlEscalc => LazyEscalc.Value;

    /// <summary>A subgroup dataset by name.</summary>
    public static SubgroupDataset Dataset(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No subgroup fixture named '{name}'.");

    /// <summary>
    /// Compares every field an outcome carries. <paramref name="fixedTau2"/>: τ² was given (metafor still prints the
    /// method's SE formula at that τ²; Evident's contract is null). EE/FE and k = 1 with an estimated τ²: the prediction
    /// interval is the CI (metafor gives none for EE/FE).
    /// </summary>
    public static void Compare(Mismatches m, string what, SubgroupFixtureFit expected, MetaAnalysisResult r, Tolerance tol, bool fixedTau2 = false)
    {
        m.True(r.K == expected.K, $"{what}.K: expected {expected.K}, got {r.K}");
        var testUsed = RmaFixtures.ParseTest(expected.TestUsed);
        m.True(r.Test == testUsed, $"{what}.Test: expected {testUsed}, got {r.Test}");
        m.True(r.Converged, $"{what}: not converged");
        foreach (var bad in ResultInspection.NonFiniteValues(r))
        {
            m.Add($"{what}: non-finite value: {bad}");
        }

        m.Close(what + ".Estimate", expected.Estimate, r.Estimate, tol);
        m.Close(what + ".StandardError", expected.Se, r.StandardError, tol);
        m.Close(what + ".Statistic", expected.Zval, r.Statistic, tol);
        m.Close(what + ".Df", expected.Df, r.Df, Tolerances.ClosedForm);
        m.Close(what + ".PValue", expected.Pval, r.PValue, tol);
        m.Close(what + ".ConfidenceInterval", expected.CiLb, expected.CiUb, r.ConfidenceInterval, tol);
        m.Close(what + ".Tau2", expected.Tau2, r.Tau2, tol);
        if (fixedTau2 && expected.Tau2Fixed)
        {
            m.True(r.Tau2StandardError is null, $"{what}.Tau2StandardError: τ² was given, expected null, got {r.Tau2StandardError}");
            m.True(r.Tau2ConfidenceInterval is null, $"{what}.Tau2ConfidenceInterval: τ² was given, expected null");
            m.True(r.Iterations == 0, $"{what}.Iterations: τ² was given, expected 0, got {r.Iterations}");
        }
        else
        {
            m.Close(what + ".Tau2StandardError", expected.SeTau2, r.Tau2StandardError, tol);
        }

        m.Close(what + ".I2", expected.I2, r.I2, tol);
        m.Close(what + ".H2", expected.H2, r.H2, tol);
        m.Close(what + ".Q", expected.QE, r.Q, Tolerances.ClosedForm);
        m.True(r.QDf == expected.K - 1, $"{what}.QDf: expected {expected.K - 1}, got {r.QDf}");
        m.Close(what + ".QPValue", expected.QEp, r.QPValue, Tolerances.ClosedForm);
        m.True(r.WeightsPercent.Count == expected.Weights.Count, $"{what}.WeightsPercent: expected {expected.Weights.Count}, got {r.WeightsPercent.Count}");
        for (var i = 0; i < Math.Min(r.WeightsPercent.Count, expected.Weights.Count); i++)
        {
            m.Close($"{what}.WeightsPercent[{i}]", expected.Weights[i], r.WeightsPercent[i], tol);
        }

        var commonEffect = r.Method is Tau2Method.EE or Tau2Method.FE;
        if (commonEffect || (expected.K == 1 && !expected.Tau2Fixed))
        {
            m.Close(what + ".PredictionInterval (= CI)", r.ConfidenceInterval.Lower, r.ConfidenceInterval.Upper, r.PredictionInterval, Tolerances.ClosedForm);
        }
        else
        {
            var pi = expected.Pi["metafor"];
            m.Close(what + ".PredictionInterval", pi.Lb, pi.Ub, r.PredictionInterval, tol);
            m.Close(what + ".PredictionDf", pi.Df, r.PredictionDf, Tolerances.ClosedForm);
        }
    }

    private static List<SubgroupDataset> LoadSubgroups() =>
        Directory.GetFiles(RepoPaths.Fixture("subgroups"), "*.json")
            .Where(f => !Others.Contains(Path.GetFileName(f), StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => Read<SubgroupDataset>(Path.GetFileName(f)))
            .ToList();

    private static T Read<T>(string file)
    {
        var path = RepoPaths.Fixture("subgroups", file);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream) ?? throw new InvalidDataException($"{path}: empty fixture.");
    }
}

/// <summary>One subgroup fixture file: the data with its subgroup labels and one case per method × test.</summary>
public sealed class SubgroupDataset
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("metafor_version")] public string MetaforVersion { get; init; } = "";
    [JsonPropertyName("k")] public int K { get; init; }
    [JsonPropertyName("yi")] public IReadOnlyList<double> Yi { get; init; } = [];
    [JsonPropertyName("vi")] public IReadOnlyList<double> Vi { get; init; } = [];
    [JsonPropertyName("subgroup")] public IReadOnlyList<string> Subgroup { get; init; } = [];
    [JsonPropertyName("cases")] public IReadOnlyList<SubgroupCase> Cases { get; init; } = [];

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>A subgroup analysis with one method and test: separate τ², and the common-τ² variant.</summary>
public sealed class SubgroupCase
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    [JsonPropertyName("test")] public string Test { get; init; } = "";
    [JsonPropertyName("overall")] public SubgroupFixtureFit Overall { get; init; } = new();
    [JsonPropertyName("subgroups")] public IReadOnlyList<SubgroupFixtureFit> Subgroups { get; init; } = [];
    /// <summary>QE of <c>rma(estimates, sei = SEs, method = "FE")</c>; null with fewer than 2 subgroups.</summary>
    [JsonPropertyName("test_between")] public SubgroupFixtureTest? TestBetween { get; init; }
    [JsonPropertyName("q_within")] public double QWithin { get; init; }
    [JsonPropertyName("q_within_df")] public int QWithinDf { get; init; }
    [JsonPropertyName("common")] public SubgroupFixtureCommon Common { get; init; } = new();

    /// <summary>The options of this case.</summary>
    public FitOptions Options => new() { Method = RmaFixtures.ParseMethod(Method), Test = RmaFixtures.ParseTest(Test) };

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>The common-τ² variant: τ² of <c>rma(mods = ~ factor(g))</c>, the subgroups refitted with it, its QM.</summary>
public sealed class SubgroupFixtureCommon
{
    [JsonPropertyName("tau2")] public double Tau2 { get; init; }
    [JsonPropertyName("mods_QM")] public double ModsQM { get; init; }
    [JsonPropertyName("mods_QMp")] public double ModsQMp { get; init; }
    [JsonPropertyName("subgroups")] public IReadOnlyList<SubgroupFixtureFit> Subgroups { get; init; } = [];
    [JsonPropertyName("test_between")] public SubgroupFixtureTest? TestBetween { get; init; }
}

/// <summary>The test for subgroup differences.</summary>
public sealed class SubgroupFixtureTest
{
    [JsonPropertyName("q")] public double Q { get; init; }
    [JsonPropertyName("df")] public int Df { get; init; }
    [JsonPropertyName("p")] public double P { get; init; }
}

/// <summary>Every field of one <c>rma.uni</c> fit (a subgroup's, the overall one, or a fixed-τ² case).</summary>
public sealed class SubgroupFixtureFit
{
    [JsonPropertyName("subgroup")] public string? Subgroup { get; init; }
    [JsonPropertyName("k")] public int K { get; init; }
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    [JsonPropertyName("test_used")] public string TestUsed { get; init; } = "";
    /// <summary>metafor's <c>tau2.fix</c>: τ² was given (false for EE/FE, which ignore it).</summary>
    [JsonPropertyName("tau2_fixed")] public bool Tau2Fixed { get; init; }
    [JsonPropertyName("estimate")] public double? Estimate { get; init; }
    [JsonPropertyName("se")] public double? Se { get; init; }
    [JsonPropertyName("zval")] public double? Zval { get; init; }
    [JsonPropertyName("pval")] public double? Pval { get; init; }
    [JsonPropertyName("ci_lb")] public double? CiLb { get; init; }
    [JsonPropertyName("ci_ub")] public double? CiUb { get; init; }
    [JsonPropertyName("df")] public double? Df { get; init; }
    [JsonPropertyName("tau2")] public double? Tau2 { get; init; }
    [JsonPropertyName("se_tau2")] public double? SeTau2 { get; init; }
    [JsonPropertyName("I2")] public double? I2 { get; init; }
    [JsonPropertyName("H2")] public double? H2 { get; init; }
    [JsonPropertyName("QE")] public double? QE { get; init; }
    [JsonPropertyName("QEp")] public double? QEp { get; init; }
    [JsonPropertyName("weights")] public IReadOnlyList<double> Weights { get; init; } = [];
    /// <summary>Prediction intervals by <c>pi.type</c>: "metafor" (default), "riley", "t".</summary>
    [JsonPropertyName("pi")] public IReadOnlyDictionary<string, RmaPredictionInterval> Pi { get; init; } = new Dictionary<string, RmaPredictionInterval>();
}

/// <summary><c>fixed_tau2.json</c>: the datasets and one case per dataset × τ² × method × test.</summary>
public sealed class FixedTau2Document
{
    [JsonPropertyName("metafor_version")] public string MetaforVersion { get; init; } = "";
    [JsonPropertyName("datasets")] public IReadOnlyDictionary<string, FixedTau2Data> Datasets { get; init; } = new Dictionary<string, FixedTau2Data>();
    [JsonPropertyName("cases")] public IReadOnlyList<FixedTau2Case> Cases { get; init; } = [];
}

/// <summary>yi and vi of one fixed-τ² dataset.</summary>
public sealed class FixedTau2Data
{
    [JsonPropertyName("yi")] public IReadOnlyList<double> Yi { get; init; } = [];
    [JsonPropertyName("vi")] public IReadOnlyList<double> Vi { get; init; } = [];
}

/// <summary>One <c>rma(yi, vi, tau2 = x, method, test)</c> call.</summary>
public sealed class FixedTau2Case
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("data")] public string Data { get; init; } = "";
    [JsonPropertyName("tau2")] public double Tau2 { get; init; }
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    [JsonPropertyName("test")] public string Test { get; init; } = "";
    [JsonPropertyName("fit")] public SubgroupFixtureFit Fit { get; init; } = new();

    /// <summary>The options of this case.</summary>
    public FitOptions Options(PredictionIntervalType pi = PredictionIntervalType.Metafor) => new()
    {
        Method = RmaFixtures.ParseMethod(Method),
        Test = RmaFixtures.ParseTest(Test),
        Tau2 = Tau2,
        PredictionInterval = pi,
    };

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary><c>shared_control_escalc.json</c>: metafor's yi and vi per measure for the split example.</summary>
public sealed class SharedControlEscalcDocument
{
    [JsonPropertyName("measures")] public IReadOnlyDictionary<string, FixedTau2Data> Measures { get; init; } = new Dictionary<string, FixedTau2Data>();
}
