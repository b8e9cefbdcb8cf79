using System.Globalization;
using System.Text;

namespace Evident.Rendering.Reports;

/// <summary>
/// A report as one self-contained HTML page: CSS inline, plots as inline SVG, no script, no request to anything
/// outside the page (a Content-Security-Policy says so to the browser as well). Every user-supplied text is escaped
/// for HTML text and attributes (<see cref="Escape"/>); the SVGs come from <c>SvgWriter</c>, which escapes theirs.
/// Readable on a phone: one column, tables and plots scroll sideways inside their own box.
/// </summary>
public static class HtmlReport
{
    /// <summary>The page's style sheet: system fonts only, classes prefixed <c>ev-</c> so they never touch the SVGs' own.</summary>
    private const string Style = """
        :root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --soft: #f6f8fa; --accent: #0b5cad; --note: #fff8c5; --note-rule: #d4a72c; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        .ev-page { max-width: 64rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
        .ev-header { border-bottom: 2px solid var(--ink); padding-bottom: 1rem; margin-bottom: 1.5rem; }
        .ev-kicker { margin: 0; color: var(--muted); font-size: .8rem; letter-spacing: .06em; text-transform: uppercase; }
        h1 { font-size: 1.75rem; line-height: 1.25; margin: .25rem 0 .75rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--rule); overflow-wrap: anywhere; }
        h3 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; overflow-wrap: anywhere; }
        p { margin: .5rem 0 1rem; }
        .ev-meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; font-size: .95rem; }
        .ev-meta dt { color: var(--muted); }
        .ev-meta dd { margin: 0; overflow-wrap: anywhere; }
        .ev-toc { background: var(--soft); border: 1px solid var(--rule); border-radius: 6px; padding: .75rem 1rem; font-size: .95rem; }
        .ev-toc ol { margin: .25rem 0 0; padding-left: 1.4rem; }
        .ev-toc a { color: var(--accent); overflow-wrap: anywhere; }
        .ev-methods { text-align: left; hyphens: auto; }
        .ev-table { margin: .75rem 0 1.5rem; }
        .ev-caption { margin: 0; font-weight: 600; font-size: .92rem; padding: .5rem .75rem; background: var(--soft); border: 1px solid var(--rule); border-bottom: 0; border-radius: 6px 6px 0 0; }
        .ev-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; border: 1px solid var(--rule); border-radius: 0 0 6px 6px; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; font-variant-numeric: tabular-nums; }
        th, td { padding: .35rem .75rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
        th { font-weight: 600; overflow-wrap: normal; hyphens: none; }
        tbody tr:last-child td { border-bottom: 0; }
        tbody tr:nth-child(even) { background: #fbfcfd; }
        .ev-num { text-align: right; white-space: nowrap; }
        .ev-code { white-space: nowrap; }
        th.ev-num, th.ev-code { white-space: normal; }
        .ev-label { min-width: 10rem; }
        .ev-prose { min-width: 16rem; }
        table.ev-pairs td:first-child { color: var(--muted); width: 45%; }
        .ev-note { background: var(--note); border-left: 4px solid var(--note-rule); padding: .5rem .75rem; margin: .5rem 0 1rem; font-size: .95rem; }
        .ev-figure { margin: 1rem 0 1.5rem; }
        .ev-figure .ev-scroll { border-radius: 6px; padding: .5rem; width: fit-content; max-width: 100%; background: #fff; }
        .ev-plot svg { display: block; width: 100%; height: auto; }
        figcaption { color: var(--muted); font-size: .9rem; margin-top: .35rem; }
        .ev-ok { color: #1a7f37; }
        .ev-refs { font-size: .9rem; padding-left: 1.4rem; }
        .ev-refs li { margin-bottom: .35rem; overflow-wrap: anywhere; }
        .ev-footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .85rem; }
        @media (max-width: 40rem) {
          body { font-size: 15px; }
          h1 { font-size: 1.4rem; }
          h2 { font-size: 1.2rem; }
          table.ev-pairs td:first-child { width: auto; }
        }
        @media print {
          .ev-toc { display: none; }
          .ev-scroll { overflow: visible; }
          h2, h3, .ev-figure { break-after: avoid; }
        }
        """;

