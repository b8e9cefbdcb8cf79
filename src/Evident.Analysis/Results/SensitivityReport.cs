using Evident.Core;
using Evident.Core.Models;
using Evident.Core.Sensitivity;

namespace Evident.Analysis;

/// <summary>The order of a cumulative meta-analysis.</summary>
public enum CumulativeOrder
{
    /// <summary>As the rows are in the file.</summary>
    Input,

    /// <summary>Most precise study first (smallest variance).</summary>
    Precision,

    /// <summary>Smallest effect first.</summary>
    Effect,

    /// <summary>By the values of a column (e.g. the publication year), ascending; missing values last.</summary>
    Column,
}

/// <summary>What <c>evident sensitivity</c> computes besides the pooled model (its options).</summary>
public sealed record SensitivitySettings
{
    /// <summary>The order of the cumulative meta-analysis.</summary>
    public CumulativeOrder Order { get; init; } = CumulativeOrder.Input;

    /// <summary>With <see cref="CumulativeOrder.Column"/>: the column (read as numbers).</summary>
    public string? OrderColumn { get; init; }

    /// <summary>Whether to run GOSH (the model on every subset, or a random sample of them).</summary>
    public bool Gosh { get; init; }

    /// <summary>GOSH's cap on the number of subsets.</summary>
    public int GoshSubsets { get; init; } = GoshOptions.Default.Subsets;

    /// <summary>The seed of GOSH's random subsets.</summary>
    public ulong Seed { get; init; } = GoshOptions.Default.Seed;
}

