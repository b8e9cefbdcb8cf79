using Evident.Analysis.Documents;

namespace Evident.Analysis.Output;

/// <summary>
/// Where a run's results go, one analysis at a time, so a batch of any size is written as it is computed: the
/// document on its writer; for every format but JSON (which holds them in the document) the issues to the caller, one
/// line each, as they are found.
/// </summary>
public abstract class ReportSink : IDisposable
{
    /// <summary>A sink whose issues go to <paramref name="issues"/>.</summary>
    protected ReportSink(IssueSink issues) => IssueStore = issues;

    /// <summary>Where the issues go (stderr, or the JSON document).</summary>
    protected IssueSink IssueStore { get; }

    /// <summary>
    /// The document writer for <paramref name="format"/> (JSON, CSV or Markdown) on <paramref name="output"/>, the
    /// issues going to <paramref name="issues"/> (see <see cref="IssueSink.Create"/>). Text for people is a front end's
    /// own: it derives from this class.
    /// </summary>
    public static ReportSink Create(OutputFormat format, TextWriter output, IssueSink issues, TableShape shape = TableShape.Outcomes) => format switch
    {
        OutputFormat.Json => new JsonSink(output, issues),
        OutputFormat.Csv => new FlatSink(output, issues, markdown: false, shape),
        OutputFormat.Md => new FlatSink(output, issues, markdown: true, shape),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Text output is written by the front end."),
    };

    /// <summary>Starts the document: the settings used and, in batch mode, the key columns.</summary>
    public abstract void Begin(SettingsDocument settings, IReadOnlyList<string>? keyColumns);

    /// <summary>
    /// Whether the document is begun (<see cref="Begin"/>) when the input cannot be read at all: a JSON document then
    /// still says why in its issues; a table (CSV, Markdown) is left empty rather than a header with no rows.
    /// </summary>
    public virtual bool BeginsWhenUnreadable => true;

    /// <summary>Whether <see cref="Outcome"/> writes the analyses' study rows (<see cref="OutcomeReport.Studies"/>).</summary>
    public virtual bool WritesStudies => true;

    /// <summary>Writes one analysis.</summary>
    public abstract void Outcome(OutcomeReport outcome);

    /// <summary>Reports one issue.</summary>
    public void Issue(AnalysisIssue issue) => IssueStore.Issue(issue);

    /// <summary>Ends the document; <paramref name="summary"/> is given in batch mode.</summary>
    public abstract void Complete(BatchSummary? summary);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases temporary storage.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            IssueStore.Dispose();
        }
    }
}