    /// <summary>A plot is never drawn narrower than this (CSS pixels): on a phone it scrolls sideways instead of shrinking its text away.</summary>
    private const double MinimumPlotWidth = 640;

    /// <summary>The page.</summary>
    /// <param name="report">The report.</param>
    public static string Write(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = new StringBuilder(1 << 16);
        var tables = 0;
        s.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<meta name=\"generator\" content=\"Evident ").Append(Escape(report.Version)).Append("\">\n")
            .Append("<title>").Append(Escape(report.Title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n<main class=\"ev-page\">\n");

        s.Append("<header class=\"ev-header\">\n<p class=\"ev-kicker\">Meta-analysis report</p>\n<h1>").Append(Escape(report.Title)).Append("</h1>\n<dl class=\"ev-meta\">\n");
        foreach (var (name, value) in report.Facts)
        {
            s.Append("<dt>").Append(Escape(name)).Append("</dt><dd>").Append(Escape(value)).Append("</dd>\n");
        }

        s.Append("</dl>\n</header>\n");

        s.Append("<nav class=\"ev-toc\" aria-label=\"Contents\"><strong>Contents</strong>\n<ol>\n<li><a href=\"#methods\">").Append(ReportDocument.MethodsHeading).Append("</a></li>\n");
        if (report.Selection.Count > 0)
        {
            s.Append("<li><a href=\"#selection\">").Append(ReportDocument.SelectionHeading).Append("</a></li>\n");
        }

        for (var i = 0; i < report.Outcomes.Count; i++)
        {
            s.Append("<li><a href=\"#").Append(OutcomeId(i)).Append("\">").Append(Escape(report.Outcomes[i].Heading)).Append("</a></li>\n");
        }

        s.Append("<li><a href=\"#issues\">").Append(ReportDocument.IssuesHeading).Append("</a></li>\n<li><a href=\"#references\">").Append(ReportDocument.ReferencesHeading).Append("</a></li>\n</ol>\n</nav>\n");

        s.Append("<section id=\"methods\" aria-labelledby=\"methods-h\">\n<h2 id=\"methods-h\">").Append(ReportDocument.MethodsHeading).Append("</h2>\n<p class=\"ev-methods\">")
            .Append(Escape(report.Methods)).Append("</p>\n</section>\n");
        if (report.Selection.Count > 0)
        {
            s.Append("<section id=\"selection\" aria-labelledby=\"selection-h\">\n<h2 id=\"selection-h\">").Append(ReportDocument.SelectionHeading).Append("</h2>\n");
            foreach (var block in report.Selection)
            {
                WriteBlock(s, block, ref tables);
            }

            s.Append("</section>\n");
        }

        for (var i = 0; i < report.Outcomes.Count; i++)
        {
            var outcome = report.Outcomes[i];
            var id = OutcomeId(i);
            s.Append("<section id=\"").Append(id).Append("\" aria-labelledby=\"").Append(id).Append("-h\">\n<h2 id=\"").Append(id).Append("-h\">")
                .Append(Escape(outcome.Heading)).Append("</h2>\n");
            foreach (var block in outcome.Blocks)
            {
                WriteBlock(s, block, ref tables);
            }

            s.Append("</section>\n");
        }

        s.Append("<section id=\"issues\" aria-labelledby=\"issues-h\">\n<h2 id=\"issues-h\">").Append(ReportDocument.IssuesHeading).Append("</h2>\n<p")
            .Append(report.Issues.Count == 0 ? " class=\"ev-ok\"" : string.Empty).Append('>').Append(Escape(report.IssuesSummary)).Append("</p>\n");
        if (report.Issues.Count > 0)
        {
            WriteBlock(s, ReportComposer.IssueTable(report.Issues), ref tables);
        }

        s.Append("</section>\n");

        s.Append("<section id=\"references\" aria-labelledby=\"references-h\">\n<h2 id=\"references-h\">").Append(ReportDocument.ReferencesHeading).Append("</h2>\n<ol class=\"ev-refs\">\n");
        foreach (var reference in report.References)
        {
            s.Append("<li>").Append(Escape(reference)).Append("</li>\n");
        }

        s.Append("</ol>\n</section>\n");
        s.Append("<footer class=\"ev-footer\">Made by Evident ").Append(Escape(report.Version)).Append(" on ").Append(Escape(report.GeneratedText))
            .Append(" from ").Append(Escape(report.InputName)).Append(".</footer>\n");
        s.Append("</main>\n</body>\n</html>\n");
        return s.ToString();
    }

