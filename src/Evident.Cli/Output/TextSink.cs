using System.Globalization;
using System.Text;
using Evident.Cli.Analysis;
using Evident.Core;
using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Evident.Cli.Output;

/// <summary>
/// The human-readable report: per outcome a table of studies and a table of the pooled results; in batch mode one
/// line per analysis. Plain (no colours), the same on every machine and culture.
/// </summary>
internal sealed class TextSink : ReportSink
{
    private readonly TextWriter _output;
    private readonly IAnsiConsole _console;
    private readonly StringBuilder _lines = new();

    public TextSink(TextWriter output, IssueSink issues)
        : base(issues)
    {
        _output = output;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
            Out = new AnsiConsoleOutput(output),
        });
        _console.Profile.Width = 200;
        _console.Profile.Capabilities.Unicode = true;
    }

    /// <inheritdoc/>
    public override void Begin(IReadOnlyList<(string Name, FieldValue Value)> settings, IReadOnlyList<string>? keyColumns)
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
        var line = $"{outcome.Key} · {outcome.Outcome ?? "NA"} · {outcome.Measure} · k = {fit.K} · {estimate} · p {P(fit.PValue)} · "
            + $"τ² {F(fit.Tau2)} · I² {F(fit.I2, "0.0")}% · Q {F(fit.Q, "0.00")} ({fit.QDf}) · {converged}\n";
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
    public override void End(BatchSummary? summary)
    {
        Flush();
        _output.Flush();
    }

    private static void Write(IAnsiConsole console, OutcomeReport outcome)
    {
        var fit = outcome.Fit;
        var level = F(fit.Level, "0.##");
        var bt = outcome.BackTransform;
        if (outcome.Outcome is not null)
        {
            console.WriteLine($"Outcome: {outcome.Outcome}");
        }

        var n = outcome.NTotal is { } total ? $" · N = {F(total, "0.##")}" : string.Empty;
        console.WriteLine($"{outcome.Measure} · {outcome.MethodName ?? fit.Method.ToString().ToUpperInvariant()} · test {fit.Test.ToString().ToUpperInvariant()} · k = {fit.K}{n}");

        var studies = new Table { Border = TableBorder.Rounded };
        studies.AddColumn("Study");
        studies.AddColumn(new TableColumn("Row").RightAligned());
        studies.AddColumn(new TableColumn("yi").RightAligned());
        studies.AddColumn(new TableColumn($"{level}% CI"));
        if (bt is not null)
        {
            studies.AddColumn(new TableColumn($"{bt.Name}(yi)").RightAligned());
            studies.AddColumn(new TableColumn($"{level}% CI ({bt.Name})"));
        }

        studies.AddColumn(new TableColumn("Weight %").RightAligned());
        foreach (var study in outcome.Studies)
        {
            var cells = new List<string> { study.Study ?? string.Empty, F(study.Row, "0"), F(study.Yi), Ci(study.CiLower, study.CiUpper) };
            if (bt is not null)
            {
                cells.AddRange([F(study.YiBt), Ci(study.CiLowerBt, study.CiUpperBt)]);
            }

            cells.Add(F(study.WeightPercent, "0.00"));
            studies.AddRow(cells.Select(c => (IRenderable)new Text(c)));
        }

        console.Write(studies);

        var pi = fit.PredictionInterval;
        var statistic = fit.Test == TestMethod.Z ? "z" : $"t({F(fit.Df, "0.##")})";
        var summary = new Table { Border = TableBorder.Rounded };
        summary.AddColumn("Pooled");
        summary.AddColumn("Value");
        void Row(string name, string value) => summary.AddRow(new Text(name), new Text(value));
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
        Row("I²", $"{F(fit.I2, "0.00")}%  {level}% CI {Ci(fit.I2ConfidenceInterval, "0.00")}");
        Row("H²", $"{F(fit.H2, "0.00")}  {level}% CI {Ci(fit.H2ConfidenceInterval, "0.00")}");
        Row("Q", $"{F(fit.Q, "0.00")} on {fit.QDf} df, p {P(fit.QPValue)}");
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
                    Row(name, $"χ² = {F(t.Statistic, "0.00")} on {t.Df} df, p {P(t.PValue)}");
                }
            }
        }

        console.Write(summary);
        if (outcome.Subgroups is { } subgroups)
        {
            WriteSubgroups(console, subgroups, outcome.BackTransform, level);
        }

        if (outcome.Regression is { } regression)
        {
            WriteRegression(console, regression, outcome.BackTransform, level);
        }

        foreach (var c in outcome.SharedControlSplits)
        {
            var events = c.OriginalEvents is { } before ? $", events {F(before, "0.##")} → {F(c.NewEvents, "0.##")}" : string.Empty;
            console.WriteLine($"Shared control of {c.Study} (row {c.Row}) divided among {c.Comparisons} comparisons: n {F(c.OriginalN, "0.##")} → {F(c.NewN, "0.##")}{events}");
        }

        console.WriteLine();
    }

    /// <summary>The meta-regression: coefficients, the omnibus test, residual heterogeneity, R², predictions.</summary>
    private static void WriteRegression(IAnsiConsole console, RegressionReport regression, BackTransform? bt, string level)
    {
        var fit = regression.Fit;
        console.WriteLine($"Meta-regression {fit.Design.Formula} · {fit.Method.ToString().ToUpperInvariant()} · k = {fit.K}");
        var table = new Table { Border = TableBorder.Rounded };
        table.AddColumn("Coefficient");
        foreach (var name in new[] { "Estimate", "SE", fit.Df is { } d ? $"t({F(d, "0.##")})" : "z", "p" })
        {
            table.AddColumn(new TableColumn(name).RightAligned());
        }

        table.AddColumn($"{level}% CI");
        foreach (var c in fit.Coefficients)
        {
            table.AddRow(
                new Text(c.Name), new Text(F(c.Estimate)), new Text(F(c.StandardError)), new Text(F(c.Statistic)),
                new Text(P(c.PValue).TrimStart('=', ' ')), new Text(Ci(c.ConfidenceInterval)));
        }

        console.Write(table);
        if (fit.ModeratorTest is { } qm)
        {
            var which = string.Join(", ", qm.Names);
            console.WriteLine(qm.Df2 is { } df2
                ? $"Test of moderators ({which}): F({qm.Df}, {df2}) = {F(qm.Statistic, "0.00")}, p {P(qm.PValue)}"
                : $"Test of moderators ({which}): QM = {F(qm.Statistic, "0.00")} on {qm.Df} df, p {P(qm.PValue)}");
        }

        var r2 = fit.R2 is { } r ? $" · R² = {F(r, "0.00")}%" : string.Empty;
        console.WriteLine($"Residual heterogeneity: QE = {F(fit.QE, "0.00")} on {fit.QEDf} df, p {P(fit.QEPValue)} · τ² = {F(fit.Tau2)} · I² = {F(fit.I2, "0.00")}%{r2}");
        if (regression.Predictions is { Predictions.Count: > 0 } predictions)
        {
            var rows = new Table { Border = TableBorder.Rounded };
            rows.AddColumn("At");
            rows.AddColumn(new TableColumn("Predicted").RightAligned());
            rows.AddColumn($"{level}% CI");
            rows.AddColumn("Prediction interval");
            if (bt is not null)
            {
                rows.AddColumn(new TableColumn($"{bt.Name}(predicted)").RightAligned());
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

                rows.AddRow(cells.Select(c => (IRenderable)new Text(c)));
            }

            console.Write(rows);
        }
    }

    /// <summary>One line per subgroup (k, estimate and CI, τ², I², Q), then the test for subgroup differences.</summary>
    private static void WriteSubgroups(IAnsiConsole console, SubgroupsReport subgroups, BackTransform? bt, string level)
    {
        var table = new Table { Border = TableBorder.Rounded };
        table.AddColumn("Subgroup");
        table.AddColumn(new TableColumn("k").RightAligned());
        table.AddColumn(new TableColumn("Estimate").RightAligned());
        table.AddColumn($"{level}% CI");
        if (bt is not null)
        {
            table.AddColumn(new TableColumn($"{bt.Name}(estimate)").RightAligned());
            table.AddColumn($"{level}% CI ({bt.Name})");
        }

        table.AddColumn(new TableColumn("p").RightAligned());
        table.AddColumn(new TableColumn("τ²").RightAligned());
        table.AddColumn(new TableColumn("I² %").RightAligned());
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

            cells.AddRange([fit is null ? "NA" : P(fit.PValue).TrimStart('=', ' '), F(fit?.Tau2), F(fit?.I2, "0.0"), fit is null ? "NA" : $"{F(fit.Q, "0.00")} ({fit.QDf})"]);
            table.AddRow(cells.Select(c => (IRenderable)new Text(c)));
        }

        console.Write(table);
        var common = subgroups.CommonTau2 is { } tau2 ? $" (common τ² = {F(tau2)})" : string.Empty;
        console.WriteLine(subgroups.Test is { } test
            ? $"Test for subgroup differences{common}: Q = {F(test.Q, "0.00")} on {test.Df} df, p {P(test.PValue)}"
            : $"Test for subgroup differences{common}: not computed (see the issues)");
    }

    private static string F(double? value, string format = "0.0000")
        => value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "NA";

    private static string P(double p) => p < 0.0001 ? "< 0.0001" : "= " + F(p);

    private static string Ci(double? lower, double? upper, string format = "0.0000") => $"[{F(lower, format)}, {F(upper, format)}]";

    private static string Ci(Interval? interval, string format = "0.0000") => Ci(interval?.Lower, interval?.Upper, format);
}
