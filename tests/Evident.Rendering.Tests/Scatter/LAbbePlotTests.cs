using Evident.Core.EffectSizes;
using Evident.Rendering.Drawing;
using Evident.Rendering.Output;
using Evident.Rendering.Plots.LAbbe;

namespace Evident.Rendering.Tests.Scatter;

public sealed class LAbbePlotTests
{
    private static LAbbePlotData Data() => new(
        [.. Bcg.Inputs.Select((s, i) => new LAbbeStudy(Bcg.Labels[i], s.Ai!.Value, s.Ai!.Value + s.Bi!.Value, s.Ci!.Value, s.Ci!.Value + s.Di!.Value)
        {
            WeightPercent = Bcg.Fit.WeightsPercent[i],
        })],
        EffectMeasure.RR,
        Bcg.Fit.Estimate);

    private static readonly LAbbePlotOptions RiskScale = new() { Scale = LAbbeScale.Risk };

    [Fact]
    public void DefaultScale_IsChosenFromTheData_AndLabelsAreAllPlacedOrNamed()
    {
        // BCG's risks run from 0.0001 to 0.1: the default draws them on the log scale, where they spread out.
        Assert.Equal(LAbbeScale.Analysis, LAbbePlot.ChosenScale(Data(), LAbbeScale.Auto));
        var narrow = Data() with { Studies = [.. Data().Studies.Select(s => s with { ControlEvents = 30, ControlTotal = 100, ExperimentalEvents = 20, ExperimentalTotal = 100 })] };
        Assert.Equal(LAbbeScale.Risk, LAbbePlot.ChosenScale(narrow, LAbbeScale.Auto));
        Assert.Equal(LAbbeScale.Risk, LAbbePlot.ChosenScale(Data() with { Measure = EffectMeasure.RD }, LAbbeScale.Auto));

        foreach (var scale in new[] { LAbbeScale.Auto, LAbbeScale.Risk, LAbbeScale.Analysis })
        {
            var drawing = LAbbePlot.Draw(Data(), new LAbbePlotOptions { Scale = scale, Labels = true });
            var labels = Bcg.Texts(drawing, "point-label").Select(t => t.Text).ToList();
            var note = string.Join(" ", Bcg.Texts(drawing, "note").Select(t => t.Text));
            Assert.All(Bcg.Labels, l => Assert.True(labels.Contains(l) || note.Contains(l, StringComparison.Ordinal), $"{scale}: {l} is neither labelled nor named"));
            Assert.Empty(drawing.OverlappingTexts());
            var lines = drawing.Shapes.OfType<PathShape>().Where(p => p.Class is "equality" or "pooled").ToList();
            foreach (var label in Bcg.Texts(drawing, "point-label"))
            {
                Assert.DoesNotContain(lines, line => line.Points.Zip(line.Points.Skip(1)).Any(s => Plots.Geometry.ClipSegment(s.First, s.Second, label.Bounds) is not null));
            }
        }

        Assert.Equal(Bcg.Labels.Count, Bcg.Texts(LAbbePlot.Draw(Data(), new LAbbePlotOptions { Labels = true }), "point-label").Count);
    }

    [Theory]
    [MemberData(nameof(Culture.Both), MemberType = typeof(Culture))]
    public void Risk_IsTheGoldenFile_InAnyCulture(string culture)
        => Golden.Assert(Culture.With(culture, () => SvgWriter.Write(LAbbePlot.Draw(Data(), RiskScale))), "labbe-bcg-rr");

    [Theory]
    [MemberData(nameof(Culture.Both), MemberType = typeof(Culture))]
    public void AnalysisScale_WithLabels_IsTheGoldenFile_InAnyCulture(string culture)
        => Golden.Assert(
            Culture.With(culture, () => SvgWriter.Write(LAbbePlot.Draw(Data(), new LAbbePlotOptions { Scale = LAbbeScale.Analysis, Labels = true }))),
            "labbe-bcg-rr-analysis-labels");

