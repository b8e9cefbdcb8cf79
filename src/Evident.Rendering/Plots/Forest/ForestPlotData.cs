using Evident.Core;
using Evident.Review.RiskOfBias;

namespace Evident.Rendering.Plots.Forest;

/// <summary>
/// What a forest plot shows (Lewis &amp; Clarke, BMJ 2001;322:1479; the layout of Cochrane reviews, Higgins et al.,
/// Cochrane Handbook §10.2 and RevMan 5): one row per study with its estimate and confidence interval, optional
/// subgroup blocks each with their own pooled diamond, the overall pooled result, and the statistics printed beside
/// them. Every number comes from a fitted model; the plot formats and places them, it computes none.
/// </summary>
/// <remarks>
/// Values are on the analysis scale: log units when <see cref="Log"/> is set (the axis is then logarithmic, its ticks
/// and every printed estimate back-transformed by exp), the display scale otherwise.
/// </remarks>
public sealed record ForestPlotData
{
    /// <summary>The studies, in display order (used when there are no <see cref="Subgroups"/>).</summary>
    public IReadOnlyList<ForestRow> Studies { get; init; } = [];

    /// <summary>Subgroup blocks, in display order; when given they replace <see cref="Studies"/>.</summary>
    public IReadOnlyList<ForestSubgroup> Subgroups { get; init; } = [];

    /// <summary>The overall pooled result (the "Total" or "RE Model" row), or null for none.</summary>
    public ForestPooled? Overall { get; init; }

    /// <summary>The test for subgroup differences, or null.</summary>
    public ForestSubgroupTest? SubgroupTest { get; init; }

    /// <summary>The effect's name as column headers show it: <c>Odds Ratio</c>, <c>Std. Mean Difference</c>.</summary>
    public required string EffectName { get; init; }

    /// <summary>RevMan's method line under the effect name (<c>IV, Random, 95% CI</c>); null to show the level only.</summary>
    public string? MethodText { get; init; }

    /// <summary>The confidence level in percent (for the headers).</summary>
    public double Level { get; init; } = 95;

    /// <summary>Whether values are log ratios (logarithmic axis, estimates printed as exp of the values).</summary>
    public bool Log { get; init; }

    /// <summary>The value of no effect on the analysis scale (0 for differences and log ratios), or null for no line.</summary>
    public double? NullValue { get; init; } = 0;

    /// <summary>A dashed reference line, e.g. the estimate from all studies in a cumulative or leave-one-out forest.</summary>
    public double? ReferenceValue { get; init; }

    /// <summary>The header of the label column (<c>Study or Subgroup</c>, <c>Study</c>, <c>Study omitted</c>).</summary>
    public string LabelHeader { get; init; } = "Study";

    /// <summary>Extra text columns beside the labels (events and totals, means and SDs per arm, k, I²).</summary>
    public IReadOnlyList<ForestColumn> Columns { get; init; } = [];

    /// <summary>The risk-of-bias domains drawn as traffic-light columns (none when empty).</summary>
    public IReadOnlyList<ForestRobDomain> RiskOfBiasDomains { get; init; } = [];

    /// <summary>A title above the plot (e.g. the outcome), or null.</summary>
    public string? Title { get; init; }

    /// <summary>Every study row, subgroup rows included.</summary>
    public IEnumerable<ForestRow> AllStudies => Subgroups.Count > 0 ? Subgroups.SelectMany(s => s.Studies) : Studies;
}

/// <summary>One study (or one step of a cumulative or leave-one-out analysis).</summary>
/// <param name="Label">The study label.</param>
/// <param name="Estimate">The estimate on the analysis scale; null when not estimable (printed so).</param>
/// <param name="Lower">The CI's lower bound.</param>
/// <param name="Upper">The CI's upper bound.</param>
public sealed record ForestRow(string Label, double? Estimate, double? Lower, double? Upper)
{
    /// <summary>The study's weight in the pooled model in percent; the square's area is proportional to it. Null: a fixed-size mark.</summary>
    public double? WeightPercent { get; init; }

    /// <summary>Texts of the extra columns, in the order of <see cref="ForestPlotData.Columns"/>.</summary>
    public IReadOnlyList<string> Cells { get; init; } = [];

