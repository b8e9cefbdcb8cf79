using System.Globalization;
using Evident.Analysis;
using Evident.Core;
using Evident.Core.Bias;
using Evident.Core.Models;
using Evident.Rendering.Analysis;
using Evident.Rendering.Output;
using Evident.Rendering.Plots.Forest;
using Evident.Rendering.Plots.Funnel;
using Evident.Rendering.Prisma;
using Evident.Review.Prisma;

namespace Evident.Rendering.Reports;

/// <summary>What a report is made from: the run's settings, analyses and issues, and the report's own options.</summary>
public sealed record ReportRequest
{
    /// <summary>The analysis run: its settings, analyses and issues.</summary>
    public required AnalysisResults Run { get; init; }

    /// <summary>The settings the analysis ran with.</summary>
    public AnalyzeSettings Settings => Run.Settings;

    /// <summary>The analyses, as <c>analyze</c> reports them.</summary>
    public IReadOnlyList<OutcomeReport> Outcomes => Run.Outcomes;

    /// <summary>Every issue of the run.</summary>
    public IReadOnlyList<AnalysisIssue> Issues => Run.Issues;

    /// <summary><c>--title</c>, or null for one made from the input file's name.</summary>
    public string? Title { get; init; }

    /// <summary>When the report is made.</summary>
    public required DateTimeOffset Generated { get; init; }

    /// <summary>Decimals of effects and their intervals.</summary>
    public int Decimals { get; init; } = 2;

    /// <summary><c>--arm-labels</c>: the arms' names as typed, or null for the defaults.</summary>
    public IReadOnlyList<string>? Arms { get; init; }

    /// <summary><c>--favours-left</c>, or null for the default.</summary>
    public string? FavoursLeft { get; init; }

    /// <summary><c>--favours-right</c>, or null for the default.</summary>
    public string? FavoursRight { get; init; }

    /// <summary><c>--rob</c>: the risk-of-bias judgements the forest plots show beside the studies, or null.</summary>
    public ForestRiskOfBias? RiskOfBias { get; init; }

    /// <summary><c>--prisma</c>: the PRISMA 2020 counts of the study-selection figure, or null.</summary>
    public PrismaCounts? Prisma { get; init; }
}

/// <summary>
/// Decides what an analysis report says, once for every format: the methods paragraph (<see cref="MethodsParagraph"/>),
/// per outcome the pooled results with I² and its band (<see cref="I2Bands"/>), the forest and funnel plots (the data
/// <c>plot forest</c> and <c>plot funnel</c> draw), the studies, subgroups, meta-regression, small-study and
/// sensitivity analyses, and the issues. The numbers are the analysis's own, never recomputed.
/// </summary>
public static class ReportComposer
{
    /// <summary>Composes the report; its <see cref="ReportDocument.Warnings"/> are those made on the way.</summary>
    /// <param name="request">The run and the report's options.</param>
    public static ReportDocument Compose(ReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = request.Settings;
        var warnings = new List<AnalysisIssue>();
        var numbers = new ReportNumbers(request.Decimals);
        var (methods, references) = MethodsParagraph.Write(settings, request.Outcomes, request.Issues);
        var inputName = Path.GetFileName(request.Run.InputName);
        var suffixes = OutcomeFileNames.Assign([.. request.Outcomes.Select(o => o.Outcome)]);
        var sections = request.Outcomes.Select((o, i) => Outcome(o, request, numbers, warnings, i == 0 && o.Outcome is null ? string.Empty : suffixes[i])).ToList();
        return new ReportDocument(
            request.Title ?? $"Meta-analysis of {inputName}", inputName, request.Generated, Analyzer.Version, methods, references, sections, request.Issues)
        {
            Selection = request.Prisma is { } counts ? [Prisma(counts)] : [],
            Warnings = warnings,
        };
    }

    /// <summary>The PRISMA 2020 flow diagram of the study selection (<c>--prisma</c>).</summary>
    private static FigureBlock Prisma(PrismaCounts counts)
    {
        var diagram = PrismaDiagram.Draw(counts);
        return new FigureBlock("prisma", SvgWriter.Write(diagram), diagram.Width,
            "PRISMA 2020 flow diagram (Page et al. 2021): the records identified, screened and assessed, and the studies included.");
    }

