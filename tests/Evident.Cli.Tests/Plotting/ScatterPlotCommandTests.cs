using System.Xml.Linq;

namespace Evident.Cli.Tests.Plotting;

/// <summary><c>evident plot funnel|baujat|labbe|radial|bubble</c>: files written, options read, and outcomes that cannot be drawn.</summary>
public sealed class ScatterPlotCommandTests : IDisposable
{
    private static readonly string Bcg = Repo.Path("examples", "bcg", "bcg.csv");
    private static readonly string Normand = Repo.Path("examples", "normand1999", "normand1999.csv");
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string[]> Plots() => new()
    {
        { "funnel", [] },
        { "funnel", ["--contours", "--trimfill-estimator", "R0", "--yaxis", "seinv"] },
        { "baujat", [] },
        { "labbe", ["--scale", "analysis", "--labels"] },
        { "radial", [] },
        { "bubble", ["--mods", "ablat", "--labels"] },
    };

    [Theory]
    [MemberData(nameof(Plots))]
    public void EachPlot_WritesAnSvg_AndAPng(string kind, string[] options)
    {
        var svg = System.IO.Path.Combine(_dir.Path, kind + ".svg");
        var result = Cli.Run(["plot", kind, Bcg, "--measure", "RR", "--out", svg, .. options]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"wrote {svg}", result.Error, StringComparison.Ordinal);
        var document = XDocument.Load(svg);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        Assert.Equal(13, document.Descendants(Svg + "circle").Count(c => (string?)c.Attribute("class") == "study"));

        var png = System.IO.Path.Combine(_dir.Path, kind + ".png");
        result = Cli.Run(["plot", kind, Bcg, "--measure", "RR", "--out", png, "--dpi", "96", .. options]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
    }

    [Fact]
    public void Funnel_TrimAndFill_DrawsTheFilledStudies_AndTheContourLegend()
    {
        var svg = System.IO.Path.Combine(_dir.Path, "funnel.svg");
        var result = Cli.Run(["plot", "funnel", Bcg, "--measure", "RR", "--out", svg, "--contour-levels", "0.90,0.95,0.99", "--trimfill"]);
        Assert.True(result.ExitCode == 0, result.Error);
        var document = XDocument.Load(svg);
        Assert.Equal(1, document.Descendants(Svg + "circle").Count(c => (string?)c.Attribute("class") == "filled-study")); // k0 = 1 for the BCG risk ratios (L0)
        var legend = document.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "legend-label").Select(t => t.Value).ToList();
        Assert.Contains("p < 0.01", legend);
        Assert.Contains("Filled studies (trim and fill, L0)", legend);
    }

