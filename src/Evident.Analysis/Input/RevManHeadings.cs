using System.Text;

namespace Evident.Analysis.Input;

/// <summary>
/// RevMan 5's "Data and analyses" CSV export (File › Export › Data and analyses): besides the studies, it has a row for
/// each comparison, outcome and subgroup, with RevMan's totals in the same columns as the studies' numbers. As meta's
/// <c>read.rm5</c> reads it, the first row of each new Comparison Number, Outcome Number or Subgroup Number is such a
/// heading, not a study; an outcome heading names its analysis. Built from the header when it has those columns and
/// <c>Data Type</c>; one instance per pass (it remembers the previous row).
/// </summary>
internal sealed class RevManHeadings
{
    private readonly int _comparison;
    private readonly int _outcome;
    private readonly int _subgroup;
    private readonly int _name;
    private byte[] _previous = [];
    private bool _started;

    private RevManHeadings(int comparison, int outcome, int subgroup, int name)
    {
        (_comparison, _outcome, _subgroup, _name) = (comparison, outcome, subgroup, name);
    }

    /// <summary>The headings of a RevMan 5 export with these headers, or null when it is not one.</summary>
    public static RevManHeadings? For(ColumnMap columns)
    {
        var (comparison, outcome, subgroup) = (columns.Find("Comparison Number"), columns.Find("Outcome Number"), columns.Find("Subgroup Number"));
        return comparison >= 0 && outcome >= 0 && subgroup >= 0 && columns.Find("Data Type") >= 0
            ? new RevManHeadings(comparison, outcome, subgroup, columns.Find("Name"))
            : null;
    }

    /// <summary>A fresh copy for another pass.</summary>
    public RevManHeadings Restart() => new(_comparison, _outcome, _subgroup, _name);

    /// <summary>The columns it reads.</summary>
    public IEnumerable<int> Columns => new[] { _comparison, _outcome, _subgroup, _name }.Where(c => c >= 0);

    /// <summary>The key an export's analyses have without <c>--by</c>: Comparison Number and Outcome Number.</summary>
    public int[] Keys => [_comparison, _outcome];

    /// <summary>The name of the last outcome heading read, with its numbers as RevMan prints them ("1.2 Mortality").</summary>
    public string? Outcome { get; private set; }

    /// <summary>Whether the reader's current record is a heading (the numbers changed since the previous row).</summary>
    public bool IsHeading(CsvReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var c = reader.Field(_comparison);
        var o = reader.Field(_outcome);
        var s = reader.Field(_subgroup);
        Span<byte> current = stackalloc byte[c.Length + o.Length + s.Length + 2];
        c.CopyTo(current);
        current[c.Length] = 0x1F;
        o.CopyTo(current[(c.Length + 1)..]);
        current[c.Length + o.Length + 1] = 0x1F;
        s.CopyTo(current[(c.Length + o.Length + 2)..]);
        var heading = !_started || !current.SequenceEqual(_previous);
        if (heading)
        {
            _previous = current.ToArray();
            _started = true;
            if (!IsZero(o) && IsZero(s))
            {
                var name = _name >= 0 ? Encoding.UTF8.GetString(reader.Field(_name)) : string.Empty;
                Outcome = $"{Encoding.UTF8.GetString(c)}.{Encoding.UTF8.GetString(o)} {name}".TrimEnd();
            }
        }

        return heading;
    }

    private static bool IsZero(ReadOnlySpan<byte> number) => number.Trim((byte)' ').SequenceEqual("0"u8);
}
