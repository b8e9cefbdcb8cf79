using System.Reflection;
using Evident.Cli.Input;
using Evident.Cli.Output;
using Evident.Core;
using Evident.Core.EffectSizes;
using Evident.Core.Models;

namespace Evident.Cli.Analysis;

/// <summary>
/// Runs <c>evident analyze</c>: reads the file, maps its columns, groups rows by outcome, hands the numbers to Core and
/// maps Core's issues back to file rows and headers. All statistics are Core's.
/// </summary>
internal static class Analyzer
{
    /// <summary>Runs the analysis, writes the report in the requested format and returns the exit code.</summary>
    public static int Run(AnalyzeSettings settings, TextWriter output, TextWriter error)
    {
        var path = settings.InputPath;
        var issues = new List<CliIssue>();
        DataFile? data = null;
        EffectMeasure? measure = settings.Measure;

        int Finish(int exitCode, IReadOnlyList<OutcomeReport>? outcomes = null)
        {
            ReportWriter.Write(new Report(SettingsOf(settings, measure, data), outcomes ?? [], issues), settings.Format, output, error);
            return exitCode;
        }

        try
        {
            data = DataFile.Read(path);
        }
        catch (FileNotFoundException)
        {
            issues.Add(new(path, null, null, null, CliIssueCodes.FileNotFound, IssueSeverity.Error, "The file does not exist."));
            return Finish(ExitCodes.InputUnreadable);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            issues.Add(new(path, null, null, null, CliIssueCodes.FileUnreadable, IssueSeverity.Error, $"The file cannot be read: {e.Message}"));
            return Finish(ExitCodes.InputUnreadable);
        }

        if (data is null || data.Rows.Count == 0)
        {
            var what = data is null ? "The file is empty." : "The file has a header but no data rows.";
            issues.Add(new(path, null, null, null, CliIssueCodes.EmptyFile, IssueSeverity.Error, what));
            return Finish(ExitCodes.NothingAnalysed);
        }

        if (data.DecimalComma)
        {
            issues.Add(new(path, null, null, null, CliIssueCodes.EuropeanCsv, IssueSeverity.Info,
                "The file is ';'-separated with decimal commas (a European spreadsheet export); its commas are read as decimal points."));
        }

        var columns = MapColumns(data.Header, path, issues);
        measure ??= InferGen(columns);
        if (measure is not { } m)
        {
            error.WriteLine("evident: --measure is required (the file has no yi column with vi, sei or ci_lb/ci_ub, which would mean GEN).");
            error.WriteLine("Run 'evident analyze --help' for usage.");
            return ExitCodes.UsageError;
        }

        var needed = NeededFields(m, settings.Escalc, columns, path, issues);
        if (needed is null)
        {
            return Finish(ExitCodes.NothingAnalysed);
        }

        var outcomes = new List<OutcomeReport>();
        foreach (var group in Group(data, columns, needed, path))
        {
            var (outcome, outcomeIssues) = AnalyzeOutcome(group, m, settings, columns, path);
            issues.AddRange(outcomeIssues);
            if (outcome is not null)
            {
                outcomes.Add(outcome);
            }
        }

        return Finish(outcomes.Count > 0 ? ExitCodes.Success : ExitCodes.NothingAnalysed, outcomes);
    }