    /// <summary>The sentence the issues section opens with.</summary>
    internal static string IssuesSummary(IReadOnlyList<AnalysisIssue> issues)
    {
        if (issues.Count == 0)
        {
            return "No issues: every row was read and used as given, and no value needed converting or correcting.";
        }

        var counts = Enum.GetValues<IssueSeverity>().Reverse()
            .Select(s => (Severity: s, Count: issues.Count(i => i.Severity == s)))
            .Where(c => c.Count > 0)
            .Select(c => $"{c.Count.ToString(CultureInfo.InvariantCulture)} {SeverityName(c.Severity, c.Count)}");
        var total = issues.Count == 1 ? "1 issue" : $"{issues.Count.ToString(CultureInfo.InvariantCulture)} issues";
        return $"{total} ({string.Join(", ", counts)}), with the file, line and column each refers to. Errors mean a row or analysis was left out; "
            + "info issues record conversions and conventions applied.";
    }

    /// <summary>The issues as a table: file, line, column, outcome, severity, code, message.</summary>
    internal static TableBlock IssueTable(IReadOnlyList<AnalysisIssue> issues) => new(
        "Every issue, in the order found",
        [new("File", ColumnKind.Code), new("Line", ColumnKind.Number), new("Column", ColumnKind.Code), new("Outcome"),
            new("Severity", ColumnKind.Code), new("Code", ColumnKind.Code), new("Message", ColumnKind.Prose)],
        [.. issues.Select(i => (IReadOnlyList<string>)[
            i.File is null ? string.Empty : Path.GetFileName(i.File), i.Row?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, i.Column ?? string.Empty, i.Outcome ?? string.Empty,
            ReportComposer.SeverityName(i.Severity), i.Code, i.Message])]);

    /// <summary>The lower-case name of a severity, plural when needed.</summary>
    internal static string SeverityName(IssueSeverity severity, int count = 1) => severity switch
    {
        IssueSeverity.Error => count == 1 ? "error" : "errors",
        IssueSeverity.Warning => count == 1 ? "warning" : "warnings",
        _ => "info",
    };

    private static OutcomeSection Outcome(OutcomeReport outcome, ReportRequest request, ReportNumbers numbers, List<AnalysisIssue> warnings, string suffix)
    {
        var settings = request.Settings;
        var blocks = new List<ReportBlock>();
        var fit = outcome.Fit;
        var bands = I2Bands.Of(fit.I2);
        var interpretation = I2Bands.Interpretation(fit.I2, Citations.HandbookChapter10.Cite);
        blocks.Add(PooledTable(outcome, settings, numbers, bands));
        blocks.Add(new ParagraphBlock(interpretation));
        blocks.AddRange(Figures(outcome, request, numbers, warnings, suffix));
        blocks.Add(new SubheadingBlock("Studies"));
        blocks.Add(StudyTable(outcome, settings, numbers));
        if (outcome.Studies.Any(s => s.Yi is null))
        {
            blocks.Add(new NoteBlock("Rows without an estimate were not used; the input issues below say why."));
        }

        if (outcome.Subgroups is { } subgroups)
        {
            blocks.AddRange(Subgroups(outcome, subgroups, settings, numbers));
        }

        if (outcome.Regression is { } regression)
        {
            blocks.AddRange(Regression(outcome, regression, numbers));
        }

        foreach (var c in outcome.SharedControlSplits)
        {
            var events = c.OriginalEvents is { } before ? $", events {ReportNumbers.Count(before)} → {ReportNumbers.Count(c.NewEvents)}" : string.Empty;
            blocks.Add(new ParagraphBlock(
                $"The shared control group of {c.Study} (line {c.Row.ToString(CultureInfo.InvariantCulture)}) was divided among {c.Comparisons.ToString(CultureInfo.InvariantCulture)} comparisons: "
                + $"n {ReportNumbers.Count(c.OriginalN)} → {ReportNumbers.Count(c.NewN)}{events}."));
        }

        if (outcome.Bias is { } bias)
        {
            blocks.AddRange(Bias(outcome, bias, settings, numbers));
        }

        if (outcome.Sensitivity is { } sensitivity)
        {
            blocks.AddRange(Sensitivity(sensitivity, settings, numbers));
        }

        return new OutcomeSection(outcome, outcome.Outcome ?? "Results", blocks, bands, interpretation);
    }

