using System.Text.Json.Serialization;

namespace Evident.Analysis.Documents;

/// <summary>
/// The analysis document <c>evident analyze --format json</c> writes (and <c>bias</c>, <c>sensitivity</c>; a report's JSON
/// is one with more fields): <c>{"settings": {…}, "outcomes": […], "issues": […]}</c>, plus <c>"summary"</c> in batch
/// mode. These records are its contract: the JSON, CSV and Markdown writers and the readers (the evidence summary, the
/// checker) all go through them.
/// </summary>
public sealed record AnalysisDocument
{
    /// <summary>The JSON name of <see cref="Settings"/>.</summary>
    public const string SettingsName = "settings";

    /// <summary>The JSON name of <see cref="Outcomes"/>.</summary>
    public const string OutcomesName = "outcomes";

    /// <summary>The JSON name of <see cref="Issues"/>.</summary>
    public const string IssuesName = "issues";

    /// <summary>The JSON name of <see cref="Summary"/>.</summary>
    public const string SummaryName = "summary";

    /// <summary>Every option the run used.</summary>
    [JsonPropertyName(SettingsName)]
    public SettingsDocument Settings { get; init => field = value ?? new(); } = new();

    /// <summary>The analyses, in order.</summary>
    [JsonPropertyName(OutcomesName)]
    public IReadOnlyList<OutcomeDocument> Outcomes { get; init => field = value ?? []; } = [];

    /// <summary>Every issue, in the order found.</summary>
    [JsonPropertyName(IssuesName)]
    public IReadOnlyList<IssueDocument> Issues { get; init => field = value ?? []; } = [];

    /// <summary>In batch mode: the run's counts; absent otherwise.</summary>
    [JsonPropertyName(SummaryName)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SummaryDocument? Summary { get; init; }

    /// <summary>
    /// The document of a run kept in memory (<see cref="Analyzer.Collect"/>), as <see cref="Output.JsonSink"/> writes it;
    /// <paramref name="format"/>, when given, replaces the <c>format</c> setting (a report's document says <c>report</c>).
    /// </summary>
    public static AnalysisDocument From(AnalysisResults results, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new AnalysisDocument
        {
            Settings = format is null ? results.SettingsUsed : results.SettingsUsed with { Format = format },
            Outcomes = [.. results.Outcomes.Select(OutcomeDocument.From)],
            Issues = [.. results.Issues.Select(IssueDocument.From)],
            Summary = results.Summary is { } summary ? SummaryDocument.From(summary) : null,
        };
    }

    /// <summary>
    /// Reads a document from <paramref name="text"/> (<paramref name="file"/> names it in the error): what the text has,
    /// members it does not know skipped (a report's JSON reads as its analysis), fields it lacks null or empty. A text
    /// that is not JSON, or a value not of its field's type, gives a located error instead.
    /// </summary>
    public static DocumentRead Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        return DocumentJson.Read(text, file);
    }
}

/// <summary>One element of the document's <c>issues</c>.</summary>
public sealed record IssueDocument
{
    /// <summary>The input file as given, or null.</summary>
    [JsonPropertyName("file")]
    public string? File { get; init; }

    /// <summary>1-based line where the record starts (header = 1), or null for issues of a whole analysis or file.</summary>
    [JsonPropertyName("row")]
    public int? Row { get; init; }

    /// <summary>The column as written in the file, or null.</summary>
    [JsonPropertyName("column")]
    public string? Column { get; init; }

    /// <summary>The outcome it belongs to, or null.</summary>
    [JsonPropertyName("outcome")]
    public string? Outcome { get; init; }

    /// <summary>Stable kebab-case code.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    /// <summary><c>info</c>, <c>warning</c> or <c>error</c>.</summary>
    [JsonPropertyName("severity")]
    public string? Severity { get; init; }

    /// <summary>A sentence for people.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>In batch mode: the key of the analysis it belongs to; absent otherwise.</summary>
    [JsonPropertyName("key")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonConverter(typeof(TextPairsConverter))]
    public IReadOnlyList<KeyValuePair<string, string>>? Key { get; init; }

    /// <summary>The document of <paramref name="issue"/>.</summary>
    public static IssueDocument From(AnalysisIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return new IssueDocument
        {
            File = issue.File,
            Row = issue.Row,
            Column = issue.Column,
            Outcome = issue.Outcome,
            Code = issue.Code,
            Severity = issue.Severity.ToString().ToLowerInvariant(),
            Message = issue.Message,
            Key = issue.Key is { } key ? DocumentValues.Pairs(key.Columns, key.Values) : null,
        };
    }
}

/// <summary>The document's <c>summary</c> (batch mode): the counts the command prints at the end.</summary>
public sealed record SummaryDocument
{
    /// <summary>Data rows read.</summary>
    [JsonPropertyName("rows")]
    public int? Rows { get; init; }

    /// <summary>Rows whose effect size entered a fitted analysis.</summary>
    [JsonPropertyName("rows_used")]
    public int? RowsUsed { get; init; }

    /// <summary>The other rows, counted by the code of the issue that reports them.</summary>
    [JsonPropertyName("rows_not_used")]
    [JsonConverter(typeof(CountPairsConverter))]
    public IReadOnlyList<KeyValuePair<string, int>> RowsNotUsed { get; init => field = value ?? []; } = [];

    /// <summary>Rows per inferred data type.</summary>
    [JsonPropertyName("rows_by_type")]
    [JsonConverter(typeof(CountPairsConverter))]
    public IReadOnlyList<KeyValuePair<string, int>> RowsByType { get; init => field = value ?? []; } = [];

    /// <summary>Groups of rows (distinct keys).</summary>
    [JsonPropertyName("analyses")]
    public int? Analyses { get; init; }

    /// <summary>Analyses fitted.</summary>
    [JsonPropertyName("analyses_fitted")]
    public int? AnalysesFitted { get; init; }

    /// <summary>Fitted analyses per measure.</summary>
    [JsonPropertyName("analyses_by_measure")]
    [JsonConverter(typeof(CountPairsConverter))]
    public IReadOnlyList<KeyValuePair<string, int>> AnalysesByMeasure { get; init => field = value ?? []; } = [];

    /// <summary>Issues per code.</summary>
    [JsonPropertyName("issues_by_code")]
    [JsonConverter(typeof(CountPairsConverter))]
    public IReadOnlyList<KeyValuePair<string, int>> IssuesByCode { get; init => field = value ?? []; } = [];

    /// <summary>The document of <paramref name="summary"/>.</summary>
    public static SummaryDocument From(BatchSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new SummaryDocument
        {
            Rows = summary.Rows,
            RowsUsed = summary.RowsUsed,
            RowsNotUsed = summary.RowsNotUsed,
            RowsByType = summary.RowsByType,
            Analyses = summary.Analyses,
            AnalysesFitted = summary.Fitted,
            AnalysesByMeasure = summary.FittedByMeasure,
            IssuesByCode = summary.IssuesByCode,
        };
    }
}
