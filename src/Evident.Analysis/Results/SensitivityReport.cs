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

    /// <summary>The cumulative step (0-based) at which study <paramref name="i"/> was added; −1 when it was not.</summary>
    internal int CumulativeStep(int i) => StepOf[i];

    /// <summary>GOSH summarised (subsets fitted, whether sampled, the quartiles of the estimate and I²); null without GOSH or fits.</summary>
    public GoshSummary? SummarizeGosh()
    {
        if (Gosh is not { Count: > 0 } g)
        {
            return null;
        }

        var estimates = g.Estimate.Order().ToArray();
        var i2 = g.I2.Order().ToArray();
        static double Quantile(double[] sorted, double q) => MathNet.Numerics.Statistics.SortedArrayStatistics.Quantile(sorted, q);
        return new GoshSummary(
            g.Count, g.Sampled, estimates[0], Quantile(estimates, 0.25), Quantile(estimates, 0.5), Quantile(estimates, 0.75), estimates[^1],
            i2[0], Quantile(i2, 0.5), i2[^1]);
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
}

/// <summary>GOSH summarised: the subsets fitted and the spread of their estimates and I².</summary>
/// <param name="Subsets">Subsets fitted.</param>
/// <param name="Sampled">Whether the subsets were a random sample (else all of them).</param>
/// <param name="EstimateMin">The smallest estimate.</param>
/// <param name="EstimateQ1">The estimates' first quartile.</param>
/// <param name="EstimateMedian">Their median.</param>
/// <param name="EstimateQ3">Their third quartile.</param>
/// <param name="EstimateMax">The largest estimate.</param>
/// <param name="I2Min">The smallest I², percent.</param>
/// <param name="I2Median">The median I².</param>
/// <param name="I2Max">The largest I².</param>
public sealed record GoshSummary(
    int Subsets, bool Sampled, double EstimateMin, double EstimateQ1, double EstimateMedian, double EstimateQ3, double EstimateMax, double I2Min, double I2Median, double I2Max);