    /// <summary>The pooled result as quantity–value rows: k, N, model, estimate, test, prediction interval, τ², I², H², Q.</summary>
    private static TableBlock PooledTable(OutcomeReport outcome, AnalyzeSettings settings, ReportNumbers numbers, IReadOnlyList<HeterogeneityBand> bands)
    {
        var fit = outcome.Fit;
        var bt = outcome.BackTransform;
        var (label, back) = ReportNumbers.Labels(outcome.Measure, bt);
        var level = ReportNumbers.Level(fit.Level);
        var random = MethodsParagraph.IsRandom(outcome);
        var rows = new List<IReadOnlyList<string>>();
        void Row(string name, string value) => rows.Add([name, value]);

        Row("Studies (k)", fit.K.ToString(CultureInfo.InvariantCulture));
        if (outcome.NTotal is { } n)
        {
            Row("Participants (N)", ReportNumbers.Count(n));
        }

        Row("Model", ModelName(outcome));
        var ci = fit.ConfidenceInterval;
        Row($"{label} [{level}% CI]", numbers.WithInterval(fit.Estimate, ci.Lower, ci.Upper));
        if (bt is not null)
        {
            Row($"{back} [{level}% CI]", numbers.WithInterval(bt.Apply(fit.Estimate), bt.Apply(ci.Lower), bt.Apply(ci.Upper)));
        }

        Row("Test of the pooled estimate", $"{Statistic(fit.Test, fit.Df)} = {ReportNumbers.Statistic(fit.Statistic)}, {ReportNumbers.PClause(fit.PValue)}");
        if (random && fit.PredictionInterval is { } pi)
        {
            Row($"{level}% prediction interval ({label})", numbers.Interval(pi.Lower, pi.Upper));
            if (bt is not null)
            {
                Row($"{level}% prediction interval ({back})", numbers.Interval(bt.Apply(pi.Lower), bt.Apply(pi.Upper)));
            }
        }

        if (random)
        {
            var tau2Ci = fit.Tau2ConfidenceInterval is { } t ? " " + numbers.PreciseInterval(t.Lower, t.Upper) : string.Empty;
            Row($"τ²{(tau2Ci.Length > 0 ? $" [{level}% CI]" : string.Empty)}", numbers.Precise(fit.Tau2) + tau2Ci);
            Row("τ", numbers.Precise(fit.Tau));
        }

        var i2Ci = fit.I2ConfidenceInterval is { } i ? $" [{ReportNumbers.Percent(i.Lower)}, {ReportNumbers.Percent(i.Upper)}]" : string.Empty;
        Row($"I²{(i2Ci.Length > 0 ? $" [{level}% CI]" : string.Empty)}", ReportNumbers.Percent(fit.I2) + i2Ci);
        Row("I² band (Cochrane Handbook)", bands.Count == 0 ? "NA" : string.Join(" / ", bands.Select(b => $"{b.Name} ({b.Range})")));
        var h2Ci = fit.H2ConfidenceInterval is { } h ? $" [{ReportNumbers.Statistic(h.Lower)}, {ReportNumbers.Statistic(h.Upper)}]" : string.Empty;
        Row($"H²{(h2Ci.Length > 0 ? $" [{level}% CI]" : string.Empty)}", ReportNumbers.Statistic(fit.H2) + h2Ci);
        Row("Cochran's Q", $"{ReportNumbers.Statistic(fit.Q)} on {fit.QDf.ToString(CultureInfo.InvariantCulture)} df, {ReportNumbers.PClause(fit.QPValue)}");
        if (outcome.Tables is { } tables)
        {
            foreach (var (name, test) in new[]
            {
                ("Cochran-Mantel-Haenszel test", tables.CochranMantelHaenszel), ("CMH test, uncorrected", outcome.TablesUncorrected?.CochranMantelHaenszel),
                ("Cochran's test", tables.Cochran), ("Cochran's test, uncorrected", outcome.TablesUncorrected?.Cochran), ("Tarone's test", tables.Tarone),
                ("Breslow-Day test", tables.BreslowDay),
            })
            {
                if (test is { } x)
                {
                    Row(name, $"χ² = {ReportNumbers.Statistic(x.Statistic)} on {x.Df.ToString(CultureInfo.InvariantCulture)} df, {ReportNumbers.PClause(x.PValue)}");
                }
            }
        }

        return new TableBlock("Pooled result", [new("Quantity"), new("Value")], rows);
    }

