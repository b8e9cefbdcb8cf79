using Evident.Core.Bias;
using Evident.Core.EffectSizes;

namespace Evident.Rendering.Plots.Funnel;

/// <summary>What a funnel plot puts on its y axis (metafor's <c>funnel(yaxis = …)</c>).</summary>
public enum FunnelYAxis
{
    /// <summary>Standard error √vᵢ, 0 at the top (the default; Sterne &amp; Egger 2001).</summary>
    Sei,

    /// <summary>Sampling variance vᵢ, 0 at the top.</summary>
    Vi,

    /// <summary>Inverse standard error 1/√vᵢ (precision).</summary>
    Seinv,

    /// <summary>Inverse sampling variance 1/vᵢ.</summary>
    Vinv,

    /// <summary>Sample size nᵢ.</summary>
    Ni,

    /// <summary>Inverse sample size 1/nᵢ, 0 at the top.</summary>
    Ninv,

    /// <summary>Square root of the sample size √nᵢ.</summary>
    Sqrtni,

    /// <summary>Inverse square root of the sample size 1/√nᵢ, 0 at the top.</summary>
    Sqrtninv,

    /// <summary>Log sample size log nᵢ.</summary>
    Lni,

    /// <summary>The study's weight in the pooled model, in percent.</summary>
    Wi,
}

/// <summary>One study of a funnel plot.</summary>
/// <param name="Label">Study label.</param>
/// <param name="Yi">Effect size on the analysis scale.</param>
/// <param name="Vi">Sampling variance.</param>
public sealed record FunnelStudy(string Label, double Yi, double Vi)
{
    /// <summary>Total sample size; needed only for the sample-size y axes.</summary>
    public double? Ni { get; init; }

    /// <summary>Weight in the pooled model, in percent; needed only for <see cref="FunnelYAxis.Wi"/>.</summary>
    public double? WeightPercent { get; init; }
}

/// <summary>The numbers a funnel plot shows.</summary>
/// <param name="Studies">The studies pooled, in the order their effects were given to <see cref="TrimAndFill"/>.</param>
/// <param name="Estimate">The pooled estimate (analysis scale), from Core's fit.</param>
/// <param name="Measure">The effect-size measure.</param>
public sealed record FunnelPlotData(IReadOnlyList<FunnelStudy> Studies, double Estimate, EffectMeasure Measure)
{
    /// <summary>The measure's back-transformation; exp makes the effect axis a log axis with ratio ticks.</summary>
    public BackTransform? BackTransform { get; init; }

    /// <summary>The level (percent) of the pseudo-confidence region; default 95.</summary>
    public double Level { get; init; } = 95;

    /// <summary>
    /// Trim and fill (<see cref="Core.Bias.TrimAndFill.Run"/> on the studies' yᵢ and vᵢ in order): its filled studies are
    /// drawn as open circles and its adjusted estimate as a dashed line; null for none.
    /// </summary>
    public TrimAndFillResult? TrimAndFill { get; init; }

    /// <summary>Why trim and fill was asked for but not drawn (e.g. too few studies), shown in the legend; null when none.</summary>
    public string? TrimAndFillNote { get; init; }
}

/// <summary>How a funnel plot is drawn.</summary>
public sealed record FunnelPlotOptions
{
    /// <summary>The y axis; default the standard error.</summary>
    public FunnelYAxis YAxis { get; init; } = FunnelYAxis.Sei;

    /// <summary>
    /// Confidence levels (percent, e.g. 90, 95, 99) of a contour-enhanced funnel plot (Peters et al. 2008): regions of
    /// the plot where a study would be significant at p &lt; 0.10, 0.05, 0.01 around the null; null for a plain funnel
    /// plot with its pseudo-confidence region around the estimate.
    /// </summary>
    public IReadOnlyList<double>? Contours { get; init; }

    /// <summary>Whether to draw a legend; null (default) draws one when there are contours or trim and fill.</summary>
    public bool? Legend { get; init; }

    /// <summary>Width of the plot area in drawing units (1/96 inch).</summary>
    public double PlotWidth { get; init; } = 400;

    /// <summary>Height of the plot area in drawing units.</summary>
    public double PlotHeight { get; init; } = 300;

    /// <summary>A heading above the plot (e.g. the outcome); null for none.</summary>
    public string? Title { get; init; }

    /// <summary>The effect axis title; null for the measure's name.</summary>
    public string? EffectTitle { get; init; }
}
