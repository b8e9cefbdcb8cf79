using System.Text;
using Evident.Analysis.Input;
using Evident.Core;
using Evident.Core.EffectSizes;

namespace Evident.Analysis;

/// <summary>One data row as read: its line, labels and numbers (null input when a needed cell was not a number).</summary>
internal sealed class InputRow
{
    private List<AnalysisIssue>? _issues;

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
    public IReadOnlyList<AnalysisIssue> Issues => _issues ?? (IReadOnlyList<AnalysisIssue>)[];

    /// <summary>The extra columns asked for (<see cref="RowReader"/>): numbers (null when empty or not a number).</summary>
    public double?[] Extras { get; init; } = [];

    /// <summary>The extra text columns asked for (null when empty).</summary>
    public string?[] Texts { get; init; } = [];

    /// <summary>Records a problem with the row.</summary>
    public void AddIssue(AnalysisIssue issue) => (_issues ??= []).Add(issue);
}

/// <summary>Reads the cells a run needs from each record into an <see cref="InputRow"/>.</summary>
internal sealed class RowReader
{
    private readonly DataSource _source;
    private readonly (int Index, string Header, int Value, bool Optional)[] _cells;
    private readonly TextColumn _study;
    private readonly TextColumn _outcome;
    private readonly TextColumn _applicability;
    private readonly int[] _extras;
    private readonly TextColumn[] _texts;
    private readonly IReadOnlyList<string> _headers;

    /// <summary>
    /// Reads <paramref name="fields"/> (normalized escalc names) from the columns that give them, and the columns at
    /// <paramref name="extras"/> as numbers and at <paramref name="texts"/> as text (−1: none). The
    /// <paramref name="optional"/> fields are read too, but a cell that is not a number only gets a warning and is
    /// read as missing, where one of <paramref name="fields"/> makes the row unreadable.
    /// </summary>
    public RowReader(
        DataSource source, ColumnMap columns, IEnumerable<string> fields, int[]? extras = null, int[]? texts = null, IEnumerable<string>? optional = null)
    {
        _extras = extras ?? [];
        _texts = [.. (texts ?? []).Select(i => new TextColumn(i))];
        _source = source;
        _headers = columns.Headers;
        var names = StudyInput.FieldNames.Select(ColumnAliases.Normalize).ToList();
        var needed = fields.Distinct().Where(columns.Has).ToList();
        _cells = [.. needed.Select(f => (columns.Index(f), columns.Header(f), names.IndexOf(f), false)),
            .. (optional ?? []).Distinct().Where(f => columns.Has(f) && !needed.Contains(f)).Select(f => (columns.Index(f), columns.Header(f), names.IndexOf(f), true))];
        _study = new TextColumn(columns.IndexOrMinus(ColumnAliases.Study));
        _outcome = new TextColumn(columns.IndexOrMinus(ColumnAliases.Outcome));
        _applicability = new TextColumn(columns.IndexOrMinus(ColumnAliases.Applicability));
        Columns = [.. _cells.Select(c => c.Index).Concat(_extras).Concat(_texts.Select(t => t.Index))
            .Append(_study.Index).Append(_outcome.Index).Append(_applicability.Index).Where(i => i >= 0).Distinct()];
    }

    /// <summary>The columns it reads (<see cref="CsvReader.Want"/>).</summary>
    public IReadOnlyList<int> Columns { get; }

    /// <summary>The reader's current record as a row; <paramref name="outcomeLabel"/> names it in issues.</summary>
    public InputRow Read(CsvReader reader, string path, string? outcomeLabel) => Read(new ReaderCells(reader), path, outcomeLabel);