    /// <summary>The model in a few words: "Random effects, REML", "Mantel-Haenszel (common effect)".</summary>
    private static string ModelName(OutcomeReport outcome) => outcome.Tables?.Method switch
    {
        TableMethod.MH => "Mantel-Haenszel (common effect)",
        TableMethod.PETO => "Peto (common effect)",
        _ => outcome.Fit.Method switch
        {
            Tau2Method.EE => "Common effect (equal effects), inverse variance",
            Tau2Method.FE => "Fixed effects, inverse variance",
            var m => $"Random effects, {m.ToString().ToUpperInvariant()}, inverse variance",
        },
    } + outcome.Fit.Test switch
    {
        TestMethod.KNHA => ", Hartung-Knapp-Sidik-Jonkman CI",
        TestMethod.ADHOC => ", Knapp-Hartung (ad hoc) CI",
        TestMethod.T => ", t-based CI",
        _ => string.Empty,
    };

    private static string Statistic(TestMethod test, double? df)
        => test == TestMethod.Z || df is null ? "z" : $"t({ReportNumbers.Plain(Math.Round(df.Value, 2))})";

    private static IEnumerable<ReportBlock> Figures(OutcomeReport outcome, ReportRequest request, ReportNumbers numbers, List<AnalysisIssue> warnings, string suffix)
    {
        var settings = request.Settings;
        var name = outcome.Outcome is { } o ? $" of “{o}”" : string.Empty;
        var level = ReportNumbers.Level(settings.Level);

        // The forest plot as 'plot forest' draws it with the same --arm-labels, --favours-left/-right and --rob.
        var forestSettings = new ForestSettings { Arms = request.Arms ?? ForestFavours.DefaultArms, RiskOfBias = request.RiskOfBias };
        var forestData = ForestData.Of(outcome, request.Run, forestSettings, warnings);
        var (left, right) = ForestFavours.Favours(request.FavoursLeft, request.FavoursRight, request.Arms, revman: true, forestData.NullValue is not null);
        var forest = ForestPlot.Draw(
            forestData,
            new ForestPlotOptions { Layout = ForestLayout.RevMan, Decimals = numbers.Decimals, FavoursLeft = left, FavoursRight = right });
        var rob = request.RiskOfBias is null ? string.Empty : " Right: each study's risk-of-bias judgements, by domain.";
        yield return new FigureBlock(
            Suffix("forest", suffix), SvgWriter.Write(forest), forest.Width,
            $"Forest plot{name}: each study's estimate (square, sized by its weight) with its {level}% CI, and the pooled estimate (diamond).{rob}");

        var data = FunnelData.Of(outcome, request.Run);
        var trimmed = string.Empty;
        if (outcome.Bias?.TrimAndFill is { K0: > 0 } trimAndFill && outcome.Bias.Rows.Count == data.Studies.Count)
        {
            data = data with { TrimAndFill = trimAndFill };
            trimmed = " Open circles: the studies trim and fill adds; dotted line: its adjusted estimate.";
        }

        var funnel = FunnelPlot.Draw(data, new FunnelPlotOptions());
        yield return new FigureBlock(
            Suffix("funnel", suffix), SvgWriter.Write(funnel), funnel.Width,
            $"Funnel plot{name}: each study's estimate against its standard error, with the {level}% pseudo-confidence region around the pooled estimate.{trimmed}");
    }

    private static string Suffix(string kind, string suffix) => suffix.Length == 0 ? kind : $"{kind}-{suffix}";

