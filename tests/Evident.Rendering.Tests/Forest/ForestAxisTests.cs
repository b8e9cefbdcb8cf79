using Evident.Core;
using Evident.Rendering.Drawing;
using Evident.Rendering.Output;
using Evident.Rendering.Plots.Forest;

namespace Evident.Rendering.Tests.Forest;

/// <summary>
/// The forest axis is always computable: random and extreme estimates, CIs and prediction intervals (finite, infinite,
/// NaN, huge, tiny, equal, reversed), with or without rows, give a finite, non-empty domain with finite ticks, and a
/// picture with finite coordinates that writes as SVG and PNG.
/// </summary>
public class ForestAxisTests
{
    private static readonly double[] Extremes =
    [
        0, -0, 1, -1, 1e-300, -1e-300, 1e-12, 1e12, -1e12, 1e17, 1e17 + 16, 1e300, -1e300, double.MaxValue, double.MinValue,
        double.Epsilon, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 700, -700, 710, 50, -50, Math.Log(2),
    ];

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 0; seed < 40; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AnyInputs_GiveAFiniteAxis_AndADrawablePicture(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 25; round++)
        {
            var data = RandomData(random);
            foreach (var layout in new[] { ForestLayout.RevMan, ForestLayout.Metafor })
            {
                var options = new ForestPlotOptions
                {
                    Layout = layout,
                    FavoursLeft = "Favours experimental",
                    FavoursRight = "Favours control",
                    AxisLimits = random.Next(6) == 0 ? new Interval(Value(random), Value(random)) : null,
                };
                var (min, max) = ForestAxis.Domain(data, options);
                Assert.True(double.IsFinite(min) && double.IsFinite(max) && min < max, $"seed {seed} round {round}: domain {min}..{max}");

                var drawing = ForestPlot.Draw(data, options);
                AssertFinite(drawing, $"seed {seed} round {round} {layout}");
            }
        }
    }

    [Fact]
    public void NoRowsAtAll_GiveAnAxis_AndAPicture()
    {
        var data = new ForestPlotData { EffectName = "Odds Ratio", Log = true };

        Assert.True(ForestAxis.Domain(data, new ForestPlotOptions()) is var (min, max) && min < max);
        var drawing = ForestPlot.Draw(data, new ForestPlotOptions { FavoursLeft = "Favours experimental", FavoursRight = "Favours control" });
        AssertFinite(drawing, "no rows");
        Assert.NotEmpty(PngWriter.Write(drawing, 96));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TwoStudies_WithVeryWideCis_GiveAnAxis(bool log)
    {
        // Two ordinary trials under a small-sample preset: log OR CIs spanning many decades (the fuzzing report's crash).
        var data = new ForestPlotData
        {
            EffectName = "Odds Ratio",
            Log = log,
            Studies = [new ForestRow("A", 0.4, -40, 41), new ForestRow("B", -1.2, -60, 58)],
            Overall = new ForestPooled("Total (95% CI)", -0.3, -95, 94),
        };

        var drawing = ForestPlot.Draw(data, new ForestPlotOptions { FavoursLeft = "Favours experimental", FavoursRight = "Favours control" });

        AssertFinite(drawing, "wide");
        Assert.InRange(drawing.Texts.Count(t => t.Class == "axis-label"), 2, 8);
    }

    [Fact]
    public void OrdinaryCis_AreDrawnWhole_AndOnlyAnExtremeOneEndsInAnArrow()
    {
        // Normand 1999-like SMDs: eight studies, the widest bound 1.22; every CI is shown whole.
        double[][] studies = [[-0.33, -0.75, 0.09], [-0.21, -0.51, 0.09], [0.37, -0.48, 1.22], [-0.6, -1.05, -0.15], [0.11, -0.23, 0.45], [-0.45, -0.99, 0.09], [0.02, -0.35, 0.39], [-0.15, -0.6, 0.3]];
        var data = new ForestPlotData
        {
            EffectName = "Std. Mean Difference",
            Studies = [.. studies.Select((s, i) => new ForestRow($"Study {i + 1}", s[0], s[1], s[2]) { WeightPercent = 12.5 })],
            Overall = new ForestPooled("Total (95% CI)", -0.15, -0.35, 0.05),
        };
        var options = new ForestPlotOptions();

        var (min, max) = ForestAxis.Domain(data, options);
        Assert.True(min <= -1.05 && max >= 1.22, $"{min}..{max}");
        Assert.DoesNotContain(ForestPlot.Draw(data, options).Shapes, s => s.Class == "study-ci-arrow");

        // One CI twenty times as wide as the others is extreme: it ends in arrows and does not squeeze the rest.
        var extreme = data with { Studies = [.. data.Studies, new ForestRow("Tiny trial", 0.5, -15, 16)] };
        var (emin, emax) = ForestAxis.Domain(extreme, options);
        Assert.True(emin <= -1.05 && emax >= 1.22 && emax - emin <= 4, $"{emin}..{emax}");
        Assert.Equal(2, ForestPlot.Draw(extreme, options).Shapes.Count(s => s.Class == "study-ci-arrow"));
    }

    /// <summary>Random forest data: 0–12 studies, some subgroups, pooled rows and prediction intervals, values drawn from <see cref="Value"/>.</summary>
    private static ForestPlotData RandomData(Random random)
    {
        ForestRow Row(int i) => new($"S{i}", Maybe(random), Maybe(random), Maybe(random)) { WeightPercent = random.Next(3) == 0 ? null : Value(random) };
        ForestPooled Pooled(string label) => new(label, Value(random), Value(random), Value(random))
        {
            PredictionInterval = random.Next(2) == 0 ? new Interval(Value(random), Value(random)) : null,
        };

        var count = random.Next(13);
        var studies = Enumerable.Range(0, count).Select(Row).ToList();
        var subgroups = count > 2 && random.Next(3) == 0
            ? new List<ForestSubgroup> { new("A", studies[..(count / 2)], random.Next(2) == 0 ? Pooled("Subtotal") : null), new("B", studies[(count / 2)..], null) }
            : [];
        return new ForestPlotData
        {
            EffectName = "Effect",
            Log = random.Next(2) == 0,
            NullValue = random.Next(4) == 0 ? null : 0,
            ReferenceValue = random.Next(4) == 0 ? Value(random) : null,
            Studies = studies,
            Subgroups = subgroups,
            Overall = random.Next(3) == 0 ? null : Pooled("Total"),
        };
    }

    private static double? Maybe(Random random) => random.Next(8) == 0 ? null : Value(random);

    /// <summary>An extreme value half the time, else an ordinary one at a random magnitude.</summary>
    private static double Value(Random random) => random.Next(2) == 0
        ? Extremes[random.Next(Extremes.Length)]
        : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4));

    private static void AssertFinite(Drawing.Drawing drawing, string what)
    {
        Assert.True(double.IsFinite(drawing.Width) && double.IsFinite(drawing.Height) && drawing.Width > 0 && drawing.Height > 0, $"{what}: size {drawing.Width}×{drawing.Height}");
        foreach (var shape in drawing.Shapes)
        {
            var finite = shape switch
            {
                LineShape l => Finite(l.From.X, l.From.Y, l.To.X, l.To.Y),
                RectShape r => Finite(r.Bounds.Left, r.Bounds.Top, r.Bounds.Right, r.Bounds.Bottom),
                CircleShape c => Finite(c.Centre.X, c.Centre.Y, c.Radius),
                PathShape p => p.Points.All(q => Finite(q.X, q.Y)),
                TextShape t => Finite(t.X, t.Baseline, t.Metrics.Width),
                _ => true,
            };
            Assert.True(finite, $"{what}: {shape.Class} has a non-finite coordinate");
        }

        Assert.NotEmpty(SvgWriter.Write(drawing));
    }

    private static bool Finite(params double[] values) => values.All(double.IsFinite);
}