/// <summary>
/// The sensitivity analyses of one outcome (Core's results as they are): leave-one-out, influence diagnostics, a
/// cumulative meta-analysis, Baujat's coordinates and optionally GOSH, all of the model without moderators with the
/// analysis's τ² estimator, test and level. Row i of each per-study result is study i of <see cref="Studies"/>.
/// </summary>
/// <param name="Studies">The studies analysed: their label and file line, in the order the results use.</param>
/// <param name="Order">How the cumulative analysis was ordered (<c>input</c>, <c>precision</c>, <c>effect</c> or a column name).</param>
/// <param name="LeaveOneOut">The model without each study in turn.</param>
/// <param name="Influence">Outlier and influence diagnostics.</param>
/// <param name="Cumulative">The cumulative meta-analysis.</param>
/// <param name="Baujat">Baujat's coordinates.</param>
/// <param name="Gosh">GOSH, when asked for.</param>
public sealed record SensitivityReport(
    IReadOnlyList<(string? Study, int Row)> Studies,
    string Order,
    LeaveOneOutResult LeaveOneOut,
    InfluenceResult Influence,
    CumulativeResult Cumulative,
    BaujatResult Baujat,
    GoshResult? Gosh)
{
    /// <summary>Runs the analyses on the pooled studies (<paramref name="orderKey"/>: the cumulative order's key per study, or null for input order).</summary>
    public static SensitivityReport Run(
        double[] yi, double[] vi, IReadOnlyList<(string? Study, int Row)> studies, FitOptions fit, SensitivitySettings settings, double[]? orderKey, string order)
    {
        // A Q centred elsewhere (RevMan 5's Q around the MH estimate) has no meaning when each fit has its own estimate.
        fit = fit with { QCentre = null };
        return new(
            studies,
            order,
            SensitivityAnalysis.LeaveOneOut(yi, vi, fit),
            SensitivityAnalysis.Influence(yi, vi, fit),
            orderKey is null ? SensitivityAnalysis.Cumulative(yi, vi, [.. Enumerable.Range(0, yi.Length)], fit) : SensitivityAnalysis.CumulativeBy(yi, vi, orderKey, fit),
            SensitivityAnalysis.Baujat(yi, vi, fit),
            settings.Gosh ? SensitivityAnalysis.Gosh(yi, vi, fit, new GoshOptions { Subsets = settings.GoshSubsets, Seed = settings.Seed }) : null);
    }

    /// <summary>Every issue of the analyses, with the index of the study concerned where there is one.</summary>
    public IEnumerable<Issue> Issues => LeaveOneOut.Issues.Concat(Influence.Issues).Concat(Cumulative.Issues).Concat(Baujat.Issues)
        .Concat(Gosh?.Issues ?? []).DistinctBy(i => (i.Code, i.Message, i.StudyIndex));

    /// <summary>The number of studies metafor's rule flags as influential.</summary>
    public int InfluentialCount => Influence.Rows.Count(r => r.IsInfluential);

    /// <summary>
    /// The per-study results of study <paramref name="i"/> as one flat row (JSON object, CSV row): the fit without it,
    /// its influence diagnostics and Baujat coordinates, and the cumulative fit at the step it was added.
    /// </summary>
    public (string Name, FieldValue Value)[] StudyFields(int i)
    {
        var loo = i < LeaveOneOut.Rows.Count ? LeaveOneOut.Rows[i] : null;
        var inf = i < Influence.Rows.Count ? Influence.Rows[i] : null;
        var step = StepOf[i];
        var cum = step >= 0 && step < Cumulative.Rows.Count ? Cumulative.Rows[step] : null;
        return
        [
            ("row", Studies[i].Row), ("study", Studies[i].Study),
            ("loo_estimate", loo?.Estimate), ("loo_se", loo?.StandardError), ("loo_ci", loo?.ConfidenceInterval), ("loo_p", loo?.PValue),
            ("loo_q", loo?.Q), ("loo_q_p", loo?.QPValue), ("loo_tau2", loo?.Tau2), ("loo_i2", loo?.I2), ("loo_h2", loo?.H2),
            ("loo_pi", loo?.PredictionInterval),
            ("rstandard", inf?.Standardized.Z), ("rstudent", inf?.Studentized?.Z), ("dffits", inf?.Dffits), ("cooks_distance", inf?.CooksDistance),
            ("cov_ratio", inf?.CovarianceRatio), ("tau2_deleted", inf?.Tau2Deleted), ("q_deleted", inf?.QDeleted), ("hat", inf?.Hat),
            ("weight", inf?.WeightPercent), ("dfbetas", inf is { Dfbetas.Count: > 0 } r ? r.Dfbetas[0] : null), ("influential", inf?.IsInfluential ?? false),
            ("baujat_x", i < Baujat.X.Count ? Baujat.X[i] : (double?)null), ("baujat_y", i < Baujat.Y.Count ? Baujat.Y[i] : null),
            ("cumulative_step", step >= 0 ? step + 1 : (int?)null), ("cumulative_estimate", cum?.Estimate), ("cumulative_ci", cum?.ConfidenceInterval),
            ("cumulative_p", cum?.PValue), ("cumulative_tau2", cum?.Tau2), ("cumulative_i2", cum?.I2),
        ];
    }

    /// <summary>The field names of <see cref="StudyFields"/>.</summary>
    public static IEnumerable<string> StudyFieldNames => Placeholder.StudyFields(0).Select(f => f.Name);

    /// <summary>GOSH summarised: subsets fitted, whether sampled, and the quartiles of the estimate and I².</summary>
    public (string Name, FieldValue Value)[]? GoshFields()
    {
        if (Gosh is not { Count: > 0 } g)
        {
            return null;
        }

        var estimates = g.Estimate.Order().ToArray();
        var i2 = g.I2.Order().ToArray();
        static double Quantile(double[] sorted, double q) => MathNet.Numerics.Statistics.SortedArrayStatistics.Quantile(sorted, q);
        return
        [
            ("subsets", g.Count), ("sampled", g.Sampled),
            ("estimate_min", estimates[0]), ("estimate_q1", Quantile(estimates, 0.25)), ("estimate_median", Quantile(estimates, 0.5)),
            ("estimate_q3", Quantile(estimates, 0.75)), ("estimate_max", estimates[^1]),
            ("i2_min", i2[0]), ("i2_median", Quantile(i2, 0.5)), ("i2_max", i2[^1]),
        ];
    }

    /// <summary>The cumulative step (0-based) at which each study was added; −1 when it was not.</summary>
    private int[] StepOf => field ??= Inverse(Cumulative.Order, Studies.Count);

    private static int[] Inverse(IReadOnlyList<int> order, int count)
    {
        var steps = Enumerable.Repeat(-1, count).ToArray();
        for (var j = 0; j < order.Count; j++)
        {
            steps[order[j]] = j;
        }

        return steps;
    }

    private static SensitivityReport Placeholder { get; } = Run([0, 0.1, 0.2], [1, 1, 1], [(null, 0), (null, 0), (null, 0)], FitOptions.Default, new(), null, "input");
}
