using Evident.Cli.Analysis;
using Evident.Cli.Input;
using Evident.Core;

namespace Evident.Cli.Plotting;

/// <summary>
/// A small CSV table read whole for a picture of review data (risk of bias, PRISMA counts): its header, its rows and
/// the line each row starts on, so the issues the readers in Evident.Rendering report by row can point at the file.
/// </summary>
internal sealed class TableFile
{
    private TableFile(string path, IReadOnlyList<string> header, List<IReadOnlyList<string>> rows, List<int> lines)
    {
        Path = path;
        Header = header;
        Rows = rows;
        Lines = lines;
    }

    /// <summary>The file as given.</summary>
    public string Path { get; }

    /// <summary>The header's cells.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The data rows' cells.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>The line each data row starts on.</summary>
    public IReadOnlyList<int> Lines { get; }

    /// <summary>
    /// Reads <paramref name="path"/> (CSV, <c>.csv.gz</c>, any delimiter and line ending, BOM optional); null, with the
    /// problem on <paramref name="error"/> and its exit code, when it is missing, unreadable or empty.
    /// </summary>
    public static TableFile? Read(string path, TextWriter error, out int exitCode)
    {
        exitCode = ExitCodes.InputUnreadable;
        try
        {
            var source = DataSource.Open(path);
            using var pass = source.OpenPass();
            var reader = pass.Reader;
            if (!reader.Read())
            {
                error.WriteLine(new CliIssue(path, null, null, null, CliIssueCodes.EmptyFile, IssueSeverity.Error, "The file is empty."));
                exitCode = ExitCodes.NothingAnalysed;
                return null;
            }

            var header = reader.Fields();
            var (rows, lines) = (new List<IReadOnlyList<string>>(), new List<int>());
            while (reader.Read())
            {
                rows.Add(reader.Fields());
                lines.Add(reader.Line);
            }

            exitCode = ExitCodes.Success;
            return new TableFile(path, header, rows, lines);
        }
        catch (FileNotFoundException)
        {
            error.WriteLine(new CliIssue(path, null, null, null, CliIssueCodes.FileNotFound, IssueSeverity.Error, "The file does not exist."));
            return null;
        }
        catch (Exception e) when (GroupedSource.IsUnreadable(e))
        {
            error.WriteLine(GroupedSource.Unreadable(path, e));
            return null;
        }
    }

    /// <summary>Prints a reader's issue on one line, at the file line of its row and naming its column.</summary>
    public void Report(Issue issue, TextWriter error)
    {
        var line = issue.StudyIndex is { } row && row >= 0 && row < Lines.Count ? Lines[row] : (int?)null;
        var message = issue.Field is { Length: > 0 } column ? $"column {column}: {issue.Message}" : issue.Message;
        error.WriteLine(new CliIssue(Path, line, issue.Field, null, issue.Code, issue.Severity, message));
    }
}