    /// <summary>Every row of the outcome: estimate and CI (and back-transformed), N, weight; rows not used show NA.</summary>
    private static TableBlock StudyTable(OutcomeReport outcome, AnalyzeSettings settings, ReportNumbers numbers)
    {
        var bt = outcome.BackTransform;
        var (label, back) = ReportNumbers.Labels(outcome.Measure, bt);
        var level = ReportNumbers.Level(settings.Level);
        var subgroups = outcome.Subgroups is not null;
        var sizes = outcome.Studies.Any(s => s.Ni is not null);
        var columns = new List<TableColumn> { new("Study", ColumnKind.Label), new("Line", ColumnKind.Number) };
        if (subgroups)
        {
            columns.Add(new("Subgroup"));
        }

        columns.AddRange([new(label, ColumnKind.Number), new($"{level}% CI", ColumnKind.Number)]);
        if (bt is not null)
        {
            columns.AddRange([new(back!, ColumnKind.Number), new($"{level}% CI ({back})", ColumnKind.Number)]);
        }

        if (sizes)
        {
            columns.Add(new("N", ColumnKind.Number));
        }

        columns.Add(new("Weight %", ColumnKind.Number));
        var rows = outcome.Studies.Select(s =>
        {
            var cells = new List<string> { PlotStudies.Label(s), s.Row.ToString(CultureInfo.InvariantCulture) };
            if (subgroups)
            {
                cells.Add(s.Subgroup ?? string.Empty);
            }

            cells.AddRange([numbers.Effect(s.Yi), numbers.Interval(s.CiLower, s.CiUpper)]);
            if (bt is not null)
            {
                cells.AddRange([numbers.Effect(s.YiBt), numbers.Interval(s.CiLowerBt, s.CiUpperBt)]);
            }

            if (sizes)
            {
                cells.Add(ReportNumbers.Count(s.Ni));
            }

            cells.Add(ReportNumbers.Fixed(s.WeightPercent, 1));
            return (IReadOnlyList<string>)cells;
        }).ToList();
        return new TableBlock($"Each study's estimate with its {level}% CI and its weight in the pooled result", columns, rows);
    }

    private static IEnumerable<ReportBlock> Subgroups(OutcomeReport outcome, SubgroupsReport subgroups, AnalyzeSettings settings, ReportNumbers numbers)
    {
        var bt = outcome.BackTransform;
        var (label, back) = ReportNumbers.Labels(outcome.Measure, bt);
        var level = ReportNumbers.Level(settings.Level);
        yield return new SubheadingBlock($"Subgroups by {settings.Subgroup}");
        var columns = new List<TableColumn> { new("Subgroup", ColumnKind.Label), new("k", ColumnKind.Number), new($"{label} [{level}% CI]", ColumnKind.Number) };
        if (bt is not null)
        {
            columns.Add(new($"{back} [{level}% CI]", ColumnKind.Number));
        }

        columns.AddRange([new("p", ColumnKind.Number), new("τ²", ColumnKind.Number), new("I²", ColumnKind.Number), new("Q (df)", ColumnKind.Number)]);
        var rows = subgroups.Groups.Select(g =>
        {
            var fit = g.Fit;
            var ci = fit?.ConfidenceInterval;
            var cells = new List<string>
            {
                g.Label, fit is null ? $"0 of {g.Studies.ToString(CultureInfo.InvariantCulture)}" : fit.K.ToString(CultureInfo.InvariantCulture),
                numbers.WithInterval(fit?.Estimate, ci?.Lower, ci?.Upper),
            };
            if (bt is not null)
            {
                cells.Add(fit is null ? "NA" : numbers.WithInterval(bt.Apply(fit.Estimate), bt.Apply(ci!.Value.Lower), bt.Apply(ci.Value.Upper)));
            }

            cells.AddRange([
                ReportNumbers.P(fit?.PValue), numbers.Precise(fit?.Tau2), ReportNumbers.Percent(fit?.I2),
                fit is null ? "NA" : $"{ReportNumbers.Statistic(fit.Q)} ({fit.QDf.ToString(CultureInfo.InvariantCulture)})"]);
            return (IReadOnlyList<string>)cells;
        }).ToList();
        yield return new TableBlock("The model fitted within each subgroup", columns, rows);
        var common = subgroups.CommonTau2 is { } tau2 ? $", all subgroups with τ² = {numbers.Precise(tau2)}" : string.Empty;
        yield return new ParagraphBlock(subgroups.Test is { } test
            ? $"Test for subgroup differences{common}: Q = {ReportNumbers.Statistic(test.Q)} on {test.Df.ToString(CultureInfo.InvariantCulture)} df, {ReportNumbers.PClause(test.PValue)}."
            : $"The test for subgroup differences{common} could not be computed (see the input issues).");
    }

