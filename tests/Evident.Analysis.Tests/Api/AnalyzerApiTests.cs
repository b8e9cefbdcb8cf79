using System.Globalization;
using System.Text.Json;
using Evident.Analysis.Output;
using Evident.Core;
using Evident.Core.EffectSizes;

namespace Evident.Analysis.Tests.Api;

/// <summary>
/// The application layer as a front end uses it: a studies table in (bytes in memory, no file), typed analyses and
/// documents out. The numbers are metafor's (<c>rma(yi, vi, data = escalc("RR", ai = tpos, bi = tneg, ci = cpos, di = cneg,
/// data = dat.bcg))</c>: −0.7145 [−1.0669, −0.3622], τ² 0.3132), as the CLI tests check in full.
/// </summary>
public sealed class AnalyzerApiTests
{
    /// <summary>The 13 BCG trials (Colditz et al. 1994, metafor's dat.bcg).</summary>
    private const string Bcg = """
        trial,author,year,tpos,tneg,cpos,cneg,ablat,alloc
        1,Aronson,1948,4,119,11,128,44,random
        2,Ferguson & Simes,1949,6,300,29,274,55,random
        3,Rosenthal et al,1960,3,228,11,209,42,random
        4,Hart & Sutherland,1977,62,13536,248,12619,52,random
        5,Frimodt-Moller et al,1973,33,5036,47,5761,13,alternate
        6,Stein & Aronson,1953,180,1361,372,1079,44,alternate
        7,Vandiviere et al,1973,8,2537,10,619,19,random
        8,TPT Madras,1980,505,87886,499,87892,13,random
        9,Coetzee & Berjak,1968,29,7470,45,7232,27,random
        10,Rosenthal et al,1961,17,1699,65,1600,42,systematic
        11,Comstock et al,1974,186,50448,141,27197,18,systematic
        12,Comstock & Webster,1969,5,2493,3,2338,33,systematic
        13,Comstock et al,1976,27,16886,29,17825,33,systematic
        """;

    private static readonly AnalyzeSettings RiskRatio = new() { Measure = EffectMeasure.RR };

    [Fact]
    public void Collect_FromBytesInMemory_GivesMetaforsPooledEstimate()
    {
        var run = Analyzer.Collect(RiskRatio, DataInput.FromText("bcg.csv", Bcg));

        Assert.Equal(RunStatus.Analysed, run.Status);
        var outcome = Assert.Single(run.Outcomes);
        Assert.Equal(13, outcome.Fit.K);
        Assert.Equal(-0.7145, outcome.Fit.Estimate, 4);
        Assert.Equal(0.3132, outcome.Fit.Tau2, 4);
        Assert.Equal("bcg.csv", run.InputName);
        Assert.DoesNotContain(run.Issues, i => i.Severity == IssueSeverity.Error);
    }

    [Fact]
    public void Run_WithTheJsonWriter_WritesTheSameDocumentAsTheCollectedRun()
    {
        using var streamed = new StringWriter(CultureInfo.InvariantCulture);
        using (var sink = ReportSink.Create(OutputFormat.Json, streamed, IssueSink.Create(OutputFormat.Json, _ => { }, batch: false)))
        {
            Assert.Equal(RunStatus.Analysed, Analyzer.Run(RiskRatio with { Format = OutputFormat.Json }, DataInput.FromText("bcg.csv", Bcg), sink).Status);
        }

        using var replayed = new StringWriter(CultureInfo.InvariantCulture);
        JsonSink.Write(Analyzer.Collect(RiskRatio with { Format = OutputFormat.Json }, DataInput.FromText("bcg.csv", Bcg)), replayed);

        Assert.Equal(streamed.ToString(), replayed.ToString());
        using var document = JsonDocument.Parse(streamed.ToString());
        Assert.Equal(-0.7145, document.RootElement.GetProperty("outcomes")[0].GetProperty("estimate").GetDouble(), 4);
    }

    [Fact]
    public void Collect_OnAnInputThatCannotBeOpened_SaysSoAsALocatedIssue()
    {
        var missing = new DataInput("gone.csv", () => throw new FileNotFoundException("File not found.", "gone.csv"));

        var run = Analyzer.Collect(RiskRatio, missing);

        Assert.Equal(RunStatus.InputUnreadable, run.Status);
        var issue = Assert.Single(run.Issues);
        Assert.Equal((AnalysisIssueCodes.FileNotFound, "gone.csv"), (issue.Code, issue.File));
    }

    [Fact]
    public void Collect_OnAnEmptyInput_ReportsNothingAnalysed()
    {
        var run = Analyzer.Collect(RiskRatio, DataInput.FromText("empty.csv", string.Empty));

        Assert.Equal(RunStatus.NothingAnalysed, run.Status);
        Assert.Equal(AnalysisIssueCodes.EmptyFile, Assert.Single(run.Issues).Code);
    }

    [Fact]
    public void OptionNames_NameEveryPresetOnce()
    {
        Assert.Equal(Enum.GetValues<Preset>().Length, OptionNames.Presets.Entries.Select(e => e.Value).Distinct().Count());
        Assert.True(OptionNames.Presets.TryParse("COCHRANE-2025", out var preset));
        Assert.Equal(Preset.Cochrane2025, preset);
    }
}