    [Fact]
    public void Circles_AreTheArmRisks_WithAreasProportionalToWeight()
    {
        var drawing = LAbbePlot.Draw(Data(), RiskScale);
        var x = Bcg.Axis(drawing, "0", 0, "0.3", 0.3, horizontal: true);
        var y = Bcg.Axis(drawing, "0", 0, "0.3", 0.3, horizontal: false);
        var circles = Bcg.Circles(drawing, "study");
        Assert.Equal(Bcg.Labels.Count, circles.Count);
        var weights = Bcg.Fit.WeightsPercent;
        var heaviest = weights.ToList().IndexOf(weights.Max());
        foreach (var (study, i) in Data().Studies.Select((s, i) => (s, i)))
        {
            // Radius 16 for the heaviest study, so r²/16² is the study's share of the heaviest weight (at least 2.5).
            var expected = Math.Max(2.5, 16 * Math.Sqrt(weights[i] / weights[heaviest]));
            Assert.Single(circles, c => Math.Abs(c.Centre.X - x(study.ControlEvents / study.ControlTotal)) < 0.01
                && Math.Abs(c.Centre.Y - y(study.ExperimentalEvents / study.ExperimentalTotal)) < 0.01
                && Math.Abs(c.Radius - expected) < 1e-9);
        }
    }

    [Fact]
    public void PooledLine_IsTheRiskRatioTimesTheControlRisk()
    {
        var drawing = LAbbePlot.Draw(Data(), RiskScale);
        var x = Bcg.Axis(drawing, "0", 0, "0.3", 0.3, horizontal: true);
        var y = Bcg.Axis(drawing, "0", 0, "0.3", 0.3, horizontal: false);
        var line = Assert.Single(drawing.Shapes.OfType<PathShape>(), p => p.Class == "pooled");
        var rr = Math.Exp(Bcg.Fit.Estimate);
        foreach (var point in line.Points)
        {
            var risk = 0.3 * (point.X - x(0)) / (x(0.3) - x(0));
            Assert.Equal(y(risk * rr), point.Y, 0.01);
            Assert.InRange(risk, -1e-9, 1); // risks only: the line starts at 0, not in the padding below it
        }

        Assert.Equal(x(0), line.Points[0].X, 1e-6);
        Assert.Equal(x(0), Assert.Single(drawing.Shapes.OfType<PathShape>(), p => p.Class == "equality").Points[0].X, 1e-6);

        Assert.Contains(drawing.Texts, t => t.Text == $"Pooled risk ratio ({rr:F2})".Replace(',', '.'));
    }

    [Fact]
    public void OnTheAnalysisScale_ThePooledLine_IsParallelToEquality_ByTheEstimate()
    {
        var drawing = LAbbePlot.Draw(Data(), new LAbbePlotOptions { Scale = LAbbeScale.Analysis });
        var equality = Assert.Single(drawing.Shapes.OfType<PathShape>(), p => p.Class == "equality").Points;
        var pooled = Assert.Single(drawing.Shapes.OfType<PathShape>(), p => p.Class == "pooled").Points;
        var slope = (equality[^1].Y - equality[0].Y) / (equality[^1].X - equality[0].X);
        var pooledSlope = (pooled[^1].Y - pooled[0].Y) / (pooled[^1].X - pooled[0].X);
        Assert.Equal(slope, pooledSlope, 1e-6);
        Assert.True(pooled[0].Y > equality[0].Y - (slope * (equality[0].X - pooled[0].X))); // below equality: RR < 1
    }

    [Fact]
    public void EveryVariant_HasNoOverlappingTexts()
    {
        foreach (var measure in new[] { EffectMeasure.RR, EffectMeasure.OR, EffectMeasure.RD, EffectMeasure.PETO })
        {
            foreach (var scale in new[] { LAbbeScale.Risk, LAbbeScale.Analysis })
            {
                var drawing = LAbbePlot.Draw(Data() with { Measure = measure }, new LAbbePlotOptions { Scale = scale, Labels = true });
                Assert.Empty(drawing.OverlappingTexts());
            }
        }
    }

    [Fact]
    public void NonBinaryMeasures_AreRefused()
    {
        Assert.False(LAbbePlotData.Supports(EffectMeasure.SMD));
        Assert.Throws<ArgumentException>(() => LAbbePlot.Draw(Data() with { Measure = EffectMeasure.SMD }));
    }
}
