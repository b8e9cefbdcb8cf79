
using Evident.Analysis;

namespace Evident.Rendering.Reports;

/// <summary>
/// An analysis report as content, independent of its format: what <see cref="ReportComposer"/> decided to say, which
/// <see cref="HtmlReport"/>, <see cref="MarkdownReport"/> and <see cref="JsonReport"/> only render. Every text is plain
/// text as the user or the analysis gave it; escaping is the renderers' job.
/// </summary>
/// <param name="Title">The report's title (<c>--title</c>, or one made from the input file's name).</param>
/// <param name="InputName">The input file's name (without its folder).</param>
/// <param name="Generated">When the report was made.</param>
/// <param name="Version">Evident's version.</param>
/// <param name="Methods">The methods paragraph, made from the settings actually used.</param>
/// <param name="References">The reference-list entries of the sources the methods paragraph cites, in alphabetical order.</param>
/// <param name="Outcomes">Per analysed outcome, what the report says about it.</param>
/// <param name="Issues">Every issue of the run, in the order they were found.</param>
public sealed record ReportDocument(
    string Title,
    string InputName,
    DateTimeOffset Generated,
    string Version,
    string Methods,
    IReadOnlyList<string> References,
    IReadOnlyList<OutcomeSection> Outcomes,
    IReadOnlyList<AnalysisIssue> Issues)
{
    /// <summary>The run's date and time as the report prints it (UTC, to the minute).</summary>
    public string GeneratedText => Generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Located warnings made while composing (a study without a risk-of-bias row), for the front end to show; not part of the report.</summary>
    public IReadOnlyList<AnalysisIssue> Warnings { get; init; } = [];

    /// <summary>The study-selection section's content (the PRISMA 2020 flow diagram of <c>--prisma</c>); empty for none.</summary>
    public IReadOnlyList<ReportBlock> Selection { get; init; } = [];

    /// <summary>The heading of the study-selection section.</summary>
    public const string SelectionHeading = "Study selection";

    /// <summary>The heading of the methods section.</summary>
    public const string MethodsHeading = "Methods";

    /// <summary>The heading of the issues section.</summary>
    public const string IssuesHeading = "Input issues";

    /// <summary>The heading of the reference list.</summary>
    public const string ReferencesHeading = "References";

    /// <summary>The sentence the issues section opens with: how many issues of each severity, or that there are none.</summary>
    public string IssuesSummary => ReportComposer.IssuesSummary(Issues);

    /// <summary>The facts printed under the title: input file, date, software, number of outcomes.</summary>
    public IReadOnlyList<(string Name, string Value)> Facts =>
    [
        ("Input file", InputName),
        ("Date", GeneratedText),
        ("Software", $"Evident {Version}"),
        ("Outcomes", Outcomes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}

/// <summary>What the report says about one outcome: its heading, blocks, and the I² interpretation (also in the JSON).</summary>
/// <param name="Report">The analysis, as <c>analyze</c> reports it.</param>
/// <param name="Heading">The section's heading.</param>
/// <param name="Blocks">The section's content, in order.</param>
/// <param name="I2Bands">The Cochrane Handbook bands I² lies in (one or two).</param>
/// <param name="I2Interpretation">The sentence saying so.</param>
public sealed record OutcomeSection(
    OutcomeReport Report, string Heading, IReadOnlyList<ReportBlock> Blocks, IReadOnlyList<HeterogeneityBand> I2Bands, string I2Interpretation);

/// <summary>A piece of a report's content.</summary>
public abstract record ReportBlock;

/// <summary>A heading within an outcome's section.</summary>
/// <param name="Text">The heading.</param>
public sealed record SubheadingBlock(string Text) : ReportBlock;

/// <summary>A paragraph.</summary>
/// <param name="Text">The paragraph.</param>
public sealed record ParagraphBlock(string Text) : ReportBlock;

/// <summary>A note a reader needs to weigh the results (guidance such as too few studies for a test).</summary>
/// <param name="Text">The note.</param>
public sealed record NoteBlock(string Text) : ReportBlock;

/// <summary>What a table column holds, for its alignment and wrapping.</summary>
public enum ColumnKind
{
    /// <summary>Short text that may wrap at spaces.</summary>
    Text,

    /// <summary>Numbers (right-aligned, never wrapped).</summary>
    Number,

    /// <summary>A name that labels the row (kept readable: it wraps only at spaces, and has room).</summary>
    Label,

    /// <summary>A code or keyword (never wrapped).</summary>
    Code,

    /// <summary>Sentences (given room to read).</summary>
    Prose,
}

/// <summary>A table column: its header and what its cells hold.</summary>
/// <param name="Header">The header.</param>
/// <param name="Kind">What the cells hold.</param>
public sealed record TableColumn(string Header, ColumnKind Kind = ColumnKind.Text)
{
    /// <summary>Whether the cells are numbers (right-aligned).</summary>
    public bool Numeric => Kind == ColumnKind.Number;
}

/// <summary>A table.</summary>
/// <param name="Caption">What the table shows.</param>
/// <param name="Columns">The columns.</param>
/// <param name="Rows">The rows, one cell per column.</param>
public sealed record TableBlock(string Caption, IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock;

/// <summary>A plot drawn by Evident.Rendering, as SVG text (every text in it XML-escaped by <c>SvgWriter</c>).</summary>
/// <param name="FileSuffix">The name a separate file of it takes after the report's own name, e.g. <c>forest-TB</c>.</param>
/// <param name="Svg">The SVG document.</param>
/// <param name="Width">Its width in CSS pixels.</param>
/// <param name="Caption">What it shows.</param>
public sealed record FigureBlock(string FileSuffix, string Svg, double Width, string Caption) : ReportBlock;