    /// <summary>A record (the reader's, or one kept in a <see cref="RowStore"/>) as a row; <paramref name="outcomeLabel"/> names it in issues.</summary>
    public InputRow Read<TCells>(TCells record, string path, string? outcomeLabel)
        where TCells : struct, IRecordCells
    {
        var shape = record.Shape;
        var line = shape.Line;
        var row = new InputRow
        {
            Line = line,
            Study = _study.Read(record),
            Outcome = _outcome.Read(record),
            Applicability = _applicability.Read(record),
            Extras = _extras.Length == 0 ? [] : new double?[_extras.Length],
            Texts = _texts.Length == 0 ? [] : new string?[_texts.Length],
        };
        Span<double?> values = stackalloc double?[StudyInput.FieldNames.Count];
        var numeric = true;
        var shifted = false;
        if (!shape.Regular && RowIssues.Of(path, shape, _headers, outcomeLabel ?? row.Outcome) is { } problem)
        {
            // A row whose cells may be shifted is never analysed; one that is only short is, with a warning.
            row.AddIssue(problem);
            shifted = problem.Severity == IssueSeverity.Error;
            numeric = !shifted;
        }

        foreach (var (index, header, value, optional) in _cells)
        {
            var cell = record.Field(index);
            var read = _source.ReadNumber(cell, out var number);
            if (read == NumberRead.Number)
            {
                if (value >= 0)
                {
                    values[value] = number;
                }

                continue;
            }

            if (shifted)
            {
                continue; // the row is not analysed for its shape; its cells are not worth a word each
            }

            if (optional)
            {
                row.AddIssue(new(path, line, header, outcomeLabel ?? row.Outcome, AnalysisIssueCodes.NonNumeric, IssueSeverity.Warning,
                    $"{header} is not a number: \"{Encoding.UTF8.GetString(cell)}\"; read as missing (the row is still analysed)."));
                continue;
            }

            numeric = false;
            row.AddIssue(read == NumberRead.Ambiguous
                ? new(path, line, header, outcomeLabel ?? row.Outcome, AnalysisIssueCodes.AmbiguousNumber, IssueSeverity.Error,
                    $"{header} \"{Encoding.UTF8.GetString(cell)}\" could be read two ways ({Ambiguity()}); it is not read, and the row is skipped. "
                    + "Write the number without digit grouping, with the file's decimal mark.")
                : new(path, line, header, outcomeLabel ?? row.Outcome, AnalysisIssueCodes.NonNumeric, IssueSeverity.Error,
                    $"{header} is not a number: \"{Encoding.UTF8.GetString(cell)}\"; row skipped."));
        }

        for (var i = 0; i < _extras.Length; i++)
        {
            if (_extras[i] >= 0 && _source.TryParseNumber(record.Field(_extras[i]), out var extra))
            {
                row.Extras[i] = extra;
            }
        }

        for (var i = 0; i < _texts.Length; i++)
        {
            row.Texts[i] = _texts[i].Read(record);
        }

        row.Input = numeric ? StudyInput.FromValues(row.Study, values) : null;
        return row;
    }

    /// <summary>Why a number is ambiguous in this file, for the message.</summary>
    private string Ambiguity() => _source.DecimalComma
        ? "the file writes decimals with a comma, so a '.' may be a decimal point or a thousands separator: 1.250 is 1.25 or 1250"
        : "digit grouping: 1,250 may be 1250 or, with a decimal comma, 1.25";

    /// <summary>
    /// A text column (−1: none), read as null when empty. The last value is kept and given again while the bytes do
    /// not change (outcome names and Applicability repeat row after row), so repeated labels share one string.
    /// </summary>
    private sealed class TextColumn(int index)
    {
        private byte[] _bytes = new byte[64];
        private int _length;
        private string? _text;

        public int Index => index;

        public string? Read<TCells>(TCells record)
            where TCells : struct, IRecordCells
        {
            if (index < 0)
            {
                return null;
            }

            var field = record.Field(index);
            if (field.IsEmpty)
            {
                return null;
            }

            if (_text is null || !field.SequenceEqual(_bytes.AsSpan(0, _length)))
            {
                _text = Encoding.UTF8.GetString(field);
                if (field.Length > _bytes.Length)
                {
                    _bytes = new byte[Math.Max(field.Length, 2 * _bytes.Length)];
                }

                field.CopyTo(_bytes);
                _length = field.Length;
            }

            return _text;
        }
    }
}