    private static IEnumerable<ReportBlock> Regression(OutcomeReport outcome, RegressionReport regression, ReportNumbers numbers)
    {
        var fit = regression.Fit;
        var level = ReportNumbers.Level(fit.Level);
        yield return new SubheadingBlock($"Meta-regression on {MethodsParagraph.Formula(fit)}");
        var statistic = fit.Df is { } d ? $"t({ReportNumbers.Plain(Math.Round(d, 2))})" : "z";
        yield return new TableBlock(
            $"Coefficients (k = {fit.K.ToString(CultureInfo.InvariantCulture)})",
            [new("Coefficient", ColumnKind.Label), new("Estimate", ColumnKind.Number), new("SE", ColumnKind.Number), new(statistic, ColumnKind.Number), new("p", ColumnKind.Number), new($"{level}% CI", ColumnKind.Number)],
            [.. fit.Coefficients.Select(c => (IReadOnlyList<string>)[
                c.Name, numbers.Precise(c.Estimate), numbers.Precise(c.StandardError), ReportNumbers.Statistic(c.Statistic), ReportNumbers.P(c.PValue),
                numbers.PreciseInterval(c.ConfidenceInterval.Lower, c.ConfidenceInterval.Upper)])]);
        var parts = new List<string>();
        if (fit.ModeratorTest is { } qm)
        {
            var which = string.Join(", ", qm.Names);
            parts.Add(qm.Df2 is { } df2
                ? $"Test of moderators ({which}): F({qm.Df.ToString(CultureInfo.InvariantCulture)}, {df2.ToString(CultureInfo.InvariantCulture)}) = {ReportNumbers.Statistic(qm.Statistic)}, {ReportNumbers.PClause(qm.PValue)}."
                : $"Test of moderators ({which}): QM = {ReportNumbers.Statistic(qm.Statistic)} on {qm.Df.ToString(CultureInfo.InvariantCulture)} df, {ReportNumbers.PClause(qm.PValue)}.");
        }

        var r2 = fit.R2 is { } r ? $"; R² = {ReportNumbers.Percent(r)}" : string.Empty;
        parts.Add($"Residual heterogeneity: QE = {ReportNumbers.Statistic(fit.QE)} on {fit.QEDf.ToString(CultureInfo.InvariantCulture)} df, {ReportNumbers.PClause(fit.QEPValue)}; "
            + $"τ² = {numbers.Precise(fit.Tau2)}; I² = {ReportNumbers.Percent(fit.I2)}{r2}.");
        yield return new ParagraphBlock(string.Join(' ', parts));
        if (regression.Predictions is { Predictions.Count: > 0 } predictions)
        {
            var bt = outcome.BackTransform;
            var (_, back) = ReportNumbers.Labels(outcome.Measure, bt);
            var columns = new List<TableColumn> { new("At", ColumnKind.Label), new($"Predicted [{level}% CI]", ColumnKind.Number), new("Prediction interval", ColumnKind.Number) };
            if (bt is not null)
            {
                columns.Add(new($"{back} [{level}% CI]", ColumnKind.Number));
            }

            yield return new TableBlock("Predictions", columns, [.. predictions.Predictions.Select(p =>
            {
                var cells = new List<string>
                {
                    string.Join(", ", regression.NewRows[p.Row].Select(v => $"{v.Name} = {v.Value}")),
                    numbers.WithInterval(p.Estimate, p.ConfidenceInterval.Lower, p.ConfidenceInterval.Upper),
                    numbers.Interval(p.PredictionInterval.Lower, p.PredictionInterval.Upper),
                };
                if (bt is not null)
                {
                    cells.Add(numbers.WithInterval(bt.Apply(p.Estimate), bt.Apply(p.ConfidenceInterval.Lower), bt.Apply(p.ConfidenceInterval.Upper)));
                }

                return (IReadOnlyList<string>)cells;
            })]);
        }
    }

