using System.Globalization;
using Evident.Core;

namespace Evident.Cli.Output;

/// <summary>
/// The issues a command prints on stderr, one located line each (<c>data.csv:12: message [code]</c>, see
/// <see cref="AnalysisIssue.ToString"/>). With <c>--quiet</c> only the errors are printed (each is data that was not
/// used, or a result that was not made, and the user must be able to tell which); the warnings and notes are
/// counted, and <see cref="Finish"/> prints the counts in one line (<c>issues-not-shown</c>).
/// </summary>
internal sealed class IssueLines(Action<string> writeLine, bool quiet)
{
    private int _warnings;
    private int _notes;

    /// <summary>Prints <paramref name="issue"/>, or counts it when quiet.</summary>
    public void Issue(AnalysisIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        if (!quiet || issue.Severity == IssueSeverity.Error)
        {
            writeLine(issue.ToString());
        }
        else if (issue.Severity == IssueSeverity.Warning)
        {
            _warnings++;
        }
        else
        {
            _notes++;
        }
    }

    /// <summary>Prints the counts of the issues not printed (nothing when every issue was printed), about <paramref name="file"/>.</summary>
    public void Finish(string file)
    {
        if (_warnings + _notes == 0)
        {
            return;
        }

        var counts = new List<string>();
        if (_warnings > 0)
        {
            counts.Add(Count(_warnings, "warning", "warnings"));
        }

        if (_notes > 0)
        {
            counts.Add(Count(_notes, "note", "notes"));
        }

        writeLine(new AnalysisIssue(file, null, null, null, AnalysisIssueCodes.IssuesNotShown, IssueSeverity.Info,
            $"{string.Join(" and ", counts)} not shown (--quiet); run without --quiet to see them.").ToString());
    }

    private static string Count(int n, string one, string many) => n.ToString("N0", CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);
}
