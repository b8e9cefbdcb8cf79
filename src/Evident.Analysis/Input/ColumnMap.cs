using Evident.Core;

namespace Evident.Analysis.Input;

/// <summary>Which column gives each input, keyed by the normalized field name (<see cref="ColumnAliases"/>).</summary>
internal sealed class ColumnMap
{
    private readonly Dictionary<string, (int Index, string Header)> _columns = new(StringComparer.Ordinal);

    /// <summary>The header of each input of <see cref="ColumnAliases.Table"/> the file has, by its name as written there.</summary>
    private readonly Dictionary<string, string> _headerByField = new(StringComparer.Ordinal);

    private ColumnMap(IReadOnlyList<string> headers) => Headers = headers;

    /// <summary>The header row as written.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>
    /// Maps a header row; when two headers give the same input the first wins and a <c>duplicate-column</c> warning
    /// is reported.
    /// </summary>
    public static ColumnMap Build(IReadOnlyList<string> headers, string path, int line, Action<AnalysisIssue> report)
    {
        var map = new ColumnMap(headers);
        for (var i = 0; i < headers.Count; i++)
        {
            if (ColumnAliases.Resolve(headers[i]) is not { } field)
            {
                continue;
            }

            var key = ColumnAliases.Normalize(field);
            if (map._columns.TryGetValue(key, out var first))
            {
                report(new(path, line, headers[i], null, AnalysisIssueCodes.DuplicateColumn, IssueSeverity.Warning,
                    $"Columns \"{first.Header}\" and \"{headers[i]}\" both give {field}; using \"{first.Header}\"."));
            }
            else
            {
                map._columns[key] = (i, headers[i]);
            }
        }

        foreach (var (field, _) in ColumnAliases.Table)
        {
            if (map._columns.TryGetValue(ColumnAliases.Normalize(field), out var column))
            {
                map._headerByField[field] = column.Header;
            }
        }

        return map;
    }

    /// <summary>True when a column gives <paramref name="field"/> (any spelling of the escalc name).</summary>
    public bool Has(string field) => _columns.ContainsKey(ColumnAliases.Normalize(field));

    /// <summary>The column index giving <paramref name="field"/>.</summary>
    public int Index(string field) => _columns[ColumnAliases.Normalize(field)].Index;

    /// <summary>The column index giving <paramref name="field"/>, or −1.</summary>
    public int IndexOrMinus(string field) => _columns.TryGetValue(ColumnAliases.Normalize(field), out var c) ? c.Index : -1;

    /// <summary>The header giving <paramref name="field"/>.</summary>
    public string Header(string field) => _columns[ColumnAliases.Normalize(field)].Header;

    /// <summary>The header giving <paramref name="field"/>, or the field name itself when no column gives it.</summary>
    public string HeaderOrField(string field)
        => _headerByField.TryGetValue(field, out var header) ? header
            : _columns.TryGetValue(ColumnAliases.Normalize(field), out var c) ? c.Header : field;

    /// <summary>
    /// The index of the column named <paramref name="name"/>: an exact header first, then one equal after
    /// normalization (<c>analysis_group</c> finds <c>Analysis.group</c>); −1 if none.
    /// </summary>
    public int Find(string name)
    {
        for (var i = 0; i < Headers.Count; i++)
        {
            if (Headers[i] == name)
            {
                return i;
            }
        }

        var normalized = ColumnAliases.Normalize(name);
        for (var i = 0; i < Headers.Count; i++)
        {
            if (ColumnAliases.Normalize(Headers[i]) == normalized)
            {
                return i;
            }
        }

        return -1;
    }
}
