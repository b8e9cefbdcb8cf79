using System.Globalization;
using Evident.Core;

namespace Evident.Analysis.Input;

/// <summary>
/// The issues about a record's shape that the reader finds (<see cref="RecordShape"/>):
/// a quote never closed, a quoted field that swallowed rows, cells beyond the header holding text (shifted cells), or
/// cells missing at the end. Each is located at the record's line and names the column where it can.
/// </summary>
internal static class RowIssues
{
    /// <summary>The record's shape issue, or null when its quotes and cells are as the header says.</summary>
    public static AnalysisIssue? Of(string path, RecordShape shape, IReadOnlyList<string> headers, string? outcome)
    {
        if (shape.Quote != QuoteProblem.None)
        {
            return Quote(path, shape, outcome, "the row", headers);
        }

        var cells = shape.CellCount;
        var expected = shape.HeaderCellCount;
        if (cells > expected && shape.ExtraText)
        {
            return new AnalysisIssue(path, shape.Line, null, outcome, AnalysisIssueCodes.ExtraCells, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                $"The row has {cells} cells but the header has {expected}, and the cells beyond the header hold text, so its values are "
                + $"shifted (an unquoted delimiter in a label, as in Aronson, 1948? Quote such a label: \"Aronson, 1948\"). The row is not analysed."));
        }

        // Cells missing under headers that are empty themselves (a trailing comma on the header line) are no loss.
        var missing = cells < expected ? headers.Skip(cells).Take(expected - cells).Where(h => h.Length > 0).ToList() : [];
        if (missing.Count > 0)
        {
            var names = missing.Count <= 4 ? string.Join(", ", missing) : string.Join(", ", missing.Take(3)) + $" and {missing.Count - 3} more";
            return new AnalysisIssue(path, shape.Line, missing.FirstOrDefault(), outcome, AnalysisIssueCodes.MissingCells, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"The row has {cells} cell{(cells == 1 ? string.Empty : "s")} but the header has {expected}; the missing cells ({names}) read as empty. "
                + $"If a cell was left out in the middle of the row, its values are shifted: check it."));
        }

        return null;
    }

    /// <summary>The issue about the record's quotes (<paramref name="what"/> names it: "the row", "the header").</summary>
    public static AnalysisIssue Quote(string path, RecordShape shape, string? outcome, string what, IReadOnlyList<string>? headers = null)
    {
        var column = headers is not null && shape.QuoteField < headers.Count ? headers[shape.QuoteField] : null;
        var (start, end) = (shape.QuoteLine, shape.QuoteEndLine);
        var verdict = what == "the header" ? "The header is read as it stands." : "The row is not analysed.";
        if (shape.Quote == QuoteProblem.Unterminated)
        {
            var swallowed = end > start
                ? string.Create(CultureInfo.InvariantCulture, $"so it would run to the end of the file and swallow lines {start + 1}–{end}")
                : "so its field would run to the end of the file";
            return new AnalysisIssue(path, shape.Line, column, outcome, AnalysisIssueCodes.UnterminatedQuote, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                $"In {what}, the quote opened on line {start} is never closed, {swallowed}. The quoted cell was ended at the end of line {start} "
                + $"and the lines after it are read as rows. {verdict} Close or remove the quote."));
        }

        return new AnalysisIssue(path, shape.Line, column, outcome, AnalysisIssueCodes.QuoteSpansRows, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
            $"In {what}, a quoted cell runs from line {start} to line {end} and holds line breaks followed by lines with as many delimiters "
            + $"as a row: lines {start + 1}–{end} look like rows swallowed by a stray quote. {verdict} Check the quotes on lines {start} and {end}."));
    }
}