    /// <summary>The small-study analyses, one row each (as <c>evident bias</c> prints them), then the guidance as notes.</summary>
    private static IEnumerable<ReportBlock> Bias(OutcomeReport outcome, BiasReport bias, AnalyzeSettings settings, ReportNumbers numbers)
    {
        var bt = outcome.BackTransform;
        var (_, back) = ReportNumbers.Labels(outcome.Measure, bt);
        var level = ReportNumbers.Level(settings.Level);
        string Est(double? value) => bt is null || value is null ? numbers.Effect(value) : $"{numbers.Effect(value)} ({back} {numbers.Effect(bt.Apply(value.Value))})";
        string Ci(Interval? ci) => ci is not { } c
            ? numbers.Interval(null, null)
            : bt is null ? numbers.Interval(c.Lower, c.Upper) : $"{numbers.Interval(c.Lower, c.Upper)} ({back} {numbers.Interval(bt.Apply(c.Lower), bt.Apply(c.Upper))})";
        const string NotComputed = "not computed (see the note below)";

        yield return new SubheadingBlock("Small-study effects and publication bias");
        var rows = new List<IReadOnlyList<string>>();
        void Row(string name, string value) => rows.Add([name, value]);
        var egger = bias.Egger;
        var statistic = egger.Df is { } df ? $"t({ReportNumbers.Plain(Math.Round(df, 2))})" : "z";
        var predictor = RegressionTest.PredictorName(egger.Predictor);
        Row($"Regression test ({(egger.Model == RegressionTestModel.Rma ? "meta-regression" : "weighted regression")} on {predictor})",
            egger.PValue is { } ep ? $"{statistic} = {ReportNumbers.Statistic(egger.Statistic)}, {ReportNumbers.PClause(ep)}" : NotComputed);
        Row("Limit estimate (as the SE goes to 0)", egger.LimitEstimate is null ? NotComputed : $"{Est(egger.LimitEstimate)}, {level}% CI {Ci(egger.LimitConfidenceInterval)}");
        var begg = bias.Begg;
        Row("Rank correlation (Begg & Mazumdar)", begg.PValue is { } bp
            ? $"Kendall's τ = {ReportNumbers.Fixed(begg.Tau, 3)}, {ReportNumbers.PClause(bp)}{(begg.Exact ? " (exact)" : string.Empty)}"
            : NotComputed);
        var tf = bias.TrimAndFill;
        Row($"Trim and fill ({tf.Estimator})", tf.K0 is { } k0
            ? $"{k0.ToString(CultureInfo.InvariantCulture)} missing on the {tf.Side?.ToString().ToLowerInvariant()} side; adjusted estimate {Est(tf.Fit?.Estimate)}, {level}% CI {Ci(tf.Fit?.ConfidenceInterval)}"
            : NotComputed);
        static string N(int? n) => n?.ToString("#,0", CultureInfo.InvariantCulture) ?? "NA";
        Row("Fail-safe N (Rosenthal; Orwin; Rosenberg)", $"{N(bias.Rosenthal.N)}; {N(bias.Orwin.N)} (target {numbers.Effect(bias.Orwin.Target)}); {N(bias.Rosenberg.N)}");
        var tes = bias.ExcessSignificance;
        Row("Excess significance (Ioannidis & Trikalinos)", tes.PValue is { } tp
            ? $"observed {tes.Observed?.ToString(CultureInfo.InvariantCulture)}, expected {ReportNumbers.Statistic(tes.Expected)}, {ReportNumbers.PClause(tp)}"
            : NotComputed);
        var sel = bias.Selection;
        var cuts = string.Join(", ", sel.Steps.Take(sel.Steps.Count - 1).Select(ReportNumbers.Plain));
        Row($"Selection model (step function, cut points {cuts})", sel.Estimate is not null
            ? $"adjusted estimate {Est(sel.Estimate)}, {level}% CI {Ci(sel.ConfidenceInterval)}; test of selection {ReportNumbers.PClause(sel.LrtPValue)}"
            : NotComputed);
        var hc = bias.HenmiCopas;
        Row("Henmi & Copas", hc.Estimate is not null ? $"{Est(hc.Estimate)}, {level}% CI {Ci(hc.ConfidenceInterval)}" : NotComputed);
        yield return new TableBlock("Tests for small-study effects and estimates adjusted for them", [new("Analysis"), new("Result")], rows);
        foreach (var note in bias.Guidance)
        {
            yield return new NoteBlock($"{note.Message} [{note.Code}]");
        }
    }

