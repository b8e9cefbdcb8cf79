using Evident.Cli.Analysis;

namespace Evident.Cli.Output;

/// <summary>
/// Keeps a run's analyses in memory for a command that goes on to use them (plots, reports), with the issues on
/// stderr as <c>analyze</c> prints them.
/// </summary>
internal sealed class CollectingSink(Action<string> errorLine) : ReportSink(IssueSink.Create(OutputFormat.Text, errorLine, batch: false))
{
    private readonly List<OutcomeReport> _outcomes = [];

    /// <summary>The analyses, in the order they were done.</summary>
    public IReadOnlyList<OutcomeReport> Outcomes => _outcomes;

    /// <inheritdoc/>
    public override void Begin(IReadOnlyList<(string Name, FieldValue Value)> settings, IReadOnlyList<string>? keyColumns)
    {
    }

    /// <inheritdoc/>
    public override void Outcome(OutcomeReport outcome) => _outcomes.Add(outcome);

    /// <inheritdoc/>
    public override void End(BatchSummary? summary)
    {
    }
}
