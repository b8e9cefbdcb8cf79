using System.Text.Json;
using Evident.Analysis;
using Evident.Analysis.Documents;
using Evident.Core.EffectSizes;
using Evident.Rendering.Analysis;
using Evident.Rendering.Reports;

namespace Evident.Rendering.Tests.Reports;

/// <summary>
/// The report and the plots' data from the library alone, as a front end other than the command (a web app) makes
/// them: an <see cref="Analyzer"/> run in, the report's document and its HTML, Markdown and JSON out, no file written.
/// </summary>
public sealed class LibraryReportTests
{
    private static AnalysisResults Bcg(EffectMeasure measure) => Analyzer.Collect(
        new AnalyzeSettings { Measure = measure, Quiet = true },
        new DataInput("bcg.csv", () => File.OpenRead(Golden.RepoPath("examples", "bcg", "bcg.csv"))));

    [Fact]
    public void Report_IsComposedFromARun_AndWrittenInEveryFormat()
    {
        var run = Bcg(EffectMeasure.RR);
        var report = ReportComposer.Compose(new ReportRequest { Run = run, Generated = new DateTimeOffset(2025, 1, 2, 3, 4, 0, TimeSpan.Zero) });

        Assert.Equal("Meta-analysis of bcg.csv", report.Title);
        Assert.Equal("2025-01-02 03:04 UTC", report.GeneratedText);
        Assert.Empty(report.Warnings);
        var section = Assert.Single(report.Outcomes);
        Assert.Equal(["considerable"], section.I2Bands.Select(b => b.Name));
        Assert.Equal(["forest", "funnel"], section.Blocks.OfType<FigureBlock>().Select(f => f.FileSuffix));

        var html = HtmlReport.Write(report);
        Assert.Equal(2, html.Split("<svg", StringSplitOptions.None).Length - 1);
        var (markdown, figures) = MarkdownReport.Write(report, "bcg");
        Assert.Equal(["bcg.forest.svg", "bcg.funnel.svg"], figures.Select(f => f.Name));
        Assert.Contains("](bcg.forest.svg)", markdown, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(JsonReport.Write(report, AnalysisDocument.From(run, "report")));
        Assert.Equal("Meta-analysis of bcg.csv", json.RootElement.GetProperty("report").GetProperty("title").GetString());
        Assert.Equal(HeterogeneityBands.All.Count, json.RootElement.GetProperty("report").GetProperty("i2_bands").GetArrayLength());
    }

    [Fact]
    public void PlotData_IsTheRunsOwnNumbers_OrACodeWhyNot()
    {
        var run = Bcg(EffectMeasure.RR);
        var outcome = Assert.Single(run.Outcomes);

        var forest = ForestData.Of(outcome, run, new ForestSettings(), []);
        Assert.Equal(13, forest.AllStudies.Count());
        Assert.Equal(outcome.Fit.Estimate, forest.Overall!.Estimate);
        var funnel = FunnelData.Of(outcome, run);
        Assert.Equal(13, funnel.Studies.Count);
        Assert.Equal(outcome.Fit.Estimate, funnel.Estimate);
        Assert.NotNull(ScatterData.LAbbe(outcome, run).Data);
        Assert.NotNull(ScatterData.Baujat(outcome, run).Data);
        Assert.Equal(AnalysisIssueCodes.PlotNeedsModerator, ScatterData.Bubble(outcome, run).Code);
    }
}
