using System.Globalization;
using Evident.Analysis;
using Evident.Core;
using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Evident.Core.Sensitivity;
using Evident.Rendering.Plots.Forest;
using Evident.Review.RiskOfBias;

namespace Evident.Rendering.Analysis;

/// <summary>What shapes a forest plot's data besides the analysis: the layout, the studies' order, the arms' names, risk of bias.</summary>
public sealed record ForestSettings
{
    /// <summary>RevMan's columns (the default) or metafor's.</summary>
    public ForestLayout Layout { get; init; } = ForestLayout.RevMan;

    /// <summary><c>input</c>, <c>effect</c>, <c>weight</c> or <c>label</c>.</summary>
    public string Sort { get; init; } = "input";

    /// <summary>The names of the two arms (column group headers).</summary>
    public IReadOnlyList<string> Arms { get; init; } = ForestFavours.DefaultArms;

    /// <summary>The risk-of-bias judgements to show, or null.</summary>
    public ForestRiskOfBias? RiskOfBias { get; init; }
}

/// <summary>
/// An analysis as a forest plot's data: the studies and their input numbers from <see cref="OutcomeReport.Studies"/>,
/// the pooled results and their statistics from <see cref="OutcomeReport.Fit"/> and <see cref="OutcomeReport.Subgroups"/>
/// (never recomputed), or the fits of a cumulative or leave-one-out analysis from Core's sensitivity analyses.
/// </summary>
public static class ForestData
{
    /// <summary>The forest plot of an analysis (with its subgroups, if any); <paramref name="warnings"/> gets located warnings.</summary>
    /// <param name="outcome">The analysis.</param>
    /// <param name="run">The run it belongs to (its input's name and settings).</param>
    /// <param name="forest">The layout, order, arms' names and risk of bias.</param>
    /// <param name="warnings">Gets the located warnings (a study without a risk-of-bias row; a refit's problems).</param>
    public static ForestPlotData Of(OutcomeReport outcome, AnalysisResults run, ForestSettings forest, ICollection<AnalysisIssue> warnings)
    {
        var revman = forest.Layout == ForestLayout.RevMan;
        var scale = new DisplayScale(outcome.BackTransform);
        var columns = Columns(outcome, forest.Arms);
        var rob = RobLookup(outcome, run, forest, warnings);
        ForestRow Row(StudyRow s) => new(s.Study ?? $"Row {s.Row}", scale.Value(s.Yi), scale.Value(s.CiLower), scale.Value(s.CiUpper))
        {
            WeightPercent = s.WeightPercent,
            Cells = [.. columns.Select(c => c.Cell(s.Input))],
            RiskOfBias = rob(s),
        };

        var level = LevelText(run.Settings.Level);
        var data = Base(outcome, run, revman) with { Columns = [.. columns.Select(c => c.Column)], RiskOfBiasDomains = forest.RiskOfBias?.Domains ?? [] };
        var pooledStudies = outcome.Studies.Where(s => s.WeightPercent is not null).ToList();
        var overall = Pooled(revman ? $"Total ({level}% CI)" : ModelName(outcome), outcome.Fit, scale, pooledStudies, revman ? columns : [], revman ? 100 : null);
        if (outcome.Subgroups is not { } subgroups)
        {
            return data with { Studies = [.. Sort(outcome.Studies, forest.Sort).Select(Row)], Overall = overall };
        }

        var blocks = new List<ForestSubgroup>();
        foreach (var group in subgroups.Groups)
        {
            var members = outcome.Studies.Where(s => string.Equals(s.Subgroup, group.Label, StringComparison.Ordinal)).ToList();
            var used = members.Where(s => s.WeightPercent is not null).ToList();
            var pooled = group.Fit is { } fit
                ? Pooled(revman ? $"Subtotal ({level}% CI)" : $"{ModelName(outcome)} for Subgroup", fit, scale, used, revman ? columns : [], revman ? used.Sum(s => s.WeightPercent!.Value) : null)
                : null;
            blocks.Add(new ForestSubgroup(group.Label, [.. Sort(members, forest.Sort).Select(Row)], pooled));
        }

        var unlabelled = outcome.Studies.Where(s => string.IsNullOrWhiteSpace(s.Subgroup)).ToList();
        if (unlabelled.Count > 0)
        {
            blocks.Add(new ForestSubgroup("No subgroup", [.. Sort(unlabelled, forest.Sort).Select(Row)], null));
        }

        // I² of the test for subgroup differences, (Q − df)/Q, as RevMan prints it (Cochrane Handbook §10.11.3.1).
        var test = subgroups.Test is { } t ? new ForestSubgroupTest(t.Q, t.Df, t.PValue, t.Q > 0 ? Math.Max(0, (t.Q - t.Df) / t.Q) * 100 : 0) : null;
        return data with { Subgroups = blocks, Overall = overall, SubgroupTest = test };
    }

