using System.Globalization;
using Evident.Core.Bias;
using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Evident.Core.Models.Regression;
using Evident.Rendering.Drawing;

namespace Evident.Rendering.Tests.Scatter;

/// <summary>
/// The BCG vaccine trials (Colditz et al. 1994; <c>examples/bcg/bcg.csv</c>) as log risk ratios, with Core's REML fit,
/// trim and fill and the meta-regression on absolute latitude: the fixed input of the scatter-type plots' tests.
/// </summary>
internal static class Bcg
{
    private static readonly Lazy<Data> Loaded = new(Load);

    public static IReadOnlyList<string> Labels => Loaded.Value.Labels;

    public static IReadOnlyList<StudyInput> Inputs => Loaded.Value.Inputs;

    public static double[] Yi => Loaded.Value.Yi;

    public static double[] Vi => Loaded.Value.Vi;

    public static double[] Ni => Loaded.Value.Ni;

    public static double[] Latitude => Loaded.Value.Latitude;

    public static string?[] Allocation => Loaded.Value.Allocation;

    /// <summary>The REML fit of the log risk ratios.</summary>
    public static MetaAnalysisResult Fit => Loaded.Value.Fit;

    /// <summary>The log risk ratios' back-transformation (exp).</summary>
    public static BackTransform BackTransform { get; } = BackTransform.For(EffectMeasure.RR)!;

    /// <summary>Trim and fill (L0) of the log risk ratios.</summary>
    public static TrimAndFillResult TrimAndFill { get; } = Core.Bias.TrimAndFill.Run(Yi, Vi);

    /// <summary>The meta-regression on <paramref name="formula"/> (REML).</summary>
    public static MetaRegressionResult Regression(string formula)
    {
        var design = DesignMatrix.Build(formula, Yi.Length, [ModeratorColumn.Numeric("ablat", Latitude), ModeratorColumn.Text("alloc", Allocation)]).Design!;
        return MetaRegression.Fit(Yi, Vi, design);
    }

    /// <summary>Every circle of a class, in painting order.</summary>
    public static List<CircleShape> Circles(Drawing.Drawing drawing, string cls) => [.. drawing.Shapes.OfType<CircleShape>().Where(c => c.Class == cls)];

    /// <summary>The texts of a class, in painting order.</summary>
    public static List<TextShape> Texts(Drawing.Drawing drawing, string cls) => [.. drawing.Texts.Where(t => t.Class == cls)];

    /// <summary>
    /// The linear map from values to drawing x (or y) read back from two tick labels of the picture (on a log axis, give
    /// the values' logs), so tests can check positions without knowing the layout.
    /// </summary>
    public static Func<double, double> Axis(Drawing.Drawing drawing, string first, double firstValue, string second, double secondValue, bool horizontal)
    {
        // x tick labels are centred under their ticks, y tick labels end at theirs.
        var ticks = drawing.Texts.Where(t => t.Class == "tick-label" && t.Anchor == (horizontal ? TextAnchor.Middle : TextAnchor.End)).ToList();
        double Position(string label)
        {
            var tick = ticks.First(t => t.Text == label);
            return horizontal ? tick.X : (tick.Bounds.Top + tick.Bounds.Bottom) / 2;
        }

        var (a, b) = (Position(first), Position(second));
        return v => a + ((v - firstValue) / (secondValue - firstValue) * (b - a));
    }

    private sealed record Data(
        List<string> Labels, List<StudyInput> Inputs, double[] Yi, double[] Vi, double[] Ni, double[] Latitude, string?[] Allocation, MetaAnalysisResult Fit);

    private static Data Load()
    {
        var lines = File.ReadAllLines(Golden.RepoPath("examples", "bcg", "bcg.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
        double N(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        var inputs = lines.Select(c => new StudyInput { Study = c[0], Ai = N(c[2]), Bi = N(c[3]), Ci = N(c[4]), Di = N(c[5]) }).ToList();
        var effects = EffectSizes.Compute(EffectMeasure.RR, inputs).Studies;
        var yi = effects.Select(e => e.Yi!.Value).ToArray();
        var vi = effects.Select(e => e.Vi!.Value).ToArray();
        return new Data(
            [.. lines.Select(c => c[0])],
            inputs,
            yi,
            vi,
            [.. effects.Select(e => e.Ni!.Value)],
            [.. lines.Select(c => N(c[6]))],
            [.. lines.Select(c => (string?)c[7])],
            MetaAnalysis.Fit(yi, vi));
    }
}
