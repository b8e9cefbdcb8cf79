using Evident.Analysis.Documents;

namespace Evident.Analysis.Output;

/// <summary>
/// Keeps a run's settings, analyses and issues in memory for a caller that goes on to use them (plots, reports,
/// summaries, the web app).
/// </summary>
public sealed class CollectingSink() : ReportSink(IssueSink.Collecting())
{
    private readonly List<OutcomeReport> _outcomes = [];

    /// <summary>Every option the run used (the document's <c>settings</c>).</summary>
    public SettingsDocument Settings { get; private set; } = new();

    /// <summary>The analyses, in the order they were done.</summary>
    public IReadOnlyList<OutcomeReport> Outcomes => _outcomes;

    /// <summary>Every issue, in the order found.</summary>
    public IReadOnlyList<AnalysisIssue> Issues => IssueStore.Collected;

    /// <inheritdoc/>
    public override void Begin(SettingsDocument settings, IReadOnlyList<string>? keyColumns) => Settings = settings;

    /// <inheritdoc/>
    public override void Outcome(OutcomeReport outcome) => _outcomes.Add(outcome);

    /// <inheritdoc/>
    public override void Complete(BatchSummary? summary)
    {
    }
}
