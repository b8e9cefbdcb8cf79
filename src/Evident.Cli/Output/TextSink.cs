using System.Globalization;
using System.Text;
using Evident.Analysis.Documents;
using Evident.Analysis.Output;
using Evident.Core;
using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Spectre.Console;

namespace Evident.Cli.Output;

/// <summary>
/// The human-readable report: per outcome a table of studies and a table of the pooled results; in batch mode one
/// line per analysis. Plain (no colours), the same on every machine and culture; numbers rounded by the rule the
/// Markdown table shares (<see cref="NumberText"/>); control characters of the input's text shown as escapes
/// (<see cref="TerminalWriter"/>).
/// </summary>
internal sealed class TextSink : ReportSink
{
    private readonly TextWriter _output;
    private readonly IAnsiConsole _console;
    private readonly StringBuilder _lines = new();

    public TextSink(TextWriter output, IssueSink issues)
        : base(issues)
    {
        _output = TerminalWriter.For(output);
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
            Out = new AnsiConsoleOutput(_output),
        });
        _console.Profile.Width = 200;
        _console.Profile.Capabilities.Unicode = true;
    }

    /// <inheritdoc/>
    public override void Begin(SettingsDocument settings, IReadOnlyList<string>? keyColumns)
    {
        if (keyColumns is not null)
        {
            _output.Write(string.Join(" | ", keyColumns) + " · outcome · measure · k · estimate [CI] · p · τ² · I² · Q (df) · converged\n");
        }
    }

    /// <inheritdoc/>
    public override void Outcome(OutcomeReport outcome)
    {
        if (outcome.Key is null)
        {
            Write(_console, outcome);
            return;
        }

        // One line per analysis in batch mode, passed on in blocks.
        var fit = outcome.Fit;
        var bt = outcome.BackTransform;
        var estimate = bt is null
            ? $"{F(fit.Estimate)} {Ci(fit.ConfidenceInterval.Lower, fit.ConfidenceInterval.Upper)}"
            : $"{F(bt.Apply(fit.Estimate))} {Ci(bt.Apply(fit.ConfidenceInterval.Lower), bt.Apply(fit.ConfidenceInterval.Upper))} ({bt.Name})";
        var converged = fit.Converged ? "yes" : "NO";
        var extra = string.Empty;
        if (outcome.Bias is { } bias)
        {
            extra += $" · Egger p {PValue(bias.Egger.PValue)} · Begg p {PValue(bias.Begg.PValue)} · trim-and-fill k0 {bias.TrimAndFill.K0?.ToString(CultureInfo.InvariantCulture) ?? "NA"}";
        }

        if (outcome.Sensitivity is { } sensitivity)
        {
            extra += $" · influential {sensitivity.InfluentialCount}";
        }

        var line = $"{outcome.Key} · {outcome.Outcome ?? "NA"} · {outcome.Measure} · k = {fit.K} · {estimate} · p {P(fit.PValue)} · "
            + $"τ² {F(fit.Tau2)} · I² {F(fit.I2, NumberText.Percent)}% · Q {F(fit.Q, NumberText.Percent)} ({fit.QDf}) · {converged}{extra}\n";
        _lines.Append(line);
        if (_lines.Length >= 1 << 15)
        {
            Flush();
        }
    }

    private void Flush()
    {
        foreach (var chunk in _lines.GetChunks())
        {
            _output.Write(chunk.Span);
        }

        _lines.Clear();
    }

    /// <inheritdoc/>
    public override void Complete(BatchSummary? summary)
    {
        Flush();
        _output.Flush();
    }

    private static void Write(IAnsiConsole console, OutcomeReport outcome)
    {
        var fit = outcome.Fit;
        var level = F(fit.Level, NumberText.Count);
        var bt = outcome.BackTransform;
        if (outcome.Outcome is not null)
        {
            console.WriteLine($"Outcome: {outcome.Outcome}");
        }

        var n = outcome.NTotal is { } total ? $" · N = {F(total, NumberText.Count)}" : string.Empty;
        var rows = outcome.Rows is { } read ? $" · rows used {outcome.RowsUsed} of {read}" : string.Empty;
        console.WriteLine($"{outcome.Measure} · {outcome.MethodName ?? fit.Method.ToString().ToUpperInvariant()} · test {fit.Test.ToString().ToUpperInvariant()} · k = {fit.K}{n}{rows}");
        if (outcome.Rows is { } all && outcome.RowsUsed is { } used && used < all)
        {
            var lost = all - used;
            console.WriteLine($"WARNING: {lost} of the {all} rows of this analysis {(lost == 1 ? "was" : "were")} not used (the issues say why, row by row); "
                + $"the result below rests on {used} row{(used == 1 ? string.Empty : "s")}. --strict makes such a run fail.");
        }

        var studies = new PlainTable();
        studies.AddColumn("Study");
        studies.AddColumn("Row", right: true);
        studies.AddColumn("yi", right: true);
        studies.AddColumn($"{level}% CI");
        if (bt is not null)
        {
            studies.AddColumn($"{bt.Name}(yi)", right: true);
            studies.AddColumn($"{level}% CI ({bt.Name})");
        }

        studies.AddColumn("Weight %", right: true);
        studies.AddRows(outcome.Studies.Count, i =>
        {
            var study = outcome.Studies[i];
            return bt is null
                ? [study.Study ?? string.Empty, F(study.Row, "0"), F(study.Yi), Ci(study.CiLower, study.CiUpper), F(study.WeightPercent, NumberText.Percent)]
                : [study.Study ?? string.Empty, F(study.Row, "0"), F(study.Yi), Ci(study.CiLower, study.CiUpper), F(study.YiBt), Ci(study.CiLowerBt, study.CiUpperBt),
                    F(study.WeightPercent, NumberText.Percent)];
        });

        studies.Write(console);

        var pi = fit.PredictionInterval;
        var statistic = fit.Test == TestMethod.Z ? "z" : $"t({F(fit.Df, NumberText.Count)})";
        var summary = new PlainTable();
        summary.AddColumn("Pooled");
        summary.AddColumn("Value");
        void Row(string name, string value) => summary.AddRow(name, value);
        Row("Estimate", $"{F(fit.Estimate)}  {level}% CI {Ci(fit.ConfidenceInterval.Lower, fit.ConfidenceInterval.Upper)}  SE {F(fit.StandardError)}");
        if (bt is not null)
        {
            Row($"Estimate ({bt.Name})", $"{F(bt.Apply(fit.Estimate))}  {level}% CI {Ci(bt.Apply(fit.ConfidenceInterval.Lower), bt.Apply(fit.ConfidenceInterval.Upper))}");
        }

        Row("Test", $"{statistic} = {F(fit.Statistic)}, p {P(fit.PValue)}");
        Row("Prediction interval", Ci(pi?.Lower, pi?.Upper));
        if (bt is not null)
        {
            Row($"Prediction interval ({bt.Name})", Ci(pi is { } p1 ? bt.Apply(p1.Lower) : null, pi is { } p2 ? bt.Apply(p2.Upper) : null));
        }

        Row("τ²", $"{F(fit.Tau2)}  SE {F(fit.Tau2StandardError)}  {level}% CI {Ci(fit.Tau2ConfidenceInterval)}");
        Row("τ", F(fit.Tau));
        Row("I²", $"{F(fit.I2, NumberText.Percent)}%  {level}% CI {Ci(fit.I2ConfidenceInterval, NumberText.Percent)}");
        Row("H²", $"{F(fit.H2, NumberText.Percent)}  {level}% CI {Ci(fit.H2ConfidenceInterval, NumberText.Percent)}");
        Row("Q", $"{F(fit.Q, NumberText.Percent)} on {fit.QDf} df, p {P(fit.QPValue)}");
        if (outcome.Tables is { } tables)
        {
            foreach (var (name, test) in new[]
            {
                ("Cochran-Mantel-Haenszel", tables.CochranMantelHaenszel), ("CMH, uncorrected", outcome.TablesUncorrected?.CochranMantelHaenszel),
                ("Cochran", tables.Cochran), ("Cochran, uncorrected", outcome.TablesUncorrected?.Cochran), ("Tarone", tables.Tarone),
                ("Breslow-Day", tables.BreslowDay),
            })
            {
                if (test is { } t)
                {
                    Row(name, $"χ² = {F(t.Statistic, NumberText.Percent)} on {t.Df} df, p {P(t.PValue)}");
                }
            }
        }

        summary.Write(console);
        if (outcome.Subgroups is { } subgroups)
        {
            WriteSubgroups(console, subgroups, outcome.BackTransform, level);
        }

        if (outcome.Regression is { } regression)
        {
            WriteRegression(console, regression, outcome.BackTransform, level);
        }

        if (outcome.Bias is { } bias)
        {
            WriteBias(console, bias, outcome.BackTransform, level);
        }

        if (outcome.Sensitivity is { } sensitivity)
        {
            WriteSensitivity(console, sensitivity, level);
        }

        foreach (var c in outcome.SharedControlSplits)
        {
            var events = c.OriginalEvents is { } before ? $", events {F(before, NumberText.Count)} → {F(c.NewEvents, NumberText.Count)}" : string.Empty;
            console.WriteLine($"Shared control of {c.Study} (row {c.Row}) divided among {c.Comparisons} comparisons: n {F(c.OriginalN, NumberText.Count)} → {F(c.NewN, NumberText.Count)}{events}");
        }

        console.WriteLine();
    }

    /// <summary>
    /// The small-study analyses as a table of tests, then the guidance (too few studies for funnel-asymmetry tests,
    /// studies all of one size, …) as notes: reported, not hidden.
    /// </summary>
    private static void WriteBias(IAnsiConsole console, BiasReport bias, BackTransform? bt, string level)
    {
        string Est(double? value) => bt is null || value is null ? F(value) : $"{F(value)} ({bt.Name} {F(bt.Apply(value.Value))})";
        string Interval(Interval? ci) => bt is null || ci is null ? Ci(ci) : $"{Ci(ci)} ({bt.Name} {Ci(bt.Apply(ci.Value.Lower), bt.Apply(ci.Value.Upper))})";
        var table = new PlainTable();
        table.AddColumn("Small-study effects");
        table.AddColumn("Result");
        void Row(string name, string value) => table.AddRow(name, value);

        var egger = bias.Egger;
        var statistic = egger.Df is { } df ? $"t({F(df, NumberText.Count)})" : "z";
        var model = egger.Model == Core.Bias.RegressionTestModel.Rma ? "mixed-effects meta-regression" : "weighted regression";
        Row($"Regression test ({model} on {Core.Bias.RegressionTest.PredictorName(egger.Predictor)})", egger.PValue is { } ep
            ? $"{statistic} = {F(egger.Statistic)}, p {P(ep)}"
            : "not computed");
        Row("Limit estimate (as the SE goes to 0)", egger.LimitEstimate is null ? "not computed" : $"{Est(egger.LimitEstimate)}  {level}% CI {Interval(egger.LimitConfidenceInterval)}");
        var begg = bias.Begg;
        Row("Rank correlation (Begg & Mazumdar)", begg.PValue is { } bp ? $"Kendall's τ = {F(begg.Tau)}, p {P(bp)}{(begg.Exact ? " (exact)" : string.Empty)}" : "not computed");
        var tf = bias.TrimAndFill;
        Row($"Trim and fill ({tf.Estimator})", tf.K0 is { } k0
            ? $"{k0} missing on the {tf.Side?.ToString().ToLowerInvariant()} side (SE {F(tf.K0StandardError)}); adjusted estimate {Est(tf.Fit?.Estimate)}  {level}% CI {Interval(tf.Fit?.ConfidenceInterval)}"
            : "not computed");
        Row("Fail-safe N (Rosenthal; Orwin; Rosenberg)", $"{N(bias.Rosenthal.N)}; {N(bias.Orwin.N)} (target {F(bias.Orwin.Target)}); {N(bias.Rosenberg.N)}");
        var tes = bias.ExcessSignificance;
        Row("Excess significance (Ioannidis & Trikalinos)", tes.PValue is { } tp
            ? $"observed {tes.Observed}, expected {F(tes.Expected, NumberText.Percent)}, p {P(tp)}"
            : "not computed");
        var sel = bias.Selection;
        var cuts = string.Join(", ", sel.Steps.Take(sel.Steps.Count - 1).Select(c => F(c, "0.###")));
        Row($"Selection model (step function, one-sided p {bias.SelectionAlternative.ToString().ToLowerInvariant()}, cut {cuts})", sel.Estimate is not null
            ? $"adjusted estimate {Est(sel.Estimate)}  {level}% CI {Interval(sel.ConfidenceInterval)}; LRT of selection p {PValue(sel.LrtPValue)}"
            : "not computed");
        var hc = bias.HenmiCopas;
        Row("Henmi & Copas", hc.Estimate is not null ? $"{Est(hc.Estimate)}  {level}% CI {Interval(hc.ConfidenceInterval)}" : "not computed");
        table.Write(console);
        foreach (var note in bias.Guidance)
        {
            console.WriteLine($"Note: {note.Message} [{note.Code}]");
        }
    }

    /// <summary>Leave-one-out, influence and cumulative tables, one row per study, and GOSH's summary.</summary>
    private static void WriteSensitivity(IAnsiConsole console, SensitivityReport sensitivity, string level)
    {
        var loo = new PlainTable();
        loo.AddColumn("Omitted study");
        foreach (var name in new[] { "Row", "Estimate" })
        {
            loo.AddColumn(name, right: true);
        }

        loo.AddColumn($"{level}% CI");
        foreach (var name in new[] { "p", "Q", "τ²", "I² %" })
        {
            loo.AddColumn(name, right: true);
        }

        loo.AddRows(sensitivity.LeaveOneOut.Rows.Count, i =>
        {
            var r = sensitivity.LeaveOneOut.Rows[i];
            return [sensitivity.Studies[i].Study ?? string.Empty, F(sensitivity.Studies[i].Row, "0"), F(r.Estimate), Ci(r.ConfidenceInterval), PValue(r.PValue),
                F(r.Q, NumberText.Percent), F(r.Tau2), F(r.I2, NumberText.Percent)];
        });

        loo.Write(console);

        var influence = new PlainTable();
        influence.AddColumn("Study");
        foreach (var name in new[] { "rstudent", "DFFITS", "Cook's D", "cov. ratio", "τ² del.", "Q del.", "hat", "weight %", "DFBETAS", "influential" })
        {
            influence.AddColumn(name, right: true);
        }

        influence.AddRows(sensitivity.Influence.Rows.Count, i =>
        {
            var r = sensitivity.Influence.Rows[i];
            return [sensitivity.Studies[r.Study].Study ?? string.Empty, F(r.Studentized?.Z), F(r.Dffits), F(r.CooksDistance), F(r.CovarianceRatio),
                F(r.Tau2Deleted), F(r.QDeleted, NumberText.Percent), F(r.Hat), F(r.WeightPercent, NumberText.Percent), F(r.Dfbetas.Count > 0 ? r.Dfbetas[0] : null),
                r.IsInfluential ? "*" : string.Empty];
        });

        influence.Write(console);
        console.WriteLine(sensitivity.InfluentialCount == 0
            ? "No study is influential by metafor's rule (Viechtbauer & Cheung 2010)."
            : $"{sensitivity.InfluentialCount} influential stud{(sensitivity.InfluentialCount == 1 ? "y" : "ies")} (*) by metafor's rule (Viechtbauer & Cheung 2010).");

        var cumulative = new PlainTable();
        cumulative.AddColumn($"Adding (order: {sensitivity.Order})");
        foreach (var name in new[] { "k", "Estimate" })
        {
            cumulative.AddColumn(name, right: true);
        }

        cumulative.AddColumn($"{level}% CI");
        foreach (var name in new[] { "p", "τ²", "I² %" })
        {
            cumulative.AddColumn(name, right: true);
        }

        cumulative.AddRows(sensitivity.Cumulative.Rows.Count, j =>
        {
            var r = sensitivity.Cumulative.Rows[j];
            return [sensitivity.Studies[sensitivity.Cumulative.Order[j]].Study ?? string.Empty, F(r.K, "0"), F(r.Estimate), Ci(r.ConfidenceInterval),
                PValue(r.PValue), F(r.Tau2), F(r.I2, NumberText.Percent)];
        });

        cumulative.Write(console);
        if (sensitivity.SummarizeGosh() is { } g)
        {
            console.WriteLine(
                $"GOSH: {F(g.Subsets, "#,0")} subsets ({(g.Sampled ? "a random sample" : "all")}); estimate median {F(g.EstimateMedian)} "
                + $"[IQR {F(g.EstimateQ1)}, {F(g.EstimateQ3)}; range {F(g.EstimateMin)} to {F(g.EstimateMax)}]; "
                + $"I² median {F(g.I2Median, NumberText.Percent)}% [range {F(g.I2Min, NumberText.Percent)} to {F(g.I2Max, NumberText.Percent)}]");
        }
    }

    private static string N(int? n) => n?.ToString("N0", CultureInfo.InvariantCulture) ?? "NA";

    private static string PValue(double? p) => p is { } v ? P(v).TrimStart('=', ' ') : "NA";

    /// <summary>The meta-regression: coefficients, the omnibus test, residual heterogeneity, R², predictions.</summary>
    private static void WriteRegression(IAnsiConsole console, RegressionReport regression, BackTransform? bt, string level)
    {
        var fit = regression.Fit;
        console.WriteLine($"Meta-regression {fit.Design.Formula} · {fit.Method.ToString().ToUpperInvariant()} · k = {fit.K}");
        var table = new PlainTable();
        table.AddColumn("Coefficient");
        foreach (var name in new[] { "Estimate", "SE", fit.Df is { } d ? $"t({F(d, NumberText.Count)})" : "z", "p" })
        {
            table.AddColumn(name, right: true);
        }

        table.AddColumn($"{level}% CI");
        foreach (var c in fit.Coefficients)
        {
            table.AddRow(c.Name, F(c.Estimate), F(c.StandardError), F(c.Statistic), P(c.PValue).TrimStart('=', ' '), Ci(c.ConfidenceInterval));
        }

        table.Write(console);
        if (fit.ModeratorTest is { } qm)
        {
            var which = string.Join(", ", qm.Names);
            console.WriteLine(qm.Df2 is { } df2
                ? $"Test of moderators ({which}): F({qm.Df}, {df2}) = {F(qm.Statistic, NumberText.Percent)}, p {P(qm.PValue)}"
                : $"Test of moderators ({which}): QM = {F(qm.Statistic, NumberText.Percent)} on {qm.Df} df, p {P(qm.PValue)}");
        }

        var r2 = fit.R2 is { } r ? $" · R² = {F(r, NumberText.Percent)}%" : string.Empty;
        console.WriteLine($"Residual heterogeneity: QE = {F(fit.QE, NumberText.Percent)} on {fit.QEDf} df, p {P(fit.QEPValue)} · τ² = {F(fit.Tau2)} · I² = {F(fit.I2, NumberText.Percent)}%{r2}");
        if (regression.Predictions is { Predictions.Count: > 0 } predictions)
        {
            var rows = new PlainTable();
            rows.AddColumn("At");
            rows.AddColumn("Predicted", right: true);
            rows.AddColumn($"{level}% CI");
            rows.AddColumn("Prediction interval");
            if (bt is not null)
            {
                rows.AddColumn($"{bt.Name}(predicted)", right: true);
                rows.AddColumn($"{level}% CI ({bt.Name})");
            }

            foreach (var p in predictions.Predictions)
            {
                var cells = new List<string>
                {
                    string.Join(", ", regression.NewRows[p.Row].Select(v => $"{v.Name} = {v.Value}")), F(p.Estimate), Ci(p.ConfidenceInterval), Ci(p.PredictionInterval),
                };
                if (bt is not null)
                {
                    cells.AddRange([F(bt.Apply(p.Estimate)), Ci(bt.Apply(p.ConfidenceInterval.Lower), bt.Apply(p.ConfidenceInterval.Upper))]);
                }

                rows.AddRow(cells.ToArray());
            }

            rows.Write(console);
        }
    }

    /// <summary>One line per subgroup (k, estimate and CI, τ², I², Q), then the test for subgroup differences.</summary>
    private static void WriteSubgroups(IAnsiConsole console, SubgroupsReport subgroups, BackTransform? bt, string level)
    {
        var table = new PlainTable();
        table.AddColumn("Subgroup");
        table.AddColumn("k", right: true);
        table.AddColumn("Estimate", right: true);
        table.AddColumn($"{level}% CI");
        if (bt is not null)
        {
            table.AddColumn($"{bt.Name}(estimate)", right: true);
            table.AddColumn($"{level}% CI ({bt.Name})");
        }

        table.AddColumn("p", right: true);
        table.AddColumn("τ²", right: true);
        table.AddColumn("I² %", right: true);
        table.AddColumn("Q (df)");
        foreach (var group in subgroups.Groups)
        {
            var fit = group.Fit;
            var ci = fit?.ConfidenceInterval;
            var cells = new List<string> { group.Label, fit is null ? $"0 of {group.Studies}" : F(fit.K, "0"), F(fit?.Estimate), Ci(ci?.Lower, ci?.Upper) };
            if (bt is not null)
            {
                cells.AddRange([F(fit is null ? null : bt.Apply(fit.Estimate)), Ci(ci is { } c1 ? bt.Apply(c1.Lower) : null, ci is { } c2 ? bt.Apply(c2.Upper) : null)]);
            }

            cells.AddRange([fit is null ? "NA" : P(fit.PValue).TrimStart('=', ' '), F(fit?.Tau2), F(fit?.I2, NumberText.Percent), fit is null ? "NA" : $"{F(fit.Q, NumberText.Percent)} ({fit.QDf})"]);
            table.AddRow(cells.ToArray());
        }

        table.Write(console);
        var common = subgroups.CommonTau2 is { } tau2 ? $" (common τ² = {F(tau2)})" : string.Empty;
        console.WriteLine(subgroups.Test is { } test
            ? $"Test for subgroup differences{common}: Q = {F(test.Q, NumberText.Percent)} on {test.Df} df, p {P(test.PValue)}"
            : $"Test for subgroup differences{common}: not computed (see the issues)");
    }

    private static string F(double? value, string format = NumberText.Value) => NumberText.Format(value, format);

    private static string P(double p) => NumberText.P(p) is var text && text.StartsWith('<') ? text : "= " + text;

    private static string Ci(double? lower, double? upper, string format = NumberText.Value) => $"[{F(lower, format)}, {F(upper, format)}]";

    private static string Ci(Interval? interval, string format = NumberText.Value) => Ci(interval?.Lower, interval?.Upper, format);
}