    private static string OutcomeId(int index) => "outcome-" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static void WriteBlock(StringBuilder s, ReportBlock block, ref int tables)
    {
        switch (block)
        {
            case SubheadingBlock h:
                s.Append("<h3>").Append(Escape(h.Text)).Append("</h3>\n");
                break;
            case ParagraphBlock p:
                s.Append("<p>").Append(Escape(p.Text)).Append("</p>\n");
                break;
            case NoteBlock n:
                s.Append("<p class=\"ev-note\" role=\"note\">").Append(Escape(n.Text)).Append("</p>\n");
                break;
            case TableBlock t:
                WriteTable(s, t, ref tables);
                break;
            case FigureBlock f:
                var width = ReportNumbers.Plain(Math.Ceiling(f.Width));
                var min = ReportNumbers.Plain(Math.Ceiling(Math.Min(f.Width, MinimumPlotWidth)));
                s.Append("<figure class=\"ev-figure\">\n<div class=\"ev-scroll\"><div class=\"ev-plot\" role=\"img\" aria-label=\"").Append(Escape(f.Caption))
                    .Append("\" style=\"width:").Append(width).Append("px;max-width:100%;min-width:").Append(min).Append("px\">\n")
                    .Append(f.Svg).Append("</div></div>\n<figcaption>").Append(Escape(f.Caption)).Append("</figcaption>\n</figure>\n");
                break;
            default:
                throw new NotSupportedException($"No HTML form for {block.GetType().Name}.");
        }
    }

    private static void WriteTable(StringBuilder s, TableBlock table, ref int tables)
    {
        var id = "table-" + (++tables).ToString(CultureInfo.InvariantCulture);
        var pairs = table.Columns.Count == 2 && table.Columns.All(c => c.Kind == ColumnKind.Text);
        s.Append("<div class=\"ev-table\">\n<p class=\"ev-caption\" id=\"").Append(id).Append("\">").Append(Escape(table.Caption)).Append("</p>\n")
            .Append("<div class=\"ev-scroll\">\n<table aria-labelledby=\"").Append(id).Append('"').Append(pairs ? " class=\"ev-pairs\"" : string.Empty)
            .Append(">\n<thead><tr>");
        foreach (var column in table.Columns)
        {
            s.Append("<th scope=\"col\"").Append(Class(column)).Append('>').Append(Escape(column.Header)).Append("</th>");
        }

        s.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            s.Append("<tr>");
            for (var c = 0; c < table.Columns.Count; c++)
            {
                s.Append("<td").Append(Class(table.Columns[c])).Append('>').Append(Escape(c < row.Count ? row[c] : string.Empty)).Append("</td>");
            }

            s.Append("</tr>\n");
        }

        s.Append("</tbody>\n</table>\n</div>\n</div>\n");
    }

    private static string Class(TableColumn column) => column.Kind switch
    {
        ColumnKind.Number => " class=\"ev-num\"",
        ColumnKind.Code => " class=\"ev-code\"",
        ColumnKind.Label => " class=\"ev-label\"",
        ColumnKind.Prose => " class=\"ev-prose\"",
        _ => string.Empty,
    };

    /// <summary>
    /// Escapes text for HTML content and double- or single-quoted attribute values: <c>&amp; &lt; &gt; " '</c>, and drops
    /// control characters HTML does not allow (so no cell can smuggle markup, close an element or end an attribute).
    /// </summary>
    internal static string Escape(string text)
    {
        var s = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': s.Append("&amp;"); break;
                case '<': s.Append("&lt;"); break;
                case '>': s.Append("&gt;"); break;
                case '"': s.Append("&quot;"); break;
                case '\'': s.Append("&#39;"); break;
                case < ' ' when c is not ('\t' or '\n' or '\r'):
                case '\u007F':
                    break;
                default: s.Append(c); break;
            }
        }

        return s.ToString();
    }
}