    /// <summary>Leave-one-out, influence and cumulative tables, and GOSH's summary.</summary>
    private static IEnumerable<ReportBlock> Sensitivity(SensitivityReport sensitivity, AnalyzeSettings settings, ReportNumbers numbers)
    {
        var level = ReportNumbers.Level(settings.Level);
        string Name(int i) => sensitivity.Studies[i].Study is { Length: > 0 } s ? s : $"Row {sensitivity.Studies[i].Row.ToString(CultureInfo.InvariantCulture)}";
        yield return new SubheadingBlock("Sensitivity analyses");
        yield return new TableBlock(
            "Leave-one-out: the model without each study",
            [new("Study left out", ColumnKind.Label), new("Estimate", ColumnKind.Number), new($"{level}% CI", ColumnKind.Number), new("p", ColumnKind.Number), new("τ²", ColumnKind.Number), new("I²", ColumnKind.Number)],
            [.. sensitivity.LeaveOneOut.Rows.Select((r, i) => (IReadOnlyList<string>)[
                Name(i), numbers.Effect(r.Estimate), numbers.Interval(r.ConfidenceInterval.Lower, r.ConfidenceInterval.Upper), ReportNumbers.P(r.PValue),
                numbers.Precise(r.Tau2), ReportNumbers.Percent(r.I2)])]);
        yield return new TableBlock(
            "Influence diagnostics",
            [new("Study", ColumnKind.Label), new("Studentized residual", ColumnKind.Number), new("DFFITS", ColumnKind.Number), new("Cook's distance", ColumnKind.Number), new("Covariance ratio", ColumnKind.Number),
                new("Hat", ColumnKind.Number), new("Weight %", ColumnKind.Number), new("Influential", ColumnKind.Code)],
            [.. sensitivity.Influence.Rows.Select(r => (IReadOnlyList<string>)[
                Name(r.Study), ReportNumbers.Statistic(r.Studentized?.Z), ReportNumbers.Statistic(r.Dffits), ReportNumbers.Statistic(r.CooksDistance),
                ReportNumbers.Statistic(r.CovarianceRatio), ReportNumbers.Fixed(r.Hat, 3), ReportNumbers.Fixed(r.WeightPercent, 1), r.IsInfluential ? "yes" : "no"])]);
        var count = sensitivity.InfluentialCount;
        yield return new ParagraphBlock(count == 0
            ? "No study is influential by metafor's rule (Viechtbauer & Cheung 2010)."
            : $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? "study is" : "studies are")} influential by metafor's rule (Viechtbauer & Cheung 2010).");
        yield return new TableBlock(
            $"Cumulative meta-analysis (order: {sensitivity.Order})",
            [new("Study added", ColumnKind.Label), new("k", ColumnKind.Number), new("Estimate", ColumnKind.Number), new($"{level}% CI", ColumnKind.Number), new("p", ColumnKind.Number), new("τ²", ColumnKind.Number), new("I²", ColumnKind.Number)],
            [.. sensitivity.Cumulative.Rows.Select((r, j) => (IReadOnlyList<string>)[
                Name(sensitivity.Cumulative.Order[j]), r.K.ToString(CultureInfo.InvariantCulture), numbers.Effect(r.Estimate),
                numbers.Interval(r.ConfidenceInterval.Lower, r.ConfidenceInterval.Upper), ReportNumbers.P(r.PValue), numbers.Precise(r.Tau2), ReportNumbers.Percent(r.I2)])]);
        if (sensitivity.SummarizeGosh() is { } g)
        {
            yield return new ParagraphBlock(
                $"GOSH: {g.Subsets.ToString("#,0", CultureInfo.InvariantCulture)} subsets ({(g.Sampled ? "a random sample" : "all")}); "
                + $"estimate median {numbers.Effect(g.EstimateMedian)} (interquartile range {numbers.Effect(g.EstimateQ1)} to {numbers.Effect(g.EstimateQ3)}; "
                + $"range {numbers.Effect(g.EstimateMin)} to {numbers.Effect(g.EstimateMax)}); I² median {ReportNumbers.Percent(g.I2Median)} "
                + $"(range {ReportNumbers.Percent(g.I2Min)} to {ReportNumbers.Percent(g.I2Max)}).");
        }

        foreach (var issue in sensitivity.Issues.Where(i => i.StudyIndex is null && i.Severity > IssueSeverity.Info))
        {
            yield return new NoteBlock($"{issue.Message} [{issue.Code}]");
        }
    }
}