    /// <summary>Judgements per domain, in the order of <see cref="ForestPlotData.RiskOfBiasDomains"/> (null: blank).</summary>
    public IReadOnlyList<Judgement?> RiskOfBias { get; init; } = [];
}

/// <summary>An extra text column.</summary>
/// <param name="Header">Its header (<c>Events</c>, <c>Total</c>, <c>Mean</c>).</param>
/// <param name="Group">A header spanning consecutive columns of the same group (<c>Experimental</c>), or null.</param>
public sealed record ForestColumn(string Header, string? Group = null);

/// <summary>A risk-of-bias domain column.</summary>
/// <param name="Key">The short header over the column (<c>D1</c>, <c>A</c>).</param>
/// <param name="Description">What the domain is, for the legend (<c>Bias arising from the randomization process</c>), or null.</param>
public sealed record ForestRobDomain(string Key, string? Description = null);

/// <summary>A subgroup block: a header, its studies, its pooled result and its statistics.</summary>
/// <param name="Header">The subgroup's name.</param>
/// <param name="Studies">Its studies in display order.</param>
/// <param name="Pooled">Its pooled result, or null when it has none.</param>
public sealed record ForestSubgroup(string Header, IReadOnlyList<ForestRow> Studies, ForestPooled? Pooled);

/// <summary>A pooled result: the diamond's row and the statistics printed under it.</summary>
/// <param name="Label">The row label (<c>Total (95% CI)</c>, <c>Subtotal (95% CI)</c>, <c>RE Model</c>).</param>
/// <param name="Estimate">The pooled estimate (analysis scale).</param>
/// <param name="Lower">Its CI's lower bound.</param>
/// <param name="Upper">Its CI's upper bound.</param>
public sealed record ForestPooled(string Label, double Estimate, double Lower, double Upper)
{
    /// <summary>The prediction interval, drawn as a bar under (or through) the diamond; null for none.</summary>
    public Interval? PredictionInterval { get; init; }

    /// <summary>The weight the row carries in percent (100 for the total, the sum of its studies' for a subtotal), or null.</summary>
    public double? WeightPercent { get; init; }

    /// <summary>Totals per extra column (participants per arm), in the order of <see cref="ForestPlotData.Columns"/>.</summary>
    public IReadOnlyList<string> Cells { get; init; } = [];

    /// <summary>RevMan's "Total events" row (events per arm, aligned with the columns); empty for none.</summary>
    public IReadOnlyList<string> TotalEvents { get; init; } = [];

    /// <summary>Heterogeneity among the studies pooled, or null.</summary>
    public ForestHeterogeneity? Heterogeneity { get; init; }

    /// <summary>The test of the pooled estimate, or null.</summary>
    public ForestEffectTest? Test { get; init; }
}

/// <summary>Heterogeneity statistics as printed under a pooled result.</summary>
/// <param name="Tau2">τ² of a random-effects model, or null for a common-effect one.</param>
/// <param name="Q">Cochran's Q (RevMan's Chi²).</param>
/// <param name="Df">Its degrees of freedom.</param>
/// <param name="PValue">Its p-value.</param>
/// <param name="I2">I² in percent.</param>
public sealed record ForestHeterogeneity(double? Tau2, double Q, int Df, double PValue, double I2);

/// <summary>The test of a pooled estimate.</summary>
/// <param name="Statistic">Its name: <c>Z</c> or <c>t</c>.</param>
/// <param name="Value">Its value, or null when undefined.</param>
/// <param name="Df">Degrees of freedom of a t test, or null.</param>
/// <param name="PValue">Its two-sided p-value.</param>
public sealed record ForestEffectTest(string Statistic, double? Value, double? Df, double PValue);

/// <summary>The test for subgroup differences (Cochrane Handbook §10.11.3.1).</summary>
/// <param name="Q">Q between subgroups (RevMan's Chi²).</param>
/// <param name="Df">Its degrees of freedom.</param>
/// <param name="PValue">Its p-value.</param>
/// <param name="I2">I² of the differences in percent, or null.</param>
public sealed record ForestSubgroupTest(double Q, int Df, double PValue, double? I2);
