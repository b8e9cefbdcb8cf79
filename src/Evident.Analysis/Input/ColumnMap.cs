using Evident.Core;

namespace Evident.Analysis.Input;

/// <summary>Which column gives each input, keyed by the normalized field name (<see cref="ColumnAliases"/>).</summary>
internal sealed class ColumnMap
{
    private readonly Dictionary<string, (int Index, string Header)> _columns = new(StringComparer.Ordinal);

    /// <summary>The header of each input of <see cref="ColumnAliases.Table"/> the file has, by its name as written there.</summary>
    private readonly Dictionary<string, string> _headerByField = new(StringComparer.Ordinal);

    /// <summary>Which headers give an input (by index).</summary>
    private readonly HashSet<int> _used = [];

    private ColumnMap(IReadOnlyList<string> headers) => Headers = headers;

    /// <summary>The header row as written.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>A <c>--map</c> entry could not be applied (reported); nothing should be analysed.</summary>
    public bool Failed { get; private set; }

    /// <summary>
    /// Maps a header row: first the <paramref name="map"/> the user gave (<c>--map "HEADER=field"</c>; a header not in
    /// the file or an unknown field is a <c>missing-column</c> error), then the accepted names
    /// (<see cref="ColumnAliases"/>), then headers named after the arms (<see cref="InferArms"/>). When two headers give
    /// the same input the first wins and a <c>duplicate-column</c> warning is reported.
    /// </summary>
    public static ColumnMap Build(
        IReadOnlyList<string> headers, string path, int line, Action<AnalysisIssue> report, IReadOnlyList<(string Header, string Field)>? map = null)
    {
        var result = new ColumnMap(headers);
        foreach (var (header, field) in map ?? [])
        {
            var index = result.Find(header);
            var known = ColumnAliases.Fields.FirstOrDefault(f => ColumnAliases.Normalize(f) == ColumnAliases.Normalize(field));
            if (index < 0 || known is null)
            {
                result.Failed = true;
                report(new(path, line, header, null, AnalysisIssueCodes.MissingColumn, IssueSeverity.Error, index < 0
                    ? $"--map \"{header}={field}\": the file has no column \"{header}\" (its headers: {string.Join(", ", headers)})."
                    : $"--map \"{header}={field}\": {field} is not an input (the inputs: {string.Join(" ", ColumnAliases.Fields)})."));
                continue;
            }

            result.Add(known, index, path, line, report);
        }

        for (var i = 0; i < headers.Count; i++)
        {
            if (!result._used.Contains(i) && ColumnAliases.Resolve(headers[i]) is { } field)
            {
                result.Add(field, i, path, line, report);
            }
        }

        result.InferArms(path, line, report);
        foreach (var (field, _) in ColumnAliases.Table)
        {
            if (result._columns.TryGetValue(ColumnAliases.Normalize(field), out var column))
            {
                result._headerByField[field] = column.Header;
            }
        }

        return result;
    }

    private void Add(string field, int index, string path, int line, Action<AnalysisIssue> report)
    {
        var key = ColumnAliases.Normalize(field);
        if (_columns.TryGetValue(key, out var first))
        {
            report(new(path, line, Headers[index], null, AnalysisIssueCodes.DuplicateColumn, IssueSeverity.Warning,
                $"Columns \"{first.Header}\" and \"{Headers[index]}\" both give {field}; using \"{first.Header}\"."));
            return;
        }

        _columns[key] = (index, Headers[index]);
        _used.Add(index);
    }

    /// <summary>
    /// Headers named after an arm that is not a known arm word, as tables often are (<c>Mean RMT</c>, <c>SD RMT</c>,
    /// <c>N RMT</c> beside <c>Mean control</c>, <c>SD control</c>, <c>N control</c>): when exactly one such arm has at
    /// least two statistics and the known arm words cover only the other group, it is read as the missing group, with
    /// a <c>columns-inferred</c> note listing what each header was taken for.
    /// </summary>
    private void InferArms(string path, int line, Action<AnalysisIssue> report)
    {
        var byArm = new Dictionary<string, List<(int Index, int Statistic)>>(StringComparer.Ordinal);
        for (var i = 0; i < Headers.Count; i++)
        {
            if (!_used.Contains(i) && ColumnAliases.SplitStatistic(Headers[i]) is { } split)
            {
                if (!byArm.TryGetValue(split.Arm, out var list))
                {
                    byArm[split.Arm] = list = [];
                }

                list.Add((i, split.Statistic));
            }
        }

        var candidates = byArm.Where(a => a.Value.Select(v => v.Statistic).Distinct().Count() >= 2).ToList();
        if (candidates.Count != 1)
        {
            return;
        }

        bool Covers(Func<(string Group1, string Group2, string[] Words), string> group) => ColumnAliases.Statistics.Any(s => Has(group(s)));
        var (has1, has2) = (Covers(s => s.Group1), Covers(s => s.Group2));
        if (has1 == has2)
        {
            return;
        }

        var (arm, columns) = (candidates[0].Key, candidates[0].Value);
        var taken = new List<string>();
        foreach (var (index, statistic) in columns)
        {
            var field = has2 ? ColumnAliases.Statistics[statistic].Group1 : ColumnAliases.Statistics[statistic].Group2;
            if (!Has(field))
            {
                Add(field, index, path, line, report);
                taken.Add($"\"{Headers[index]}\" as {field}");
            }
        }

        if (taken.Count > 0)
        {
            var role = has2 ? "the experimental arm (group 1)" : "the control arm (group 2)";
            report(new(path, line, null, null, AnalysisIssueCodes.ColumnsInferred, IssueSeverity.Info,
                $"Columns named after the arm \"{arm}\" were read as {role}, since the other columns name the other arm: {string.Join(", ", taken)}. "
                + "If that is wrong, name the columns with --map \"HEADER=field\"."));
        }
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

    /// <summary>
    /// What to tell a user whose file lacks <paramref name="field"/>: the header of the file nearest to one of its
    /// accepted names (edit distance on normalized names), if one is near, and the accepted names nearest to it.
    /// </summary>
    public string Suggest(string field)
    {
        var names = ColumnAliases.NamesOf(field).ToList();
        var best = (Header: (string?)null, Distance: int.MaxValue);
        for (var i = 0; i < Headers.Count; i++)
        {
            var header = ColumnAliases.Normalize(Headers[i]);
            if (_used.Contains(i) || header.Length == 0)
            {
                continue;
            }

            var distance = names.Min(n => EditDistance(header, n));
            if (distance < best.Distance)
            {
                best = (Headers[i], distance);
            }
        }

        var target = best.Header is { } h && best.Distance <= Math.Max(2, ColumnAliases.Normalize(h).Length / 3) ? ColumnAliases.Normalize(h) : null;
        var nearest = target is null
            ? ColumnAliases.Table.First(t => t.Field == field).Aliases.Prepend(field).Take(4)
            : names.OrderBy(n => EditDistance(target, n)).ThenBy(n => n.Length).Take(3);
        var accepted = $"accepted names for {field} include {string.Join(", ", nearest)}";
        return target is null
            ? $"{accepted}; if one of the file's columns holds it, give --map \"HEADER={field}\""
            : $"the column \"{best.Header}\" may be it ({accepted}): give --map \"{best.Header}={field}\" if so";
    }

    /// <summary>The Levenshtein distance between two strings.</summary>
    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
