using System.Globalization;
using System.Text.RegularExpressions;
using Evident.Rendering.Drawing;
using Evident.Review.Prisma;

namespace Evident.Rendering.Prisma;

/// <summary>How a PRISMA 2020 flow diagram is drawn.</summary>
/// <param name="MaxTextWidth">The widest a box's text may run before it wraps, in drawing units (boxes are narrower when their text is).</param>
/// <param name="Title">A title above the diagram; null for none.</param>
public sealed record PrismaOptions(double MaxTextWidth = 215, string? Title = null);

/// <summary>
/// The PRISMA 2020 flow diagram (Page et al., BMJ 2021;372:n71, figure 1) laid out as the published templates and the
/// PRISMA2020 package draw it (Haddaway et al., Campbell Syst Rev 2022;18:e1230): the column of new studies via
/// databases and registers (identification, records removed before screening, screening, retrieval, eligibility with
/// the reasons for exclusion, inclusion), with the previous-studies column of an update and the other-methods column
/// (websites, organisations, citation searching) when they have data (<see cref="PrismaCounts.HasPrevious"/>,
/// <see cref="PrismaCounts.HasOtherMethods"/>); the phases labelled on the left in light-blue bars, their names turned
/// upright as the template and PRISMA2020 write them (a phase is made taller if its name needs it). Boxes are sized from their measured
/// text, which wraps at <see cref="PrismaOptions.MaxTextWidth"/>. It draws the counts as given: check them first with
/// <see cref="PrismaChecks"/>.
/// </summary>
public static partial class PrismaDiagram
{
    private const double Margin = 14;
    private const double Pad = 8;
    private const double Indent = 12;
    private const double ColumnGap = 36;
    private const double PhaseGap = 14;
    private const double RowGap = 30;
    private const double TitleGap = 16;
    private const double HeadLength = 7;
    private const double HeadHalfWidth = 3.5;

    private static readonly TextStyle Body = new(11);
    private static readonly TextStyle Heading = new(11, Bold: true);
    private static readonly double LineHeight = Body.Size * 1.32;
    private static readonly double FontHeight = Canvas.Measure("Ag", Body).Height;
    private static readonly Color MainTitleFill = Color.FromHex("#ffc125"); // PRISMA2020's title_colour "Goldenrod1"
    private static readonly Color GreyTitleFill = Color.FromHex("#dcdcdc"); // its greybox_colour "Gainsboro"
    private static readonly Color PhaseFill = Color.FromHex("#a4c2f4"); // the template's light-blue phase bars
    private static readonly Stroke BoxStroke = new(Color.Black, 1);
    private static readonly Stroke ArrowStroke = new(Color.Black, 1.1);

