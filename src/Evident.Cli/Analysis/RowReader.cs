using Evident.Cli.Input;
using Evident.Core;
using Evident.Core.EffectSizes;

namespace Evident.Cli.Analysis;

/// <summary>One data row as read: its line, labels and numbers (null input when a needed cell was not a number).</summary>
internal sealed class InputRow
{
    /// <summary>Line where the record starts.</summary>
    public required int Line { get; init; }

    /// <summary>Study label, or null.</summary>
    public string? Study { get; init; }

    /// <summary>The outcome column's value, or null.</summary>
    public string? Outcome { get; init; }

    /// <summary>The <c>Applicability</c> column's value, or null.</summary>
    public string? Applicability { get; init; }

    /// <summary>The numbers, or null when a cell could not be read (the row is then skipped).</summary>
    public StudyInput? Input { get; set; }

    /// <summary>Problems found reading the row.</summary>
    public List<CliIssue> Issues { get; } = [];

    /// <summary>The extra columns asked for (<see cref="RowReader"/>): numbers (null when empty or not a number).</summary>
    public double?[] Extras { get; init; } = [];

    /// <summary>The extra text columns asked for (null when empty).</summary>
    public string?[] Texts { get; init; } = [];
}

/// <summary>Reads the cells a run needs from each record into an <see cref="InputRow"/>.</summary>
internal sealed class RowReader
{
    private readonly DataSource _source;
    private readonly (int Index, string Header, string Field)[] _cells;
    private readonly Dictionary<string, int> _position = new(StringComparer.Ordinal);
    private readonly int _study;
    private readonly int _outcome;
    private readonly int _applicability;
    private readonly int[] _extras;
    private readonly int[] _texts;

    /// <summary>
    /// Reads <paramref name="fields"/> (normalized escalc names) from the columns that give them, and the columns at
    /// <paramref name="extras"/> as numbers and at <paramref name="texts"/> as text (−1: none).
    /// </summary>
    public RowReader(DataSource source, ColumnMap columns, IEnumerable<string> fields, int[]? extras = null, int[]? texts = null)
    {
        _extras = extras ?? [];
        _texts = texts ?? [];
        _source = source;
        _cells = [.. fields.Distinct().Where(columns.Has).Select(f => (columns.Index(f), columns.Header(f), f))];
        foreach (var (field, _) in ColumnAliases.Table)
        {
            var at = Array.FindIndex(_cells, c => c.Field == ColumnAliases.Normalize(field));
            if (at >= 0)
            {
                _position[field] = at;
            }
        }

        _study = columns.IndexOrMinus(ColumnAliases.Study);
        _outcome = columns.IndexOrMinus(ColumnAliases.Outcome);
        _applicability = columns.IndexOrMinus(ColumnAliases.Applicability);
    }

    /// <summary>The reader's current record as a row; <paramref name="outcomeLabel"/> names it in issues.</summary>
    public InputRow Read(CsvReader reader, string path, string? outcomeLabel)
    {
        string? Text(int index) => index >= 0 && reader.Field(index) is { Length: > 0 } span ? new string(span) : null;

        var row = new InputRow
        {
            Line = reader.Line,
            Study = Text(_study),
            Outcome = Text(_outcome),
            Applicability = Text(_applicability),
            Extras = new double?[_extras.Length],
            Texts = new string?[_texts.Length],
        };
        var values = new double?[_cells.Length];
        var numeric = true;
        for (var i = 0; i < _cells.Length; i++)
        {
            var (index, header, _) = _cells[i];
            var cell = reader.Field(index);
            if (_source.TryParseNumber(cell, out values[i]))
            {
                continue;
            }

            numeric = false;
            row.Issues.Add(new(path, reader.Line, header, outcomeLabel ?? row.Outcome, CliIssueCodes.NonNumeric, IssueSeverity.Error,
                $"{header} is not a number: \"{cell}\"; row skipped."));
        }

        for (var i = 0; i < _extras.Length; i++)
        {
            if (_extras[i] >= 0 && _source.TryParseNumber(reader.Field(_extras[i]), out var extra))
            {
                row.Extras[i] = extra;
            }
        }

        for (var i = 0; i < _texts.Length; i++)
        {
            row.Texts[i] = Text(_texts[i]);
        }

        row.Input = numeric ? StudyInput.FromFields(row.Study, field => _position.TryGetValue(field, out var at) ? values[at] : null) : null;
        return row;
    }
}
