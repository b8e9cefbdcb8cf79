using Evident.Core;
using Evident.Rendering.RiskOfBias;

namespace Evident.Rendering.Plots.Forest;

/// <summary>The two forest-plot layouts.</summary>
public enum ForestLayout
{
    /// <summary>
    /// Review Manager 5's (Cochrane reviews): study, per-arm data, weight and the estimate with its CI as text left of the
    /// plot, risk-of-bias columns right of it; bold totals; RevMan's heterogeneity and overall-effect lines under each
    /// pooled row.
    /// </summary>
    RevMan,

    /// <summary>metafor's <c>forest()</c>: labels left of the plot, "estimate [lower, upper]" right of it, the model's polygon below.</summary>
    Metafor,
}

/// <summary>How a forest plot is drawn.</summary>
public sealed record ForestPlotOptions
{
    /// <summary>The layout.</summary>
    public ForestLayout Layout { get; init; } = ForestLayout.RevMan;

    /// <summary>
    /// The picture's width in drawing units (1/96 inch); null for the layout's default (900 RevMan, 700 metafor). The
    /// text columns take what their widest text needs and the plot the rest; a picture whose texts need more is widened.
    /// </summary>
    public double? Width { get; init; }

    /// <summary>Decimals of the estimates and CIs printed.</summary>
    public int Decimals { get; init; } = 2;

    /// <summary>The text under the axis left of the null line (<c>Favours experimental</c>), or null.</summary>
    public string? FavoursLeft { get; init; }

    /// <summary>The text under the axis right of the null line (<c>Favours control</c>), or null.</summary>
    public string? FavoursRight { get; init; }

    /// <summary>The axis limits on the analysis scale (log units for a log axis); null to fit the data.</summary>
    public Interval? AxisLimits { get; init; }

    /// <summary>Font size of the text in drawing units.</summary>
    public double FontSize { get; init; } = 11;

    /// <summary>The colours of the risk-of-bias judgements.</summary>
    public RobPalette Palette { get; init; } = RobPalette.Cochrane;

    /// <summary>The default width of a layout.</summary>
    public static double DefaultWidth(ForestLayout layout) => layout == ForestLayout.RevMan ? 900 : 700;
}
