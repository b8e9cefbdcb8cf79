using System.Text;

namespace Evident.Fuzz.Tests;

/// <summary>
/// Mutations of a table's cells (after the hostile-input pass of issue 14): hostile text in study labels and cells
/// (spreadsheet formulas, terminal escape sequences, bidirectional overrides, markup, pipes, line breaks, bad numbers),
/// an outcome column whose names read alike or are not file names, and the delimiters, decimal marks, line ends and
/// quotes of other tools. Applied to any seed; on a JSON or Markdown seed they are text damage like any other.
/// </summary>
internal static class TableMutations
{
    /// <summary>Text that reaches tables, file names, messages and pages: each a way to break one of them.</summary>
    private static readonly string[] HostileText =
    [
        "=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR", "\u001b[31mRED\u001b[0m",
        "\u001b]0;pwned\u0007", "A\rB", "\u202Eevil", "\u2066iso\u2069", "<script>alert(1)</script>", "a|b", "**bold**",
        "[x](javascript:1)", "A/B", "../../evil", "", " ", "NA", "\u03A9\u03BC\u03AD\u03B3\u03B1", "\U0001F600", new string('x', 5000),
        "\"quoted\"", "line\nbreak", "\u009B2J", "\u0085NEL", "\u0000", "\u007F", "]]></svg>", "</style>", "&amp;",
    ];

    /// <summary>Numbers no tool agrees on, and values that are no numbers at all.</summary>
    private static readonly string[] HostileNumbers =
    [
        "", "NA", "NaN", "Inf", "-Inf", "1e308", "-1e308", "1e-320", "0", "-0", "-1", "abc", "1,5", "0x10", "  3 ", "3.", ".5", "1e",
        "99999999999999999999", "-0.0000001",
    ];

    /// <summary>Outcome names that read alike (and so make alike file names), or are no file name at all.</summary>
    private static readonly string[][] OutcomeNames =
    [
        ["A/B", "A-B", "A B", "a-b"], ["../x", "..", ".", "con"], ["x", "X", "x "], ["\u001b[2J", "\u202Eevil"], ["=1+1", "@x"],
        [new string('o', 300), new string('o', 301)],
    ];

    /// <summary>Applies a mutation of one of the table classes.</summary>
    public static (byte[] Bytes, string What) Apply(string text, MutationClass kind, Random random)
    {
        var lines = text.Split('\n').ToList();
        switch (kind)
        {
            case MutationClass.HostileCell:
                {
                    // One to three rows, the label column (the first) half the time, else a cell at random.
                    var column = random.Next(2) == 0 ? 0 : random.Next(8);
                    var pool = random.Next(3) == 0 ? HostileNumbers : HostileText;
                    var value = pool[random.Next(pool.Length)];
                    var rows = 1 + random.Next(3);
                    var changed = new List<int>();
                    for (var r = 0; r < rows; r++)
                    {
                        var i = lines.Count > 1 ? 1 + random.Next(lines.Count - 1) : 0;
                        var cells = lines[i].TrimEnd('\r').Split(',');
                        cells[column % cells.Length] = Quote(value, random);
                        lines[i] = string.Join(',', cells);
                        changed.Add(i + 1);
                    }

                    return (Utf8(string.Join('\n', lines)), $"cell {column % 8 + 1} of line {string.Join("/", changed)} = {Show(value)}");
                }

            case MutationClass.OutcomeColumn:
                {
                    var names = OutcomeNames[random.Next(OutcomeNames.Length)];
                    lines[0] = lines[0].TrimEnd('\r') + ",outcome";
                    for (var i = 1; i < lines.Count; i++)
                    {
                        if (lines[i].Trim().Length > 0)
                        {
                            lines[i] = lines[i].TrimEnd('\r') + "," + Quote(names[(i - 1) % names.Length], random);
                        }
                    }

                    return (Utf8(string.Join('\n', lines)), $"outcome column of {string.Join(" | ", names.Select(Show))}");
                }

            default:
                {
                    var (changed, what) = random.Next(6) switch
                    {
                        0 => (text.Replace(',', ';').Replace('.', ','), "';' with decimal commas"),
                        1 => (text.Replace(',', '\t'), "tabs"),
                        2 => (text.Replace("\n", "\r\n", StringComparison.Ordinal), "CRLF"),
                        3 => (text.Replace('\n', '\r'), "CR line ends"),
                        4 => (text.Replace(',', '|'), "pipes"),
                        _ => UnbalancedQuote(text, random),
                    };
                    return (Utf8(changed), what);
                }
        }
    }

    private static (string, string) UnbalancedQuote(string text, Random random)
    {
        var commas = Enumerable.Range(0, text.Length).Where(k => text[k] == ',').ToList();
        var at = commas.Count > 0 ? commas[random.Next(commas.Count)] + 1 : random.Next(text.Length + 1);
        return (text[..at] + "\"" + text[at..], $"unbalanced quote at char {at}");
    }

    /// <summary>A cell as RFC 4180 writes it (quoted when it holds a separator, quote or line break), or raw one time in four.</summary>
    private static string Quote(string value, Random random)
        => random.Next(4) == 0 || value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Show(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value.Length > 40 ? value[..40] + "…" : value)
        {
            sb.Append(char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return sb.Append('"').ToString();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
