using Evident.Analysis.Input;
using Evident.Core;

namespace Evident.Analysis;

/// <summary>
/// A CSV file read as groups of rows, the set-up <c>analyze</c> and <c>revman-check</c> share: open the file, map its
/// header, choose the key columns, find the groups in a first streaming pass, then read the rows in a second pass on
/// a reading thread and hand each group over as soon as its last row is read. Problems with the file are reported as
/// issues with the same codes and messages for every command.
/// </summary>
internal sealed class GroupedSource
{
    private Func<double>? _fraction;

    private GroupedSource(DataSource source, ColumnMap columns, int[] keyColumns, GroupIndex index)
    {
        Source = source;
        Columns = columns;
        KeyColumns = keyColumns;
        Index = index;
    }

    /// <summary>The file.</summary>
    public DataSource Source { get; }

    /// <summary>Its header, mapped to inputs.</summary>
    public ColumnMap Columns { get; }

    /// <summary>The columns whose values key the groups.</summary>
    public int[] KeyColumns { get; }

    /// <summary>The groups, in order of first appearance.</summary>
    public GroupIndex Index { get; }

    /// <summary>Fraction of the records the second pass has read.</summary>
    public double Fraction => _fraction?.Invoke() ?? 0;

    /// <summary>
    /// Opens <paramref name="input"/>, maps its header and finds its groups. <paramref name="keyColumns"/> chooses the
    /// key columns from the header (null, having reported why, when the file cannot be used). Returns null, with the
    /// status, when the file is missing, unreadable, empty, not a text table, in an encoding it cannot tell, or unusable;
    /// <paramref name="source"/> is set as soon as the file is open. <paramref name="map"/> names columns as inputs
    /// (<c>--map</c>). Text that is not UTF-8 is read as Windows-1252 (the first pass checks it, and finds the groups
    /// again if it is not), with an <c>encoding</c> note.
    /// </summary>
    public static GroupedSource? Open(
        DataInput input, Func<ColumnMap, int[]?> keyColumns, Action<AnalysisIssue> report, Action<double> progress, out DataSource? source, out RunStatus status,
        IReadOnlyList<(string Header, string Field)>? map = null)
    {
        source = null;
        status = RunStatus.NothingAnalysed;
        var path = input.Name;
        try
        {
            source = DataSource.Open(input);
        }
        catch (FileNotFoundException)
        {
            report(FileIssue(path, AnalysisIssueCodes.FileNotFound, IssueSeverity.Error, "The file does not exist."));
            status = RunStatus.InputUnreadable;
            return null;
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            report(Unreadable(path, e));
            status = RunStatus.InputUnreadable;
            return null;
        }

        try
        {
            if (source.Rejection is { } rejection)
            {
                report(FileIssue(path, rejection.Code, IssueSeverity.Error, rejection.Message));
                return null;
            }

            ColumnMap columns;
            int[] keys;
            GroupIndex index;
            var observe = source.Delimiter == ';' ? source.Observe : (Action<ReadOnlySpan<byte>>?)null;
            bool again;
            RevManHeadings? headings;
            using (var scan = source.OpenPass(readAhead: true, check: true))
            {
                var reader = scan.Reader;
                if (!reader.Read())
                {
                    report(FileIssue(path, AnalysisIssueCodes.EmptyFile, IssueSeverity.Error, "The file is empty."));
                    return null;
                }

                if (reader.Quote != QuoteProblem.None)
                {
                    report(RowIssues.Quote(path, RecordShape.Of(reader), null, "the header"));
                }

                columns = ColumnMap.Build(reader.Fields(), path, reader.Line, report, map);
                if (columns.Failed || keyColumns(columns) is not { } chosen)
                {
                    return null;
                }

                keys = chosen;
                headings = RevManHeadings.For(columns);
                index = GroupIndex.Scan(scan, keys, observe, progress, headings);
                again = source.Settle(scan);
            }

            if (again)
            {
                // The text is not UTF-8 after all (past the first bytes, which were ASCII, so the header reads the same):
                // find the groups again with the text decoded as Windows-1252.
                using var scan = source.OpenPass(readAhead: true);
                scan.Reader.Read();
                index = GroupIndex.Scan(scan, keys, observe, progress, headings);
                source.Settle(scan);
            }

            if (index.HeadingLines.Count > 0)
            {
                report(FileIssue(path, AnalysisIssueCodes.RevManHeadings, IssueSeverity.Info,
                    $"The file is a RevMan 5 export (Data and analyses): its {index.HeadingLines.Count} comparison, outcome and subgroup headings "
                    + $"({Lines(index.HeadingLines)}), which carry RevMan's totals, are not studies and are not analysed."
                    + (keys.SequenceEqual(headings!.Keys) ? " Each outcome (Comparison Number, Outcome Number) is an analysis, named by its heading." : string.Empty)));
            }

            if (source.Rejection is { } refused)
            {
                report(FileIssue(path, refused.Code, IssueSeverity.Error, refused.Message));
                return null;
            }

            if (source.Note is { } note)
            {
                report(FileIssue(path, AnalysisIssueCodes.Encoding, IssueSeverity.Info, note));
            }

            if (index.Records == 0)
            {
                report(FileIssue(path, AnalysisIssueCodes.EmptyFile, IssueSeverity.Error, "The file has a header but no data rows."));
                return null;
            }

            if (source.DecimalComma)
            {
                report(FileIssue(path, AnalysisIssueCodes.EuropeanCsv, IssueSeverity.Info,
                    "The file is ';'-separated with decimal commas (a European spreadsheet export); its commas are read as decimal points."));
            }

            status = RunStatus.Analysed;
            return new GroupedSource(source, columns, keys, index);
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            report(Unreadable(path, e));
            status = RunStatus.InputUnreadable;
            return null;
        }
    }

