using System.Globalization;
using System.Text;

namespace Evident.Evidence.Summaries;

/// <summary>
/// A <see cref="Summary"/> as CommonMark: every number a link to its address (<c>[0.42](#outcomes/mep/estimate)</c>),
/// and a "Source values" table at the end whose rows are those anchors, with each value at full precision. Every text
/// from the source is escaped, so it can neither add markup nor raw HTML.
/// </summary>
public static class SummaryMarkdown
{
    /// <summary>The document.</summary>
    public static string Write(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var md = new StringBuilder();
        md.Append("# ").Append(Escape(summary.Headline)).Append("\n\n");
        md.Append("*A summary in plain words, made by ").Append(Escape(summary.Generator)).Append(" from ")
            .Append(Escape(summary.SourceFile)).Append(". Each number links to the value it came from (see [Source values](#source-values)).*\n\n");
        md.Append("## Key takeaway\n\n> ");
        Runs(md, summary.KeyTakeaway);
        md.Append("\n\n");

        foreach (var section in summary.Sections)
        {
            md.Append("## ").Append(Escape(section.Heading)).Append("\n\n");
            for (var i = 0; i < section.Paragraphs.Length; i++)
            {
                var paragraph = section.Paragraphs[i];
                if (i < section.Subheadings.Length)
                {
                    md.Append("### ").Append(Escape(section.Subheadings[i])).Append("\n\n");
                }

                if (section.IsList)
                {
                    md.Append("- ");
                }

                Runs(md, paragraph);
                md.Append(section.IsList ? "\n" : "\n\n");
            }

            if (section.IsList)
            {
                md.Append('\n');
            }
        }

        md.Append("## Study details\n\n| | |\n|---|---|\n");
        foreach (var row in summary.Details)
        {
            md.Append("| ").Append(Escape(row.Label)).Append(" | ");
            Runs(md, row.Value);
            md.Append(" |\n");
        }

        md.Append("\n## Source values\n\nEach number above links to its row here. A row gives the value's place in the source and all its digits.\n\n");
        md.Append("| address | value |\n|---|---|\n");
        foreach (var value in summary.SourceValues)
        {
            md.Append("| <a id=\"").Append(AnchorAttribute(value.Path)).Append("\"></a>").Append(Escape(value.Path)).Append(" | ")
                .Append(Escape(value.Written)).Append(" |\n");
        }

        return md.ToString();
    }

    /// <summary>Appends a paragraph that starts a line (after "&gt; ", "- " or at the margin), so that its start is made safe.</summary>
    private static void Runs(StringBuilder md, Paragraph paragraph)
    {
        var line = new StringBuilder();
        Inline(line, paragraph);
        md.Append(Escaping.MarkdownLineStart(line.ToString()));
    }

    private static void Inline(StringBuilder md, Paragraph paragraph)
    {
        foreach (var run in paragraph.Runs)
        {
            switch (run.Kind)
            {
                case RunKind.Number when run.Source is { } source:
                    md.Append('[').Append(Escape(run.Text)).Append("](#").Append(LinkTarget(source.Path)).Append(')');
                    break;
                case RunKind.Strong:
                    md.Append("**").Append(Escape(run.Text)).Append("**");
                    break;
                case RunKind.Link when run.Target is { } target:
                    md.Append('[').Append(Escape(run.Text)).Append("](<").Append(LinkTarget(target)).Append(">)");
                    break;
                default:
                    md.Append(Escape(run.Text));
                    break;
            }
        }
    }

    /// <summary>Escapes text for Markdown by the table HTML shares (<see cref="Escaping.Markdown"/>).</summary>
    public static string Escape(string text) => Escaping.Markdown(text);

    /// <summary>A link destination: characters that would end or break it are percent-encoded.</summary>
    private static string LinkTarget(string target)
    {
        var sb = new StringBuilder(target.Length);
        foreach (var c in target)
        {
            if (c is ' ' or '(' or ')' or '<' or '>' or '\\' or '"' or '\'' or '`' || char.IsControl(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>An address as an HTML id attribute value (addresses are lower-case letters, digits, '-' and '/').</summary>
    private static string AnchorAttribute(string path) => Escaping.Html(path);
}
