using Evident.Core.EffectSizes;
using Evident.Core.Sensitivity;
using Evident.Rendering.Drawing;
using Evident.Rendering.Output;
using Evident.Rendering.Plots.Baujat;
using Evident.Rendering.Plots.Bubble;
using Evident.Rendering.Plots.Forest;
using Evident.Rendering.Plots.Funnel;
using Evident.Rendering.Plots.LAbbe;
using Evident.Rendering.Plots.Radial;
using Evident.Rendering.Prisma;
using Evident.Rendering.RiskOfBias;
using Evident.Rendering.Tests.Forest;
using Evident.Rendering.Tests.Prisma;
using Evident.Rendering.Tests.RiskOfBias;
using Evident.Rendering.Tests.Scatter;
using Evident.Review.Prisma;
using Evident.Review.RiskOfBias;

namespace Evident.Rendering.Tests;

/// <summary>
/// No picture is sized by unbounded input: a 1 MB label, title, header, cell or box text in any plot is cut to the widest
/// a line may be (with an ellipsis, the whole text kept in the SVG title when it is short enough), and the picture stays
/// of a size that writes as a PNG at 300 DPI.
/// </summary>
public class HugeTextTests
{
    /// <summary>A megabyte of text: words, so that wrapping code has spaces to wrap at.</summary>
    private static readonly string Huge = string.Concat(Enumerable.Repeat("Megabyte ", 1 << 17)).TrimEnd();

    /// <summary>A megabyte without a space.</summary>
    private static readonly string HugeWord = new('W', 1 << 20);

    public static TheoryData<string> Pictures() =>
    [
        "forest-label", "forest-word-label", "forest-title", "forest-header", "forest-cell", "forest-favours", "forest-metafor-label",
        "funnel-title", "baujat-label", "labbe-label", "labbe-arm", "radial-label", "bubble-label",
        "traffic-light-study", "traffic-light-domain", "traffic-light-domain-name", "summary-domain-name", "rob-title",
        "prisma-reason", "prisma-word-reason", "prisma-label", "prisma-title",
    ];

    [Theory]
    [MemberData(nameof(Pictures))]
    public void AMegabyteText_IsCut_AndDoesNotSizeThePicture(string picture)
    {
        var drawing = Draw(picture);

        Assert.True(drawing.Width < 4000 && drawing.Height < 4000, $"{picture}: {drawing.Width}×{drawing.Height}");
        var longest = drawing.Texts.Max(t => t.Text.Length);
        Assert.True(longest < 400, $"{picture}: a text of {longest} characters is drawn");
        Assert.Contains(drawing.Texts, t => t.Text.EndsWith(Fonts.Ellipsis, StringComparison.Ordinal));
        Assert.All(drawing.Texts, t => Assert.True(t.Metrics.Width <= (Fonts.MaxWidthEm * t.Style.Size) + 0.01, t.Text));
        var svg = SvgWriter.Write(drawing);
        Assert.True(svg.Length < 200_000, $"{picture}: SVG of {svg.Length} characters");
        Assert.Equal(PngWriter.DefaultDpi, PngWriter.FittingDpi(drawing, PngWriter.DefaultDpi));
    }

    [Fact]
    public void ACutText_KeepsItsWholeTextInTheSvgTitle_WhenShortEnough()
    {
        var label = "Study " + string.Concat(Enumerable.Repeat("with a long name ", 60));
        var data = ForestInputs.BcgForest() is var d ? d with { Studies = [d.Studies[0] with { Label = label }, .. d.Studies.Skip(1)] } : null!;

        var drawing = ForestPlot.Draw(data);

        var cut = Assert.Single(drawing.Texts, t => t.FullText is not null);
        Assert.Equal(label, cut.FullText);
        Assert.EndsWith(Fonts.Ellipsis, cut.Text, StringComparison.Ordinal);
        Assert.Contains("<title>" + label.TrimEnd(), SvgWriter.Write(drawing), StringComparison.Ordinal);
    }

    [Fact]
    public void AVeryTallPicture_IsWrittenAtALowerResolution_NotRefused()
    {
        var rows = Enumerable.Range(0, 1500).Select(i => new ForestRow($"Study {i}", 0.1, -0.2, 0.4) { WeightPercent = 1 }).ToList();
        var drawing = ForestPlot.Draw(new ForestPlotData { EffectName = "Mean Difference", Studies = rows });

        Assert.Contains(drawing.Texts, t => t.Text.Contains("500 more studies not drawn", StringComparison.Ordinal));
        Assert.True(PngWriter.FittingDpi(drawing, 300) < 300);
        Assert.NotEmpty(PngWriter.Write(drawing, 300));
    }

