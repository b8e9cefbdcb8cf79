using Evident.Rendering.Output;
using Evident.Rendering.RiskOfBias;
using Evident.Review.RiskOfBias;

namespace Evident.Rendering.Tests.RiskOfBias;

public class RobPlotTests
{
    private static RobAssessment Robvis(string file)
    {
        var table = SharedTable.Robvis(file);
        return RobTable.Read(table.Header, table.Rows).Assessment!;
    }

    /// <summary>RoB 2's example with made-up meta-analysis weights (robvis's data_rob2 has none).</summary>
    private static RobAssessment WithWeights(RobAssessment assessment)
        => assessment with { Studies = [.. assessment.Studies.Select((s, i) => s with { Weight = 4 + (3 * i % 7) })] };

    public static TheoryData<string, string> Cultures => new() { { "en-US", "rob2" }, { "de-DE", "rob2" }, { "en-US", "robins_i" }, { "de-DE", "robins_i" } };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void TrafficLight_IsTheGoldenFile(string culture, string tool)
    {
        var assessment = Robvis("data_" + tool);

        Golden.Assert(Culture.With(culture, () => SvgWriter.Write(TrafficLightPlot.Draw(assessment))), "rob-traffic-light-" + tool.Replace('_', '-'));
    }

    [Theory]
    [MemberData(nameof(Culture.Both), MemberType = typeof(Culture))]
    public void Summary_IsTheGoldenFile(string culture)
    {
        var assessment = Robvis("data_rob2");

        Golden.Assert(Culture.With(culture, () => SvgWriter.Write(RobSummaryPlot.Draw(assessment))), "rob-summary-rob2");
    }

    [Theory]
    [MemberData(nameof(Culture.Both), MemberType = typeof(Culture))]
    public void WeightedSummary_IsTheGoldenFile(string culture)
    {
        var assessment = WithWeights(Robvis("data_rob2"));

        Golden.Assert(
            Culture.With(culture, () => SvgWriter.Write(RobSummaryPlot.Draw(assessment, new RobSummaryOptions(RobPalette.Colourblind, Weighted: true)))),
            "rob-summary-rob2-weighted");
    }

    [Theory]
    [InlineData("data_rob2")]
    [InlineData("data_rob2_cluster")]
    [InlineData("data_robins_i")]
    [InlineData("data_robins_e")]
    [InlineData("data_quadas")]
    [InlineData("data_quips")]
    [InlineData("data_rob1")]
    public void NoTextOverlaps_InAnyFigureOfAnyTool(string file)
    {
        var assessment = WithWeights(Robvis(file));

        Assert.Empty(TrafficLightPlot.Draw(assessment).OverlappingTexts());
        Assert.Empty(TrafficLightPlot.Draw(assessment, new(RobPalette.Colourblind)).OverlappingTexts());
        Assert.Empty(RobSummaryPlot.Draw(assessment).OverlappingTexts());
        Assert.Empty(RobSummaryPlot.Draw(assessment, new(Weighted: true)).OverlappingTexts());
    }

    [Fact]
    public void LongStudyNamesAndDomainNames_WidenThePicture_WithoutOverlaps()
    {
        var longName = "Randomised evaluation of an extraordinarily long-named intervention in 2,000 adults (LONG-TRIAL-2024, cluster arm)";
        var assessment = new RobAssessment(RobTool.Generic,
            [new("D1", "Blinding of participants, personnel and everyone else who might conceivably have known the allocation"), new("D2", null)],
            [new(longName, [Judgement.Low, Judgement.High], Judgement.High), new("B", [Judgement.Critical, Judgement.NoInformation], Judgement.Critical)]);

        var traffic = TrafficLightPlot.Draw(assessment, new(Title: "A figure whose title is long enough to be the widest thing in it, by far"));
        var summary = RobSummaryPlot.Draw(assessment);

        Assert.Empty(traffic.OverlappingTexts());
        Assert.Empty(summary.OverlappingTexts());
        foreach (var drawing in new[] { traffic, summary })
        {
            Assert.All(drawing.Texts, t => Assert.InRange(t.Bounds.Left, 0, drawing.Width));
            Assert.All(drawing.Texts, t => Assert.InRange(t.Bounds.Right, 0, drawing.Width));
            Assert.All(drawing.Texts, t => Assert.InRange(t.Bounds.Bottom, 0, drawing.Height));
        }
    }

    [Fact]
    public void ALongTitle_WidensEveryFigureThatOpensWithIt_AndComesFirst()
    {
        const string Title = "Figure 3. Risk of bias of the included randomised trials, judged with RoB 2 by two reviewers independently";
        var assessment = Robvis("data_rob2");
        var counts = Prisma.PrismaSamples.Counts(Prisma.PrismaSamples.Update());

        foreach (var drawing in new[]
        {
            TrafficLightPlot.Draw(assessment, new(Title: Title)),
            RobSummaryPlot.Draw(assessment, new(Title: Title)),
            Evident.Rendering.Prisma.PrismaDiagram.Draw(counts, new(Title: Title)),
        })
        {
            var title = Assert.Single(drawing.Texts, t => t.Class == "title");
            Assert.Equal(Title, title.Text);
            Assert.True(title.Bounds.Right <= drawing.Width - 12, $"{title.Bounds.Right} > {drawing.Width}");
            Assert.All(drawing.Texts.Where(t => t != title), t => Assert.True(t.Bounds.Top >= title.Bounds.Bottom, t.Text));
            Assert.Empty(drawing.OverlappingTexts());
        }
    }

    [Fact]
    public void TrafficLight_HasASymbolInEveryCircle_SoItReadsWithoutColour()
    {
        var assessment = Robvis("data_robins_i");

        var drawing = TrafficLightPlot.Draw(assessment);

        var symbols = drawing.Texts.Where(t => t.Class == "rob-judgement-symbol").Select(t => t.Text).ToList();
        Assert.Equal(10 * 8, symbols.Count);
        Assert.Contains("!", symbols);
        Assert.Contains("\u00d7", symbols);
        Assert.Contains(drawing.Texts, t => t.Text == "D4: Bias due to deviations from intended interventions.");
        Assert.Equal(["Critical", "Serious", "Moderate", "Low", "No information"], drawing.Texts.Where(t => t.Class == "legend-label").Select(t => t.Text));
    }

    [Fact]
    public void Summary_WithoutOverall_HasNoOverallBar()
    {
        var assessment = Robvis("data_rob2") with { HasOverall = false };

        var drawing = RobSummaryPlot.Draw(assessment);

        Assert.DoesNotContain(drawing.Texts, t => t.Text == "Overall risk of bias");
        Assert.Equal(5, drawing.Texts.Count(t => t.Class == "domain-label"));
    }
}
