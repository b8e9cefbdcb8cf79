using System.Globalization;
using System.Reflection;
using Evident.Analysis.Documents;
using Evident.Analysis.Input;
using Evident.Analysis.Output;
using Evident.Core;
using Evident.Core.EffectSizes;
using Evident.Core.Models.Regression;

namespace Evident.Analysis;

/// <summary>
/// Runs analyses of a studies table: reads it in two streaming passes (first which groups of rows exist and where each
/// ends, then the rows, analysing each group as soon as its last row is read), and hands each analysis to a
/// <see cref="ReportSink"/> as it is done. Memory grows with the number of groups and the rows of groups still open,
/// not with the table. This is what <c>evident analyze</c>, <c>bias</c> and <c>sensitivity</c> run, and what the plots,
/// the report and the summary analyse with.
/// </summary>
public static class Analyzer
{
    /// <summary>
    /// Runs the analyses <paramref name="settings"/> ask for on <paramref name="input"/>, writing each analysis and every
    /// issue to <paramref name="sink"/> (which the caller disposes).
    /// </summary>
    /// <param name="settings">What to compute.</param>
    /// <param name="input">The studies table.</param>
    /// <param name="sink">Where the analyses and issues go (a document writer or <see cref="CollectingSink"/>).</param>
    /// <param name="progress">Told how far the run is, now and then; null for none.</param>
    /// <returns>How the run ended and, in batch mode (<see cref="AnalyzeSettings.By"/>), its counts.</returns>
    public static RunResult Run(AnalyzeSettings settings, DataInput input, ReportSink sink, IAnalysisProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        return new AnalysisRun(settings, input, sink, progress).Execute();
    }

