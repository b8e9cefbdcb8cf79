using Evident.Evidence.Summaries;
using Evident.Tests.Shared;

namespace Evident.Evidence.Tests.Summaries;

/// <summary>
/// The summaries of the bundled examples, compared with golden files (accept a deliberate change with GOLDEN_ACCEPT=1
/// after looking at it), under an English and a comma-decimal culture: the text must not depend on the machine.
/// </summary>
public sealed class SummaryGoldenTests
{
    private static readonly string Folder = Repo.Path("tests", "Evident.Evidence.Tests", "Summaries", "golden");

    public static TheoryData<string> Cultures => new() { "en-US", "de-DE" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void SeedReview_MarkdownAndHtml_MatchTheGoldenFiles(string culture)
    {
        var summary = Examples.WithCulture(culture, () => EvidenceSummary.Write(Examples.Seed(), Examples.Options));
        GoldenFile.Assert(Examples.WithCulture(culture, () => SummaryMarkdown.Write(summary)), Folder, "rmt-ms", "md");
        GoldenFile.Assert(Examples.WithCulture(culture, () => SummaryHtml.Write(summary)), Folder, "rmt-ms", "html");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void SeedReview_CochraneScale_MatchesTheGoldenFile(string culture)
    {
        var summary = Examples.WithCulture(culture, () => EvidenceSummary.Write(Examples.Seed(), Examples.Options with { Scale = MagnitudeScale.Cochrane }));
        GoldenFile.Assert(Examples.WithCulture(culture, () => SummaryMarkdown.Write(summary)), Folder, "rmt-ms-cochrane", "md");
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Normand_AnalysisWithFacts_MatchesTheGoldenFiles(string culture)
    {
        var summary = Examples.WithCulture(culture, () => EvidenceSummary.Write(Examples.Normand(), Examples.Options));
        GoldenFile.Assert(Examples.WithCulture(culture, () => SummaryMarkdown.Write(summary)), Folder, "normand1999", "md");
        GoldenFile.Assert(Examples.WithCulture(culture, () => SummaryHtml.Write(summary)), Folder, "normand1999", "html");
    }
}
