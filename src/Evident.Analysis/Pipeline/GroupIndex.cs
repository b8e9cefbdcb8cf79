using Evident.Analysis.Input;

namespace Evident.Analysis;

/// <summary>One group of rows (one analysis): its place in order of first appearance, its key and its last record.</summary>
/// <param name="Ordinal">0-based position in order of first appearance.</param>
/// <param name="Values">The key values (empty without key columns).</param>
internal sealed record GroupInfo(int Ordinal, string[] Values)
{
    /// <summary>1-based number (among data records) of the group's last record: when it is read, the group is complete.</summary>
    public int LastRecord { get; set; }

    /// <summary>The number of records in the group.</summary>
    public int Rows { get; set; }

    /// <summary>1-based number (among data records) of the group's first record.</summary>
    public int FirstRecord { get; set; }

    /// <summary>The analysis's name when the file gives it apart from the key (a RevMan 5 export's outcome heading), or null.</summary>
    public string? Label { get; set; }

    /// <summary>Whether the group's records follow each other (nothing else between its first and last).</summary>
    public bool Contiguous => LastRecord - FirstRecord + 1 == Rows;
}

/// <summary>
/// The first pass over a file: which groups exist, in order of first appearance, and where each ends, so the second
/// pass can analyse a group as soon as its last row is read (rows of a group need not be contiguous) while holding
/// only the rows of groups still open. Memory grows with the number of groups, not rows.
/// </summary>
internal sealed class GroupIndex
{
    private readonly int[] _keyColumns;
    private readonly Dictionary<string, GroupInfo> _groups = new(StringComparer.Ordinal);
    private readonly List<GroupInfo> _ordered = [];

    private GroupIndex(int[] keyColumns) => _keyColumns = keyColumns;

    /// <summary>Groups in order of first appearance.</summary>
    public IReadOnlyList<GroupInfo> Groups => _ordered;

    private readonly List<int> _headingLines = [];

    /// <summary>Data records read (a RevMan 5 export's heading rows not counted).</summary>
    public int Records { get; private set; }

    /// <summary>The headings of a RevMan 5 export, skipped in every pass; null for other files.</summary>
    public RevManHeadings? Headings { get; private init; }

    /// <summary>The lines of the headings skipped.</summary>
    public IReadOnlyList<int> HeadingLines => _headingLines;

    /// <summary>The columns read for the key.</summary>
    public IReadOnlyList<int> KeyColumns => _keyColumns;

    /// <summary>
    /// Reads the rest of <paramref name="pass"/> (its header already read), grouping records by the values of
    /// <paramref name="keyColumns"/>; <paramref name="observe"/> sees every field (decimal-comma detection), and
    /// <paramref name="progress"/> is told the fraction of the file read now and then. A RevMan 5 export's heading rows
    /// (<paramref name="headings"/>) are not records of any group; an outcome heading names the groups that follow it.
    /// </summary>
    public static GroupIndex Scan(
        DataSource.Pass pass, int[] keyColumns, Action<ReadOnlySpan<byte>>? observe, Action<double> progress, RevManHeadings? headings = null)
    {
        var index = new GroupIndex(keyColumns) { Headings = headings };
        headings = headings?.Restart();
        var reader = pass.Reader;
        if (observe is null)
        {
            reader.Want([0, .. keyColumns, .. headings?.Columns ?? []]);
        }

        var lookup = new GroupLookup(index, add: true);
        while (reader.Read())
        {
            if (headings is not null && headings.IsHeading(reader))
            {
                index._headingLines.Add(reader.Line);
                continue;
            }

            index.Records++;
            if (observe is not null)
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    observe(reader.Field(i));
                }
            }

            var group = lookup.Find(reader)!;
            if (group.Rows == 0 && headings is not null)
            {
                group.Label = headings.Outcome;
            }

            group.LastRecord = index.Records;
            group.Rows++;
            if ((index.Records & 1023) == 0)
            {
                progress(pass.Fraction);
            }
        }

        return index;
    }

    /// <summary>Finds the groups of records for one reader (one pass, one thread); null for a key the first pass did not see.</summary>
    public GroupLookup CreateLookup() => new(this, add: false);

    private GroupInfo? Find(CsvReader reader, bool add)
    {
        var key = Key(reader);
        if (_groups.TryGetValue(key, out var group) || !add)
        {
            return group;
        }

        group = new GroupInfo(_ordered.Count, [.. _keyColumns.Select(reader.GetString)]) { FirstRecord = Records };
        _groups.Add(key, group);
        _ordered.Add(group);
        return group;
    }

    private string Key(CsvReader reader)
    {
        return _keyColumns.Length switch
        {
            0 => string.Empty,
            1 => reader.GetString(_keyColumns[0]),
            _ => string.Join('\u001f', _keyColumns.Select(reader.GetString)),
        };
    }

    /// <summary>
    /// Finds a record's group, remembering the last key's bytes: rows of a group usually follow each other, and
    /// comparing bytes is cheaper than decoding and hashing the key (equal bytes decode to equal keys).
    /// </summary>
    internal sealed class GroupLookup(GroupIndex index, bool add)
    {
        private readonly int[] _lengths = new int[index._keyColumns.Length];
        private byte[] _last = new byte[256];
        private GroupInfo? _group;

        /// <summary>The group of the reader's current record.</summary>
        public GroupInfo? Find(CsvReader reader)
        {
            if (_group is not null && IsLast(reader))
            {
                return _group;
            }

            _group = index.Find(reader, add);
            Remember(reader);
            return _group;
        }

        private bool IsLast(CsvReader reader)
        {
            var offset = 0;
            for (var i = 0; i < _lengths.Length; i++)
            {
                var field = reader.Field(index._keyColumns[i]);
                if (!field.SequenceEqual(_last.AsSpan(offset, _lengths[i])))
                {
                    return false;
                }

                offset += _lengths[i];
            }

            return true;
        }

        private void Remember(CsvReader reader)
        {
            var offset = 0;
            for (var i = 0; i < _lengths.Length; i++)
            {
                var field = reader.Field(index._keyColumns[i]);
                if (offset + field.Length > _last.Length)
                {
                    Array.Resize(ref _last, Math.Max(_last.Length * 2, offset + field.Length));
                }

                field.CopyTo(_last.AsSpan(offset));
                _lengths[i] = field.Length;
                offset += field.Length;
            }
        }
    }
}