    /// <summary>The version printed in the JSON settings (<c>0.1.0</c>, without a source revision).</summary>
    public static string Version { get; } =
        (typeof(Analyzer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>Which input each header gives, keyed by the normalized field name; the first of two duplicates wins.</summary>
    private static Dictionary<string, (int Index, string Header)> MapColumns(CsvRecord header, string path, List<CliIssue> issues)
    {
        var columns = new Dictionary<string, (int Index, string Header)>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            if (ColumnAliases.Resolve(header.Fields[i]) is not { } field)
            {
                continue;
            }

            var key = ColumnAliases.Normalize(field);
            if (columns.TryGetValue(key, out var first))
            {
                issues.Add(new(path, header.Line, header.Fields[i], null, CliIssueCodes.DuplicateColumn, IssueSeverity.Warning,
                    $"Columns \"{first.Header}\" and \"{header.Fields[i]}\" both give {field}; using \"{first.Header}\"."));
            }
            else
            {
                columns[key] = (i, header.Fields[i]);
            }
        }

        return columns;
    }

    /// <summary>GEN when the file has yi with vi, sei or a CI; otherwise null (the measure must be given).</summary>
    private static EffectMeasure? InferGen(Dictionary<string, (int Index, string Header)> columns)
    {
        bool Has(string field) => columns.ContainsKey(ColumnAliases.Normalize(field));
        return Has("yi") && (Has("vi") || Has("sei") || (Has("ci_lb") && Has("ci_ub"))) ? EffectMeasure.GEN : null;
    }

    /// <summary>
    /// The fields to read: those of every input set (Core's alternatives) the file has completely. Null, with a
    /// missing-column issue per column of the closest set, when none is complete.
    /// </summary>
    private static HashSet<string>? NeededFields(
        EffectMeasure measure, EscalcOptions options, Dictionary<string, (int Index, string Header)> columns, string path, List<CliIssue> issues)
    {
        var sets = EffectSizes.InputSets(measure, options);
        bool Has(string field) => columns.ContainsKey(ColumnAliases.Normalize(field));
        var complete = sets.Where(set => set.All(Has)).ToList();
        if (complete.Count > 0)
        {
            return [.. complete.SelectMany(set => set).Select(ColumnAliases.Normalize)];
        }

        var closest = sets.MinBy(set => set.Count(f => !Has(f)))!;
        var accepted = string.Join(" or ", sets.Select(set => string.Join(' ', set)));
        if (options.MedianConversion == MedianConversion.None && columns.Keys.Any(k => k.StartsWith("med", StringComparison.Ordinal)))
        {
            accepted += " (the file has medians: --median-to-mean wan or luo-shi converts them)";
        }

        foreach (var field in closest.Where(f => !Has(f)))
        {
            issues.Add(new(path, null, field, null, CliIssueCodes.MissingColumn, IssueSeverity.Error,
                $"Column {field} is missing; {measure} needs the columns {accepted}."));
        }

        return null;
    }

    /// <summary>One input row: its line, label and numbers (null when a cell was not a number).</summary>
    private sealed record InputRow(int Line, string? Study, StudyInput? Input);

    /// <summary>The rows of one outcome and the problems found reading them.</summary>
    private sealed record OutcomeGroup(string? Name, List<InputRow> Rows, List<CliIssue> Issues);

    /// <summary>Reads the needed cells of every row and groups rows by outcome, in order of first appearance.</summary>
    private static List<OutcomeGroup> Group(
        DataFile data, Dictionary<string, (int Index, string Header)> columns, HashSet<string> needed, string path)
    {
        var groups = new List<OutcomeGroup>();
        var byName = new Dictionary<string, OutcomeGroup>(StringComparer.Ordinal);
        foreach (var record in data.Rows)
        {
            string? Cell(string field)
                => columns.TryGetValue(field, out var column) && column.Index < record.Fields.Count ? record.Fields[column.Index] : null;

            var outcome = Cell(ColumnAliases.Outcome);
            if (!byName.TryGetValue(outcome ?? string.Empty, out var group))
            {
                group = new OutcomeGroup(outcome, [], []);
                byName.Add(outcome ?? string.Empty, group);
                groups.Add(group);
            }

            var study = Cell(ColumnAliases.Study) is { Length: > 0 } label ? label : null;
            var values = new Dictionary<string, double?>(StringComparer.Ordinal);
            var numeric = true;
            foreach (var field in needed)
            {
                var raw = Cell(field) ?? string.Empty;
                if (data.TryParseNumber(raw, out var value))
                {
                    values[field] = value;
                    continue;
                }

                numeric = false;
                var header = columns[field].Header;
                group.Issues.Add(new(path, record.Line, header, outcome, CliIssueCodes.NonNumeric, IssueSeverity.Error,
                    $"{header} is not a number: \"{raw}\"; row skipped."));
            }

            group.Rows.Add(new InputRow(record.Line, study, numeric ? StudyInputs.Create(study, values) : null));
        }

        return groups;
    }

    /// <summary>Computes the effect sizes and the pooled model of one outcome; null when no study is usable.</summary>
    private static (OutcomeReport? Report, List<CliIssue> Issues) AnalyzeOutcome(
        OutcomeGroup group, EffectMeasure measure, AnalyzeSettings settings, Dictionary<string, (int Index, string Header)> columns, string path)
    {
        var inputs = group.Rows.Where(r => r.Input is not null).ToList();
        var rowIssues = new List<CliIssue>(group.Issues);
        var analysisIssues = new List<CliIssue>();

        void AddCore(Issue issue, Func<int, int> lineOf)
        {
            var column = issue.Field is { } field
                ? columns.TryGetValue(ColumnAliases.Normalize(field), out var c) ? c.Header : field
                : null;
            var row = issue.StudyIndex is { } index ? lineOf(index) : (int?)null;
            (row is null ? analysisIssues : rowIssues).Add(new(path, row, column, group.Name, issue.Code, issue.Severity, issue.Message));
        }

        List<CliIssue> AllIssues() => [.. rowIssues.OrderBy(i => i.Row), .. analysisIssues];

        try
        {
            var effects = EffectSizes.Compute(measure, [.. inputs.Select(r => r.Input!)], settings.Escalc);
            foreach (var issue in effects.Issues)
            {
                AddCore(issue, index => inputs[index].Line);
            }

            var usable = effects.Studies.Where(e => e.IsUsable).ToList();
            if (usable.Count == 0)
            {
                if (!analysisIssues.Any(i => i.Code == IssueCodes.NoUsableStudies))
                {
                    analysisIssues.Add(new(path, null, null, group.Name, IssueCodes.NoUsableStudies, IssueSeverity.Error,
                        "No study of this outcome can be used; the analysis is skipped."));
                }

                return (null, AllIssues());
            }

            var fit = MetaAnalysis.Fit(
                usable.Select(e => e.Yi!.Value).ToArray(), usable.Select(e => e.Vi!.Value).ToArray(), settings.FitOptions);
            foreach (var issue in fit.Issues)
            {
                AddCore(issue, index => inputs[usable[index].Index].Line);
            }

            var sizes = usable.All(e => e.Ni is not null) ? usable.Select(e => e.Ni!.Value).ToArray() : null;
            // GEN given as ratios with --log is analysed on the log scale, so it reads back like RR: exp.
            var backTransform = measure == EffectMeasure.GEN && settings.Escalc.GenLogScale
                ? BackTransform.For(EffectMeasure.RR)
                : BackTransform.For(measure, sizes);
            var studies = StudyRows(group, effects, usable, fit, backTransform, settings.Level);
            var report = new OutcomeReport(group.Name, measure, fit, backTransform, sizes?.Sum(), studies);
            return (report, AllIssues());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            analysisIssues.Add(new(path, null, null, group.Name, CliIssueCodes.AnalysisFailed, IssueSeverity.Error,
                $"The analysis failed ({e.GetType().Name}: {e.Message}); please report this."));
            return (null, AllIssues());
        }
    }

    /// <summary>Every row of the outcome in input order, with per-study statistics for the usable ones.</summary>
    private static List<StudyRow> StudyRows(
        OutcomeGroup group, EffectSizeSet effects, List<StudyEffect> usable, MetaAnalysisResult fit, BackTransform? backTransform, double level)
    {
        var effectByIndex = effects.Studies.ToDictionary(e => e.Index);
        var weightByIndex = usable.Select((e, j) => (e.Index, Weight: fit.WeightsPercent[j])).ToDictionary(x => x.Index, x => x.Weight);
        double? Bt(double? x) => x is { } v && backTransform is not null ? backTransform.Apply(v) : null;

        var rows = new List<StudyRow>();
        var inputIndex = 0; // position among the rows given to Core (those that were read without error)
        foreach (var row in group.Rows)
        {
            StudyEffect? effect = null;
            if (row.Input is not null)
            {
                effectByIndex.TryGetValue(inputIndex++, out effect);
            }

            if (effect is null)
            {
                rows.Add(new StudyRow { Study = row.Study, Row = row.Line });
                continue;
            }

            var studyRow = new StudyRow
            {
                Study = row.Study,
                Row = row.Line,
                N1i = effect.N1i,
                N2i = effect.N2i,
                Ni = effect.Ni,
                Adjustments = effect.Adjustments,
            };
            if (effect.IsUsable)
            {
                var stats = StudyStatistics.Compute(effect.Yi!.Value, effect.Vi!.Value, level);
                studyRow = studyRow with
                {
                    Yi = effect.Yi,
                    Vi = effect.Vi,
                    Sei = stats.StandardError,
                    CiLower = stats.ConfidenceInterval.Lower,
                    CiUpper = stats.ConfidenceInterval.Upper,
                    Z = stats.Z,
                    P = stats.PValue,
                    WeightPercent = weightByIndex[effect.Index],
                    YiBt = Bt(effect.Yi),
                    CiLowerBt = Bt(stats.ConfidenceInterval.Lower),
                    CiUpperBt = Bt(stats.ConfidenceInterval.Upper),
                };
            }

            rows.Add(studyRow);
        }

        return rows;
    }

    /// <summary>Every option actually used, named as in the JSON <c>settings</c> object.</summary>
    private static List<(string Name, object? Value)> SettingsOf(AnalyzeSettings s, EffectMeasure? measure, DataFile? data) =>
    [
        ("input", s.InputPath),
        ("measure", measure?.ToString()),
        ("method", s.Method.ToString().ToUpperInvariant()),
        ("test", s.Test.ToString().ToUpperInvariant()),
        ("level", s.Level),
        ("add", s.Escalc.Add),
        ("to", EvidentCommand.To.NameOf(s.Escalc.To)),
        ("drop00", s.Escalc.Drop00),
        ("pi_type", EvidentCommand.PiType.NameOf(s.PiType)),
        ("tau2_ci", EvidentCommand.Tau2Ci.NameOf(s.Tau2Ci)),
        ("median_to_mean", EvidentCommand.MedianToMean.NameOf(s.Escalc.MedianConversion)),
        ("ci_level", s.Escalc.InputCiLevel),
        ("log", s.Escalc.GenLogScale),
        ("format", EvidentCommand.Format.NameOf(s.Format)),
        ("delimiter", data?.Delimiter.ToString()),
        ("decimal", data is null ? null : data.DecimalComma ? "," : "."),
        ("evident_version", Version),
    ];
}