    [Fact]
    public void Funnel_WithTwoStudies_IsDrawn_AndSaysWhyThereIsNoTrimAndFill()
    {
        var file = _dir.Write("two.csv", "study,yi,vi\nA,0.1,0.04\nB,0.5,0.09\n");
        var svg = System.IO.Path.Combine(_dir.Path, "two.svg");
        var result = Cli.Run(["plot", "funnel", file, "--out", svg, "--trimfill"]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Trim and fill not computed (too-few-studies)", File.ReadAllText(svg), StringComparison.Ordinal);
    }

    /// <summary>The flags take no value, so a FILE after them is the file, never their value.</summary>
    [Theory]
    [InlineData("--contours")]
    [InlineData("--trimfill")]
    [InlineData("--contours", "--trimfill")]
    [InlineData("--contour-levels", "0.90,0.95")]
    [InlineData("--trimfill-estimator", "L0")]
    public void Funnel_FileAfterContoursOrTrimfill_IsTheFile(params string[] options)
    {
        var svg = System.IO.Path.Combine(_dir.Path, "before.svg");
        var result = Cli.Run(["plot", "funnel", .. options, Bcg, "--measure", "RR", "--out", svg]);

        Assert.True(result.ExitCode == 0, result.Error);
        var classes = XDocument.Load(svg).Descendants().Select(e => (string?)e.Attribute("class")).ToList();
        Assert.Equal(options.Any(o => o.StartsWith("--contour", StringComparison.Ordinal)), classes.Contains("contour"));
        Assert.Equal(options.Any(o => o.StartsWith("--trimfill", StringComparison.Ordinal)), classes.Contains("filled-study"));
    }

    [Fact]
    public void Funnel_SampleSizeAxis_ReadsTheSampleSizesOfGenericEffects_FromTheFile()
    {
        var file = _dir.Write("gen-n.csv", "study,yi,vi,ni\nA,0.1,0.04,50\nB,0.5,0.09,30\nC,0.3,0.02,120\nD,-0.1,0.05,64\n");
        var split = _dir.Write("gen-arms.csv", "study,yi,vi,n1i,n2i\nA,0.1,0.04,25,25\nB,0.5,0.09,15,15\nC,0.3,0.02,60,60\n");
        foreach (var (input, count) in new[] { (file, 4), (split, 3) })
        {
            var svg = System.IO.Path.Combine(_dir.Path, "gen-n.svg");
            var result = Cli.Run(["plot", "funnel", input, "--out", svg, "--yaxis", "ni"]);

            Assert.True(result.ExitCode == 0, result.Error);
            var document = XDocument.Load(svg);
            Assert.Equal(count, document.Descendants(Svg + "circle").Count(c => (string?)c.Attribute("class") == "study"));
            Assert.Contains(document.Descendants(Svg + "text"), t => t.Value == "Sample size");
        }
    }

    [Fact]
    public void Funnel_SampleSizeAxis_WithoutSampleSizes_IsNotDrawn()
    {
        var file = _dir.Write("gen.csv", "study,yi,vi\nA,0.1,0.04\nB,0.5,0.09\nC,0.3,0.02\n");
        var result = Cli.Run(["plot", "funnel", file, "--out", System.IO.Path.Combine(_dir.Path, "gen.svg"), "--yaxis", "ni"]);
        Assert.Equal(ExitCodes.NothingAnalysed, result.ExitCode);
        Assert.Contains("[plot-needs-sample-sizes]", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--contour-levels", "0.95,banana")]
    [InlineData("--trimfill-estimator", "L9")]
    [InlineData("--yaxis", "height")]
    public void Funnel_BadOptions_AreUsageErrors(string option, string value)
    {
        var result = Cli.Run(["plot", "funnel", Bcg, "--out", System.IO.Path.Combine(_dir.Path, "f.svg"), option, value]);
        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void LAbbe_OfContinuousData_IsNotDrawn_WithALocatedMessage()
    {
        var svg = System.IO.Path.Combine(_dir.Path, "labbe.svg");
        var result = Cli.Run(["plot", "labbe", Normand, "--measure", "SMD", "--out", svg]);
        Assert.Equal(ExitCodes.NothingAnalysed, result.ExitCode);
        Assert.Contains($"{Normand}: a L'Abbé plot needs binary data", result.Error, StringComparison.Ordinal);
        Assert.Contains("[plot-not-binary]", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(svg));
    }

    [Theory]
    [InlineData]
    [InlineData("--mods", "factor(alloc)")]
    [InlineData("--mods", "ablat + year")]
    public void Bubble_WithoutOneContinuousModerator_IsNotDrawn(params string[] mods)
    {
        var svg = System.IO.Path.Combine(_dir.Path, "bubble.svg");
        var result = Cli.Run(["plot", "bubble", Bcg, "--measure", "RR", "--out", svg, .. mods]);
        Assert.Equal(ExitCodes.NothingAnalysed, result.ExitCode);
        Assert.Contains("[plot-needs-moderator]", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(svg));
    }

    [Fact]
    public void LAbbe_ArmLabels_NameTheAxes_AndAreParsedAsTheForestParsesThem()
    {
        var svg = System.IO.Path.Combine(_dir.Path, "labbe-arms.svg");
        var result = Cli.Run(["plot", "labbe", Bcg, "--measure", "RR", "--arm-labels", "BCG vaccine, No vaccine", "--out", svg]);

        Assert.True(result.ExitCode == 0, result.Error);
        var titles = XDocument.Load(svg).Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "axis-title").Select(t => t.Value).ToList();
        // BCG's risks span three orders of magnitude, so the default scale is the log risk.
        Assert.Equal(["Risk in BCG vaccine (log scale)", "Risk in No vaccine (log scale)"], titles.Order());
        foreach (var kind in new[] { "labbe", "forest" })
        {
            var bad = Cli.Run(["plot", kind, Bcg, "--measure", "RR", "--arm-labels", "Vaccine", "--out", svg]);
            Assert.Equal(ExitCodes.UsageError, bad.ExitCode);
            Assert.Contains("--arm-labels takes two names separated by a comma", bad.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Radial_ArcIsLabelledWithRiskRatios()
    {
        var svg = System.IO.Path.Combine(_dir.Path, "radial.svg");
        Assert.Equal(0, Cli.Run(["plot", "radial", Bcg, "--measure", "RR", "--out", svg, "--title", "BCG vaccine"]).ExitCode);
        var texts = XDocument.Load(svg).Descendants(Svg + "text").ToList();
        Assert.Contains(texts, t => (string?)t.Attribute("class") == "arc-label" && t.Value == "0.5");
        Assert.Contains(texts, t => (string?)t.Attribute("class") == "heading" && t.Value == "BCG vaccine");
    }
}
