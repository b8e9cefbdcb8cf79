using Evident.Core;

namespace Evident.Analysis.Input;

/// <summary>
/// A small CSV table read whole (risk-of-bias judgements, PRISMA counts): its header, its rows and the line each row
/// starts on, so issues reported by row can point at the input's line. Any delimiter and line ending, BOM optional,
/// gzip when the name ends in <c>.gz</c>.
/// </summary>
public sealed class TextTable
{
    private TextTable(string name, IReadOnlyList<string> header, int headerLine, List<IReadOnlyList<string>> rows, List<int> lines, List<AnalysisIssue> issues)
    {
        Name = name;
        HeaderLine = headerLine;
        Header = header;
        Rows = rows;
        Lines = lines;
        Issues = issues;
    }

    /// <summary>
    /// What reading found: how the text was decoded when that was assumed (<c>encoding</c>), and each row whose cells
    /// do not fit the header (<c>extra-cells</c>, <c>missing-cells</c>, <c>unterminated-quote</c>, <c>quote-spans-rows</c>),
    /// located at its line. A row whose cells may be shifted is not in <see cref="Rows"/>.
    /// </summary>
    public IReadOnlyList<AnalysisIssue> Issues { get; }

    /// <summary>The input's name.</summary>
    public string Name { get; }

    /// <summary>The line the header starts on (where an issue about the table's columns, or the table as a whole, points).</summary>
    public int HeaderLine { get; }

    /// <summary>The header's cells.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The data rows' cells.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>The line each data row starts on.</summary>
    public IReadOnlyList<int> Lines { get; }

    /// <summary>
    /// Reads <paramref name="input"/>; a null table, with the located issue and the status, when it is missing,
    /// unreadable, empty, not a text table (<c>not-csv</c>) or in an encoding it cannot tell (<c>encoding-unknown</c>).
    /// Text that is not UTF-8 is read as Windows-1252, as for the studies table.
    /// </summary>
    public static (TextTable? Table, AnalysisIssue? Issue, RunStatus Status) Read(DataInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = input.Name;
        try
        {
            var source = DataSource.Open(input);
            if (source.Rejection is null)
            {
                source.SettleEncoding();
            }

            if (source.Rejection is { } rejection)
            {
                return (null, new AnalysisIssue(name, null, null, null, rejection.Code, IssueSeverity.Error, rejection.Message), RunStatus.NothingAnalysed);
            }

            using var pass = source.OpenPass();
            var reader = pass.Reader;
            if (!reader.Read())
            {
                return (null, new AnalysisIssue(name, null, null, null, AnalysisIssueCodes.EmptyFile, IssueSeverity.Error, "The file is empty."), RunStatus.NothingAnalysed);
            }

            var header = reader.Fields();
            var headerLine = reader.Line;
            var (rows, lines, issues) = (new List<IReadOnlyList<string>>(), new List<int>(), new List<AnalysisIssue>());
            if (source.Note is { } note)
            {
                issues.Add(new AnalysisIssue(name, null, null, null, AnalysisIssueCodes.Encoding, IssueSeverity.Info, note));
            }

            if (reader.Quote != QuoteProblem.None)
            {
                issues.Add(RowIssues.Quote(name, RecordShape.Of(reader), null, "the header"));
            }

            while (reader.Read())
            {
                var shape = RecordShape.Of(reader);
                if (!shape.Regular && RowIssues.Of(name, shape, header, null) is { } issue)
                {
                    issues.Add(issue);
                    if (issue.Severity == IssueSeverity.Error)
                    {
                        continue;
                    }
                }

                rows.Add(reader.Fields());
                lines.Add(reader.Line);
            }

            return (new TextTable(name, header, headerLine, rows, lines, issues), null, RunStatus.Analysed);
        }
        catch (FileNotFoundException)
        {
            return (null, new AnalysisIssue(name, null, null, null, AnalysisIssueCodes.FileNotFound, IssueSeverity.Error, "The file does not exist."), RunStatus.InputUnreadable);
        }
        catch (Exception e) when (GroupedSource.IsUnreadable(e))
        {
            return (null, GroupedSource.Unreadable(name, e), RunStatus.InputUnreadable);
        }
    }

    /// <summary>
    /// A reader's issue about a row of this table, located at the row's line and naming its column; an issue about no
    /// row (the columns, the table as a whole) is located at the header's line.
    /// </summary>
    public AnalysisIssue Locate(Issue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var line = issue.StudyIndex is { } row && row >= 0 && row < Lines.Count ? Lines[row] : HeaderLine;
        var message = issue.Field is { Length: > 0 } column ? $"column {column}: {issue.Message}" : issue.Message;
        return new AnalysisIssue(Name, line, issue.Field, null, issue.Code, issue.Severity, message);
    }
}