    /// <summary>Draws the diagram.</summary>
    public static Drawing.Drawing Draw(PrismaCounts counts, PrismaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        options ??= new();
        var c = counts;
        var nodes = new List<Node>();
        Node Add(string cls, int col, int row, IEnumerable<TextLine> lines, Color? fill = null, int span = 1, bool title = false)
        {
            var node = new Node(cls, col, row, [.. lines], fill ?? Color.White, span, title);
            nodes.Add(node);
            return node;
        }

        // Columns: [previous] main-left main-right [other-left other-right].
        var p = 0;
        var m = c.HasPrevious ? 1 : 0;
        var o = m + 2;
        var columns = o + (c.HasOtherMethods ? 2 : 0);
        const int Titles = 0, Identification = 1, Screened = 2, Sought = 3, Assessed = 4, Included = 5, MetaAnalysis = 6;

        if (c.HasPrevious)
        {
            Add("title-previous", p, Titles, [new(c.Label("prevstud"), 0)], GreyTitleFill, title: true);
        }

        Add("title-databases", m, Titles, [new(c.Label("newstud"), 0)], MainTitleFill, span: 2, title: true);
        if (c.HasOtherMethods)
        {
            Add("title-other", o, Titles, [new(c.Label("othstud"), 0)], GreyTitleFill, span: 2, title: true);
        }

        var previous = c.HasPrevious
            ? Add("box-previous", p, Identification, [Count(c, "previous_studies", c.PreviousStudies), Count(c, "previous_reports", c.PreviousReports)])
            : null;

        var identified = Add("box-identified", m, Identification,
        [
            new("Records identified from:", 0),
            Count(c, "database_results", c.DatabaseResults ?? PrismaCounts.Sum(c.Databases), Indent),
            .. c.Databases.Select(d => Entry(d, 2 * Indent)),
            Count(c, "register_results", c.RegisterResults ?? PrismaCounts.Sum(c.Registers), Indent),
            .. c.Registers.Select(d => Entry(d, 2 * Indent)),
        ]);
        var removed = Add("box-removed", m + 1, Identification,
        [
            new("Records removed before screening:", 0),
            Count(c, "duplicates", c.Duplicates, Indent),
            Count(c, "excluded_automatic", c.ExcludedAutomatic, Indent),
            Count(c, "excluded_other", c.ExcludedOther, Indent),
        ]);
        var screened = Add("box-screened", m, Screened, [Count(c, "records_screened", c.RecordsScreened)]);
        var recordsExcluded = Add("box-records-excluded", m + 1, Screened, [Count(c, "records_excluded", c.RecordsExcluded)]);
        var sought = Add("box-sought", m, Sought, [Count(c, "dbr_sought_reports", c.DbrSoughtReports)]);
        var notRetrieved = Add("box-not-retrieved", m + 1, Sought, [Count(c, "dbr_notretrieved_reports", c.DbrNotRetrievedReports)]);
        var assessed = Add("box-assessed", m, Assessed, [Count(c, "dbr_assessed", c.DbrAssessed)]);
        var excluded = Add("box-excluded", m + 1, Assessed, Reasons(c, "dbr_excluded", c.DbrExcluded));

        // A review that is not an update says "Studies included in review", as the template for new reviews does.
        string IncludedLabel(string key, string newReview) => !c.HasPrevious && c.Label(key) == PrismaCounts.DefaultLabels[key] ? newReview : c.Label(key);
        var included = Add("box-included", m, Included,
        [
            new($"{IncludedLabel("new_studies", "Studies included in review")} {N(c.NewStudies)}", 0),
            new($"{IncludedLabel("new_reports", "Reports of included studies")} {N(c.NewReports)}", 0),
        ]);
        var total = c.HasPrevious ? Add("box-total", p, Included, [Count(c, "total_studies", c.TotalStudies), Count(c, "total_reports", c.TotalReports)]) : null;
        var meta = c.HasMetaAnalysis
            ? Add("box-meta-analysis", c.HasPrevious ? p : m, MetaAnalysis, [Count(c, "total_studies_ma", c.TotalStudiesMa), Count(c, "total_reports_ma", c.TotalReportsMa)])
            : null;

        Node? otherIdentified = null, otherSought = null, otherNotRetrieved = null, otherAssessed = null, otherExcluded = null;
        if (c.HasOtherMethods)
        {
            otherIdentified = Add("box-other-identified", o, Identification,
            [
                new("Records identified from:", 0),
                Count(c, "website_results", c.WebsiteResults, Indent),
                Count(c, "organisation_results", c.OrganisationResults, Indent),
                Count(c, "citations_results", c.CitationsResults, Indent),
            ]);
            otherSought = Add("box-other-sought", o, Sought, [Count(c, "other_sought_reports", c.OtherSoughtReports)]);
            otherNotRetrieved = Add("box-other-not-retrieved", o + 1, Sought, [Count(c, "other_notretrieved_reports", c.OtherNotRetrievedReports)]);
            otherAssessed = Add("box-other-assessed", o, Assessed, [Count(c, "other_assessed", c.OtherAssessed)]);
            otherExcluded = Add("box-other-excluded", o + 1, Assessed, Reasons(c, "other_excluded", c.OtherExcluded));
        }

        // Widths: every box column is as wide as the widest text needs, up to the wrapping width (or the longest word).
        var bodyNodes = nodes.Where(n => !n.Title).ToList();
        var textWidth = Math.Min(options.MaxTextWidth, bodyNodes.SelectMany(n => n.Lines).Max(l => l.Indent + Canvas.Measure(l.Text, l.Style).Width));
        textWidth = Math.Max(textWidth, bodyNodes.SelectMany(n => n.Lines).Max(l => l.Indent + (Indent / 2) + LongestWord(l, options.MaxTextWidth)));
        var boxWidth = Math.Ceiling(textWidth + (2 * Pad));

        var phases = new[] { ("identification", Identification, Identification), ("screening", Screened, Assessed), ("included", Included, meta is null ? Included : MetaAnalysis) };
        var phaseWidth = Math.Ceiling(Canvas.Measure("Ag", Heading).Height + (2 * Pad));
        var left = Margin + phaseWidth + PhaseGap;
        double ColumnX(int col) => left + (col * (boxWidth + ColumnGap));

        foreach (var node in nodes)
        {
            node.Width = (node.Span * boxWidth) + ((node.Span - 1) * ColumnGap);
            node.Wrapped = Wrap(node.Lines, node.Width - (2 * Pad));
        }

        // Heights: the boxes of a row share the tallest one's height.
        var rowCount = meta is null ? MetaAnalysis : MetaAnalysis + 1;
        var rowTop = new double[rowCount];
        var rowHeight = new double[rowCount];
        var y = Margin + FigureTitle.Height(options.Title);

        for (var r = 0; r < rowCount; r++)
        {
            var inRow = nodes.Where(n => n.Row == r).ToList();
            rowHeight[r] = inRow.Count == 0 ? 0 : inRow.Max(n => (n.Wrapped.Count * LineHeight) - (LineHeight - FontHeight) + (2 * Pad));
        }

        // A phase's rows share out what its upright name needs beyond their height.
        foreach (var (key, first, last) in phases)
        {
            var span = Enumerable.Range(first, last - first + 1).Sum(r => rowHeight[r]) + ((last - first) * RowGap);
            var missing = Canvas.Measure(c.Label(key), Heading).Width + (2 * Pad) - span;
            for (var r = first; r <= last && missing > 0; r++)
            {
                rowHeight[r] += Math.Ceiling(missing / (last - first + 1));
            }
        }

        for (var r = 0; r < rowCount; r++)
        {
            rowTop[r] = y;
            y += rowHeight[r] + (r == Titles ? TitleGap : RowGap);
        }

        foreach (var node in nodes)
        {
            (node.X, node.Y, node.Height) = (ColumnX(node.Column), rowTop[node.Row], rowHeight[node.Row]);
        }

        var width = Math.Max(ColumnX(columns) - ColumnGap, Margin + FigureTitle.Width(options.Title)) + Margin;
        var height = y - RowGap + Margin;
        var canvas = new Canvas();
        FigureTitle.Draw(canvas, Margin, Margin, options.Title);

        // Phase labels on the left, spanning their rows.
        foreach (var (key, first, last) in phases)
        {
            var top = rowTop[first];
            var bottom = rowTop[last] + rowHeight[last];
            canvas.Rect(Margin, top, phaseWidth, bottom - top, PhaseFill, null, "phase");
            canvas.TextVertical(Margin + (phaseWidth / 2), (top + bottom) / 2, c.Label(key), Heading, TextAnchor.Middle, "phase-label");
        }

        foreach (var node in nodes)
        {
            canvas.Rect(node.X, node.Y, node.Width, node.Height, node.Fill, BoxStroke, node.Class);
            var blockHeight = node.Wrapped.Count * LineHeight;
            var first = node.Y + ((node.Height - blockHeight) / 2) + (LineHeight / 2);
            for (var i = 0; i < node.Wrapped.Count; i++)
            {
                var (text, indent, style) = node.Wrapped[i];
                var middle = first + (i * LineHeight);
                if (node.Title)
                {
                    canvas.TextCentred(node.X + (node.Width / 2), middle, text, style, TextAnchor.Middle, node.Class + "-text");
                }
                else
                {
                    canvas.TextCentred(node.X + Pad + indent, middle, text, style, TextAnchor.Start, node.Class + "-text");
                }
            }
        }

        // Arrows: down each column, across to the boxes of what was removed or excluded.
        Down(canvas, identified, screened);
        Down(canvas, screened, sought);
        Down(canvas, sought, assessed);
        Down(canvas, assessed, included);
        Across(canvas, identified, removed);
        Across(canvas, screened, recordsExcluded);
        Across(canvas, sought, notRetrieved);
        Across(canvas, assessed, excluded);
        if (previous is not null && total is not null)
        {
            Down(canvas, previous, total);
            Arrow(canvas, new(included.X, Middle(included)), new(total.X + total.Width, Middle(included)));
        }

        if (meta is not null)
        {
            Down(canvas, total ?? included, meta);
        }

        if (otherIdentified is not null && otherSought is not null && otherNotRetrieved is not null && otherAssessed is not null && otherExcluded is not null)
        {
            Down(canvas, otherIdentified, otherSought);
            Down(canvas, otherSought, otherAssessed);
            Across(canvas, otherSought, otherNotRetrieved);
            Across(canvas, otherAssessed, otherExcluded);
            var x = Centre(otherAssessed);
            var yIncluded = Middle(included);
            canvas.Polyline([new(x, otherAssessed.Y + otherAssessed.Height), new(x, yIncluded), new(included.X + included.Width + HeadLength, yIncluded)], ArrowStroke, "arrow");
            Arrow(canvas, new(included.X + included.Width + HeadLength + 1, yIncluded), new(included.X + included.Width, yIncluded));
        }

        return canvas.Build(width, height, options.Title ?? "PRISMA 2020 flow diagram");
    }