    /// <summary>
    /// A cumulative forest (Lau et al. 1992): row j is the fit to the first j + 1 studies of <paramref name="order"/>
    /// (indices into the analysis's usable studies), with the estimate from all studies as a reference line. Under
    /// Mantel-Haenszel or Peto each row is that method's fit to those studies' tables (<see cref="TableSubsets"/>).
    /// </summary>
    /// <param name="outcome">The analysis.</param>
    /// <param name="run">The run it belongs to (its input's name and settings).</param>
    /// <param name="forest">The layout, order, arms' names and risk of bias.</param>
    /// <param name="order">The order the studies are added in, as indices into the list of studies it is given.</param>
    /// <param name="warnings">Gets the located warnings (a study without a risk-of-bias row; a refit's problems).</param>
    public static ForestPlotData Cumulative(OutcomeReport outcome, AnalysisResults run, ForestSettings forest, Func<IReadOnlyList<StudyRow>, int[]> order, ICollection<AnalysisIssue> warnings)
    {
        if (outcome.Tables is { } tables)
        {
            var (withTables, fit) = TableSubsets(outcome, tables);
            var sequence = order(withTables);
            var tableRows = sequence.Select((study, j) => TableRow(Label(withTables[study]), fit(sequence.Take(j + 1)), outcome, withK: true)).ToList();
            return Sensitivity(outcome, run, forest, tableRows, outcome.Fit, "Study added", withK: true, overall: false);
        }

        var (studies, yi, vi) = Usable(outcome);
        var result = SensitivityAnalysis.Cumulative(yi, vi, order(studies), run.Settings.FitOptions);
        Report(result.Issues, studies, run, outcome, warnings);
        var rows = result.Rows.Select((r, j) => SensitivityRow(studies[result.Order[j]].Study ?? $"Row {studies[result.Order[j]].Row}", r, outcome, withK: true)).ToList();
        return Sensitivity(outcome, run, forest, rows, result.Fit, "Study added", withK: true, overall: false);
    }

    /// <summary>A leave-one-out forest: row i is the fit without study i, with the estimate from all studies as a reference line and diamond.</summary>
    /// <param name="outcome">The analysis.</param>
    /// <param name="run">The run it belongs to (its input's name and settings).</param>
    /// <param name="forest">The layout, order, arms' names and risk of bias.</param>
    /// <param name="warnings">Gets the located warnings (a study without a risk-of-bias row; a refit's problems).</param>
    public static ForestPlotData LeaveOneOut(OutcomeReport outcome, AnalysisResults run, ForestSettings forest, ICollection<AnalysisIssue> warnings)
    {
        if (outcome.Tables is { } tables)
        {
            var (withTables, fit) = TableSubsets(outcome, tables);
            var all = Enumerable.Range(0, withTables.Count).ToList();
            var tableRows = all.Select(i => TableRow(Label(withTables[i]), fit(all.Where(j => j != i)), outcome, withK: false)).ToList();
            return Sensitivity(outcome, run, forest, tableRows, outcome.Fit, "Study omitted", withK: false, overall: true);
        }

        var (studies, yi, vi) = Usable(outcome);
        var result = SensitivityAnalysis.LeaveOneOut(yi, vi, run.Settings.FitOptions);
        Report(result.Issues, studies, run, outcome, warnings);
        var rows = result.Rows.Select((r, i) => SensitivityRow(studies[i].Study ?? $"Row {studies[i].Row}", r, outcome, withK: false)).ToList();
        return Sensitivity(outcome, run, forest, rows, result.Fit, "Study omitted", withK: false, overall: true);
    }