    private static Drawing.Drawing Draw(string picture)
    {
        var forest = ForestInputs.BcgForest();
        ForestPlotData WithLabel(string label) => forest with { Studies = [forest.Studies[0] with { Label = label }, .. forest.Studies.Skip(1)] };
        var rob = RobAssessment();
        return picture switch
        {
            "forest-label" => ForestPlot.Draw(WithLabel(Huge)),
            "forest-word-label" => ForestPlot.Draw(WithLabel(HugeWord)),
            "forest-metafor-label" => ForestPlot.Draw(WithLabel(Huge), new ForestPlotOptions { Layout = ForestLayout.Metafor }),
            "forest-title" => ForestPlot.Draw(forest with { Title = Huge }),
            "forest-header" => ForestPlot.Draw(forest with { Columns = [new(Huge, "Vaccine"), .. forest.Columns.Skip(1)] }),
            "forest-cell" => ForestPlot.Draw(forest with { Studies = [forest.Studies[0] with { Cells = [Huge, "1", "2", "3"] }, .. forest.Studies.Skip(1)] }),
            "forest-favours" => ForestPlot.Draw(forest, new ForestPlotOptions { FavoursLeft = Huge, FavoursRight = HugeWord }),
            "funnel-title" => FunnelPlot.Draw(new FunnelPlotData([.. Bcg.Labels.Select((l, i) => new FunnelStudy(l, Bcg.Yi[i], Bcg.Vi[i]))], Bcg.Fit.Estimate, EffectMeasure.RR), new FunnelPlotOptions { Title = Huge }),
            "baujat-label" => BaujatPlot.Draw(new BaujatPlotData([Huge, .. Bcg.Labels.Skip(1)], SensitivityAnalysis.Baujat(Bcg.Yi, Bcg.Vi))),
            "labbe-label" => LAbbePlot.Draw(LAbbe([Huge, .. Bcg.Labels.Skip(1)]), new LAbbePlotOptions { Labels = true }),
            "labbe-arm" => LAbbePlot.Draw(LAbbe(Bcg.Labels), new LAbbePlotOptions { ControlName = Huge, ExperimentalName = HugeWord }),
            "radial-label" => RadialPlot.Draw(new RadialPlotData([.. Bcg.Labels.Select((l, i) => new RadialStudy(i == 0 ? Huge : l, Bcg.Yi[i], Bcg.Vi[i]))], Bcg.Fit.Estimate, Bcg.Fit.Tau2, EffectMeasure.RR), new RadialPlotOptions { Title = HugeWord }),
            "bubble-label" => BubblePlot.Draw(new BubblePlotData(Bcg.Regression("ablat"), EffectMeasure.RR) { BackTransform = Bcg.BackTransform, Labels = [Huge, .. Bcg.Labels.Skip(1)] }, new BubblePlotOptions { Labels = true }),
            "traffic-light-study" => TrafficLightPlot.Draw(rob with { Studies = [rob.Studies[0] with { Study = Huge }, .. rob.Studies.Skip(1)] }),
            "traffic-light-domain" => TrafficLightPlot.Draw(rob with { Domains = [new RobDomain(HugeWord, null), .. rob.Domains.Skip(1)] }),
            "traffic-light-domain-name" => TrafficLightPlot.Draw(rob with { Domains = [new RobDomain("D1", Huge), .. rob.Domains.Skip(1)] }),
            "summary-domain-name" => RobSummaryPlot.Draw(rob with { Domains = [new RobDomain("D1", Huge), .. rob.Domains.Skip(1)] }),
            "rob-title" => RobSummaryPlot.Draw(rob, new RobSummaryOptions(Title: HugeWord)),
            "prisma-reason" => PrismaDiagram.Draw(PrismaSamples.Counts(PrismaSamples.Update()) with { DbrExcluded = [new NamedCount(Huge, 3, "3"), new NamedCount("Wrong design", 4, "4")] }),
            "prisma-word-reason" => PrismaDiagram.Draw(PrismaSamples.Counts(PrismaSamples.Update()) with { DbrExcluded = [new NamedCount(HugeWord, 3, "3")] }),
            "prisma-label" => PrismaDiagram.Draw(PrismaSamples.Counts(PrismaSamples.Update()) is var c ? c with { Labels = new Dictionary<string, string>(c.Labels) { ["dbr_excluded"] = Huge } } : null!),
            "prisma-title" => PrismaDiagram.Draw(PrismaSamples.Counts(PrismaSamples.Update()), new PrismaOptions(Title: Huge)),
            _ => throw new ArgumentOutOfRangeException(nameof(picture)),
        };
    }

    private static LAbbePlotData LAbbe(IReadOnlyList<string> labels) => new(
        [.. Bcg.Inputs.Select((s, i) => new LAbbeStudy(labels[i], s.Ai!.Value, s.Ai!.Value + s.Bi!.Value, s.Ci!.Value, s.Ci!.Value + s.Di!.Value))],
        EffectMeasure.RR,
        Bcg.Fit.Estimate);

    private static RobAssessment RobAssessment()
    {
        var table = SharedTable.Robvis("data_rob2");
        return RobTable.Read(table.Header, table.Rows).Assessment!;
    }
}