    /// <summary>
    /// The second pass: reads the rows with <paramref name="rows"/> on a reading thread, analyses each complete group
    /// with <paramref name="analyse"/> (on either thread; it must not touch shared state) and passes it with its result to
    /// <paramref name="done"/> on this thread, in the order the groups' last rows appear. <paramref name="label"/> names
    /// a group's rows in their issues (null: by their outcome). Throws what <see cref="IsUnreadable"/> recognises when
    /// the file cannot be read, or changed since the first pass.
    /// </summary>
    public void Read<T>(RowReader rows, Func<GroupInfo, string?>? label, Func<GroupInfo, List<InputRow>, T> analyse, Action<GroupInfo, T> done)
    {
        var reading = new GroupReader<T>(Source, Index, rows, Source.Path, label, analyse);
        _fraction = () => reading.Fraction;
        reading.Run(done);
    }

    /// <summary>Lines as ranges, the first few: <c>lines 2-3, 11</c>.</summary>
    private static string Lines(IReadOnlyList<int> lines)
    {
        var parts = new List<string>();
        for (var i = 0; i < lines.Count && parts.Count < 12;)
        {
            var j = i;
            while (j + 1 < lines.Count && lines[j + 1] == lines[j] + 1)
            {
                j++;
            }

            parts.Add(j == i ? lines[i].ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{lines[i]}-{lines[j]}");
            i = j + 1;
        }

        var more = parts.Count == 12 && lines.Count > 0 ? " …" : string.Empty;
        return (lines.Count == 1 ? "line " : "lines ") + string.Join(", ", parts) + more;
    }

    /// <summary>True for the exceptions that mean the file cannot be read (reported as <c>file-unreadable</c>).</summary>
    public static bool IsUnreadable(Exception e) => e is IOException or UnauthorizedAccessException or InvalidDataException;

    /// <summary>The <c>file-unreadable</c> issue for <paramref name="e"/>.</summary>
    public static AnalysisIssue Unreadable(string path, Exception e)
        => FileIssue(path, AnalysisIssueCodes.FileUnreadable, IssueSeverity.Error, $"The file cannot be read: {e.Message}");

    private static AnalysisIssue FileIssue(string path, string code, IssueSeverity severity, string message) => new(path, null, null, null, code, severity, message);
}