    /// <summary>The usable studies in input order with their effects (what the sensitivity analyses refit).</summary>
    internal static (List<StudyRow> Studies, double[] Yi, double[] Vi) Usable(OutcomeReport outcome)
    {
        var studies = outcome.Studies.Where(s => s is { Yi: { } y, Vi: { } v } && double.IsFinite(y) && double.IsFinite(v) && v > 0).ToList();
        return (studies, [.. studies.Select(s => s.Yi!.Value)], [.. studies.Select(s => s.Vi!.Value)]);
    }

    /// <summary>
    /// The studies of a Mantel-Haenszel or Peto analysis (every row with a table, in input order: a table without an
    /// estimate of its own may still count, e.g. a double-zero table in a risk difference) and a function fitting a
    /// subset of them (indices into that list) by the analysis's method and options (Mantel &amp; Haenszel 1959; Yusuf
    /// et al. 1985), so a cumulative or leave-one-out row is what <c>analyze --method MH|PETO</c> gives for those
    /// studies. Each fit is O(k): a cumulative or leave-one-out forest costs O(k²), fine for hundreds of studies.
    /// </summary>
    internal static (List<StudyRow> Studies, Func<IEnumerable<int>, TableFitResult> Fit) TableSubsets(OutcomeReport outcome, TableFitResult tables)
    {
        var studies = outcome.Studies.Where(s => s.Input is not null).ToList();
        TableFitResult Fit(IEnumerable<int> subset)
        {
            var inputs = subset.Select(i => studies[i].Input!).ToList();
            return tables.Method == TableMethod.PETO ? Peto.Fit(inputs, tables.Options) : MantelHaenszel.Fit(tables.Measure, inputs, tables.Options);
        }

        return (studies, Fit);
    }

