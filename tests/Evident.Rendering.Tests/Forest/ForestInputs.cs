using System.Globalization;
using Evident.Core;
using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Evident.Core.Models.Subgroups;
using Evident.Core.Sensitivity;
using Evident.Rendering.Plots.Forest;
using Evident.Review.RiskOfBias;

namespace Evident.Rendering.Tests.Forest;

/// <summary>
/// Forest-plot inputs for the tests: the BCG trials of <c>examples/bcg/bcg.csv</c> (Colditz et al. 1994) as risk ratios
/// fitted by Core, and generated studies with given label lengths and counts.
/// </summary>
internal static class ForestInputs
{
    private const double Z975 = 1.959963984540054;

    private static readonly Judgement[] AllJudgements = Enum.GetValues<Judgement>();

    private static readonly Lazy<List<string[]>> BcgRows = new(() =>
    {
        var lines = File.ReadAllLines(Golden.RepoPath("examples", "bcg", "bcg.csv"));
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];
    });

    /// <summary>BCG: study, year, tpos, tneg, cpos, cneg, ablat, alloc.</summary>
    public static IReadOnlyList<string[]> Bcg => BcgRows.Value;

    /// <summary>The BCG risk ratios (log scale) and variances, in file order.</summary>
    public static (double[] Yi, double[] Vi) BcgEffects()
    {
        var inputs = Bcg.Select(r => new StudyInput { Study = r[0], Ai = N(r[2]), Bi = N(r[3]), Ci = N(r[4]), Di = N(r[5]) }).ToList();
        var effects = EffectSizes.Compute(EffectMeasure.RR, inputs).Studies;
        return ([.. effects.Select(e => e.Yi!.Value)], [.. effects.Select(e => e.Vi!.Value)]);
    }

    /// <summary>The BCG forest: per-arm events and totals, REML fit; by allocation with <paramref name="subgroups"/>; RoB columns with <paramref name="rob"/>.</summary>
    public static ForestPlotData BcgForest(bool subgroups = false, bool rob = false)
    {
        var (yi, vi) = BcgEffects();
        var fit = MetaAnalysis.Fit(yi, vi);
        var rows = Bcg.Select((r, i) => new ForestRow(r[0], yi[i], yi[i] - (Z975 * Math.Sqrt(vi[i])), yi[i] + (Z975 * Math.Sqrt(vi[i])))
        {
            WeightPercent = fit.WeightsPercent[i],
            Cells = [r[2], Total(r[2], r[3]), r[4], Total(r[4], r[5])],
            RiskOfBias = rob ? [.. Enumerable.Range(0, 6).Select(d => (Judgement?)AllJudgements[(i + (d * 2)) % AllJudgements.Length])] : [],
        }).ToList();
        var data = new ForestPlotData
        {
            EffectName = "Risk Ratio",
            MethodText = "IV, Random, 95% CI",
            Log = true,
            LabelHeader = "Study or Subgroup",
            Columns = [new("Events", "Vaccine"), new("Total", "Vaccine"), new("Events", "Control"), new("Total", "Control")],
            RiskOfBiasDomains = rob ? [.. Enumerable.Range(1, 5).Select(d => new ForestRobDomain($"D{d}", $"Domain {d}")), new ForestRobDomain("O", "Overall")] : [],
            Studies = rows,
            Overall = Pooled("Total (95% CI)", fit) with { WeightPercent = 100, Cells = ["", "191064", "", "166283"], TotalEvents = ["1065", "", "1510", ""] },
        };
        if (!subgroups)
        {
            return data;
        }

        var labels = Bcg.Select(r => r[7]).ToList();
        var result = SubgroupAnalysis.Fit(yi, vi, labels);
        var blocks = result.Subgroups.Select(s => new ForestSubgroup(
            s.Subgroup,
            [.. s.StudyIndices.Select(i => rows[i])],
            Pooled("Subtotal (95% CI)", s.Fit!) with { WeightPercent = s.StudyIndices.Sum(i => fit.WeightsPercent[i]) })).ToList();
        var test = result.Test!.Value;
        return data with { Subgroups = blocks, SubgroupTest = new ForestSubgroupTest(test.Q, test.Df, test.PValue, null) };
    }

    /// <summary>A cumulative (by year) or leave-one-out forest of BCG, from Core's sensitivity analyses.</summary>
    public static ForestPlotData BcgSensitivity(bool cumulative)
    {
        var (yi, vi) = BcgEffects();
        var years = Bcg.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToArray();
        var (fit, rowFits, labels) = cumulative
            ? SensitivityAnalysis.CumulativeBy(yi, vi, years) is var c ? (c.Fit!, c.Rows, c.Order.Select(i => Bcg[i][0]).ToList()) : default
            : SensitivityAnalysis.LeaveOneOut(yi, vi) is var l ? (l.Fit!, l.Rows, Bcg.Select(r => r[0]).ToList()) : default;
        return new ForestPlotData
        {
            EffectName = "Risk Ratio",
            Log = true,
            LabelHeader = cumulative ? "Study added" : "Study omitted",
            Columns = [new("k"), new("I²")],
            ReferenceValue = fit.Estimate,
            Studies = [.. rowFits.Select((r, i) => new ForestRow(labels[i], r.Estimate, r.ConfidenceInterval.Lower, r.ConfidenceInterval.Upper)
            {
                Cells = [r.K.ToString(CultureInfo.InvariantCulture), r.I2.ToString("0", CultureInfo.InvariantCulture) + "%"],
            })],
            Overall = cumulative ? null : Pooled("All studies", fit),
        };
    }

    /// <summary>
    /// <paramref name="k"/> generated studies (deterministic effects, some CIs past any sensible axis), labels of
    /// <paramref name="labelLength"/> characters, in <paramref name="groups"/> subgroups (none for 0), with arm columns.
    /// </summary>
    public static ForestPlotData Generated(int k, int labelLength, int groups, bool log)
    {
        var rows = Enumerable.Range(0, k).Select(i =>
        {
            var y = Math.Sin(i * 1.7) * 0.8;
            var se = 0.1 + (0.5 * ((i * 7) % 11) / 10.0) + (i % 17 == 0 ? 3 : 0);
            var label = $"Study {i + 1} " + new string("Abcdefghij klmnop qrstu vwxyz "[i % 5], Math.Max(0, labelLength - 10));
            return new ForestRow(label[..Math.Min(label.Length, Math.Max(labelLength, 8))], y, y - (Z975 * se), y + (Z975 * se))
            {
                WeightPercent = 100.0 / k * (0.5 + ((i % 3) / 2.0)),
                Cells = [(i * 13 % 97).ToString(CultureInfo.InvariantCulture), (100 + (i * 37 % 900)).ToString(CultureInfo.InvariantCulture)],
            };
        }).ToList();
        ForestPooled Summary(string label) => new(label, -0.1, -0.3, 0.1)
        {
            PredictionInterval = new Interval(-1.2, 1.0),
            WeightPercent = 100,
            Heterogeneity = new ForestHeterogeneity(0.31, 152.23, k - 1, 1e-9, 92.1),
            Test = new ForestEffectTest("Z", -3.97, null, 7e-5),
        };
        var data = new ForestPlotData
        {
            EffectName = log ? "Odds Ratio" : "Mean Difference",
            MethodText = "IV, Random, 95% CI",
            Log = log,
            Columns = [new("Events", "An experimental arm with a long name"), new("Total", "An experimental arm with a long name")],
            Title = "An outcome " + new string('x', labelLength),
            Overall = Summary("Total (95% CI)"),
        };
        return groups == 0
            ? data with { Studies = rows }
            : data with
            {
                Subgroups = [.. rows.Select((r, i) => (r, i)).GroupBy(p => p.i % groups).Select(g => new ForestSubgroup(
                    $"Subgroup {g.Key + 1}: " + new string('s', labelLength), [.. g.Select(p => p.r)], Summary("Subtotal (95% CI)")))],
                SubgroupTest = new ForestSubgroupTest(3.2, groups - 1, 0.2, 12.5),
            };
    }

    private static ForestPooled Pooled(string label, MetaAnalysisResult fit) => new(label, fit.Estimate, fit.ConfidenceInterval.Lower, fit.ConfidenceInterval.Upper)
    {
        PredictionInterval = fit.PredictionInterval,
        Heterogeneity = new ForestHeterogeneity(fit.Tau2, fit.Q, fit.QDf, fit.QPValue, fit.I2),
        Test = new ForestEffectTest("Z", fit.Statistic, fit.Df, fit.PValue),
    };

    private static double N(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static string Total(string events, string nonEvents) => (N(events) + N(nonEvents)).ToString(CultureInfo.InvariantCulture);
}
