using System.Globalization;
using System.Text;
using Evident.Analysis.Output;

namespace Evident.Rendering.Reports;

/// <summary>
/// A report as CommonMark with GitHub's pipe tables: the same content as the HTML page, its plots written as SVG files
/// beside the Markdown file (<c>NAME.forest-OUTCOME.svg</c>) and linked. Every user-supplied text is escaped
/// (<see cref="Escape"/>), so a study name can neither break a table nor become markup.
/// </summary>
public static class MarkdownReport
{
    /// <summary>The Markdown text and the SVG files to write beside it (file name, content).</summary>
    /// <param name="report">The report.</param>
    /// <param name="stem">The Markdown file's name without <c>.md</c>; the plots are named after it.</param>
    public static (string Text, IReadOnlyList<(string Name, string Svg)> Figures) Write(ReportDocument report, string stem)
    {
        ArgumentNullException.ThrowIfNull(report);
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
    internal static string FigureFile(string stem, FigureBlock figure) => $"{stem}.{figure.FileSuffix}.svg";

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

    /// <summary>Escapes text for inline Markdown: the one escaping of every Markdown Evident writes, <see cref="MarkdownText.Escape"/>.</summary>
    internal static string Escape(string text) => MarkdownText.Escape(text);

    /// <summary>Escapes text that starts a line: <see cref="MarkdownText.EscapeLine"/>.</summary>
    internal static string EscapeLine(string text) => MarkdownText.EscapeLine(text);
}