    /// <summary>A sensitivity row of a table method's fit: "Not estimable" when the subset has no estimate.</summary>
    private static ForestRow TableRow(string label, TableFitResult fit, OutcomeReport outcome, bool withK)
    {
        var scale = new DisplayScale(outcome.BackTransform);
        var i2 = fit.QDf == 0 ? "0%" : fit.I2 is { } i ? Number(i, "0") + "%" : "NA";
        List<string> cells = [.. withK ? [fit.K.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(), i2];
        return new ForestRow(label, scale.Value(fit.Estimate), scale.Value(fit.ConfidenceInterval?.Lower), scale.Value(fit.ConfidenceInterval?.Upper)) { Cells = cells };
    }

    private static string Label(StudyRow study) => study.Study ?? $"Row {study.Row}";

    private static ForestPlotData Sensitivity(
        OutcomeReport outcome, AnalysisResults run, ForestSettings forest, List<ForestRow> rows, MetaAnalysisResult? full, string header, bool withK, bool overall)
    {
        var revman = forest.Layout == ForestLayout.RevMan;
        var scale = new DisplayScale(outcome.BackTransform);
        var random = full is { Method: not (Tau2Method.EE or Tau2Method.FE) };
        List<ForestColumn> columns = [.. withK ? [new ForestColumn("k")] : Array.Empty<ForestColumn>(), new ForestColumn("I²"), .. random ? [new ForestColumn("τ²")] : Array.Empty<ForestColumn>()];
        var data = Base(outcome, run, revman) with
        {
            LabelHeader = header,
            Columns = columns,
            Studies = [.. rows.Select(r => r with { Cells = [.. r.Cells.Take(columns.Count)] })],
            ReferenceValue = full is null ? null : scale.Value(full.Estimate),
        };
        if (overall && full is not null)
        {
            data = data with { Overall = Pooled(revman ? $"All studies ({LevelText(run.Settings.Level)}% CI)" : "All studies", full, scale, [], [], null) };
        }

        return data;
    }

    private static ForestRow SensitivityRow(string label, FitRow fit, OutcomeReport outcome, bool withK)
    {
        var scale = new DisplayScale(outcome.BackTransform);
        var i2 = Number(fit.I2, "0") + "%";
        List<string> cells = [.. withK ? [fit.K.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(), i2, Number(fit.Tau2, "0.0000")];
        return new ForestRow(label, scale.Value(fit.Estimate), scale.Value(fit.ConfidenceInterval.Lower), scale.Value(fit.ConfidenceInterval.Upper)) { Cells = cells };
    }

    private static void Report(IReadOnlyList<Issue> issues, List<StudyRow> studies, AnalysisResults run, OutcomeReport outcome, ICollection<AnalysisIssue> warnings)
    {
        foreach (var issue in issues.Where(i => i.Severity != IssueSeverity.Info))
        {
            var line = issue.StudyIndex is { } i && i < studies.Count ? studies[i].Row : (int?)null;
            warnings.Add(new AnalysisIssue(run.InputName, line, issue.Field, outcome.Outcome, issue.Code, issue.Severity, issue.Message));
        }
    }

    /// <summary>What every forest of an analysis shares: the effect's name, the method line, the scale, the title.</summary>
    private static ForestPlotData Base(OutcomeReport outcome, AnalysisResults run, bool revman)
    {
        var fit = outcome.Fit;
        var random = fit.Method is not (Tau2Method.EE or Tau2Method.FE);
        var method = outcome.Tables?.Method switch
        {
            TableMethod.MH => "M-H",
            TableMethod.PETO => "Peto",
            _ => "IV",
        };
        var log = outcome.BackTransform?.Name == "exp";
        return new ForestPlotData
        {
            EffectName = EffectName(outcome.Measure, log),
            MethodText = $"{method}, {(random ? "Random" : "Fixed")}, {LevelText(run.Settings.Level)}% CI",
            Level = run.Settings.Level,
            Log = log,
            NullValue = HasNull(outcome.Measure) ? 0 : null,
            LabelHeader = revman ? "Study or Subgroup" : "Study",
            Title = outcome.Outcome,
        };
    }

    /// <summary>A pooled row; with <paramref name="columns"/>, RevMan's totals per arm and total events of <paramref name="rows"/>.</summary>
    private static ForestPooled Pooled(
        string label, MetaAnalysisResult fit, DisplayScale scale, List<StudyRow> rows, IReadOnlyList<ArmColumn> columns, double? weight)
    {
        var random = fit.Method is not (Tau2Method.EE or Tau2Method.FE);
        var pi = random && fit.K >= 2 && fit.Tau2 > 0 && fit.PredictionInterval is { } p ? new Interval(scale.Value(p.Lower)!.Value, scale.Value(p.Upper)!.Value) : (Interval?)null;
        return new ForestPooled(label, scale.Value(fit.Estimate)!.Value, scale.Value(fit.ConfidenceInterval.Lower)!.Value, scale.Value(fit.ConfidenceInterval.Upper)!.Value)
        {
            PredictionInterval = pi,
            WeightPercent = weight,
            Cells = [.. columns.Select(c => c.IsTotal && rows.Count > 0 ? c.Sum(rows) : string.Empty)],
            TotalEvents = columns.Any(c => c.IsEvents) && rows.Count > 0 ? [.. columns.Select(c => c.IsEvents ? c.Sum(rows) : string.Empty)] : [],
            Heterogeneity = fit.K >= 1 ? new ForestHeterogeneity(random ? fit.Tau2 : null, fit.Q, fit.QDf, fit.QPValue, fit.I2) : null,
            Test = new ForestEffectTest(fit.Test == TestMethod.Z ? "Z" : "t", fit.Statistic, fit.Df, fit.PValue),
        };
    }

    /// <summary>RoB judgements per study row, by label (exact, then ignoring case); warns about studies and RoB rows that do not match.</summary>
    private static Func<StudyRow, IReadOnlyList<Judgement?>> RobLookup(OutcomeReport outcome, AnalysisResults run, ForestSettings forest, ICollection<AnalysisIssue> warnings)
    {
        if (forest.RiskOfBias is not { } rob)
        {
            return _ => [];
        }

        var exact = new Dictionary<string, Judgement?[]>(StringComparer.Ordinal);
        var loose = new Dictionary<string, Judgement?[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (study, _, judgements) in rob.Rows)
        {
            exact.TryAdd(study, judgements);
            loose.TryAdd(study, judgements);
        }

        Judgement?[]? Find(string? label) => label is null ? null : exact.GetValueOrDefault(label.Trim()) ?? loose.GetValueOrDefault(label.Trim());
        foreach (var study in outcome.Studies.Where(s => Find(s.Study) is null))
        {
            warnings.Add(new AnalysisIssue(run.InputName, study.Row, null, outcome.Outcome, AnalysisIssueCodes.RobUnmatched, IssueSeverity.Warning,
                $"study \"{study.Study}\" has no row in {rob.Path}; its risk-of-bias columns are blank"));
        }

        var labels = outcome.Studies.Where(s => s.Study is not null).Select(s => s.Study!.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (study, line, _) in rob.Rows.Where(r => !labels.Contains(r.Study)))
        {
            warnings.Add(new AnalysisIssue(rob.Path, line, null, outcome.Outcome, AnalysisIssueCodes.RobUnmatched, IssueSeverity.Warning,
                $"\"{study}\" is not a study of the analysis; the row is not drawn"));
        }

        return s => Find(s.Study) ?? [];
    }

    private static IEnumerable<StudyRow> Sort(IEnumerable<StudyRow> rows, string sort) => sort switch
    {
        "effect" => rows.OrderBy(r => r.Yi is null ? 1 : 0).ThenBy(r => r.Yi ?? 0),
        "weight" => rows.OrderByDescending(r => r.WeightPercent ?? -1),
        "label" => rows.OrderBy(r => r.Study ?? string.Empty, StringComparer.OrdinalIgnoreCase),
        _ => rows,
    };

    /// <summary>The per-arm columns RevMan shows for the measure's data: events and totals, means, SDs and totals, events and person-time.</summary>
    private static List<ArmColumn> Columns(OutcomeReport outcome, IReadOnlyList<string> arms)
    {
        var columns = outcome.Measure switch
        {
            EffectMeasure.OR or EffectMeasure.RR or EffectMeasure.RD or EffectMeasure.PETO => Arms(arms, arm =>
            [
                new ArmColumn("Events", arm.Name, i => arm.First ? i.Ai : i.Ci, "F0") { IsEvents = true },
                new ArmColumn("Total", arm.Name, i => arm.First ? i.N1i ?? (i.Ai + i.Bi) : i.N2i ?? (i.Ci + i.Di), "F0") { IsTotal = true },
            ]),
            EffectMeasure.IRR or EffectMeasure.IRD => Arms(arms, arm =>
            [
                new ArmColumn("Events", arm.Name, i => arm.First ? i.X1i : i.X2i, "F0") { IsEvents = true },
                new ArmColumn("Time", arm.Name, i => arm.First ? i.T1i : i.T2i, "F0") { IsTotal = true },
            ]),
            EffectMeasure.MD or EffectMeasure.SMD or EffectMeasure.SMDH or EffectMeasure.SMD1 or EffectMeasure.ROM => Arms(arms, arm =>
            [
                new ArmColumn("Mean", arm.Name, i => arm.First ? i.M1i : i.M2i, "F0"),
                new ArmColumn("SD", arm.Name, i => arm.First ? i.Sd1i : i.Sd2i, "F0"),
                new ArmColumn("Total", arm.Name, i => arm.First ? i.N1i : i.N2i, "F0") { IsTotal = true },
            ]),
            _ => [],
        };

        // A column none of whose studies has a value is left out (e.g. effects given as yi/vi). Each column prints all its
        // numbers to one number of decimals, enough for its most precise value (at most 3), as RevMan prints them.
        return [.. columns
            .Where(c => outcome.Studies.Any(s => s.Input is { } input && c.Value(input) is not null))
            .Select(c => c with { Format = "F" + ColumnDecimals(outcome.Studies.Select(s => s.Input is { } i ? c.Value(i) : null)).ToString(CultureInfo.InvariantCulture) })];
    }

    /// <summary>The most decimals a column's numbers need to print as given, at most <see cref="MaxColumnDecimals"/>.</summary>
    internal static int ColumnDecimals(IEnumerable<double?> values)
        => values.OfType<double>().Where(double.IsFinite)
            .Select(v => Enumerable.Range(0, MaxColumnDecimals + 1).FirstOrDefault(d => Math.Abs(Math.Round(v, d) - v) <= 1e-9 * Math.Max(1, Math.Abs(v)), MaxColumnDecimals))
            .DefaultIfEmpty(0).Max();

    /// <summary>The most decimals a per-arm column prints.</summary>
    private const int MaxColumnDecimals = 3;

    private static List<ArmColumn> Arms(IReadOnlyList<string> arms, Func<(string Name, bool First), ArmColumn[]> make)
        => [.. make((arms[0], true)), .. make((arms[1], false))];

    /// <summary>Measures with a value of no effect (0 on the analysis scale): differences, ratios, correlations.</summary>
    private static bool HasNull(EffectMeasure measure) => measure is not (EffectMeasure.PR or EffectMeasure.PLN or EffectMeasure.PLO or EffectMeasure.PAS
        or EffectMeasure.PFT or EffectMeasure.IR or EffectMeasure.IRLN or EffectMeasure.MN or EffectMeasure.MNLN);

    /// <summary>The effect's name as RevMan heads its columns.</summary>
    private static string EffectName(EffectMeasure measure, bool log) => measure switch
    {
        EffectMeasure.OR => "Odds Ratio",
        EffectMeasure.RR => "Risk Ratio",
        EffectMeasure.RD => "Risk Difference",
        EffectMeasure.PETO => "Peto Odds Ratio",
        EffectMeasure.IRR => "Rate Ratio",
        EffectMeasure.IRD => "Rate Difference",
        EffectMeasure.MD => "Mean Difference",
        EffectMeasure.SMD or EffectMeasure.SMDH => "Std. Mean Difference",
        EffectMeasure.SMD1 => "Glass's Delta",
        EffectMeasure.ROM => "Ratio of Means",
        EffectMeasure.COR or EffectMeasure.UCOR or EffectMeasure.ZCOR => "Correlation",
        EffectMeasure.PR or EffectMeasure.PLN or EffectMeasure.PLO or EffectMeasure.PAS or EffectMeasure.PFT => "Proportion",
        EffectMeasure.IR or EffectMeasure.IRLN => "Incidence Rate",
        EffectMeasure.MN or EffectMeasure.MNLN => "Mean",
        EffectMeasure.MC => "Mean Change",
        EffectMeasure.SMCC or EffectMeasure.SMCR => "Std. Mean Change",
        _ => log ? "Ratio" : "Estimate",
    };

    /// <summary>metafor's name for the model: RE, EE or FE Model (MH and Peto Model for the table methods).</summary>
    private static string ModelName(OutcomeReport outcome) => outcome.Tables?.Method switch
    {
        TableMethod.MH => "MH Model",
        TableMethod.PETO => "Peto Model",
        _ => outcome.Fit.Method switch
        {
            Tau2Method.EE => "EE Model",
            Tau2Method.FE => "FE Model",
            _ => "RE Model",
        },
    };

    private static string LevelText(double level) => level.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Number(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "NA";

    /// <summary>A per-arm column: its header, its arm, how its value is read from the input, and its format.</summary>
    private sealed record ArmColumn(string Header, string Arm, Func<StudyInput, double?> Value, string Format)
    {
        public bool IsEvents { get; init; }

        public bool IsTotal { get; init; }

        public ForestColumn Column => new(Header, Arm);

        public string Cell(StudyInput? input) => input is not null && Value(input) is { } v ? Number(v, Format) : string.Empty;

        public string Sum(IEnumerable<StudyRow> rows) => Number(rows.Sum(r => r.Input is { } i ? Value(i) ?? 0 : 0), Format);
    }

    /// <summary>
    /// The scale the plot is drawn on: the analysis scale for log ratios (the axis is logarithmic) and for measures
    /// without a back-transformation; the back-transformed scale for the others (proportions, correlations from z).
    /// </summary>
    private sealed class DisplayScale(BackTransform? backTransform)
    {
        private readonly Func<double, double>? _apply = backTransform is { Name: not "exp" } bt ? bt.Apply : null;

        public double? Value(double? value) => value is { } v && _apply is { } f ? f(v) : value;
    }
}
