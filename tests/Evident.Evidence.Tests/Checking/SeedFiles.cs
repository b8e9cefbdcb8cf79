using System.Globalization;
using System.Text;
using Evident.Evidence.Checking;
using Evident.Evidence.Sources;
using Evident.Tests.Shared;

namespace Evident.Evidence.Tests.Checking;

/// <summary>The seed page (<c>../shared/seed/</c>), its abstract, and the seed review's published results.</summary>
internal static class SeedFiles
{
    public const string PageName = "000_1b15d442372d1c75.txt";

    /// <summary>
    /// The seed page's text, read in place from <c>../shared/seed</c> (never copied into the repository); skips the test
    /// when it is absent, or fails it when <c>CI</c> is set (<see cref="SharedFiles"/>).
    /// </summary>
    public static string PageText() => File.ReadAllText(SharedFiles.Seed(PageName));

    /// <summary>The abstract: the paragraph after "View Original Abstract".</summary>
    public static string AbstractText()
    {
        var lines = PageText().ReplaceLineEndings("\n").Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith("View Original Abstract", StringComparison.Ordinal));
        Assert.True(at >= 0 && at + 1 < lines.Length, "the seed page has no 'View Original Abstract' line");
        return lines[at + 1] + "\n";
    }

    public static EvidenceSource Review()
    {
        var read = PublishedResults.Read(File.ReadAllText(Repo.Path("examples", "rmt-ms", "rmt-ms.json")), "examples/rmt-ms/rmt-ms.json");
        Assert.Empty(read.Issues);
        return read.Source!;
    }

    /// <summary>Every number of a check, one line each: line:column, text, role, outcome (for reading extraction results).</summary>
    public static string Claims(SummaryDocument document, CheckResult result)
    {
        var sb = new StringBuilder();
        foreach (var c in result.Claims)
        {
            var (line, column) = document.Locate(c.Offset);
            sb.Append(CultureInfo.InvariantCulture, $"{line}:{column}\t{c.Text}\t{c.Role}{(c.Role == ClaimRole.P ? " " + c.Relation : "")}\t{c.OutcomeId ?? c.Reason ?? "-"}{(c.Measure is { Length: > 0 } m ? "\t" + m : "")}\n");
        }

        return sb.ToString();
    }
}
