using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Evident.Analysis.Documents;

namespace Evident.Analysis.Output;

/// <summary>
/// The JSON document <c>{"settings":{…},"outcomes":[…],"issues":[…]}</c> (plus <c>"summary"</c> in batch mode),
/// written as the analyses finish. Issues, which the document lists after the outcomes, wait in the
/// <see cref="IssueSink"/>. Doubles are written with round-trip precision; a value that does not
/// exist (null, NaN, ±∞) is <c>null</c>.
/// </summary>
public sealed class JsonSink : ReportSink
{
    /// <summary>How the documents are written: indented, non-ASCII as is.</summary>
    public static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Utf8JsonWriter _json;
    private Passed _passed;

    /// <summary>A document written to <paramref name="output"/>, its issues kept in <paramref name="issues"/> until the end.</summary>
    public JsonSink(TextWriter output, IssueSink issues)
        : base(issues)
    {
        _output = output;
        _json = new Utf8JsonWriter(_buffer, Indented);
    }

    /// <summary>
    /// Writes the JSON document of a run kept in memory (<see cref="Analyzer.Collect"/>), exactly as a
    /// <see cref="JsonSink"/> given to <see cref="Analyzer.Run"/> writes it; <paramref name="format"/>, when given, replaces
    /// the <c>format</c> setting (a report's JSON says <c>report</c>).
    /// </summary>
    public static void Write(AnalysisResults results, TextWriter output, string? format = null) => Write(AnalysisDocument.From(results, format), output);

    /// <summary>Writes <paramref name="document"/> exactly as a <see cref="JsonSink"/> given to <see cref="Analyzer.Run"/> writes it.</summary>
    public static void Write(AnalysisDocument document, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        using var sink = new JsonSink(output, IssueSink.Create(OutputFormat.Json, _ => { }, document.Summary is not null));
        sink.Begin(document.Settings, null);
        foreach (var outcome in document.Outcomes)
        {
            sink.Outcome(outcome);
        }

        foreach (var issue in document.Issues)
        {
            sink.IssueStore.Spool(issue);
        }

        sink.End(document.Summary);
    }

    /// <inheritdoc/>
    public override void Begin(SettingsDocument settings, IReadOnlyList<string>? keyColumns)
    {
        _json.WriteStartObject();
        _json.WritePropertyName(AnalysisDocument.SettingsName);
        JsonSerializer.Serialize(_json, settings, DocumentJson.Settings);
        _json.WriteStartArray(AnalysisDocument.OutcomesName);
        Drain();
        _passed = Passed.Outcomes;
    }

    /// <inheritdoc/>
    public override void Outcome(OutcomeReport outcome) => Outcome(OutcomeDocument.From(outcome));

    /// <inheritdoc/>
    public override void Complete(BatchSummary? summary) => End(summary is null ? null : SummaryDocument.From(summary));

    /// <summary>Writes one element of <c>outcomes</c>.</summary>
    private void Outcome(OutcomeDocument outcome)
    {
        JsonSerializer.Serialize(_json, outcome, DocumentJson.Outcome);
        Drain();
    }

    /// <summary>Ends <c>outcomes</c>, writes <c>issues</c> (each as the issue sink kept it, on one line) and the <c>summary</c>, and ends the document.</summary>
    private void End(SummaryDocument? summary)
    {
        _json.WriteEndArray();
        IssueStore.WriteJson(_json, () =>
        {
            if (_buffer.WrittenCount > 1 << 16)
            {
                Drain();
                _passed = Passed.Issues;
            }
        });
        if (summary is not null)
        {
            _json.WritePropertyName(AnalysisDocument.SummaryName);
            JsonSerializer.Serialize(_json, summary, DocumentJson.Summary);
        }

        _json.WriteEndObject();
        Drain();
        _output.Write('\n');
        _output.Flush();
        _passed = Passed.All;
    }

    /// <summary>
    /// Ends the document validly after the run failed part-way (an exception between or inside the writes): what was
    /// not yet passed on to the output is dropped, <paramref name="failure"/> is added to the issues, and what is open
    /// on the output is closed, so the output is still one valid document, whose issues say the run failed. Does
    /// nothing once the document is complete. The output itself must still be writable.
    /// </summary>
    public void Fail(AnalysisIssue failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (_passed == Passed.All)
        {
            return;
        }

        _json.Flush();
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        switch (_passed)
        {
            case Passed.Nothing:
                // Nothing is on the output: the whole document, without settings.
                _json.WriteStartObject();
                _json.WriteStartObject(AnalysisDocument.SettingsName);
                _json.WriteEndObject();
                _json.WriteStartArray(AnalysisDocument.OutcomesName);
                _json.WriteEndArray();
                IssueStore.Issue(failure);
                IssueStore.WriteJson(_json, () => { });
                _json.WriteEndObject();
                break;
            case Passed.Outcomes:
                // The output ends after "outcomes": [ or after an outcome: close the array, then the issues and the document.
                _output.Write("\n  ],");
                IssueStore.Issue(failure);
                _json.WriteStartObject();
                IssueStore.WriteJson(_json, () => { });
                _json.WriteEndObject();
                _json.Flush();
                var rest = Encoding.UTF8.GetString(_buffer.WrittenSpan);
                _buffer.ResetWrittenCount();
                _json.Reset(_buffer);
                _output.Write(rest.AsSpan(1)); // without the "{" the object began with: its "issues" member and the closing "}"
                break;
            default:
                // The output ends after an issue of the "issues" array: add the failure, close the array and the document.
                _output.Write(",\n    ");
                JsonSerializer.Serialize(_json, IssueDocument.From(failure), DocumentJson.Issue);
                _json.Flush();
                _output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan).Replace("\n", "\n    ", StringComparison.Ordinal));
                _buffer.ResetWrittenCount();
                _json.Reset(_buffer);
                _output.Write("\n  ]\n}");
                break;
        }

        Drain();
        _output.Write('\n');
        _output.Flush();
        _passed = Passed.All;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _json.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Drain()
    {
        _json.Flush();
        _output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
        _buffer.ResetWrittenCount();
    }

    /// <summary>The <c>key</c> object of an analysis in batch mode: its <c>--by</c> columns and their values.</summary>
    public static void WriteKey(Utf8JsonWriter json, GroupKey key)
    {
        json.WriteStartObject("key");
        for (var i = 0; i < key.Columns.Count; i++)
        {
            json.WriteString(key.Columns[i], key.Values[i]);
        }

        json.WriteEndObject();
    }

    /// <summary>Counts as an object <c>{"name": count, …}</c>, in the order given.</summary>
    public static void WriteCounts(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, int>> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counts)
        {
            json.WriteNumber(key, count);
        }

        json.WriteEndObject();
    }

    /// <summary>What of the document the output has been given so far.</summary>
    private enum Passed
    {
        /// <summary>Nothing.</summary>
        Nothing,

        /// <summary>Up to the start of the <c>outcomes</c> array, or to the end of one of its outcomes.</summary>
        Outcomes,

        /// <summary>Up to the end of an issue of the <c>issues</c> array.</summary>
        Issues,

        /// <summary>The whole document.</summary>
        All,
    }
}
