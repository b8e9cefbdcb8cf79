using System.Globalization;
using Evident.Evidence.Sources;
using Evident.Evidence.Summaries;

namespace Evident.Evidence.Tests.Summaries;

/// <summary>
/// The evidence the summary tests write from: the seed review (<c>examples/rmt-ms/rmt-ms.json</c>) and Normand's
/// stroke-care example, analysed by <c>./evident analyze examples/normand1999/normand1999.csv --measure SMD --format
/// json</c> (the committed <c>normand1999.analysis.json</c>; a CLI test checks it still equals a fresh run) with the
/// review facts of <c>examples/normand1999/normand1999.about.json</c>.
/// </summary>
internal static class Examples
{
    /// <summary>Options with a fixed generator name, so golden files do not change with the version.</summary>
    public static SummaryOptions Options { get; } = new() { Generator = "Evident (test)" };

    /// <summary>The seed review as published, read from the path relative to the repository root.</summary>
    public static EvidenceSource Seed() => Published("examples/rmt-ms/rmt-ms.json");

    /// <summary>Normand 1999 analysed, with its review facts.</summary>
    public static EvidenceSource Normand()
    {
        var analysis = AnalysisJson.Read(File.ReadAllText(Repo.Path("tests", "Evident.Evidence.Tests", "Summaries", "normand1999.analysis.json")),
            "examples/normand1999/normand1999.csv");
        Assert.Empty(analysis.Issues);
        return AnalysisJson.WithFacts(analysis.Source!, Published("examples/normand1999/normand1999.about.json"));
    }

    /// <summary>A published-results file of the repository, read without issues.</summary>
    public static EvidenceSource Published(string relative)
    {
        var read = PublishedResults.Read(File.ReadAllText(Repo.Path(relative.Split('/'))), relative);
        Assert.Empty(read.Issues);
        return read.Source!;
    }

    /// <summary>Published results from JSON text.</summary>
    public static EvidenceSource FromJson(string json)
    {
        var read = PublishedResults.Read(json, "test.json");
        Assert.False(read.HasErrors, string.Join("\n", read.Issues));
        return read.Source!;
    }

    /// <summary>Runs <paramref name="action"/> under a culture, then restores the previous one.</summary>
    public static T WithCulture<T>(string culture, Func<T> action)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }
}
