using System.Globalization;
using System.Text.Json;
using Evident.Cli.Analysis;
using Evident.Cli.Output;
using Evident.Core;

namespace Evident.Cli.Reporting;

/// <summary>What one analysis run gives a report: the analyses, the issues and the run's <c>analyze --format json</c> document.</summary>
/// <param name="Outcomes">The analyses, in order.</param>
/// <param name="Issues">Every issue, in the order found.</param>
/// <param name="AnalysisJson">The JSON document <c>analyze --format json</c> writes for the same run.</param>
/// <param name="ExitCode">The run's exit code, as <c>analyze</c>'s.</param>
internal sealed record ReportRun(IReadOnlyList<OutcomeReport> Outcomes, IReadOnlyList<CliIssue> Issues, string AnalysisJson, int ExitCode)
{
    /// <summary>
    /// Runs the analysis exactly as <c>analyze</c> does (same numbers, same issues) and keeps its results; the issues
    /// are also printed on <paramref name="error"/>, one line each, as <c>analyze</c> prints them.
    /// </summary>
    public static ReportRun Execute(AnalyzeSettings settings, TextWriter error)
    {
        using var progress = new ProgressBar(error, enabled: false);
        using var analysis = new StringWriter(CultureInfo.InvariantCulture);
        List<OutcomeReport> outcomes;
        int exitCode;
        using (var sink = new Collector(analysis))
        {
            exitCode = new AnalysisRun(settings with { Format = OutputFormat.Json }, sink, progress).Execute();
            outcomes = sink.Outcomes;
        }

        var json = analysis.ToString();
        var issues = ReadIssues(json);
        foreach (var issue in issues)
        {
            error.WriteLine(issue.ToString());
        }

        return new ReportRun(outcomes, issues, json, exitCode);
    }

    /// <summary>The issues of an analysis document, back as records (the document is how <see cref="IssueSink"/> keeps them).</summary>
    private static List<CliIssue> ReadIssues(string json)
    {
        using var document = JsonDocument.Parse(json);
        static string? Text(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.String ? e.GetProperty(name).GetString() : null;
        return [.. document.RootElement.GetProperty("issues").EnumerateArray().Select(e => new CliIssue(
            Text(e, "file"),
            e.GetProperty("row").ValueKind == JsonValueKind.Number ? e.GetProperty("row").GetInt32() : null,
            Text(e, "column"),
            Text(e, "outcome"),
            Text(e, "code")!,
            Enum.Parse<IssueSeverity>(Text(e, "severity")!, ignoreCase: true),
            Text(e, "message")!))];
    }

    /// <summary>
    /// Writes the run's JSON document as <see cref="JsonSink"/> does (sharing its issue store) and keeps the analyses for
    /// the report; the <c>format</c> setting reads <c>report</c>.
    /// </summary>
    private sealed class Collector : ReportSink
    {
        private readonly JsonSink _json;

        public Collector(TextWriter output)
            : base(IssueSink.Create(OutputFormat.Json, _ => { }, batch: false))
        {
            _json = new JsonSink(output, Issues);
        }

        public List<OutcomeReport> Outcomes { get; } = [];

        public override void Begin(IReadOnlyList<(string Name, FieldValue Value)> settings, IReadOnlyList<string>? keyColumns)
            => _json.Begin([.. settings.Select(s => s.Name == "format" ? (s.Name, (FieldValue)"report") : s)], keyColumns);

        public override void Outcome(OutcomeReport outcome)
        {
            Outcomes.Add(outcome);
            _json.Outcome(outcome);
        }

        public override void End(BatchSummary? summary) => _json.End(summary);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _json.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
