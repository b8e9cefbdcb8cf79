using System.Globalization;
using Evident.Analysis.Input;
using Evident.Core;
using Evident.Core.EffectSizes;

namespace Evident.Analysis;

/// <summary>What one group of rows gave: the analysis (or null), its issues and what became of each row.</summary>
/// <param name="Report">The analysis, or null when it could not be done.</param>
/// <param name="Issues">Its issues, row issues first in row order.</param>
/// <param name="Rows">Rows in the group.</param>
/// <param name="RowsUsed">Rows whose effect size entered the analysis.</param>
/// <param name="RowsByType">Rows per inferred data type.</param>
/// <param name="RowsNotUsed">Rows not used, by the code of the issue that reports them.</param>
internal sealed record GroupResult(
    OutcomeReport? Report, List<AnalysisIssue> Issues, int Rows, int RowsUsed, Dictionary<string, int> RowsByType, Dictionary<string, int> RowsNotUsed);

/// <summary>
/// Turns a complete group of rows into one analysis: applies RevMan's <c>Applicability</c>, infers each row's data
/// type under <c>--measure auto</c> (<see cref="DataTypes"/>), refuses a group that mixes types, runs the analysis
/// and accounts for every row (used, or reported by an issue).
/// </summary>
internal sealed class GroupAnalyzer(AnalyzeSettings settings, ColumnMap columns, string path, bool subgroupLevel, bool withStudies)
{
    private const string SubgroupOnly = "SUBGROUP_ONLY";
    private const string OverallOnly = "OVERALL_ONLY";

    /// <summary>Whether the file has the columns for rows of data type <paramref name="type"/>.</summary>
    public static bool HasColumns(DataType type, ColumnMap columns) => type switch
    {
        DataType.Continuous => DataTypes.Fields(type).All(columns.Has),
        DataType.Binary => columns.Has("ai") && columns.Has("ci") && ((columns.Has("n1i") && columns.Has("n2i")) || (columns.Has("bi") && columns.Has("di"))),
        DataType.GenericInverseVariance => columns.Has("yi") && (columns.Has("vi") || columns.Has("sei") || (columns.Has("ci_lb") && columns.Has("ci_ub"))),
        DataType.ObservedMinusExpected => columns.Has("oei") && columns.Has("vari"),
        _ => false,
    };

    /// <summary>The display name of a data type in counts and messages.</summary>
    public static string Name(DataType? type) => type switch
    {
        DataType.Continuous => "continuous",
        DataType.Binary => "binary",
        DataType.GenericInverseVariance => "generic",
        DataType.ObservedMinusExpected => "o-e",
        _ => "none",
    };

