using System.Globalization;
using System.Text;
using System.Text.Json;
using Evident.Analysis.Input;
using Evident.Analysis.Output;
using Evident.Core;
using Evident.Core.EffectSizes;
using Evident.Core.Validation;

namespace Evident.Analysis.Validation;

/// <summary>What <c>evident revman-check</c> was asked to do.</summary>
public sealed record RevManCheckSettings
{
    /// <summary>The columns keying an analysis; null for review, Analysis.group, Analysis.number (those present).</summary>
    public IReadOnlyList<string>? By { get; init; }

    /// <summary>Text or JSON.</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Text;

    /// <summary>How many exceptions to list in text output (JSON lists all).</summary>
    public int Examples { get; init; } = 25;
}

/// <summary>
/// <c>evident revman-check</c>: recomputes every per-study result Review Manager printed in a RevMan data package (or the
/// Pairwise70 collection: columns <c>Mean</c>, <c>CI.start</c>, <c>CI.end</c>, <c>Weight</c>) the RevMan way, infers each
/// analysis's measure and weighting, and reports the share of rows reproduced to RevMan's rounding, with every exception
/// located by file line. Reads the file in the same two streaming passes as batch analysis.
/// </summary>
public static class RevManCheck
{
    private static readonly string[] PrintedColumns = ["Mean", "CI.start", "CI.end", "Weight"];
    private static readonly string[] DefaultKey = ["review", "Analysis.group", "Analysis.number"];

    /// <summary>
    /// Runs the check on <paramref name="input"/>: the report goes to <paramref name="output"/> (text or JSON), each issue
    /// as a line to <paramref name="errorLine"/> (in the JSON document instead, for JSON).
    /// </summary>
    public static RunStatus Run(RevManCheckSettings settings, DataInput input, TextWriter output, Action<string> errorLine)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var path = input.Name;
        using var issues = IssueSink.Create(settings.Format, errorLine, batch: false);
        int[]? Keys(ColumnMap columns)
        {
            var names = settings.By ?? [.. DefaultKey.Where(c => columns.Find(c) >= 0)];
            var missing = names.Where(n => columns.Find(n) < 0).Concat(PrintedColumns.Take(3).Where(n => columns.Find(n) < 0)).ToList();
            if (missing.Count > 0 || names.Count == 0)
            {
                issues.Issue(new(path, null, null, null, AnalysisIssueCodes.MissingColumn, IssueSeverity.Error,
                    $"The file lacks the column(s) {string.Join(", ", missing.DefaultIfEmpty("Analysis.number"))} that a RevMan check needs "
                    + "(RevMan's printed per-study results Mean, CI.start, CI.end and the analysis key)."));
                return null;
            }

            return [.. names.Select(columns.Find)];
        }

        var results = new List<RevManAnalysisResult>();
        var exceptions = new List<Exception70>();
        var status = RunStatus.InputUnreadable;
        try
        {
            if (GroupedSource.Open(input, Keys, issues.Issue, _ => { }, out _, out status) is { } grouped)
            {
                Check(grouped, results, exceptions);
                status = results.Count > 0 ? RunStatus.Analysed : RunStatus.NothingAnalysed;
            }
        }
        catch (Exception e) when (GroupedSource.IsUnreadable(e))
        {
            issues.Issue(GroupedSource.Unreadable(path, e));
            status = RunStatus.InputUnreadable;
        }

        var summary = status == RunStatus.Analysed ? RevManAgreementSummary.Of(results) : null;
        if (settings.Format == OutputFormat.Json)
        {
            output.Write(Json(path, summary, exceptions, issues));
        }
        else if (summary is not null)
        {
            output.Write(Text(path, summary, exceptions, settings.Examples));
        }

