using System.Globalization;
using System.Text;

namespace Evident.Cli.Reporting;

/// <summary>
/// A report as CommonMark with GitHub's pipe tables: the same content as the HTML page, its plots written as SVG files
/// beside the Markdown file (<c>NAME.forest-OUTCOME.svg</c>) and linked. Every user-supplied text is escaped
/// (<see cref="Escape"/>), so a study name can neither break a table nor become markup.
/// </summary>
internal static class MarkdownReport
{
    /// <summary>The Markdown text and the SVG files to write beside it (file name, content).</summary>
    /// <param name="report">The report.</param>
    /// <param name="stem">The Markdown file's name without <c>.md</c>; the plots are named after it.</param>
    public static (string Text, IReadOnlyList<(string Name, string Svg)> Figures) Write(ReportDocument report, string stem)
    {
        var s = new StringBuilder(1 << 15);
        var figures = new List<(string, string)>();
        s.Append("# ").Append(Escape(report.Title)).Append("\n\n");
        foreach (var (name, value) in report.Facts)
        {
            s.Append("- **").Append(Escape(name)).Append(":** ").Append(Escape(value)).Append('\n');
        }

        s.Append("\n## ").Append(ReportDocument.MethodsHeading).Append("\n\n").Append(EscapeLine(report.Methods)).Append("\n\n");
        void Blocks(IEnumerable<ReportBlock> blocks)
        {
            foreach (var block in blocks)
            {
                if (block is FigureBlock f)
                {
                    var file = FigureFile(stem, f);
                    figures.Add((file, f.Svg));
                    s.Append("![").Append(Escape(f.Caption)).Append("](").Append(Uri.EscapeDataString(file)).Append(")\n\n*").Append(Escape(f.Caption)).Append("*\n\n");
                }
                else
                {
                    WriteBlock(s, block);
                }
            }
        }

        if (report.Selection.Count > 0)
        {
            s.Append("## ").Append(ReportDocument.SelectionHeading).Append("\n\n");
            Blocks(report.Selection);
        }

        foreach (var outcome in report.Outcomes)
        {
            s.Append("## ").Append(Escape(outcome.Heading)).Append("\n\n");
            Blocks(outcome.Blocks);
        }

        s.Append("## ").Append(ReportDocument.IssuesHeading).Append("\n\n").Append(EscapeLine(report.IssuesSummary)).Append("\n\n");
        if (report.Issues.Count > 0)
        {
            WriteBlock(s, ReportComposer.IssueTable(report.Issues));
        }

        s.Append("## ").Append(ReportDocument.ReferencesHeading).Append("\n\n");
        for (var i = 0; i < report.References.Count; i++)
        {
            s.Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(". ").Append(Escape(report.References[i])).Append('\n');
        }

        s.Append("\n---\n\n*Made by Evident ").Append(Escape(report.Version)).Append(" on ").Append(Escape(report.GeneratedText))
            .Append(" from ").Append(Escape(report.InputName)).Append(".*\n");
        return (s.ToString(), figures);
    }

    /// <summary>The file a figure of a Markdown report is written to: <c>bcg.forest-TB.svg</c> beside <c>bcg.md</c>.</summary>
    public static string FigureFile(string stem, FigureBlock figure) => $"{stem}.{figure.FileSuffix}.svg";

    private static void WriteBlock(StringBuilder s, ReportBlock block)
    {
        switch (block)
        {
            case SubheadingBlock h:
                s.Append("### ").Append(Escape(h.Text)).Append("\n\n");
                break;
            case ParagraphBlock p:
                s.Append(EscapeLine(p.Text)).Append("\n\n");
                break;
            case NoteBlock n:
                s.Append("> **Note:** ").Append(Escape(n.Text)).Append("\n\n");
                break;
            case TableBlock t:
                s.Append("**").Append(Escape(t.Caption)).Append("**\n\n|");
                foreach (var column in t.Columns)
                {
                    s.Append(' ').Append(Escape(column.Header)).Append(" |");
                }

                s.Append("\n|");
                foreach (var column in t.Columns)
                {
                    s.Append(column.Numeric ? "---:|" : "---|");
                }

                s.Append('\n');
                foreach (var row in t.Rows)
                {
                    s.Append('|');
                    for (var c = 0; c < t.Columns.Count; c++)
                    {
                        s.Append(' ').Append(c < row.Count ? Escape(row[c]) : string.Empty).Append(" |");
                    }

                    s.Append('\n');
                }

                s.Append('\n');
                break;
            default:
                throw new NotSupportedException($"No Markdown form for {block.GetType().Name}.");
        }
    }

    /// <summary>
    /// Escapes text for inline Markdown, also inside a table cell: a backslash before every character CommonMark or
    /// GitHub's extensions could read as markup (<c>\ ` * _ | ~ # $</c>; <c>[ ]</c> when the text has a link's or
    /// reference's shape, <c>](</c>, <c>][</c> or <c>]:</c>, since a lone bracket pair is not a link without a
    /// definition, and definitions start lines, see <see cref="EscapeLine"/>; <c>&lt;</c> where it could open a tag or
    /// an autolink; <c>&amp;</c> where it could start an entity), and line breaks and tabs become spaces (a cell is one
    /// line). Raw HTML such as <c>&lt;script&gt;</c> is then shown as text; a plain "p &lt; 0.001" or "A &amp; B" stays as it is.
    /// </summary>
    public static string Escape(string text)
    {
        var s = new StringBuilder(text.Length + 16);
        var link = text.Contains("](", StringComparison.Ordinal) || text.Contains("][", StringComparison.Ordinal) || text.Contains("]:", StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : ' ';
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '|' or '~' or '#' or '$':
                case '[' or ']' when link:
                case '<' when char.IsAsciiLetter(next) || next is '/' or '!' or '?':
                case '&' when char.IsAsciiLetterOrDigit(next) || next == '#':
                    s.Append('\\').Append(c);
                    break;
                case '\r' or '\n' or '\t':
                    s.Append(' ');
                    break;
                case < ' ' or '\u007F':
                    break;
                default:
                    s.Append(c);
                    break;
            }
        }

        return s.ToString();
    }

    /// <summary>
    /// <see cref="Escape"/> for text that starts a line (a paragraph): also what would make the line a block of its
    /// own (a list item, quote, heading rule, link reference definition or ordered list: a leading <c>- + = &gt; [</c>, or
    /// digits then <c>.</c> or <c>)</c>).
    /// </summary>
    public static string EscapeLine(string text)
    {
        var escaped = Escape(text);
        var digits = escaped.TakeWhile(char.IsAsciiDigit).Count();
        if (digits > 0 && digits < escaped.Length && escaped[digits] is '.' or ')')
        {
            return escaped[..digits] + "\\" + escaped[digits..];
        }

        return escaped.Length > 0 && escaped[0] is '-' or '+' or '=' or '>' or '[' ? "\\" + escaped : escaped;
    }
}