    /// <summary>Analyses the rows of one group (<paramref name="key"/> in batch mode, else <paramref name="outcome"/>).</summary>
    public GroupResult Analyse(List<InputRow> rows, GroupKey? key, string? outcome)
    {
        var name = key is null ? outcome : rows.Find(r => r.Outcome is not null)?.Outcome;
        var readable = new List<InputRow>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Input is not null)
            {
                readable.Add(row);
            }
        }

        GroupTyping? typing = null;
        if (settings.Measure is null)
        {
            var inputs = new StudyInput[readable.Count];
            for (var i = 0; i < inputs.Length; i++)
            {
                inputs[i] = readable[i].Input!;
            }

            typing = DataTypes.Resolve(inputs);
        }

        var rowsByType = new Dictionary<string, int>(StringComparer.Ordinal);
        var readableIndex = 0; // position among the readable rows, whose types Resolve returned
        foreach (var row in rows)
        {
            var typeName = row.Input is null ? "unreadable" : settings.Measure?.ToString() ?? Name(typing!.RowTypes[readableIndex++]);
            rowsByType[typeName] = rowsByType.GetValueOrDefault(typeName) + 1;
        }

        if (typing is { Conflict.Count: > 0 })
        {
            var parts = typing.Conflict.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{Name(c.Type)}: {c.Rows.Count} row{(c.Rows.Count == 1 ? string.Empty : "s")} ({Lines(c.Rows.Select(i => readable[i].Line))})"));
            var issue = Issue(null, null, name, AnalysisIssueCodes.MixedDataTypes, IssueSeverity.Error,
                $"The rows show different data types ({string.Join("; ", parts)}), so no single measure fits them; the analysis is "
                + "skipped. Give --measure to analyse them as one type.");
            return Finish(null, null, [.. rows.SelectMany(r => r.Issues), issue], rows, key, rowsByType);
        }

        for (var i = 0; i < readable.Count; i++)
        {
            var row = readable[i];
            if (Excluded(row, name))
            {
                row.Input = null;
            }
            else if (typing is not null && typing.RowTypes[i] is null)
            {
                row.AddIssue(Issue(row.Line, null, name, AnalysisIssueCodes.NoDataType, IssueSeverity.Error, NoTypeMessage(row.Input!, typing.Type)));
                row.Input = null;
            }
            else if (typing is not null)
            {
                row.Input = DataTypes.Project(row.Input!, typing.Type!.Value);
            }
        }

        if (settings.Measure is not { } measure)
        {
            if (typing!.Type is not { } type || rows.TrueForAll(r => r.Input is null))
            {
                var issue = Issue(null, null, name, IssueCodes.NoUsableStudies, IssueSeverity.Error, "No row of this analysis can be used; the analysis is skipped.");
                return Finish(null, null, [.. rows.SelectMany(r => r.Issues), issue], rows, key, rowsByType);
            }

            measure = MeasureFor(type);
        }

        var result = OutcomeAnalysis.Run(rows, name, measure, settings, columns, path, withStudies);
        var report = result.Report is null ? null : result.Report with { Key = key };
        return Finish(report, report is null ? null : result.Used, result.Issues, rows, key, rowsByType);
    }

    private EffectMeasure MeasureFor(DataType type) => type switch
    {
        DataType.Continuous => settings.Continuous,
        DataType.Binary => settings.Binary,
        DataType.GenericInverseVariance => EffectMeasure.GEN,
        _ => EffectMeasure.PETO,
    };

    /// <summary>True (with an info issue) when the row's Applicability keeps it out of this analysis.</summary>
    private bool Excluded(InputRow row, string? name)
    {
        if (settings.IgnoreApplicability || row.Applicability is not { } value)
        {
            return false;
        }

        string? message = null;
        if (!subgroupLevel && value.Equals(SubgroupOnly, StringComparison.OrdinalIgnoreCase))
        {
            message = "The row is used only in subgroup analyses (Applicability SUBGROUP_ONLY), so it is left out of this overall analysis.";
        }
        else if (subgroupLevel && value.Equals(OverallOnly, StringComparison.OrdinalIgnoreCase))
        {
            message = "The row is used only in the overall analysis (Applicability OVERALL_ONLY), so it is left out of this subgroup analysis.";
        }

        if (message is null)
        {
            return false;
        }

        row.AddIssue(Issue(row.Line, columns.HeaderOrField(ColumnAliases.Applicability), name, AnalysisIssueCodes.ApplicabilityExcluded, IssueSeverity.Warning,
            message + " --ignore-applicability uses every row."));
        return true;
    }

    /// <summary>Why the row cannot be read as the analysis's data type (or as any, when the analysis has none).</summary>
    private string NoTypeMessage(StudyInput s, DataType? type)
    {
        if (type is not { } t)
        {
            return "No data type fits this row: it has no complete set of means, SDs and N (continuous), events and N (binary), "
                + "estimate and SE (generic) or O−E and variance; row skipped.";
        }

        var missing = DataTypes.Fields(t).Where(f => MissingValue(s, f)).Select(columns.HeaderOrField).ToList();
        var what = missing.Count > 0 ? $"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} empty" : "its values are incomplete";
        return $"The analysis's rows are {Name(t)}, but this row cannot be read as {Name(t)}: {what}; row skipped.";
    }

    /// <summary>
    /// Whether a value the data type cannot do without is empty: alternatives (<c>bi di</c> for N, a variance or CI for
    /// the SE) are not named, and an SE given as a variance is not missing.
    /// </summary>
    private static bool MissingValue(StudyInput s, string field) => field switch
    {
        "bi" or "di" or "vi" or "ci_lb" or "ci_ub" => false,
        "sei" => s.Sei is null && s.Vi is null,
        _ => s.Value(field) is null,
    };

    private AnalysisIssue Issue(int? row, string? column, string? name, string code, IssueSeverity severity, string message)
        => new(path, row, column, name, code, severity, message);

    /// <summary>Lines as ranges: <c>12-15, 20</c>.</summary>
    private static string Lines(IEnumerable<int> lines)
    {
        var sorted = lines.Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(j == i
                ? sorted[i].ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }

        return (parts.Count == 1 && !parts[0].Contains('-', StringComparison.Ordinal) ? "line " : "lines ") + string.Join(", ", parts);
    }

    /// <summary>
    /// Attaches the key to the issues and accounts for every row: used (<paramref name="used"/>, per row), or not used
    /// for the reason its most severe issue gives (the first of them), else the analysis's first error.
    /// </summary>
    private GroupResult Finish(
        OutcomeReport? report, bool[]? used, List<AnalysisIssue> issues, List<InputRow> rows, GroupKey? key, Dictionary<string, int> rowsByType)
    {
        if (key is not null)
        {
            for (var i = 0; i < issues.Count; i++)
            {
                issues[i] = issues[i] with { Key = key };
            }
        }

        var usedCount = 0;
        var notUsed = new Dictionary<string, int>(StringComparer.Ordinal);
        Dictionary<int, AnalysisIssue>? worst = null;
        for (var r = 0; r < rows.Count; r++)
        {
            if (used?[r] == true)
            {
                usedCount++;
                continue;
            }

            worst ??= WorstIssueByRow(issues);
            var code = worst.TryGetValue(rows[r].Line, out var own) ? own.Code
                : issues.Find(i => i.Row is null && i.Severity == IssueSeverity.Error)?.Code ?? "unexplained";
            notUsed[code] = notUsed.GetValueOrDefault(code) + 1;
        }

        if (report is not null)
        {
            report = report with { Rows = rows.Count, RowsUsed = usedCount };
            if (usedCount < rows.Count)
            {
                // Each row not used has its own issue; this says, where the result is, what the result rests on.
                var reasons = string.Join(", ", notUsed.OrderByDescending(c => c.Value).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")));
                var lost = rows.Count - usedCount;
                issues.Add(new AnalysisIssue(path, null, null, report.Outcome, AnalysisIssueCodes.RowsNotUsed, IssueSeverity.Warning,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{lost} of the {rows.Count} rows of this analysis {(lost == 1 ? "was" : "were")} not used ({reasons}); the result rests on "
                        + $"{usedCount} row{(usedCount == 1 ? string.Empty : "s")} (k = {report.Fit.K}). The issues above say why for each row; --strict makes this fail."))
                { Key = key });
            }
        }

        return new GroupResult(report, issues, rows.Count, usedCount, rowsByType, notUsed);
    }

    /// <summary>Each row's most severe issue (the first of equally severe ones).</summary>
    private static Dictionary<int, AnalysisIssue> WorstIssueByRow(List<AnalysisIssue> issues)
    {
        var worst = new Dictionary<int, AnalysisIssue>();
        foreach (var issue in issues)
        {
            if (issue.Row is { } row && (!worst.TryGetValue(row, out var current) || issue.Severity > current.Severity))
            {
                worst[row] = issue;
            }
        }

        return worst;
    }
}
