using System.Collections.Immutable;

namespace Evident.Evidence.Summaries;

/// <summary>What a piece of text is, which says how it is rendered and whether a check should trace it.</summary>
public enum RunKind
{
    /// <summary>Plain words.</summary>
    Text,

    /// <summary>A number from the source: <see cref="Run.Source"/> gives its address and full-precision value.</summary>
    Number,

    /// <summary>A date in words ("January 2026"); <see cref="Run.Target"/> is its ISO 8601 form. Not a number to check.</summary>
    Date,

    /// <summary>A citation of a published rule (it may hold years, section numbers and thresholds). Not a number to check.</summary>
    Reference,

    /// <summary>Words set in bold (the outcome a result is about).</summary>
    Strong,

    /// <summary>A link to the source (a citation: not a number to check); <see cref="Run.Target"/> is its http(s) address.</summary>
    Link,
}

/// <summary>The address of a source value and the value itself, unrounded (invariant culture when written).</summary>
/// <param name="Path">The address (<see cref="Sources.SourcePath"/>), e.g. <c>outcomes/mep/estimate</c>.</param>
/// <param name="Value">The value as the source holds it (a published number as printed; an analysis value unrounded).</param>
/// <param name="Relation">"&lt;" or "&gt;" when the source gives the value only as a bound (a published "p &lt; 0.001").</param>
public readonly record struct SourceValue(string Path, double Value, string? Relation = null)
{
    /// <summary>The value as the "Source values" table shows it: the relation, if any, then every digit ("&lt; 0.001").</summary>
    public string Written => (Relation is null ? "" : Relation + " ") + Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A piece of text of one kind.</summary>
/// <param name="Text">The text as shown (a number as printed: "0.42", "−0.54", "&lt; 0.001").</param>
/// <param name="Kind">What it is.</param>
public sealed record Run(string Text, RunKind Kind = RunKind.Text)
{
    /// <summary>For a <see cref="RunKind.Number"/>: where the number came from.</summary>
    public SourceValue? Source { get; init; }

    /// <summary>For a <see cref="RunKind.Link"/> its address; for a <see cref="RunKind.Date"/> its ISO 8601 form.</summary>
    public string? Target { get; init; }
}

/// <summary>A paragraph (or list item, or table cell): text runs in order.</summary>
/// <param name="Runs">The runs.</param>
public sealed record Paragraph(ImmutableArray<Run> Runs)
{
    /// <summary>The paragraph as plain text.</summary>
    public string Text => string.Concat(Runs.Select(r => r.Text));

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>A titled part of the summary.</summary>
/// <param name="Id">Stable key: <c>design</c>, <c>results</c>, <c>limitations</c>, <c>in-practice</c>.</param>
/// <param name="Heading">The heading as shown.</param>
/// <param name="Paragraphs">Its paragraphs, or list items when <paramref name="IsList"/>.</param>
/// <param name="IsList">Whether the paragraphs are shown as a bulleted list.</param>
public sealed record SummarySection(string Id, string Heading, ImmutableArray<Paragraph> Paragraphs, bool IsList)
{
    /// <summary>
    /// Sub-headings, one before each paragraph (the results: one per outcome, its name), or empty. A name is a
    /// heading, not a sentence, so its words do not count in the text's reading level.
    /// </summary>
    public ImmutableArray<string> Subheadings { get; init; } = [];
}

/// <summary>One row of the study-details box.</summary>
/// <param name="Id">Stable key, e.g. <c>study-type</c>, <c>evidence-level</c>, <c>certainty</c>.</param>
/// <param name="Label">The label as shown.</param>
/// <param name="Value">The value.</param>
public sealed record DetailRow(string Id, string Label, Paragraph Value);

/// <summary>
/// A plain-language evidence summary as a document: the headline, the key takeaway, the sections (design and population,
/// results, limitations, in practice) and the study-details box. Every number in it is a <see cref="RunKind.Number"/>
/// run that carries the address and the full-precision value it came from, so a page can link each number to its
/// value and a check can trace it. Written by <see cref="EvidenceSummary.Write"/>; shown by <see cref="SummaryHtml"/>
/// and <see cref="SummaryMarkdown"/>.
/// </summary>
/// <param name="Headline">A declarative, hedged headline (no numbers).</param>
/// <param name="KeyTakeaway">One or two sentences, without recommendations.</param>
/// <param name="Sections">The body, in order.</param>
/// <param name="Details">The study-details box.</param>
/// <param name="Generator">"Evident 0.1.0".</param>
/// <param name="SourceFile">The file the evidence was read from.</param>
public sealed record Summary(
    string Headline,
    Paragraph KeyTakeaway,
    ImmutableArray<SummarySection> Sections,
    ImmutableArray<DetailRow> Details,
    string Generator,
    string SourceFile)
{
    /// <summary>The section with the given <see cref="SummarySection.Id"/>, or null.</summary>
    public SummarySection? Section(string id) => Sections.FirstOrDefault(s => s.Id == id);

    /// <summary>Every paragraph, in reading order: the key takeaway, the sections', then the details' values.</summary>
    public IEnumerable<Paragraph> Paragraphs => [KeyTakeaway, .. Sections.SelectMany(s => s.Paragraphs), .. Details.Select(d => d.Value)];

    /// <summary>Every source value the text shows, once per address, in order of first appearance.</summary>
    public ImmutableArray<SourceValue> SourceValues
        => [.. Paragraphs.SelectMany(p => p.Runs).Select(r => r.Source).OfType<SourceValue>().DistinctBy(v => v.Path)];
}