    /// <summary>"Records screened (n = 1180)": the box's wording and its count.</summary>
    private static TextLine Count(PrismaCounts counts, string key, long? n, double indent = 0) => new($"{counts.Label(key)} {N(n)}", indent);

    private static TextLine Entry(NamedCount entry, double indent)
        => new(entry.Name is null ? $"(n = {entry.Text})" : $"{entry.Name} (n = {entry.Text})", indent);

    /// <summary>"Reports excluded (n = 40):" with one line per reason (the total in the heading, as PRISMA2020 issue 84 asks).</summary>
    private static List<TextLine> Reasons(PrismaCounts counts, string key, IReadOnlyList<NamedCount> reasons)
    {
        if (reasons.Count == 0 || (reasons.Count == 1 && reasons[0].Name is null))
        {
            return [new($"{counts.Label(key)} (n = {(reasons.Count == 0 ? string.Empty : reasons[0].Text)})", 0)];
        }

        // At most MaxReasons reasons are listed; the rest are counted in one line, so no list sizes the diagram beyond that.
        var total = PrismaCounts.Sum(reasons);
        var shown = reasons.Take(reasons.Count > MaxReasons ? MaxReasons - 1 : MaxReasons).Select(r => Entry(r, Indent)).ToList();
        if (reasons.Count > MaxReasons)
        {
            var rest = reasons.Skip(MaxReasons - 1).ToList();
            var word = Fonts.Ellipsis + " " + rest.Count.ToString(CultureInfo.InvariantCulture) + " more reasons";
            shown.Add(new(PrismaCounts.Sum(rest) is { } r ? $"{word} {N(r)}" : word, Indent));
        }

        return [new(total is { } t ? $"{counts.Label(key)} {N(t)}:" : $"{counts.Label(key)}:", 0), .. shown];
    }

