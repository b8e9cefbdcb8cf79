using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Evident.Analysis;
using Evident.Cli.Plotting;
using Evident.Rendering.Analysis;
using Evident.Rendering.Plots.Forest;
using Evident.Tests.Shared;

namespace Evident.Cli.Tests.Plotting;

public sealed class ForestCommandTests : IDisposable
{
    private readonly TempDir _temp = new();

    private static string Bcg => Repo.Path("examples", "bcg", "bcg.csv");

    private static string Normand => Repo.Path("examples", "normand1999", "normand1999.csv");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("revman", "RR")]
    [InlineData("metafor", "RR")]
    [InlineData("revman", "OR", "--method", "MH")]
    [InlineData("metafor", "OR", "--preset", "revman5")]
    [InlineData("revman", "SMD")]
    [InlineData("metafor", "SMD", "--method", "DL")]
    public void PooledEstimateAndCi_OnThePlot_AreTheStringsAnalyzePrints(string layout, string measure, params string[] more)
    {
        var file = measure == "SMD" ? Normand : Bcg;
        var analyze = Cli.Run(["analyze", file, "--measure", measure, .. more]);
        Assert.Equal(0, analyze.ExitCode);
        var row = measure == "SMD" ? "Estimate" : "Estimate (exp)";
        var printed = TableCell(analyze.Output, row).Split("  95% CI ");

        var texts = Plot(file, ["--measure", measure, "--layout", layout, "--decimals", "4", .. more]);

        Assert.Contains($"{printed[0]} {printed[1].Split("  ")[0]}", texts);
    }

    [Fact]
    public void SubgroupDiamonds_AreTheSubgroupEstimatesAnalyzePrints()
    {
        var analyze = Cli.Run("analyze", Bcg, "--measure", "RR", "--subgroup", "alloc");
        var texts = Plot(Bcg, "--measure", "RR", "--subgroup", "alloc", "--decimals", "4");

        foreach (var group in new[] { "random", "alternate", "systematic" })
        {
            var cells = TableRow(analyze.Output, group);
            Assert.Contains($"{cells[4]} {cells[5]}", texts); // exp(estimate) and its CI
            Assert.Contains(group, texts);
        }

        Assert.Contains("Subtotal (95% CI)", texts);
        Assert.Contains(texts, t => t.StartsWith("Test for subgroup differences: Chi² = 1.86, df = 2 (P = 0.39)", StringComparison.Ordinal));
    }

    [Fact]
    public void RevMan_ShowsArmColumns_TotalsAndHeterogeneity_WithArmAndFavoursLabels()
    {
        var texts = Plot(Bcg, "--measure", "RR", "--arm-labels", "Vaccine,Control", "--favours-left", "Favours BCG", "--preset", "revman5");

        Assert.Contains("Vaccine", texts);
        Assert.Contains("Events", texts);
        Assert.Contains("191064", texts); // participants in the vaccine arms
        Assert.Contains("Total events", texts);
        Assert.Contains("Favours BCG", texts);
        Assert.Contains("Favours Control", texts);
        Assert.Contains("IV, Random, 95% CI", texts);
        Assert.Contains(texts, t => t.StartsWith("Heterogeneity: Tau² = ", StringComparison.Ordinal) && t.Contains("df = 12 (P < 0.00001)", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Test for overall effect: Z = ", StringComparison.Ordinal));
    }

    [Fact]
    public void RiskOfBiasColumns_AreMatchedToStudies_AndUnmatchedRowsAreLocatedWarnings()
    {
        var rob = _temp.Write("rob.csv", "Study,D1,D2,D3,D4,D5,Overall\nAronson 1948,Low,Low,Some concerns,Low,High,High\n"
            + "ferguson & simes 1949,Low,Low,Low,Low,Low,Low\nNobody 2000,Low,Low,Low,Low,Low,Low\nTPT Madras 1980,Low,Lo,Low,Low,Low,Low\n");
        var svg = _temp.Path + "/rob.svg";

        var result = Cli.Run("plot", "forest", Bcg, "--measure", "RR", "--rob", rob, "--out", svg);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"{rob}:4: \"Nobody 2000\" is not a study of the analysis; the row is not drawn [rob-unmatched]", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{Bcg}:4: study \"Rosenthal et al 1960\" has no row in {rob}", result.Error, StringComparison.Ordinal);
        // The reader plot rob uses: located at the line and column, with its code.
        Assert.Matches($@"{Regex.Escape(rob)}:5: column D2: ""Lo"" is not a .*\[rob-unknown-judgement\]", result.Error);
        var doc = XDocument.Load(svg);
        Assert.Equal(6 + 6 + 5, doc.Descendants().Count(e => e.Name.LocalName == "circle" && (string?)e.Attribute("class") == "rob-judgement"));
        var texts = Texts(doc);
        Assert.Contains("(D1) Bias arising from the randomization process", texts);
        Assert.Contains("(O) Overall risk of bias", texts);
    }

    [Fact]
    public void RiskOfBiasFile_WithoutAStudyColumn_IsReportedAsPlotRobReportsIt_AndNothingIsDrawn()
    {
        var rob = _temp.Write("norob.csv", "Trialist,D1,D2\nAronson 1948,Low,Low\n");
        var svg = _temp.Path + "/norob.svg";

        var result = Cli.Run("plot", "forest", Bcg, "--measure", "RR", "--rob", rob, "--out", svg);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[rob-no-study-column]", result.Error, StringComparison.Ordinal);
        Assert.Contains("[rob-file-unusable]", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(svg));
    }

    [Fact]
    public void Cumulative_ByAColumn_AddsStudiesInItsOrder_AndEndsAtTheFullEstimate()
    {
        var texts = Plot(Bcg, "--measure", "RR", "--cumulative", "--order", "year", "--layout", "metafor", "--decimals", "4");
        var analyze = Cli.Run("analyze", Bcg, "--measure", "RR");
        var printed = TableCell(analyze.Output, "Estimate (exp)").Split("  95% CI ");

        var labels = texts.Where(t => t.Contains("19", StringComparison.Ordinal) && !t.Contains('[', StringComparison.Ordinal)).ToList();
        Assert.Equal("Aronson 1948", labels[0]);
        Assert.Equal("TPT Madras 1980", labels[^1]);
        Assert.Equal($"{printed[0]} {printed[1].Split("  ")[0]}", texts.Last(t => t.Contains('[', StringComparison.Ordinal)));
        Assert.Contains("Study added", texts);
    }

    [Fact]
    public void LeaveOneOut_HasOneRowPerStudy_AndTheFullEstimate()
    {
        var analyze = Cli.Run("analyze", Bcg, "--measure", "RR");
        var printed = TableCell(analyze.Output, "Estimate (exp)").Split("  95% CI ");

        var texts = Plot(Bcg, "--measure", "RR", "--leave-one-out", "--decimals", "4");

        Assert.Contains("Study omitted", texts);
        Assert.Contains($"{printed[0]} {printed[1].Split("  ")[0]}", texts);
        Assert.Equal(13 + 1, texts.Count(t => t.Contains('[', StringComparison.Ordinal) && t.Contains(',', StringComparison.Ordinal) && !t.StartsWith('[')));
    }

    [Theory]
    [InlineData("MH")]
    [InlineData("PETO")]
    public void Cumulative_UnderATableMethod_RefitsEachSubsetByThatMethod_AndEndsAtItsPooledEstimate(string method)
    {
        var texts = Plot(Bcg, "--measure", "OR", "--method", method, "--cumulative", "--order", "year", "--layout", "metafor", "--decimals", "4");
        var analyze = Cli.Run("analyze", Bcg, "--measure", "OR", "--method", method);
        var printed = TableCell(analyze.Output, "Estimate (exp)").Split("  95% CI ");
        // The first row is the earliest study alone: that method's estimate of its one table.
        var aronson = _temp.Write("aronson.csv", string.Join('\n', File.ReadLines(Bcg).Take(2)));
        var single = TableCell(Cli.Run("analyze", aronson, "--measure", "OR", "--method", method).Output, "Estimate (exp)").Split("  95% CI ");

        var rows = texts.Where(t => t.Contains('[', StringComparison.Ordinal) && t.Contains(',', StringComparison.Ordinal) && !t.StartsWith('[')).ToList();
        Assert.Equal(13, rows.Count);
        Assert.Equal($"{single[0]} {single[1].Split("  ")[0]}", rows[0]);
        Assert.Equal($"{printed[0]} {printed[1].Split("  ")[0]}", rows[^1]);
    }

    [Fact]
    public void LeaveOneOut_UnderMantelHaenszel_IsTheMantelHaenszelFitWithoutEachStudy()
    {
        var withoutFirst = _temp.Write("without-aronson.csv", string.Join('\n', File.ReadLines(Bcg).Where((_, i) => i != 1)));
        var printed = TableCell(Cli.Run("analyze", withoutFirst, "--measure", "RR", "--method", "MH").Output, "Estimate (exp)").Split("  95% CI ");

        var texts = Plot(Bcg, "--measure", "RR", "--method", "MH", "--leave-one-out", "--layout", "metafor", "--decimals", "4");

        var rows = texts.Where(t => t.Contains('[', StringComparison.Ordinal) && t.Contains(',', StringComparison.Ordinal) && !t.StartsWith('[')).ToList();
        Assert.Equal(13 + 1, rows.Count);
        Assert.Equal($"{printed[0]} {printed[1].Split("  ")[0]}", rows[0]);
    }

    [Theory]
    [InlineData("--cumulative", "--leave-one-out")]
    [InlineData("--xlim", "2")]
    [InlineData("--xlim", "5,1")]
    [InlineData("--arm-labels", "A")]
    [InlineData("--layout", "jama")]
    [InlineData("--width", "10")]
    public void BadOptions_AreUsageErrors(params string[] options)
    {
        var result = Cli.Run(["plot", "forest", Bcg, "--measure", "RR", "--out", _temp.Path + "/x.svg", .. options]);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.DoesNotContain("--dpi", result.Error, StringComparison.Ordinal); // the options given are the ones blamed
    }

    [Fact]
    public void OptionsThatExcludeEachOther_AreNamed_AndTheOtherOptionsKeepTheirDefaults()
    {
        var result = Cli.Run("plot", "forest", Bcg, "--measure", "RR", "--cumulative", "--leave-one-out", "--out", _temp.Path + "/x.svg");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.StartsWith("--cumulative and --leave-one-out", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.Path + "/x.svg"));
    }

    [Fact]
    public void MissingRobFile_IsFileNotFound_Exit3_AndNothingIsDrawn()
    {
        var result = Cli.Run("plot", "forest", Bcg, "--measure", "RR", "--rob", _temp.Path + "/missing.csv", "--out", _temp.Path + "/x.svg");

        Assert.Equal(ExitCodes.InputUnreadable, result.ExitCode);
        Assert.Contains("missing.csv: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("[file-not-found]", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.Path + "/x.svg"));
    }

    [Fact]
    public void NonPositiveLimits_OnARatioAxis_AreReported_AndNothingIsDrawn()
    {
        var result = Cli.Run("plot", "forest", Bcg, "--measure", "RR", "--xlim", "-1,2", "--out", _temp.Path + "/x.svg");

        Assert.Equal(ExitCodes.NothingAnalysed, result.ExitCode);
        Assert.Contains("[invalid-axis-limits]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Png_IsWritten()
    {
        var png = _temp.Path + "/bcg.png";

        var result = Cli.Run("plot", "forest", Bcg, "--measure", "RR", "--out", png, "--dpi", "72");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
    }

    /// <summary>
    /// Real Cochrane analyses from Pairwise70, filtered here at run time: 101 studies (CD006185 1.8), and 72 rows in 5
    /// subgroups with RoB 2 judgements (CD014937 1.12): no text of their forest plots overlaps, in either layout.
    /// </summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("CD006185_pub6", "1", "8", ForestLayout.RevMan)]
    [InlineData("CD006185_pub6", "1", "8", ForestLayout.Metafor)]
    [InlineData("CD014937_pub2", "1", "12", ForestLayout.RevMan)]
    [InlineData("CD014937_pub2", "1", "12", ForestLayout.Metafor)]
    public void Pairwise70_ForestPlots_HaveNoOverlappingText(string review, string group, string number, ForestLayout layout)
    {
        var (csv, robCsv) = Pairwise70Analysis(review, group, number);
        var settings = new AnalyzeSettings { Measure = Core.EffectSizes.EffectMeasure.RR, Subgroup = "Subgroup", Quiet = true };
        var run = Analyzer.Collect(settings, Evident.Cli.Files.InputFile.Open(csv));
        var outcome = Assert.Single(run.Outcomes);
        var forest = new ForestSettings { Layout = layout, RiskOfBias = robCsv is null ? null : ForestRobFile.Read(robCsv, TextWriter.Null) };

        var data = ForestData.Of(outcome, run, forest, []);
        var drawing = ForestPlot.Draw(data, new ForestPlotOptions { Layout = layout, FavoursLeft = "Favours experimental", FavoursRight = "Favours control" });

        Assert.True(data.AllStudies.Count() >= 72, $"{data.AllStudies.Count()} studies");
        Assert.Empty(drawing.OverlappingTexts());
        Assert.All(drawing.Texts, t => Assert.True(t.Bounds.Right <= drawing.Width && t.Bounds.Bottom <= drawing.Height, t.Text));
    }

    /// <summary>One analysis of Pairwise70 as a CSV (and its RoB 2 judgements in robvis's layout, when it has them).</summary>
    private (string Csv, string? Rob) Pairwise70Analysis(string review, string group, string number)
    {
        var source = SharedFiles.Data("pairwise70", "pairwise70.csv.gz");
        using var stream = new GZipStream(File.OpenRead(source), CompressionMode.Decompress);
        var reader = new Evident.Analysis.Input.CsvReader(stream, ',');
        Assert.True(reader.Read());
        var names = reader.Fields().ToList();
        int Column(string name) => names.IndexOf(name);
        var (rv, ag, an, study) = (Column("review"), Column("Analysis.group"), Column("Analysis.number"), Column("Study"));
        string[] domains = ["Bias.arising.from.the.randomization.process..judgement.", "Bias.due.to.deviations.from.intended.interventions..judgement.",
            "Bias.due.to.missing.outcome.data..judgement.", "Bias.in.measurement.of.the.outcome..judgement.",
            "Bias.in.selection.of.the.reported.result..judgement.", "Overall.bias..judgement."];
        static string Quoted(IEnumerable<string> cells) => string.Join(',', cells.Select(c => "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")) + "\n";
        var csv = new StringBuilder(Quoted(names));
        var rob = new StringBuilder("Study,D1,D2,D3,D4,D5,Overall\n");
        var judged = new HashSet<string>();
        while (reader.Read())
        {
            if (reader.GetString(rv) == review && reader.GetString(ag) == group && reader.GetString(an) == number)
            {
                var cells = reader.Fields();
                csv.Append(Quoted(cells));
                if (cells[Column(domains[^1])] is not ("NA" or "") && judged.Add(cells[study]))
                {
                    rob.Append(Quoted([cells[study], .. domains.Select(d => cells[Column(d)])]));
                }
            }
        }

        return (_temp.Write($"{review}-{group}-{number}.csv", csv.ToString()), judged.Count > 0 ? _temp.Write($"{review}-rob.csv", rob.ToString()) : null);
    }

    /// <summary>Runs <c>plot forest</c> to an SVG and returns its texts.</summary>
    private List<string> Plot(string file, params string[] options)
    {
        var svg = Path.Combine(_temp.Path, $"forest-{Guid.NewGuid():N}.svg");
        var result = Cli.Run(["plot", "forest", file, "--out", svg, .. options]);
        Assert.True(result.ExitCode == 0, result.Error);
        return Texts(XDocument.Load(svg));
    }

    private static List<string> Texts(XDocument svg) => [.. svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value)];

    /// <summary>The value cell of a row of <c>analyze</c>'s pooled table.</summary>
    private static string TableCell(string output, string name) => TableRow(output, name)[1];

    /// <summary>The trimmed cells of the first table row whose first cell is <paramref name="name"/>.</summary>
    private static string[] TableRow(string output, string name) => output.Split('\n')
        .Select(l => l.Split('│', StringSplitOptions.TrimEntries))
        .Where(c => c.Length > 2)
        .Select(c => c[1..^1])
        .First(c => c[0] == name);
}
