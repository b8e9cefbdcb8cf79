using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Evident.Core.Tests.Support;

namespace Evident.Core.Tests.Models;

/// <summary>
/// Every case in <c>tests/fixtures/mh/*.json</c> (metafor 3.8-1 <c>rma.mh</c> and <c>rma.peto</c>, written by
/// <c>tests/fixtures/R/mh.R</c>) against <see cref="MantelHaenszel.Fit"/> and <see cref="Peto.Fit"/>, all at
/// <see cref="Tolerances.ClosedForm"/>; plus the independent checks the script writes for the MH odds ratio (R's
/// <c>mantelhaen.test</c>) and the Breslow-Day/Tarone tests (the formula written out from Breslow &amp; Day 1980).
/// Where the contract differs from metafor (no NaN or Inf: null instead; a test on 0 df has p = 1; a study with vi = 0 is
/// left out of Q; Peto with no informative table is "not estimable" where metafor stops) the contract is asserted.
/// </summary>
public sealed class MantelHaenszelPetoFixtureTests
{
    private static readonly Tolerance Tol = Tolerances.ClosedForm;

    /// <summary>One row per fixture case, named "dataset/METHOD/measure/...".</summary>
    public static IEnumerable<TheoryDataRow<string>> Cases() =>
        MhFixtures.All.SelectMany(d => d.Cases.Select(c => new TheoryDataRow<string>(d.Name + "|" + c.Id)
        {
            TestDisplayName = string.Create(CultureInfo.InvariantCulture, $"{nameof(Fit_MatchesMetafor)}({d.Name} {c.Id})"),
        }));

