using System.Globalization;
using Evident.Analysis.Documents;

namespace Evident.Analysis.Output;

/// <summary>What a row of a CSV or Markdown table is.</summary>
public enum TableShape
{
    /// <summary>One row per analysis (<c>analyze</c>).</summary>
    Outcomes,

    /// <summary>One row per analysis with the small-study analyses' columns added (<c>bias</c>).</summary>
    OutcomesWithBias,

    /// <summary>One row per study of each analysis: its leave-one-out, influence, Baujat and cumulative results (<c>sensitivity</c>).</summary>
    Studies,
}

/// <summary>
/// One row per analysis, the columns being the key columns (batch mode) and then the outcome's scalar JSON fields
/// (intervals split into <c>_lower</c>/<c>_upper</c>, <see cref="TableColumns"/>): CSV (RFC 4180) or a Markdown pipe table. Numbers in the
/// invariant culture, in CSV with round-trip precision, in Markdown (a table for people) rounded as the text tables
/// are (<see cref="NumberText.Field"/>); missing values are empty cells. Text from the input (outcome names,
/// <c>--by</c> values) is escaped in Markdown (<see cref="MarkdownText"/>), and in CSV a text cell a spreadsheet would
/// run as a formula (starting with <c>= + - @</c>, tab or carriage return, and not a number) gets a leading
/// <c>'</c>, as OWASP recommends against CSV injection.
/// </summary>
/// <remarks>
/// Implementation note: cells are formatted straight into a reused line buffer, which is passed on in blocks of about
/// 32 KiB: a batch writes tens of thousands of rows, and a string per cell and a write per row cost more than the
/// fits.
/// </remarks>
public sealed class FlatSink(TextWriter output, IssueSink issues, bool markdown, TableShape shape = TableShape.Outcomes) : ReportSink(issues)
{
    private const int BlockSize = 1 << 15;

    /// <summary>An outcome's columns: its scalar JSON fields (<see cref="OutcomeDocument"/>).</summary>
    private static readonly IReadOnlyList<TableColumn> OutcomeColumns = TableColumns.Of(DocumentJson.Outcome, row => row);

    /// <summary>The columns that name an outcome: those before its fit (outcome, measure).</summary>
    private static readonly IReadOnlyList<TableColumn> Identity = TableColumns.Of(DocumentJson.Outcome, row => row, p => p.Order < 0);

    /// <summary>An outcome's bias columns: each section's scalar fields, <c>section_field</c> (<see cref="BiasDocument"/>).</summary>
    private static readonly IReadOnlyList<TableColumn> BiasColumns = TableColumns.Of(DocumentJson.Bias, row => ((OutcomeDocument)row).Bias);

    /// <summary>A study's sensitivity columns (<see cref="SensitivityStudyDocument"/>).</summary>
    private static readonly IReadOnlyList<TableColumn> StudyColumns = TableColumns.Of(DocumentJson.SensitivityStudy, row => row);

    private readonly Line _line = new(markdown);
    private char[] _block = new char[2 * BlockSize];
    private int _length;

    /// <inheritdoc/>
    public override bool WritesStudies => false;

    /// <inheritdoc/>
    public override bool BeginsWhenUnreadable => false;

    /// <inheritdoc/>
    public override void Begin(SettingsDocument settings, IReadOnlyList<string>? keyColumns)
    {
        var columns = shape switch
        {
            TableShape.Studies => Identity.Concat(StudyColumns),
            TableShape.OutcomesWithBias => OutcomeColumns.Concat(BiasColumns),
            _ => OutcomeColumns,
        };
        var fields = columns.Select(c => c.Name).ToList();
        _line.Start();
        foreach (var name in keyColumns ?? [])
        {
            _line.Cell(name);
        }

        foreach (var name in fields)
        {
            _line.Name(name); // the field names are Evident's own (letters, digits, _): nothing to escape
        }

        Write(_line.End());
        if (markdown)
        {
            Write("|" + string.Concat(Enumerable.Repeat("---|", (keyColumns?.Count ?? 0) + fields.Count)) + "\n");
        }
    }

    /// <inheritdoc/>
    public override void Outcome(OutcomeReport outcome)
    {
        var document = OutcomeDocument.From(outcome);
        if (shape == TableShape.Studies)
        {
            // The outcome and measure, then the study's results.
            var identity = Identity.Cells(document).ToArray();
            foreach (var study in document.Sensitivity?.Studies ?? [])
            {
                WriteRow(outcome.Key, identity.Concat(StudyColumns.Cells(study)));
            }

            return;
        }

        WriteRow(outcome.Key, shape == TableShape.OutcomesWithBias ? OutcomeColumns.Cells(document).Concat(BiasColumns.Cells(document)) : OutcomeColumns.Cells(document));
    }

