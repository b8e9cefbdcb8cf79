using System.Globalization;
using System.Text;

namespace Evident.Evidence.Summaries;

/// <summary>
/// A <see cref="Summary"/> as one self-contained HTML page: inline CSS, no script, no external request, readable on a
/// phone. Every number is a <c>&lt;data value="0.4200" data-source="outcomes/mep/estimate"&gt;0.42&lt;/data&gt;</c>
/// element (the full value in the invariant culture, and its address, also shown as a tooltip); dates are
/// <c>&lt;time&gt;</c> and citations of rules <c>&lt;cite&gt;</c>, so a check can tell them from numbers to trace. Every
/// text from the source is HTML-escaped.
/// </summary>
public static class SummaryHtml
{
    /// <summary>The page.</summary>
    public static string Write(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta name=\"generator\" content=\"").Append(Attr(summary.Generator)).Append("\">\n");
        html.Append("<title>").Append(Text(summary.Headline)).Append("</title>\n");
        html.Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main class=\"summary\">\n");

        html.Append("<header>\n<p class=\"kicker\">Summary in plain words</p>\n");
        html.Append("<h1>").Append(Text(summary.Headline)).Append("</h1>\n");
        html.Append("<p class=\"provenance\">Made by ").Append(Text(summary.Generator)).Append(" from <span class=\"file\">")
            .Append(Text(summary.SourceFile)).Append("</span>. Each number links to the value it came from.</p>\n</header>\n");

        html.Append("<section class=\"takeaway\" id=\"key-takeaway\">\n<h2>Key takeaway</h2>\n<p>");
        Runs(html, summary.KeyTakeaway);
        html.Append("</p>\n</section>\n");

        foreach (var section in summary.Sections)
        {
            html.Append("<section id=\"").Append(Attr(section.Id)).Append("\">\n<h2>").Append(Text(section.Heading)).Append("</h2>\n");
            if (section.IsList)
            {
                html.Append("<ul>\n");
                foreach (var item in section.Paragraphs)
                {
                    html.Append("<li>");
                    Runs(html, item);
                    html.Append("</li>\n");
                }

                html.Append("</ul>\n");
            }
            else
            {
                for (var i = 0; i < section.Paragraphs.Length; i++)
                {
                    if (i < section.Subheadings.Length)
                    {
                        html.Append("<h3>").Append(Text(section.Subheadings[i])).Append("</h3>\n");
                    }

                    html.Append("<p>");
                    Runs(html, section.Paragraphs[i]);
                    html.Append("</p>\n");
                }
            }

            html.Append("</section>\n");
        }

        html.Append("<aside class=\"details\" id=\"study-details\" aria-labelledby=\"study-details-heading\">\n");
        html.Append("<h2 id=\"study-details-heading\">Study details</h2>\n<dl>\n");
        foreach (var row in summary.Details)
        {
            html.Append("<div class=\"row\" id=\"detail-").Append(Attr(row.Id)).Append("\"><dt>").Append(Text(row.Label)).Append("</dt><dd>");
            Runs(html, row.Value);
            html.Append("</dd></div>\n");
        }

        html.Append("</dl>\n</aside>\n");
        html.Append("<details class=\"sources\" id=\"source-values\">\n<summary>Source values</summary>\n")
            .Append("<p>Each number above, by where it is in the source, with all its digits.</p>\n")
            .Append("<table>\n<thead><tr><th scope=\"col\">Address</th><th scope=\"col\">Value</th></tr></thead>\n<tbody>\n");
        foreach (var value in summary.SourceValues)
        {
            var full = value.Value.ToString("R", CultureInfo.InvariantCulture);
            html.Append("<tr><td><code>").Append(Text(value.Path)).Append("</code></td><td><data value=\"").Append(Attr(full))
                .Append("\" data-source=\"").Append(Attr(value.Path)).Append("\">").Append(Text(value.Written)).Append("</data></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</details>\n");
        html.Append("<footer>\n<p>Written from the numbers alone, by fixed rules. The words for each level of certainty follow GRADE ")
            .Append("(<cite>GRADE guidelines 26, Santesso et al. 2020</cite>). A confidence interval that includes no effect is not taken as ")
            .Append("proof of no effect (<cite>Altman &amp; Bland 1995</cite>). Each number links to the value it came from: ")
            .Append("hover over it, or see \u201cSource values\u201d.</p>\n</footer>\n");
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Runs(StringBuilder html, Paragraph paragraph)
    {
        foreach (var run in paragraph.Runs)
        {
            switch (run.Kind)
            {
                case RunKind.Number when run.Source is { } source:
                    var value = source.Value.ToString("R", CultureInfo.InvariantCulture);
                    html.Append("<data value=\"").Append(Attr(value)).Append("\" data-source=\"").Append(Attr(source.Path))
                        .Append("\" title=\"").Append(Attr($"{source.Path} = {value}")).Append("\">")
                        .Append(Text(run.Text)).Append("</data>");
                    break;
                case RunKind.Date:
                    html.Append("<time datetime=\"").Append(Attr(run.Target ?? "")).Append("\">").Append(Text(run.Text)).Append("</time>");
                    break;
                case RunKind.Reference:
                    html.Append("<cite>").Append(Text(run.Text)).Append("</cite>");
                    break;
                case RunKind.Strong:
                    html.Append("<strong>").Append(Text(run.Text)).Append("</strong>");
                    break;
                case RunKind.Link when run.Target is { } target:
                    html.Append("<cite><a href=\"").Append(Attr(target)).Append("\" rel=\"noopener noreferrer\">").Append(Text(run.Text)).Append("</a></cite>");
                    break;
                default:
                    html.Append(Text(run.Text));
                    break;
            }
        }
    }

    /// <summary>Escapes text for an element's content (<see cref="Escaping.Html"/>, the table Markdown shares).</summary>
    private static string Text(string text) => Escaping.Html(text);

    /// <summary>Escapes text for a double-quoted attribute.</summary>
    private static string Attr(string text) => Escaping.Html(text);

    /// <summary>
    /// The page's style: one readable column (max 42rem), system fonts at 17px, a highlighted key takeaway, and the
    /// study-details box as label/value rows that stack on a phone.
    /// </summary>
    private const string Css = """
        :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --accent: #0b6e4f; --soft: #f3f7f5; --box: #f6f8fa; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { margin: 0; background: #fff; color: var(--ink); font: 1.0625rem/1.65 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main.summary { max-width: 42rem; margin: 0 auto; padding: 2.25rem 1.25rem 3rem; overflow-wrap: anywhere; }
        .kicker { margin: 0 0 .5rem; color: var(--accent); font-size: .8125rem; font-weight: 650; letter-spacing: .06em; text-transform: uppercase; }
        h1 { margin: 0 0 .75rem; font-size: clamp(1.6rem, 4.5vw, 2.1rem); line-height: 1.2; letter-spacing: -.01em; font-weight: 700; }
        h2 { margin: 2rem 0 .6rem; font-size: 1.2rem; line-height: 1.3; }
        p, ul { margin: 0 0 1rem; }
        ul { padding-left: 1.25rem; }
        li { margin: 0 0 .75rem; padding-left: .15rem; }
        h3 { margin: 1.4rem 0 .35rem; font-size: 1.05rem; line-height: 1.35; }
        #results p { margin: 0 0 1.1rem; padding: .15rem 0 .15rem 1rem; border-left: 3px solid var(--line); }
        .provenance { margin: 0 0 1.5rem; color: var(--muted); font-size: .875rem; line-height: 1.5; }
        .provenance .file { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .8125rem; }
        .takeaway { margin: 1.5rem 0 0; padding: 1rem 1.25rem; background: var(--soft); border-left: 4px solid var(--accent); border-radius: 0 .5rem .5rem 0; }
        .takeaway h2 { margin: 0 0 .35rem; color: var(--accent); font-size: .8125rem; letter-spacing: .06em; text-transform: uppercase; }
        .takeaway p { margin: 0; font-size: 1.125rem; line-height: 1.55; }
        data { text-decoration: underline dotted #8c959f; text-underline-offset: .2em; font-variant-numeric: tabular-nums; cursor: help; }
        cite { font-style: normal; color: var(--muted); }
        .details { margin: 2.5rem 0 0; padding: 1.1rem 1.25rem .6rem; background: var(--box); border: 1px solid var(--line); border-radius: .75rem; }
        .details h2 { margin: 0 0 .6rem; font-size: 1.05rem; }
        .details dl { margin: 0; }
        .details .row { display: grid; grid-template-columns: 11rem 1fr; gap: .25rem 1rem; padding: .55rem 0; border-top: 1px solid var(--line); font-size: .9375rem; line-height: 1.5; }
        .details dt { color: var(--muted); font-weight: 600; }
        .details dd { margin: 0; }
        .details a { color: var(--accent); }
        .sources { margin: 1.5rem 0 0; font-size: .875rem; color: var(--muted); }
        .sources summary { cursor: pointer; font-weight: 600; color: var(--ink); }
        .sources p { margin: .5rem 0; }
        .sources table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
        .sources th, .sources td { text-align: left; padding: .3rem .5rem .3rem 0; border-top: 1px solid var(--line); vertical-align: top; }
        .sources code { font: .8125rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--ink); }
        .sources data { text-decoration: none; cursor: auto; }
        footer { margin-top: 2rem; padding-top: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .8125rem; line-height: 1.5; }
        @media (max-width: 34rem) {
          main.summary { padding: 1.5rem 1rem 2.5rem; }
          .details .row { grid-template-columns: 1fr; gap: .1rem; }
          .takeaway { padding: .9rem 1rem; }
        }
        @media print { .takeaway, .details { break-inside: avoid; } data { text-decoration: none; } }

        """;
}
