using System.Xml.Linq;

namespace Evident.Cli.Tests.Plotting;

/// <summary>
/// What <c>plot forest</c> prints beside the data: the favours texts (arm names as typed, defaults in lower case), per-arm
/// columns with one number of decimals each, and a picture (not a crash) for any analysis, however wide its CIs or
/// however few its studies.
/// </summary>
public sealed class ForestTextsTests : IDisposable
{
    private readonly TempDir _temp = new();

    private static string Bcg => Repo.Path("examples", "bcg", "bcg.csv");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(new string[0], "Favours experimental", "Favours control")]
    [InlineData(new[] { "--arm-labels", "Vaccine,Control" }, "Favours Vaccine", "Favours Control")]
    [InlineData(new[] { "--arm-labels", "vaccine,placebo" }, "Favours vaccine", "Favours placebo")]
    [InlineData(new[] { "--arm-labels", "Experimental,Control" }, "Favours Experimental", "Favours Control")]
    [InlineData(new[] { "--arm-labels", "Vaccine,Control", "--favours-right", "Favours no vaccine" }, "Favours Vaccine", "Favours no vaccine")]
    public void FavoursTexts_UseTheArmNamesAsTyped_AndTheDefaultsInLowerCase(string[] options, string left, string right)
    {
        var texts = Texts(Plot(Bcg, ["--measure", "RR", .. options]));

        Assert.Contains(left, texts);
        Assert.Contains(right, texts);
    }

    [Fact]
    public void PerArmColumns_PrintOneNumberOfDecimalsEach()
    {
        var file = _temp.Write("means.csv", "study,n1i,m1i,sd1i,n2i,m2i,sd2i\nA,40,85,26.5,41,80,20\nB,30,26.5,9.25,30,30.1,10\nC,25,70.125,12,25,72,11\n");

        var texts = Texts(Plot(file, "--measure", "MD"));

        // Mean (experimental): 85, 26.5, 70.125 → three decimals each; SD: 26.5, 9.25, 12 → two; totals: whole numbers.
        Assert.Contains("85.000", texts);
        Assert.Contains("26.500", texts);
        Assert.Contains("70.125", texts);
        Assert.Contains("26.50", texts);
        Assert.Contains("9.25", texts);
        Assert.Contains("12.00", texts);
        Assert.Contains("80.0", texts);
        Assert.Contains("30.1", texts);
        Assert.Contains("95", texts); // total of the experimental arms
        Assert.DoesNotContain("85", texts);
    }

    public static TheoryData<string> Cultures => new() { "en-US", "de-DE" };

    /// <summary>
    /// The picture of issue 14: an SMD forest of eight stroke-unit trials (Normand 1999's layout) whose means and SDs have
    /// mixed decimals, with arm names typed by the user; every CI is drawn whole, each per-arm column has one number of
    /// decimals, the favours texts name the arms as typed. The same SVG under every culture.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cultures))]
    public void SmdForest_WithArmNames_IsTheGoldenFile(string culture)
    {
        var file = _temp.Write("stroke.csv", "study,n1i,m1i,sd1i,n2i,m2i,sd2i\nEdinburgh,155,55,47,156,75,64\nOrpington-Mild,31,27.5,7,32,29,4.25\n"
            + "Orpington-Moderate,75,64,17,71,69,29\nOrpington-Severe,18,66,20,18,77,48\nMontreal-Home,8,14,8,13,18,11.5\n"
            + "Montreal-Transfer,57,19,7,52,18,4\nNewcastle,34,52,45,33,41,34\nUmea,110,21,16,183,31,27\n");
        var svg = Path.Combine(_temp.Path, "stroke.svg");

        var result = Cli.WithCulture(culture, () => Cli.Run("plot", "forest", file, "--measure", "SMD", "--arm-labels", "Stroke unit,General ward", "--out", svg));

        Assert.True(result.ExitCode == 0, result.Error);
        var text = File.ReadAllText(svg);
        Assert.DoesNotContain("study-ci-arrow", text, StringComparison.Ordinal);
        Evident.Tests.Shared.GoldenFile.Assert(text, Repo.Path("tests", "Evident.Cli.Tests", "Plotting", "Golden"), "forest-smd-arms", "svg");
    }

    [Theory]
    [InlineData("plot")]
    [InlineData("report")]
    public void TwoOrdinaryTrials_UnderTheCochrane2025Preset_AreDrawn(string command)
    {
        // A t-based CI on 1 df spans many decades of the odds ratio: the axis used to have no step to offer.
        var file = _temp.Write("two.csv", "study,ai,n1i,ci,n2i\nA,3,20,5,20\nB,10,50,12,50\n");

        var result = Run(command, file, "--measure", "OR", "--preset", "cochrane-2025");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain("Sequence contains no elements", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("study,ai,n1i,ci,n2i\n\"A,3,20,5,20\nB,10,50,12,50\n")]
    [InlineData("study,ai,n1i,ci,n2i,ai\nA,3,20,5,20,4\n")]
    [InlineData("study,yi,vi\nA,NaN,0.1\nB,0.2,-1\n")]
    public void NoStudyLeftToDraw_GivesLocatedIssues_NotACrash(string csv)
    {
        var file = _temp.Write("broken.csv", csv);

        foreach (var command in new[] { "plot", "report" })
        {
            var result = Run(command, file, "--measure", csv.Contains("yi", StringComparison.Ordinal) ? "GEN" : "OR");
            Assert.DoesNotContain("Sequence contains no elements", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled", result.Error, StringComparison.Ordinal);
            Assert.Contains(file, result.Error, StringComparison.Ordinal);
        }
    }

    /// <summary>The fuzzing report's picture crash: a 1 MB header or line sized the picture past what a PNG can hold.</summary>
    [Theory]
    [InlineData("rob")]
    [InlineData("forest")]
    [InlineData("prisma")]
    public void AMegabyteHeaderOrLine_IsCut_AndThePngIsWritten(string kind)
    {
        var huge = string.Concat(Enumerable.Repeat("Megabyte ", 120_000));
        var file = kind switch
        {
            "rob" => _temp.Write("rob.csv", $"Study,D1,D2,\"D3 {huge}\",D4,D5,Overall\n\"{huge}\",Low,Low,High,Low,Low,High\nSmith 2001,Low,Low,Low,Low,Low,Low\n"),
            "forest" => _temp.Write("big.csv", $"study,ai,n1i,ci,n2i\n\"{huge}\",4,123,11,139\nB,6,306,29,303\n"),
            _ => _temp.Write("prisma.csv", $"data,node,box,description,boxtext,tooltips,url,n\ndatabase_results,node4,box4,x,Databases,x,x,\"{huge.Replace(" ", "_", StringComparison.Ordinal)}, 12\"\n"),
        };
        var png = Path.Combine(_temp.Path, kind + ".png");

        var result = kind == "forest"
            ? Cli.Run("plot", "forest", file, "--measure", "OR", "--out", png)
            : Cli.Run(["plot", kind, file, "--out", png, .. kind == "prisma" ? new[] { "--allow-inconsistent" } : []]);

        Assert.True(result.ExitCode == 0, result.Error.Length > 2000 ? result.Error[..2000] : result.Error);
        Assert.True(new FileInfo(png).Length is > 1000 and < 5_000_000, $"{new FileInfo(png).Length} bytes");
    }

    private CliResult Run(string command, string file, params string[] options)
    {
        var output = Path.Combine(_temp.Path, $"out-{Guid.NewGuid():N}");
        return command == "plot"
            ? Cli.Run(["plot", "forest", file, "--out", output + ".svg", .. options])
            : Cli.Run(["report", file, "--out", output + ".html", .. options]);
    }

    private string Plot(string file, params string[] options)
    {
        var svg = Path.Combine(_temp.Path, $"forest-{Guid.NewGuid():N}.svg");
        var result = Cli.Run(["plot", "forest", file, "--out", svg, .. options]);
        Assert.True(result.ExitCode == 0, result.Error);
        return svg;
    }

    private static List<string> Texts(string svg)
        => [.. XDocument.Load(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Nodes().OfType<XText>().Select(t => t.Value).FirstOrDefault() ?? string.Empty)];
}
