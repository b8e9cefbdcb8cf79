using Evident.Evidence.Checking;
using Evident.Tests.Shared;

namespace Evident.Evidence.Tests.Checking;

public sealed class SeedPageTests
{
    private static readonly string Golden = Repo.Path("tests", "Evident.Evidence.Tests", "Checking", "golden");

    private static (SummaryDocument Document, CheckResult Result) Check()
    {
        var document = SummaryDocument.Read(SeedFiles.PageText(), SummaryFormat.Text);
        return (document, SummaryCheck.Run(document, SeedFiles.Review()));
    }

    [Fact]
    public void SeedPage_Findings_MatchTheGoldenFile()
    {
        var (_, result) = Check();
        GoldenFile.Assert(CheckReport.Text(result, "seed/" + SeedFiles.PageName), Golden, "seed-page", "txt");
    }

    [Fact]
    public void SeedPage_Numbers_MatchTheGoldenFile()
    {
        var (document, result) = Check();
        GoldenFile.Assert(SeedFiles.Claims(document, result), Golden, "seed-page-numbers", "txt");
    }
}