        return status;
    }

    /// <summary>Checks every group of rows: its result, and the rows not reproduced.</summary>
    private static void Check(GroupedSource grouped, List<RevManAnalysisResult> results, List<Exception70> exceptions)
    {
        var columns = grouped.Columns;
        var fields = Enum.GetValues<DataType>().SelectMany(DataTypes.Fields).Select(ColumnAliases.Normalize).Distinct();
        var rowReader = new RowReader(grouped.Source, columns, fields, [.. PrintedColumns.Select(columns.Find)], [columns.Find("Subgroup")]);
        var keyNames = grouped.KeyColumns.Select(i => columns.Headers[i]).ToArray();
        grouped.Read(
            rowReader,
            null,
            (group, rows) =>
            {
                var inputs = rows.Select(r => r.Input ?? new StudyInput { Study = r.Study }).ToList();
                var typing = DataTypes.Resolve(inputs);
                return (Rows: rows, Result: RevManAgreement.Check([.. rows.Select((r, i) => new RevManRow
                {
                    Study = inputs[i],
                    DataType = typing.RowTypes[i],
                    Mean = r.Extras[0],
                    CiStart = r.Extras[1],
                    CiEnd = r.Extras[2],
                    Weight = r.Extras[3],
                    Subgroup = r.Texts[0],
                })]));
            },
            (group, checkedGroup) =>
            {
                var (rows, result) = checkedGroup;
                results.Add(result);
                var label = new GroupKey(keyNames, group.Values);
                foreach (var row in result.Rows.Where(r => r.Agreement is not (RowAgreement.Matched or RowAgreement.NotEstimable)))
                {
                    exceptions.Add(new Exception70(rows[row.Index].Line, label, rows[row.Index].Study, row.Code ?? "row-mismatch", result.Effect, row.Printed, row.Computed));
                }
            });
    }

    /// <summary>A row whose printed result is not reproduced, located in the file.</summary>
    private sealed record Exception70(int Line, GroupKey Key, string? Study, string Code, RevManEffect? Effect, RevManValue? Printed, RevManValue? Computed);

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    private static string N(int x) => x.ToString("N0", CultureInfo.InvariantCulture);

    private static string V(RevManValue? v) => v is { } x ? $"{F(x.Estimate)} [{F(x.Lower)}, {F(x.Upper)}]" : "none";

    private static string Counts(IEnumerable<NamedCount> counts)
        => counts.Any() ? string.Join(", ", counts.Select(c => $"{c.Name} {N(c.Count)}")) : "none";

    private static string Text(string path, RevManAgreementSummary s, List<Exception70> exceptions, int examples)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        Line($"RevMan agreement: {path}");
        Line($"  rows: {N(s.Rows)}; with RevMan's printed estimate and CI: {N(s.RowsWithPrintedValues)}; reproduced to RevMan's rounding: "
            + $"{N(s.RowsMatched)} ({(100 * s.MatchedShare).ToString("0.000", CultureInfo.InvariantCulture)}%)");
        Line($"  analyses: {N(s.Analyses)}; all rows reproduced: {N(s.AnalysesMatched)}; not fully: {N(s.AnalysesNotFullyMatched)}; "
            + $"no printed values: {N(s.AnalysesWithoutPrintedValues)}; more than one measure fits: {N(s.AnalysesAmbiguous)}");
        Line($"  inferred measure (analyses): {Counts(s.AnalysesByEffect)}");
        if (s.NotFullyMatchedByEffect.Count > 0)
        {
            Line($"  not fully reproduced, by measure: {Counts(s.NotFullyMatchedByEffect)}");
        }

        Line($"  rows by outcome: {Counts(s.RowsByCode)}");
        Line($"  rows RevMan left empty, by cause: {Counts(s.NotEstimableByCause)}");
        if (s.RowsWithWeights > 0)
        {
            Line($"  weights: {N(s.RowsWeightMatched)} of {N(s.RowsWithWeights)} rows reproduced; weighting (analyses): {Counts(s.AnalysesByWeighting)}; "
                + $"analyses with weights not reproduced: {N(s.AnalysesWithWeightsNotMatched)}");
        }

        if (exceptions.Count > 0)
        {
            Line($"  exceptions ({N(exceptions.Count)} rows{(exceptions.Count > examples ? $", first {examples}" : string.Empty)}; --format json lists all):");
            foreach (var e in exceptions.Take(examples))
            {
                Line($"    {path}:{e.Line}: {e.Key} · {e.Study ?? "(no study)"} · {e.Effect?.ToString() ?? "no measure"}: printed {V(e.Printed)}, "
                    + $"computed {V(e.Computed)} [{e.Code}]");
            }
        }

        return text.ToString();
    }

    private static string Json(string path, RevManAgreementSummary? s, List<Exception70> exceptions, IssueSink issues)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, JsonSink.Indented))
        {
            void Counts(string name, IEnumerable<NamedCount> counts) => JsonSink.WriteCounts(json, name, counts.Select(c => KeyValuePair.Create(c.Name, c.Count)));

            void Value(string name, RevManValue? value)
            {
                if (value is not { } v)
                {
                    json.WriteNull(name);
                    return;
                }

                json.WriteStartArray(name);
                json.WriteNumberValue(v.Estimate);
                json.WriteNumberValue(v.Lower);
                json.WriteNumberValue(v.Upper);
                json.WriteEndArray();
            }

            json.WriteStartObject();
            json.WriteString("input", path);
            if (s is null)
            {
                json.WriteNull("summary");
            }
            else
            {
                json.WriteStartObject("summary");
                json.WriteNumber("rows", s.Rows);
                json.WriteNumber("rows_with_printed_values", s.RowsWithPrintedValues);
                json.WriteNumber("rows_matched", s.RowsMatched);
                json.WriteNumber("matched_share", s.MatchedShare);
                json.WriteNumber("analyses", s.Analyses);
                json.WriteNumber("analyses_matched", s.AnalysesMatched);
                json.WriteNumber("analyses_not_fully_matched", s.AnalysesNotFullyMatched);
                json.WriteNumber("analyses_without_printed_values", s.AnalysesWithoutPrintedValues);
                json.WriteNumber("analyses_ambiguous", s.AnalysesAmbiguous);
                Counts("analyses_by_measure", s.AnalysesByEffect);
                Counts("not_fully_matched_by_measure", s.NotFullyMatchedByEffect);
                Counts("rows_by_code", s.RowsByCode);
                Counts("not_estimable_by_cause", s.NotEstimableByCause);
                json.WriteNumber("rows_with_weights", s.RowsWithWeights);
                json.WriteNumber("rows_weight_matched", s.RowsWeightMatched);
                Counts("analyses_by_weighting", s.AnalysesByWeighting);
                json.WriteEndObject();
            }

            json.WriteStartArray("exceptions");
            foreach (var e in exceptions)
            {
                json.WriteStartObject();
                json.WriteString("file", path);
                json.WriteNumber("row", e.Line);
                JsonSink.WriteKey(json, e.Key);
                json.WriteString("study", e.Study);
                json.WriteString("code", e.Code);
                json.WriteString("measure", e.Effect?.ToString());
                Value("printed", e.Printed);
                Value("computed", e.Computed);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            issues.WriteJson(json, () => { });
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
