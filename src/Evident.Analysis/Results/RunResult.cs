using Evident.Analysis.Documents;
using Evident.Core;

namespace Evident.Analysis;

/// <summary>How a run ended.</summary>
/// <param name="Status">Whether anything was analysed, or the input could not be read.</param>
/// <param name="Summary">In batch mode, the run's counts (rows, analyses, issues by code); otherwise null.</param>
public sealed record RunResult(RunStatus Status, BatchSummary? Summary);

/// <summary>A run's analyses kept in memory (<see cref="Analyzer.Collect"/>).</summary>
/// <param name="InputName">The input's name as the issues carry it.</param>
/// <param name="Settings">What the run was asked to compute.</param>
/// <param name="SettingsUsed">Every option the run used (the document's <c>settings</c>).</param>
/// <param name="Outcomes">The analyses, in order.</param>
/// <param name="Issues">Every issue, in the order found.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="Summary">In batch mode, the run's counts.</param>
public sealed record AnalysisResults(
    string InputName,
    AnalyzeSettings Settings,
    SettingsDocument SettingsUsed,
    IReadOnlyList<OutcomeReport> Outcomes,
    IReadOnlyList<AnalysisIssue> Issues,
    RunStatus Status,
    BatchSummary? Summary)
{
    /// <summary>Whether any issue is an error.</summary>
    public bool HasErrors => Issues.Any(i => i.Severity == IssueSeverity.Error);
}
