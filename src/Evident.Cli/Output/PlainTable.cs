using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Evident.Cli.Output;

/// <summary>
/// A table of plain text cells drawn with rounded borders, exactly as Spectre.Console draws a <see cref="Table"/> of
/// <see cref="Text"/> cells that fits the console's width, but written straight to the output in two passes over the
/// rows (one to size the columns, one to write them): linear in the rows and with no copy of the table in memory, so
/// a table of a million studies is written in seconds. A table wider than the console is handed to Spectre, which
/// wraps its cells, as long as it is small; a large one is written unwrapped. Control characters in a cell (a study
/// name from the file) are shown as visible escapes, so they can neither move the cursor nor misalign the columns.
/// </summary>
/// <remarks>
/// Implementation note: Spectre measures and renders every cell into segments kept for the whole table (about 0.4 ms
/// and 20 KB per row of a study table), which made the text report of 10⁶ studies take more than ten minutes.
/// </remarks>
internal sealed class PlainTable
{
    /// <summary>Tables with at most this many rows that are too wide for the console go to Spectre to be wrapped.</summary>
    private const int WrapLimit = 2000;

    private readonly List<(string Header, bool Right)> _columns = [];
    private readonly List<string[]> _rows = [];
    private int _generatedCount;
    private Func<int, string[]>? _generated;

    /// <summary>Adds a column, left-aligned unless <paramref name="right"/>.</summary>
    public PlainTable AddColumn(string header, bool right = false)
    {
        _columns.Add((header, right));
        return this;
    }

    /// <summary>Adds a row of cells.</summary>
    public void AddRow(params string[] cells) => _rows.Add(cells);

    /// <summary>Adds <paramref name="count"/> rows, each made by <paramref name="row"/> when written (after the rows added one by one).</summary>
    public void AddRows(int count, Func<int, string[]> row) => (_generatedCount, _generated) = (count, row);

    private int RowCount => _rows.Count + _generatedCount;

    private string[] Row(int i) => i < _rows.Count ? _rows[i] : _generated!(i - _rows.Count);

    /// <summary>Writes the table to <paramref name="console"/>'s output.</summary>
    public void Write(IAnsiConsole console)
    {
        var widths = _columns.Select(c => Width(c.Header)).ToArray();
        for (var i = 0; i < RowCount; i++)
        {
            var row = Row(i);
            for (var c = 0; c < widths.Length; c++)
            {
                widths[c] = Math.Max(widths[c], Width(Cell(row, c)));
            }
        }

        var total = widths.Sum() + (3 * widths.Length) + 1;
        if (total > console.Profile.Width && RowCount <= WrapLimit)
        {
            WriteWithSpectre(console);
            return;
        }

        var output = console.Profile.Out.Writer;
        var line = new StringBuilder(total + 8);
        void Border(char left, char middle, char right)
        {
            line.Clear().Append(left);
            for (var c = 0; c < widths.Length; c++)
            {
                line.Append('─', widths[c] + 2).Append(c == widths.Length - 1 ? right : middle);
            }

            output.Write(line.Append('\n'));
        }

        void Cells(Func<int, string> cell)
        {
            line.Clear().Append('│');
            for (var c = 0; c < widths.Length; c++)
            {
                var text = cell(c);
                var pad = widths[c] - Width(text);
                line.Append(' ');
                if (_columns[c].Right)
                {
                    line.Append(' ', pad).Append(text);
                }
                else
                {
                    line.Append(text).Append(' ', pad);
                }

                line.Append(" │");
            }

            output.Write(line.Append('\n'));
        }

        Border('╭', '┬', '╮');
        Cells(c => _columns[c].Header);
        Border('├', '┼', '┤');
        for (var i = 0; i < RowCount; i++)
        {
            var row = Row(i);
            Cells(c => Cell(row, c));
        }

        Border('╰', '┴', '╯');
    }

    /// <summary>A cell as the terminal shows it: control characters from the input as visible escapes (<see cref="TerminalText"/>).</summary>
    private static string Cell(string[] row, int c) => c < row.Length ? TerminalText.Escape(row[c]) : string.Empty;

    private void WriteWithSpectre(IAnsiConsole console)
    {
        var table = new Table { Border = TableBorder.Rounded };
        foreach (var (header, right) in _columns)
        {
            table.AddColumn(right ? new TableColumn(header).RightAligned() : new TableColumn(header));
        }

        for (var i = 0; i < RowCount; i++)
        {
            var row = Row(i);
            table.AddRow(Enumerable.Range(0, _columns.Count).Select(c => (IRenderable)new Text(Cell(row, c))));
        }

        console.Write(table);
    }

    /// <summary>
    /// The width of text on a terminal: wide East Asian characters take two cells, combining marks and format
    /// characters none (as Spectre.Console measures).
    /// </summary>
    internal static int Width(string text)
    {
        var width = 0;
        foreach (var c in text)
        {
            if (c < 0x300)
            {
                width += c >= 0x20 ? 1 : 0;
                continue;
            }

            break;
        }

        if (width == text.Length)
        {
            return width;
        }

        width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format || Rune.IsControl(rune))
            {
                continue;
            }

            width += IsWide(rune.Value) ? 2 : 1;
        }

        return width;
    }

    private static bool IsWide(int c)
        => c is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF or >= 0x3400 and <= 0x4DBF or >= 0x4E00 and <= 0x9FFF
            or >= 0xA000 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60
            or >= 0xFFE0 and <= 0xFFE6 or >= 0x1F300 and <= 0x1F64F or >= 0x1F900 and <= 0x1F9FF or >= 0x20000 and <= 0x3FFFD;
}
