using Evident.Cli.Analysis;

namespace Evident.Cli.Output;

/// <summary>
/// Where a run's results go, one analysis at a time, so a batch of any size is written as it is computed: the
/// document on stdout; for every format but JSON (which holds them in the document) the issues on stderr, one line
/// each, as they are found.
/// </summary>
internal abstract class ReportSink : IDisposable
{
    protected ReportSink(IssueSink issues) => Issues = issues;

    /// <summary>Where the issues go (stderr, or the JSON document).</summary>
    protected IssueSink Issues { get; }

    /// <summary>
    /// The sink for <paramref name="format"/>; <paramref name="errorLine"/> writes one line to stderr. In batch mode
    /// info issues (conversions and conventions, often one per study) are only counted on stderr, not printed; the
    /// JSON document holds them all.
    /// </summary>
    public static ReportSink Create(OutputFormat format, TextWriter output, Action<string> errorLine, bool batch, FlatSink.Shape shape = FlatSink.Shape.Outcomes)
    {
        var issues = IssueSink.Create(format, errorLine, batch);
        return format switch
        {
            OutputFormat.Json => new JsonSink(output, issues),
            OutputFormat.Csv => new FlatSink(output, issues, markdown: false, shape),
            OutputFormat.Md => new FlatSink(output, issues, markdown: true, shape),
            _ => new TextSink(output, issues),
        };
    }

    /// <summary>Starts the document: the settings used and, in batch mode, the key columns.</summary>
    public abstract void Begin(IReadOnlyList<(string Name, FieldValue Value)> settings, IReadOnlyList<string>? keyColumns);

    /// <summary>Whether <see cref="Outcome"/> writes the analyses' study rows (<see cref="OutcomeReport.Studies"/>).</summary>
    public virtual bool WritesStudies => true;

    /// <summary>Writes one analysis.</summary>
    public abstract void Outcome(OutcomeReport outcome);

    /// <summary>Reports one issue.</summary>
    public void Issue(CliIssue issue) => Issues.Issue(issue);

    /// <summary>Ends the document; <paramref name="summary"/> is given in batch mode.</summary>
    public abstract void End(BatchSummary? summary);

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
            Issues.Dispose();
        }
    }
}