    /// <summary>
    /// Runs the analyses and keeps them in memory, with every issue, for a caller that goes on to use them (a plot, a
    /// report, a summary). The numbers and issues are exactly those <see cref="Run"/> writes.
    /// </summary>
    public static AnalysisResults Collect(AnalyzeSettings settings, DataInput input)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(input);
        using var sink = new CollectingSink();
        var result = new AnalysisRun(settings, input, sink, null).Execute();
        // Under --strict a run that failed has no results to use.
        var outcomes = settings.Strict && result.Status != RunStatus.Analysed ? [] : sink.Outcomes;
        return new AnalysisResults(input.Name, settings, sink.Settings, outcomes, sink.Issues, result.Status, result.Summary);
    }

    /// <summary>Evident's version as the documents print it (<c>0.1.0</c>, without a source revision).</summary>
    public static string Version { get; } =
        (typeof(Analyzer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}

/// <summary>The state of one run of <c>evident analyze</c>.</summary>
internal sealed class AnalysisRun(AnalyzeSettings settings, DataInput input, ReportSink sink, IAnalysisProgress? progress)
{
    /// <summary>The fields that give a study's sample size (<see cref="OptionalSizes"/>).</summary>
    private static readonly string[] SizeFields = ["ni", "n1i", "n2i"];

    private readonly string _path = input.Name;
    private readonly Dictionary<string, int> _issuesByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rowsByType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rowsNotUsed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _fittedByMeasure = new(StringComparer.Ordinal);
    private DataSource? _source;
    private IReadOnlyList<string>? _keyNames;
    private bool _begun;
    private int _rows;
    private int _rowsUsed;
    private int _analyses;
    private int _fitted;
    private int _warnings;
    private int _errors;

    private bool Batch => settings.By is not null;

    /// <summary>Does the whole run and returns the exit code.</summary>
    public RunResult Execute()
    {
        List<string>? fields = null;
        List<string> optional = [];
        int[] texts = [];
        int[]? Keys(ColumnMap columns)
        {
            if (KeyColumns(columns) is not { } keys || Fields(columns) is not { } needed || TextColumns(columns) is not { } textColumns)
            {
                return null;
            }

            (fields, optional, texts) = (needed, OptionalSizes(columns, needed), textColumns);
            return keys;
        }

        var grouped = GroupedSource.Open(input, Keys, Report, f => progress?.Report("Reading  ", f, string.Empty), out _source, out var status, settings.Map);
        if (grouped is null)
        {
            return Finish(status);
        }

        try
        {
            return Analyse(grouped, fields!, optional, texts);
        }
        catch (Exception e) when (GroupedSource.IsUnreadable(e))
        {
            Report(GroupedSource.Unreadable(_path, e));
            return Finish(RunStatus.InputUnreadable);
        }
    }

    /// <param name="grouped">The opened file and its groups.</param>
    /// <param name="fields">The escalc fields read.</param>
    /// <param name="optional">The <see cref="OptionalSizes"/> read besides them.</param>
    /// <param name="texts">The <see cref="TextColumns"/>, read as text and as numbers.</param>
    private RunResult Analyse(GroupedSource grouped, List<string> fields, List<string> optional, int[] texts)
    {
        Begin();
        var subgroupLevel = settings.By?.Any(c => ColumnAliases.Normalize(c).StartsWith("subgroup", StringComparison.Ordinal)) ?? false;
        var groups = new GroupAnalyzer(settings, grouped.Columns, _path, subgroupLevel, sink.WritesStudies);
        var done = new Dictionary<int, GroupResult>();
        var next = 0;
        var total = grouped.Index.Groups.Count;
        grouped.Read(
            new RowReader(grouped.Source, grouped.Columns, fields, texts, texts, optional),
            Batch ? null : NonBatchName,
            (group, rows) => groups.Analyse(rows, Batch ? new GroupKey(_keyNames!, group.Values) : null, Batch ? null : NonBatchName(group)),
            (group, result) =>
            {
                done[group.Ordinal] = result;
                while (done.Remove(next, out var ready))
                {
                    Emit(ready);
                    next++;
                }

                progress?.Report("Analysing", grouped.Fraction, string.Create(CultureInfo.InvariantCulture, $"{next:N0}/{total:N0} analyses"));
            });

        if (next != total)
        {
            throw new IOException("The file changed while it was being read.");
        }

        return Finish(_fitted > 0 ? RunStatus.Analysed : RunStatus.NothingAnalysed);
    }

    /// <summary>
    /// Without <c>--by</c> the group is the outcome column's value (null without an outcome column), or a RevMan 5
    /// export's outcome heading.
    /// </summary>
    private static string? NonBatchName(GroupInfo group) => group.Label ?? (group.Values.Length == 1 ? group.Values[0] : null);

    /// <summary>
    /// The text columns each row carries for the analysis (<see cref="InputRow.Texts"/>): the <c>--subgroup</c> column,
    /// if any, then the columns the <c>--mods</c> formula reads (also read as numbers, <see cref="InputRow.Extras"/>).
    /// Null, with a located issue, when a column is not in the file or the formula cannot be parsed.
    /// </summary>
    private int[]? TextColumns(ColumnMap columns)
    {
        var names = new List<(string Name, string Option)>();
        if (settings.Subgroup is { } subgroup)
        {
            names.Add((subgroup, "--subgroup"));
        }

        if (settings.Mods is { } mods)
        {
            var parsed = ModelFormula.Parse(mods);
            foreach (var issue in parsed.Issues)
            {
                Report(new(_path, null, "--mods", null, issue.Code, issue.Severity, $"--mods \"{mods}\": {issue.Message}"));
            }

            if (parsed.Formula is not { } formula)
            {
                return null;
            }

            names.AddRange(formula.Columns.Select(c => (c, "--mods")));
        }

        if (settings.Sensitivity is { OrderColumn: { } order })
        {
            names.Add((order, "--order")); // always the last: OutcomeAnalysis reads it there
        }

        var indices = names.Select(n => columns.Find(n.Name)).ToArray();
        for (var i = 0; i < names.Count; i++)
        {
            if (indices[i] < 0)
            {
                Report(new(_path, null, names[i].Name, null, AnalysisIssueCodes.MissingColumn, IssueSeverity.Error,
                    $"Column {names[i].Name} given to {names[i].Option} is not in the file (its columns: {string.Join(", ", columns.Headers)})."));
            }
        }

        return indices.Any(i => i < 0) ? null : indices;
    }

    /// <summary>
    /// The columns whose values key the analyses: the <c>--by</c> columns, or else the outcome column (if any).
    /// Null, with a <c>missing-column</c> issue per unknown name, when a <c>--by</c> column is not in the file.
    /// </summary>
    private int[]? KeyColumns(ColumnMap columns)
    {
        if (settings.By is not { } by)
        {
            // A RevMan 5 export has no outcome column: its outcomes are numbered (and named by their headings).
            return columns.Has(ColumnAliases.Outcome) ? [columns.Index(ColumnAliases.Outcome)] : RevManHeadings.For(columns)?.Keys ?? [];
        }

        var indices = by.Select(columns.Find).ToArray();
        for (var i = 0; i < by.Count; i++)
        {
            if (indices[i] < 0)
            {
                Report(new(_path, null, by[i], null, AnalysisIssueCodes.MissingColumn, IssueSeverity.Error,
                    $"Column {by[i]} given to --by is not in the file (its columns: {string.Join(", ", columns.Headers)})."));
            }
        }

        if (indices.Any(i => i < 0))
        {
            return null;
        }

        _keyNames = [.. indices.Select(i => columns.Headers[i])];
        return indices;
    }

    /// <summary>
    /// The fields to read: for a given measure those of every input set the file has completely; for <c>auto</c>
    /// those of every data type the file has the columns for. Null, with <c>missing-column</c> issues, when none.
    /// </summary>
    private List<string>? Fields(ColumnMap columns)
    {
        if (settings.Measure is { } measure)
        {
            return MeasureFields(measure, columns);
        }

        var types = Enum.GetValues<DataType>().Where(t => GroupAnalyzer.HasColumns(t, columns)).ToList();
        if (types.Count > 0)
        {
            return [.. types.SelectMany(DataTypes.Fields).Select(ColumnAliases.Normalize).Distinct()];
        }

        Report(MissingColumns.ForAuto(columns, _path));
        return null;
    }

    /// <summary>
    /// The sample-size fields (<c>ni</c>, <c>n1i</c>, <c>n2i</c>, by any alias) the file has a column for and
    /// <paramref name="needed"/> does not read, when the effects' own inputs give no sample size (generic yi with vi, sei
    /// or a CI; O − E with its variance). They are read as <c>plot funnel</c> reads them, for the regression test's
    /// sample-size predictors (<c>bias --predictor ni</c>) and the totals, and optionally: a row whose size is empty or
    /// not a number is still analysed.
    /// </summary>
    private List<string> OptionalSizes(ColumnMap columns, List<string> needed)
    {
        var withoutSizes = settings.Measure is { } measure
            ? measure == EffectMeasure.GEN || (measure == EffectMeasure.PETO && !needed.Contains("ai"))
            : GroupAnalyzer.HasColumns(DataType.GenericInverseVariance, columns) || GroupAnalyzer.HasColumns(DataType.ObservedMinusExpected, columns);
        return withoutSizes ? [.. SizeFields.Where(f => columns.Has(f) && !needed.Contains(f))] : [];
    }

    private List<string>? MeasureFields(EffectMeasure measure, ColumnMap columns)
    {
        var sets = EffectSizes.InputSets(measure, settings.Escalc);
        var complete = sets.Where(set => set.All(columns.Has)).ToList();
        if (complete.Count > 0)
        {
            return [.. complete.SelectMany(set => set).Select(ColumnAliases.Normalize).Distinct()];
        }

        var medianHint = settings.Escalc.MedianConversion == MedianConversion.None
            && columns.Headers.Any(h => ColumnAliases.Resolve(h)?.StartsWith("med", StringComparison.Ordinal) == true)
            ? " (the file has medians: --median-to-mean wan or luo-shi converts them)"
            : null;
        foreach (var issue in MissingColumns.ForMeasure(measure, sets, columns, _path, medianHint))
        {
            Report(issue);
        }

        return null;
    }

    private void Emit(GroupResult result)
    {
        _analyses++;
        _rows += result.Rows;
        _rowsUsed += result.RowsUsed;
        Add(_rowsByType, result.RowsByType);
        Add(_rowsNotUsed, result.RowsNotUsed);
        foreach (var issue in result.Issues)
        {
            Report(issue);
        }

        if (result.Report is { } report)
        {
            _fitted++;
            _fittedByMeasure[report.Measure.ToString()] = _fittedByMeasure.GetValueOrDefault(report.Measure.ToString()) + 1;
            sink.Outcome(report);
        }
    }

    private static void Add(Dictionary<string, int> totals, IEnumerable<KeyValuePair<string, int>> counts)
    {
        foreach (var (key, count) in counts)
        {
            totals[key] = totals.GetValueOrDefault(key) + count;
        }
    }

    private void FileIssue(string code, IssueSeverity severity, string message) => Report(new(_path, null, null, null, code, severity, message));

    private void Report(AnalysisIssue issue)
    {
        _issuesByCode[issue.Code] = _issuesByCode.GetValueOrDefault(issue.Code) + 1;
        _warnings += issue.Severity == IssueSeverity.Warning ? 1 : 0;
        _errors += issue.Severity == IssueSeverity.Error ? 1 : 0;
        sink.Issue(issue);
    }

    private void Begin()
    {
        if (!_begun)
        {
            _begun = true;
            sink.Begin(Settings(), _keyNames);
        }
    }

    private RunResult Finish(RunStatus status)
    {
        if (status != RunStatus.InputUnreadable || sink.BeginsWhenUnreadable)
        {
            Begin();
        }

        if (settings.Strict && status == RunStatus.Analysed && _warnings + _errors > 0)
        {
            // --strict: a run that was not clean fails, whatever it fitted.
            FileIssue(AnalysisIssueCodes.Strict, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                $"--strict: the run had {_warnings} warning{(_warnings == 1 ? string.Empty : "s")} and {_errors} error{(_errors == 1 ? string.Empty : "s")}, "
                + $"and used {_rowsUsed} of its {_rows} rows; it fails, and no results are written. Run without --strict to see the results with these issues."));
            status = RunStatus.NothingAnalysed;
        }

        BatchSummary? summary = null;
        if (Batch)
        {
            static List<KeyValuePair<string, int>> Sorted(Dictionary<string, int> counts)
                => [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)];

            summary = new BatchSummary(_rows, _rowsUsed, Sorted(_rowsNotUsed), Sorted(_rowsByType), _analyses, _fitted, Sorted(_fittedByMeasure), Sorted(_issuesByCode));
        }

        sink.Complete(summary);
        return new RunResult(status, summary);
    }

    /// <summary>Every option actually used (the document's <c>settings</c>).</summary>
    private SettingsDocument Settings() => SettingsDocument.From(settings, input.Name, _source?.Delimiter, _source?.DecimalComma);
}