    [Fact]
    public void Fixtures_LoadWithTheExpectedShape()
    {
        var all = MhFixtures.All;

        Assert.True(all.Count >= 17, $"expected at least 17 mh fixture files in {MhFixtures.Folder}, found {all.Count}");
        var cases = all.SelectMany(d => d.Cases).ToList();
        Assert.True(cases.Count >= 400, $"expected at least 400 cases, found {cases.Count}");
        foreach (var d in all)
        {
            Assert.Equal("3.8.1", d.MetaforVersion);
            Assert.All(d.Inputs.Values, v => Assert.Equal(d.K, v.Count));
            Assert.Equal(d.Cases.Count, d.Cases.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
            foreach (var c in d.Cases)
            {
                Assert.True(c.Fit is not null || c.Error is not null, $"{d.Name} {c.Id}: neither a fit nor an error");
                if (c.Fit is { } fit)
                {
                    Assert.Equal(d.K, fit.Yi.Count);
                    Assert.Equal(d.K, fit.Vi.Count);
                }
            }
        }

        // The independent checks are there for every default-options OR case.
        Assert.True(cases.Count(c => c.Independent?.BreslowDay is not null) >= 20);
        Assert.True(cases.Count(c => c.Independent?.Mantelhaen?.Estimate is not null) >= 20);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_MatchesMetafor(string key)
    {
        var (dataset, c) = MhFixtures.Case(key);
        var m = new Mismatches(key);
        var r = c.Run(dataset);

        foreach (var bad in NonFinite(r))
        {
            m.Add("non-finite value: " + bad);
        }

        if (c.Fit is not { } fit)
        {
            // rma.peto stops ("One of the two outcomes never occurred in any of the tables"): the contract is a
            // result without an estimate and a pooled-not-estimable error.
            m.True(!r.IsEstimable, $"metafor failed ({c.Error}); Evident gave an estimate");
            m.True(r.Issues.Any(i => i.Code == IssueCodes.PooledNotEstimable && i.Severity == IssueSeverity.Error), "issue pooled-not-estimable missing");
            m.ThrowIfAny();
            return;
        }

        m.True(r.K == fit.K, $"K: expected {fit.K}, got {r.K}");
        m.True(r.KWithEstimate == fit.KYi, $"KWithEstimate: expected {fit.KYi}, got {r.KWithEstimate}");

        if (fit.B is null)
        {
            m.True(!r.IsEstimable, "metafor's estimate is NA; Evident gave one");
            m.True(r.Issues.Any(i => i.Code == IssueCodes.PooledNotEstimable), "issue pooled-not-estimable missing");
        }

        m.Close("Estimate", fit.B, r.Estimate, Tol);
        m.Close("StandardError", fit.Se, r.StandardError, Tol);
        m.Close("ConfidenceInterval", fit.CiLb, fit.CiUb, r.ConfidenceInterval, Tol);
        if (c.IsNonfinite("zval"))
        {
            // metafor: SE 0 (no events at all, RD/IRD) gives z = NaN. Contract: null with an undefined warning.
            m.True(r.Statistic is null && r.PValue is null, "Statistic/PValue: metafor gives NaN; the contract says null");
            m.True(r.Issues.Any(i => i.Code == IssueCodes.Undefined), "issue undefined missing");
        }
        else
        {
            m.Close("Statistic", fit.Zval, r.Statistic, Tol);
            m.Close("PValue", fit.Pval, r.PValue, Tol);
        }

        CheckHeterogeneity(m, c, fit, r);
        CheckTests(m, fit, r);
        CheckStudies(m, fit, r);
        CheckWeights(m, fit, r);
        CheckIndependent(m, dataset, c, r);
        m.ThrowIfAny();
    }

    private static void CheckHeterogeneity(Mismatches m, MhCase c, MhFit fit, TableFitResult r)
    {
        if (c.IsNonfinite("QE"))
        {
            // metafor: a per-study vi of 0 (RD/RR without correction) makes QE infinite. Contract: that study is left out
            // of Q and its df, with a nonpositive-variance warning; Q is then metafor's sum over the other studies.
            var usable = Enumerable.Range(0, fit.Yi.Count).Where(i => fit.Yi[i] is not null && fit.Vi[i] is > 0).ToList();
            var q = usable.Sum(i => Math.Pow(fit.Yi[i]!.Value - fit.B!.Value, 2) / fit.Vi[i]!.Value);
            m.Close("Q (studies with vi > 0)", q, r.Q, Tol);
            m.True(r.QDf == Math.Max(0, usable.Count - 1), $"QDf: expected {usable.Count - 1}, got {r.QDf}");
            m.True(r.Issues.Any(i => i.Code == IssueCodes.NonPositiveVariance), "issue nonpositive-variance missing");
            return;
        }

        m.Close("Q", fit.QE, r.Q, Tol);
        m.Close("QPValue", fit.QEp, r.QPValue, Tol);
        m.Close("I2", fit.I2, r.I2, Tol);
        m.Close("H2", fit.H2, r.H2, Tol);
        m.True(r.QDf == Math.Max(0, fit.KYi - 1), $"QDf: expected {Math.Max(0, fit.KYi - 1)}, got {r.QDf}");
    }

    private static void CheckTests(Mismatches m, MhFit fit, TableFitResult r)
    {
        Test(m, "CochranMantelHaenszel", fit.MH, fit.MHp, r.CochranMantelHaenszel, 1);
        Test(m, "Cochran", fit.CO, fit.COp, r.Cochran, 1);
        Test(m, "Tarone", fit.TA, fit.TAp, r.Tarone, null);
        Test(m, "BreslowDay", fit.BD, fit.BDp, r.BreslowDay, null);
        if (r.Tarone is { } ta && r.BreslowDay is { } bd)
        {
            m.True(ta.Df == bd.Df, "Tarone and Breslow-Day df differ");
        }
    }

    private static void Test(Mismatches m, string name, double? statistic, double? p, ChiSquareTest? actual, int? df)
    {
        if (statistic is null)
        {
            m.True(actual is null, $"{name}: metafor NA, Evident gave {actual}");
            return;
        }

        if (actual is not { } t)
        {
            m.Add($"{name}: expected a test, got null");
            return;
        }

        m.Close(name + ".Statistic", statistic, t.Statistic, Tol);
        if (p is null)
        {
            // metafor: one informative table gives the statistic on 0 df with p NA. Contract: df 0, p 1.
            m.True(t.Df == 0 && t.PValue == 1, $"{name}: metafor p NA (0 df); the contract is df 0, p 1, got df {t.Df}, p {t.PValue}");
            return;
        }

        m.Close(name + ".PValue", p, t.PValue, Tol);
        if (df is { } expectedDf)
        {
            m.True(t.Df == expectedDf, $"{name}.Df: expected {expectedDf}, got {t.Df}");
        }
        else
        {
            // The df is what turns the statistic into metafor's p-value.
            m.Close(name + ".PValue from Df", p, Evident.Core.Numerics.Probability.ChiSquareUpperTail(t.Statistic, t.Df), Tol);
        }
    }

    private static void CheckStudies(Mismatches m, MhFit fit, TableFitResult r)
    {
        if (r.Studies.Count != fit.Yi.Count)
        {
            m.Add($"Studies: expected {fit.Yi.Count}, got {r.Studies.Count}");
            return;
        }

        for (var i = 0; i < fit.Yi.Count; i++)
        {
            m.True(r.Studies[i].Index == i, $"Studies[{i}].Index is {r.Studies[i].Index}");
            m.Close(Invariant($"yi[{i}]"), fit.Yi[i], r.Studies[i].Yi, Tol);
            m.Close(Invariant($"vi[{i}]"), fit.Vi[i], r.Studies[i].Vi, Tol);
        }
    }

    private static void CheckWeights(Mismatches m, MhFit fit, TableFitResult r)
    {
        if (fit.Weights is not { } w || !r.IsEstimable)
        {
            return;
        }

        // metafor lists weights for the tables it used (rows with missing counts are gone); Evident lists every input row.
        var used = Enumerable.Range(0, r.WeightsPercent.Count).Where(i => r.WeightsPercent[i] is not null).ToList();
        if (used.Count != w.Count)
        {
            m.Add($"WeightsPercent: metafor has {w.Count} weights, Evident {used.Count}");
            return;
        }

        for (var j = 0; j < used.Count; j++)
        {
            m.Close(Invariant($"WeightsPercent[{used[j]}]"), w[j], r.WeightsPercent[used[j]], Tol);
        }
    }

    private static void CheckIndependent(Mismatches m, MhDataset d, MhCase c, TableFitResult r)
    {
        if (c.Independent is not { } ind)
        {
            return;
        }

        // Breslow & Day (1980, eq. 4.30) and Tarone (1985), written out in mh.R without metafor.
        if (ind.BreslowDay is { } bd)
        {
            m.Close("BreslowDay (formula)", bd.BD, r.BreslowDay?.Statistic, Tol);
            m.Close("Tarone (formula)", bd.TA, r.Tarone?.Statistic, Tol);
            m.True(r.BreslowDay?.Df == Math.Max(0, bd.Df), $"BreslowDay.Df: formula {bd.Df}, got {r.BreslowDay?.Df}");
        }

        // R's stats::mantelhaen.test: MH odds ratio with the Robins-Breslow-Greenland CI, and the CMH statistic.
        if (ind.Mantelhaen is { Estimate: { } oddsRatio } mh && r.Estimate is { } est && r.ConfidenceInterval is { } ci)
        {
            m.Close("exp(Estimate) (mantelhaen.test)", oddsRatio, Math.Exp(est), Tol);
            m.Close("exp(CI) (mantelhaen.test)", mh.CiLb, mh.CiUb, new Interval(Math.Exp(ci.Lower), Math.Exp(ci.Upper)), Tol);
            if (!c.Correct)
            {
                m.Close("CMH uncorrected (mantelhaen.test)", mh.StatisticUncorrected, r.CochranMantelHaenszel?.Statistic, Tol);
            }
            else if (d.Name != "small_delta")
            {
                // mantelhaen.test subtracts min(½, |O − E|), metafor (and Evident) always ½; they differ only when |O − E| < ½.
                m.Close("CMH corrected (mantelhaen.test)", mh.StatisticCorrected, r.CochranMantelHaenszel?.Statistic, Tol);
            }
            else
            {
                m.True(r.CochranMantelHaenszel?.Statistic > mh.StatisticCorrected, "small_delta: the always-½ correction should exceed mantelhaen.test's");
            }
        }
    }

    private static IEnumerable<string> NonFinite(TableFitResult r)
    {
        double?[] values = [r.Estimate, r.StandardError, r.Statistic, r.PValue, r.Q, r.QPValue, r.I2, r.H2,
            r.ConfidenceInterval?.Lower, r.ConfidenceInterval?.Upper];
        foreach (var v in values.Concat(r.WeightsPercent).Concat(r.Studies.SelectMany(s => new[] { s.Yi, s.Vi })))
        {
            if (v is { } x && !double.IsFinite(x))
            {
                yield return Invariant($"{x}");
            }
        }

        foreach (var t in new[] { r.CochranMantelHaenszel, r.Cochran, r.Tarone, r.BreslowDay })
        {
            if (t is { } test && (!double.IsFinite(test.Statistic) || !double.IsFinite(test.PValue)))
            {
                yield return Invariant($"test {test}");
            }
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The metafor <c>rma.mh</c>/<c>rma.peto</c> fixtures in <c>tests/fixtures/mh/*.json</c> (written by <c>tests/fixtures/R/mh.R</c>).</summary>
internal static class MhFixtures
{
    private static readonly Lazy<IReadOnlyList<MhDataset>> LazyAll = new(Load);

    public static string Folder => RepoPaths.Fixture("mh");

    public static IReadOnlyList<MhDataset> All => LazyAll.Value;

    public static MhDataset Dataset(string name) =>
        All.FirstOrDefault(d => d.Name == name) ?? throw new KeyNotFoundException($"No mh fixture named '{name}' in {Folder}.");

    /// <summary>A case by "dataset|case id".</summary>
    public static (MhDataset Dataset, MhCase Case) Case(string key)
    {
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        var d = Dataset(key[..bar]);
        return (d, d.Cases.Single(c => c.Id == key[(bar + 1)..]));
    }

    /// <summary>The case of <paramref name="dataset"/> with this method, measure and options.</summary>
    public static (MhDataset Dataset, MhCase Case) Case(
        string dataset, string method, string measure, double level = 95, bool correct = true, double add = 0.5, string to = "only0", bool drop00 = true)
    {
        var d = Dataset(dataset);
        return (d, d.Cases.Single(c => c.Method == method && c.Measure == measure && c.Level == level
            && (method == "PETO" || c.Correct == correct) && c.Add == add && c.To == to && c.Drop00 == drop00));
    }

    private static List<MhDataset> Load() =>
        [.. Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(file =>
        {
            using var stream = File.OpenRead(file);
            return JsonSerializer.Deserialize<MhDataset>(stream) ?? throw new InvalidDataException($"{file}: empty fixture.");
        })];
}

/// <summary>One fixture file: the inputs (escalc argument names) and metafor's results.</summary>
internal sealed class MhDataset
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("metafor_version")] public string MetaforVersion { get; init; } = "";
    [JsonPropertyName("k")] public int K { get; init; }
    [JsonPropertyName("inputs")] public IReadOnlyDictionary<string, IReadOnlyList<double?>> Inputs { get; init; } = new Dictionary<string, IReadOnlyList<double?>>();
    [JsonPropertyName("cases")] public IReadOnlyList<MhCase> Cases { get; init; } = [];

    /// <summary>The studies as Evident's input (a JSON null is a missing value).</summary>
    public IReadOnlyList<StudyInput> Studies() =>
        [.. Enumerable.Range(0, K).Select(i => StudyInput.FromFields(null, field => Inputs.TryGetValue(field, out var v) ? v[i] : null))];

    public override string ToString() => Name;
}

/// <summary>One <c>rma.mh</c> or <c>rma.peto</c> call and what metafor returned.</summary>
internal sealed class MhCase
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    [JsonPropertyName("measure")] public string Measure { get; init; } = "";
    [JsonPropertyName("level")] public double Level { get; init; }
    [JsonPropertyName("correct")] public bool Correct { get; init; }
    [JsonPropertyName("add")] public double Add { get; init; }
    [JsonPropertyName("to")] public string To { get; init; } = "";
    [JsonPropertyName("drop00")] public bool Drop00 { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("fit")] public MhFit? Fit { get; init; }
    [JsonPropertyName("nonfinite")] public IReadOnlyDictionary<string, string>? Nonfinite { get; init; }
    [JsonPropertyName("independent")] public MhIndependent? Independent { get; init; }

    public bool IsNonfinite(string field) => Nonfinite?.ContainsKey(field) == true;

    public TableFitOptions Options() => new()
    {
        Level = Level,
        Correct = Correct,
        Add = Add,
        To = To switch
        {
            "only0" => ContinuityTarget.Only0,
            "all" => ContinuityTarget.All,
            "if0all" => ContinuityTarget.If0All,
            "none" => ContinuityTarget.None,
            _ => throw new InvalidDataException($"unknown to = '{To}'"),
        },
        Drop00 = Drop00,
    };

    public TableFitResult Run(MhDataset d) => Method == "PETO"
        ? Peto.Fit(d.Studies(), Options())
        : MantelHaenszel.Fit(Enum.Parse<EffectMeasure>(Measure), d.Studies(), Options());

    public override string ToString() => Id;
}

/// <summary>The fields recorded from the <c>rma.mh</c>/<c>rma.peto</c> object (NA and non-finite values are null).</summary>
internal sealed class MhFit
{
    [JsonPropertyName("b")] public double? B { get; init; }
    [JsonPropertyName("se")] public double? Se { get; init; }
    [JsonPropertyName("zval")] public double? Zval { get; init; }
    [JsonPropertyName("pval")] public double? Pval { get; init; }
    [JsonPropertyName("ci_lb")] public double? CiLb { get; init; }
    [JsonPropertyName("ci_ub")] public double? CiUb { get; init; }
    [JsonPropertyName("QE")] public double? QE { get; init; }
    [JsonPropertyName("QEp")] public double? QEp { get; init; }
    [JsonPropertyName("I2")] public double? I2 { get; init; }
    [JsonPropertyName("H2")] public double? H2 { get; init; }
    [JsonPropertyName("k")] public int K { get; init; }
    [JsonPropertyName("k_yi")] public int KYi { get; init; }
    [JsonPropertyName("MH")] public double? MH { get; init; }
    [JsonPropertyName("MHp")] public double? MHp { get; init; }
    [JsonPropertyName("CO")] public double? CO { get; init; }
    [JsonPropertyName("COp")] public double? COp { get; init; }
    [JsonPropertyName("TA")] public double? TA { get; init; }
    [JsonPropertyName("TAp")] public double? TAp { get; init; }
    [JsonPropertyName("BD")] public double? BD { get; init; }
    [JsonPropertyName("BDp")] public double? BDp { get; init; }
    /// <summary>Per input row (<c>yi.f</c>), null where metafor has NA.</summary>
    [JsonPropertyName("yi")] public IReadOnlyList<double?> Yi { get; init; } = [];
    [JsonPropertyName("vi")] public IReadOnlyList<double?> Vi { get; init; } = [];
    /// <summary><c>weights(res)</c> in percent, for the tables metafor used; null when weights() failed.</summary>
    [JsonPropertyName("weights")] public IReadOnlyList<double?>? Weights { get; init; }
}

/// <summary>Checks computed in mh.R without metafor.</summary>
internal sealed class MhIndependent
{
    [JsonPropertyName("breslow_day")] public MhBreslowDay? BreslowDay { get; init; }
    [JsonPropertyName("mantelhaen")] public MhMantelhaen? Mantelhaen { get; init; }
}

internal sealed class MhBreslowDay
{
    [JsonPropertyName("BD")] public double BD { get; init; }
    [JsonPropertyName("TA")] public double TA { get; init; }
    [JsonPropertyName("df")] public int Df { get; init; }
}

internal sealed class MhMantelhaen
{
    [JsonPropertyName("statistic_uncorrected")] public double? StatisticUncorrected { get; init; }
    [JsonPropertyName("statistic_corrected")] public double? StatisticCorrected { get; init; }
    [JsonPropertyName("estimate")] public double? Estimate { get; init; }
    [JsonPropertyName("ci_lb")] public double? CiLb { get; init; }
    [JsonPropertyName("ci_ub")] public double? CiUb { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
}