    private void WriteRow(GroupKey? key, IEnumerable<(string Name, FieldValue Value)> fields)
    {
        var line = _line;
        line.Start();
        if (key is { } k)
        {
            foreach (var value in k.Values)
            {
                line.Cell(value);
            }
        }

        foreach (var (name, value) in fields)
        {
            line.Cell(value, name);
        }

        Write(line.End());
    }

    /// <inheritdoc/>
    public override void Complete(BatchSummary? summary)
    {
        Flush();
        output.Flush();
    }

    /// <summary>Adds text to the output, passing it on in blocks.</summary>
    private void Write(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _block.Length)
        {
            Array.Resize(ref _block, Math.Max(2 * _block.Length, _length + text.Length));
        }

        text.CopyTo(_block.AsSpan(_length));
        _length += text.Length;
        if (_length >= BlockSize)
        {
            Flush();
        }
    }

    private void Flush()
    {
        output.Write(_block, 0, _length);
        _length = 0;
    }

    /// <summary>One row being formatted.</summary>
    private sealed class Line(bool markdown)
    {
        private char[] _text = new char[1024];
        private int _length;
        private bool _cells; // a cell was written on this line

        public void Start() => (_length, _cells) = (0, false);

        /// <summary>Ends the line; the text is valid until the next <see cref="Start"/>.</summary>
        public ReadOnlySpan<char> End()
        {
            Append(markdown ? " |\n" : "\n");
            return _text.AsSpan(0, _length);
        }

        public void Cell(FieldValue value, string name)
        {
            Span<char> text = stackalloc char[32];
            if (markdown && value.Kind == FieldKind.Number && double.IsFinite(value.Number))
            {
                Separator();
                Append(NumberText.Field(name, value.Number));
            }
            else if (TryFormat(value, text, out var written))
            {
                // Numbers, flags and empty cells need no quoting or escaping.
                Separator();
                Append(text[..written]);
            }
            else
            {
                Cell(value.Text);
            }
        }

        /// <summary>A column name of Evident's own, written as it is.</summary>
        public void Name(string name)
        {
            Separator();
            Append(name);
        }

        public void Cell(string text)
        {
            Separator();
            if (markdown)
            {
                Append(MarkdownText.Escape(text));
                return;
            }

            if (IsFormula(text))
            {
                text = "'" + text;
            }

            if (text.AsSpan().IndexOfAny(",\"\n\r") >= 0)
            {
                Append("\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            }
            else
            {
                Append(text);
            }
        }

        /// <summary>
        /// Whether a spreadsheet would read a text cell as a formula (OWASP, "CSV Injection"): it starts with
        /// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return, and is not simply a number (a
        /// "-0.5" or "+3" in a text column is left as it is).
        /// </summary>
        public static bool IsFormula(string text)
            => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
                && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

        /// <summary>Formats a value that is not text (invariant, round-trip numbers; empty for null, NaN and ±∞); false for text.</summary>
        private static bool TryFormat(FieldValue value, Span<char> text, out int written)
        {
            written = 0;
            switch (value.Kind)
            {
                case FieldKind.Number when double.IsFinite(value.Number):
                    return value.Number.TryFormat(text, out written, "R", CultureInfo.InvariantCulture);
                case FieldKind.Integer:
                    return value.Integer.TryFormat(text, out written, default, CultureInfo.InvariantCulture);
                case FieldKind.Flag:
                    (value.Flag ? "true" : "false").CopyTo(text);
                    written = value.Flag ? 4 : 5;
                    return true;
                case FieldKind.Text:
                    return false;
                default:
                    return true;
            }
        }

        private void Separator()
        {
            if (markdown)
            {
                Append(_cells ? " | " : "| ");
            }
            else if (_cells)
            {
                Append(",");
            }

            _cells = true;
        }

        private void Append(ReadOnlySpan<char> text)
        {
            if (_length + text.Length > _text.Length)
            {
                Array.Resize(ref _text, Math.Max(2 * _text.Length, _length + text.Length));
            }

            text.CopyTo(_text.AsSpan(_length));
            _length += text.Length;
        }
    }
}
