using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

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
    public static void Write(AnalysisResults results, TextWriter output, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(output);
        using var sink = new JsonSink(output, IssueSink.Create(OutputFormat.Json, _ => { }, results.Settings.By is not null));
        sink.Begin([.. results.SettingFields.Select(s => format is not null && s.Name == "format" ? (s.Name, (FieldValue)format) : s)], null);
        foreach (var outcome in results.Outcomes)
        {
            sink.Outcome(outcome);
        }

        foreach (var issue in results.Issues)
        {
            sink.Issue(issue);
        }

        sink.Complete(results.Summary);
    }

    /// <inheritdoc/>
    public override void Begin(IReadOnlyList<(string Name, FieldValue Value)> settings, IReadOnlyList<string>? keyColumns)
    {
        _json.WriteStartObject();
        _json.WriteStartObject("settings");
        WriteFields(_json, settings);
        _json.WriteEndObject();
        _json.WriteStartArray("outcomes");
        Drain();
        _passed = Passed.Outcomes;
    }

    /// <inheritdoc/>
    public override void Outcome(OutcomeReport outcome)
    {
        _json.WriteStartObject();
        if (outcome.Key is { } key)
        {
            WriteKey(_json, key);
        }

        WriteFields(_json, outcome.Fields());
        WriteExtras(_json, outcome);
        _json.WriteStartArray("studies");
        foreach (var study in outcome.Studies)
        {
            WriteStudy(_json, study);
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        Drain();
    }

    /// <inheritdoc/>
    public override void Complete(BatchSummary? summary)
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
            WriteSummary(_json, summary);
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
                _json.WriteStartObject("settings");
                _json.WriteEndObject();
                _json.WriteStartArray("outcomes");
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
                WriteIssue(_json, failure);
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

    /// <summary>
    /// What only some analyses have: the MH/Peto tests (<c>tests</c>), the subgroups (<c>subgroups</c>,
    /// <c>subgroup_test</c>) and the divided shared control groups (<c>shared_control_splits</c>).
    /// </summary>
    private static void WriteExtras(Utf8JsonWriter json, OutcomeReport outcome)
    {
        if (outcome.Tables is { } tables)
        {
            json.WriteNumber("k_with_estimate", tables.KWithEstimate);
            json.WriteStartObject("tests");
            foreach (var (name, test) in new[]
            {
                ("cmh", tables.CochranMantelHaenszel), ("cmh_uncorrected", outcome.TablesUncorrected?.CochranMantelHaenszel), ("cochran", tables.Cochran),
                ("cochran_uncorrected", outcome.TablesUncorrected?.Cochran), ("tarone", tables.Tarone), ("breslow_day", tables.BreslowDay),
            })
            {
                if (test is { } t)
                {
                    json.WriteStartObject(name);
                    WriteFields(json, [("statistic", t.Statistic), ("df", t.Df), ("p", t.PValue)]);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull(name);
                }
            }

            json.WriteEndObject();
        }

        if (outcome.Subgroups is { } subgroups)
        {
            json.WriteStartArray("subgroups");
            foreach (var subgroup in subgroups.Groups)
            {
                json.WriteStartObject();
                WriteFields(json, subgroup.Fields(outcome.Measure));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("subgroup_test");
            WriteFields(json, subgroups.TestFields());
            json.WriteEndObject();
        }

        if (outcome.Regression is { } regression)
        {
            WriteFields(json, regression.Fields());
            json.WriteStartArray("coefficients");
            foreach (var c in regression.Fit.Coefficients)
            {
                json.WriteStartObject();
                WriteFields(json,
                [
                    ("name", c.Name), ("estimate", c.Estimate), ("se", c.StandardError), ("statistic", c.Statistic), ("p", c.PValue),
                    ("ci_lower", c.ConfidenceInterval.Lower), ("ci_upper", c.ConfidenceInterval.Upper),
                ]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (regression.Predictions is { } predictions)
            {
                json.WriteStartArray("predictions");
                foreach (var p in predictions.Predictions)
                {
                    json.WriteStartObject();
                    json.WriteStartObject("newmods");
                    foreach (var (name, value) in regression.NewRows[p.Row])
                    {
                        json.WriteString(name, value);
                    }

                    json.WriteEndObject();
                    WriteFields(json,
                    [
                        ("estimate", p.Estimate), ("se", p.StandardError), ("ci_lower", p.ConfidenceInterval.Lower), ("ci_upper", p.ConfidenceInterval.Upper),
                        ("pi_lower", p.PredictionInterval.Lower), ("pi_upper", p.PredictionInterval.Upper),
                        ("estimate_bt", outcome.BackTransform?.Apply(p.Estimate)), ("ci_lower_bt", outcome.BackTransform?.Apply(p.ConfidenceInterval.Lower)),
                        ("ci_upper_bt", outcome.BackTransform?.Apply(p.ConfidenceInterval.Upper)),
                    ]);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }
        }

        if (outcome.SharedControlSplits.Count > 0)
        {
            json.WriteStartArray("shared_control_splits");
            foreach (var c in outcome.SharedControlSplits)
            {
                json.WriteStartObject();
                WriteFields(json,
                [
                    ("row", c.Row), ("study", c.Study), ("comparisons", c.Comparisons), ("original_n", c.OriginalN), ("new_n", c.NewN),
                    ("original_events", c.OriginalEvents), ("new_events", c.NewEvents),
                ]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (outcome.Bias is { } bias)
        {
            WriteBias(json, bias);
        }

        if (outcome.Sensitivity is { } sensitivity)
        {
            WriteSensitivity(json, sensitivity);
        }
    }

    /// <summary>The <c>bias</c> object: one object per analysis, trim and fill's filled studies, and the guidance notes.</summary>
    private static void WriteBias(Utf8JsonWriter json, BiasReport bias)
    {
        json.WriteStartObject("bias");
        foreach (var (section, fields) in bias.Sections())
        {
            json.WriteStartObject(section);
            WriteFields(json, fields);
            if (section == "trim_and_fill")
            {
                json.WriteStartArray("filled");
                foreach (var f in bias.TrimAndFill.Filled)
                {
                    json.WriteStartObject();
                    WriteFields(json, [("mirrors_row", bias.Rows[f.Source]), ("yi", f.Yi), ("vi", f.Vi)]);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (section == "selection_model")
            {
                json.WriteStartArray("weights");
                foreach (var w in bias.Selection.Weights)
                {
                    json.WriteStartObject();
                    WriteFields(json, [("p_lower", w.Lower), ("p_upper", w.Upper), ("k", w.K), ("delta", w.Delta), ("se", w.StandardError), ("p", w.PValue), ("ci", w.ConfidenceInterval)]);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteStartArray("guidance");
        foreach (var note in bias.Guidance)
        {
            json.WriteStartObject();
            WriteFields(json, [("code", note.Code), ("message", note.Message)]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The <c>sensitivity</c> object: the cumulative order, one flat object per study, and GOSH's summary.</summary>
    private static void WriteSensitivity(Utf8JsonWriter json, SensitivityReport sensitivity)
    {
        json.WriteStartObject("sensitivity");
        json.WriteString("cumulative_order", sensitivity.Order);
        json.WriteNumber("influential", sensitivity.InfluentialCount);
        json.WriteStartArray("studies");
        for (var i = 0; i < sensitivity.Studies.Count; i++)
        {
            json.WriteStartObject();
            WriteFields(json, sensitivity.StudyFields(i));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (sensitivity.GoshFields() is { } gosh)
        {
            json.WriteStartObject("gosh");
            WriteFields(json, gosh);
            json.WriteEndObject();
        }

        json.WriteEndObject();
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

    private static void WriteFields(Utf8JsonWriter json, IEnumerable<(string Name, FieldValue Value)> fields)
    {
        foreach (var (name, value) in fields)
        {
            json.WritePropertyName(name);
            WriteValue(json, value);
        }
    }

    private static void WriteValue(Utf8JsonWriter json, FieldValue value)
    {
        switch (value.Kind)
        {
            case FieldKind.Text:
                json.WriteStringValue(value.Text);
                break;
            case FieldKind.Flag:
                json.WriteBooleanValue(value.Flag);
                break;
            case FieldKind.Integer:
                json.WriteNumberValue(value.Integer);
                break;
            case FieldKind.Number when double.IsFinite(value.Number):
                json.WriteNumberValue(value.Number);
                break;
            case FieldKind.Interval:
                json.WriteStartArray();
                WriteValue(json, value.Interval!.Value.Lower);
                WriteValue(json, value.Interval!.Value.Upper);
                json.WriteEndArray();
                break;
            case FieldKind.List:
                json.WriteStartArray();
                foreach (var item in value.List)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteNullValue();
                break;
        }
    }

    private static void WriteStudy(Utf8JsonWriter json, StudyRow study)
    {
        json.WriteStartObject();
        WriteFields(json,
        [
            ("study", study.Study),
            ("row", study.Row),
            ("yi", study.Yi),
            ("vi", study.Vi),
            ("sei", study.Sei),
            ("ci_lower", study.CiLower),
            ("ci_upper", study.CiUpper),
            ("z", study.Z),
            ("p", study.P),
            ("weight_percent", study.WeightPercent),
            ("n1i", study.N1i),
            ("n2i", study.N2i),
            ("ni", study.Ni),
            ("yi_bt", study.YiBt),
            ("ci_lower_bt", study.CiLowerBt),
            ("ci_upper_bt", study.CiUpperBt),
        ]);
        json.WriteStartArray("adjustments");
        foreach (var adjustment in study.Adjustments)
        {
            json.WriteStringValue(adjustment);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>One issue as the documents list it.</summary>
    public static void WriteIssue(Utf8JsonWriter json, AnalysisIssue issue)
    {
        json.WriteStartObject();
        WriteFields(json,
        [
            ("file", issue.File),
            ("row", issue.Row),
            ("column", issue.Column),
            ("outcome", issue.Outcome),
            ("code", issue.Code),
            ("severity", issue.Severity.ToString().ToLowerInvariant()),
            ("message", issue.Message),
        ]);
        if (issue.Key is { } key)
        {
            WriteKey(json, key);
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

    private static void WriteSummary(Utf8JsonWriter json, BatchSummary summary)
    {
        static void Counts(Utf8JsonWriter json, string name, IEnumerable<KeyValuePair<string, int>> counts) => WriteCounts(json, name, counts);

        json.WriteStartObject("summary");
        json.WriteNumber("rows", summary.Rows);
        json.WriteNumber("rows_used", summary.RowsUsed);
        Counts(json, "rows_not_used", summary.RowsNotUsed);
        Counts(json, "rows_by_type", summary.RowsByType);
        json.WriteNumber("analyses", summary.Analyses);
        json.WriteNumber("analyses_fitted", summary.Fitted);
        Counts(json, "analyses_by_measure", summary.FittedByMeasure);
        Counts(json, "issues_by_code", summary.IssuesByCode);
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