    private static string N(long? n) => $"(n = {(n is { } v ? v.ToString(CultureInfo.InvariantCulture) : string.Empty)})";

    private static double LongestWord(TextLine line, double width) => Words(line.Text).Max(w => Canvas.Measure(w, line.Style, width - line.Indent - (Indent / 2)).Width);

    /// <summary>The words a line may wrap between; a count "(n = 12)" stays whole.</summary>
    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"\(n = [^)]*\):?|\S+")]
    private static partial Regex WordPattern();

    /// <summary>
    /// Wraps each line at spaces to fit <paramref name="width"/>; continuation lines hang a little further in. A line
    /// wraps to at most <see cref="MaxWrappedLines"/> lines, the last ending in an ellipsis when the text runs on, so no
    /// text (however long) sizes the diagram beyond that.
    /// </summary>
    private static List<(string Text, double Indent, TextStyle Style)> Wrap(IReadOnlyList<TextLine> lines, double width)
    {
        var wrapped = new List<(string, double, TextStyle)>();
        foreach (var line in lines)
        {
            var indent = line.Indent;
            var current = string.Empty;
            var count = 0;
            foreach (var whole in Words(line.Text))
            {
                // A word wider than the box is cut to fit it.
                var word = Fonts.Fit(whole, line.Style, width - line.Indent - (Indent / 2));
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && indent + Canvas.Measure(candidate, line.Style).Width > width)
                {
                    if (++count == MaxWrappedLines)
                    {
                        current = Shortened(current, indent, width, line.Style);
                        break;
                    }

                    wrapped.Add((current, indent, line.Style));
                    indent = line.Indent + (Indent / 2);
                    current = word;
                }
                else
                {
                    current = candidate;
                }
            }

            wrapped.Add((current, indent, line.Style));
        }

        return wrapped;
    }

    /// <summary>The most reasons a box lists one by one.</summary>
    private const int MaxReasons = 20;

    /// <summary>The most lines one text of a box wraps to.</summary>
    private const int MaxWrappedLines = 8;

    /// <summary><paramref name="text"/> with words dropped from its end until it fits <paramref name="width"/> with an ellipsis after it.</summary>
    private static string Shortened(string text, double indent, double width, TextStyle style)
    {
        var words = Words(text).ToList();
        while (words.Count > 1 && indent + Canvas.Measure(string.Join(' ', words) + " " + Fonts.Ellipsis, style).Width > width)
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Join(' ', words) + " " + Fonts.Ellipsis;
    }

    private static double Centre(Node node) => node.X + (node.Width / 2);

    private static double Middle(Node node) => node.Y + (node.Height / 2);

    private static void Down(Canvas canvas, Node from, Node to) => Arrow(canvas, new(Centre(from), from.Y + from.Height), new(Centre(from), to.Y));

    private static void Across(Canvas canvas, Node from, Node to) => Arrow(canvas, new(from.X + from.Width, Middle(from)), new(to.X, Middle(from)));

    /// <summary>A straight arrow with a filled head at <paramref name="to"/>.</summary>
    private static void Arrow(Canvas canvas, Point from, Point to)
    {
        var (dx, dy) = (to.X - from.X, to.Y - from.Y);
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        var (ux, uy) = (dx / length, dy / length);
        var baseX = to.X - (ux * HeadLength);
        var baseY = to.Y - (uy * HeadLength);
        canvas.Line(from.X, from.Y, baseX + (ux * 0.5), baseY + (uy * 0.5), ArrowStroke, "arrow");
        canvas.Polygon(
            [to, new(baseX - (uy * HeadHalfWidth), baseY + (ux * HeadHalfWidth)), new(baseX + (uy * HeadHalfWidth), baseY - (ux * HeadHalfWidth))],
            Color.Black, null, "arrow-head");
    }

    /// <summary>A line of a box's text before wrapping.</summary>
    private sealed record TextLine(string Text, double Indent, bool Bold = false)
    {
        public TextStyle Style => Bold ? Heading : Body;
    }

    /// <summary>A box: its place in the grid, its text and, once laid out, its position and size.</summary>
    private sealed class Node(string cls, int column, int row, List<TextLine> lines, Color fill, int span, bool title)
    {
        public string Class { get; } = cls;
        public int Column { get; } = column;
        public int Row { get; } = row;
        public List<TextLine> Lines { get; } = title ? [.. lines.Select(l => l with { Bold = true })] : lines;
        public Color Fill { get; } = fill;
        public int Span { get; } = span;
        public bool Title { get; } = title;
        public List<(string Text, double Indent, TextStyle Style)> Wrapped { get; set; } = [];
        public double X { get; set; }
        public double Y { get; set; }
        public double Width { get; set; }
        public double Height { get; set; }
    }
}
