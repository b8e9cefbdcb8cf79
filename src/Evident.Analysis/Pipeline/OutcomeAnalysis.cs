using System.Globalization;
using Evident.Analysis.Input;
using Evident.Core;
using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Evident.Core.Models.Regression;
using Evident.Core.Models.Subgroups;

namespace Evident.Analysis;

/// <summary>What <see cref="OutcomeAnalysis.Run"/> gave for one analysis.</summary>
/// <param name="Report">The analysis, or null when no study is usable.</param>
/// <param name="Used">Per row (in the order given), whether its effect size entered the analysis; null without one.</param>
/// <param name="Issues">Every issue of the analysis, row issues first in row order.</param>
internal sealed record OutcomeResult(OutcomeReport? Report, bool[]? Used, List<AnalysisIssue> Issues);

/// <summary>
/// One analysis: hands a group's rows to Core (shared control groups, effect sizes, then the pooled model, and the
/// subgroups) and maps Core's issues back to file rows and headers. All statistics are Core's.
/// </summary>
internal static class OutcomeAnalysis
{
    /// <summary>
    /// Computes the effect sizes of the rows that have an input and pools them; rows without one are listed with
    /// nulls (the study rows are left out of the report unless <paramref name="withStudies"/>). Returns the report (null
    /// when nothing can be pooled), which rows entered it, and every issue of the analysis, row issues first in row order.
    /// </summary>
    public static OutcomeResult Run(
        IReadOnlyList<InputRow> rows, string? name, EffectMeasure measure, AnalyzeSettings settings, ColumnMap columns, string path, bool withStudies)
    {
        var inputs = new List<StudyInput>(rows.Count);
        var rowOf = new List<int>(rows.Count); // the row of each input
        var rowIssues = new List<AnalysisIssue>();
        for (var r = 0; r < rows.Count; r++)
        {
            rowIssues.AddRange(rows[r].Issues);
            if (rows[r].Input is { } input)
            {
                inputs.Add(input);
                rowOf.Add(r);
            }
        }

        var analysisIssues = new List<AnalysisIssue>();

        void AddCore(Issue issue, int? row)
        {
            var column = issue.Field is { } field ? columns.HeaderOrField(field) : null;
            (row is null ? analysisIssues : rowIssues).Add(new(path, row, column, name, issue.Code, issue.Severity, issue.Message));
        }

        void AddAll(IEnumerable<Issue> issues, Func<int, int> lineOf)
        {
            foreach (var issue in issues)
            {
                AddCore(issue, issue.StudyIndex is { } index ? lineOf(index) : null);
            }
        }

        List<AnalysisIssue> AllIssues()
        {
            var sorted = true;
            for (var i = 1; i < rowIssues.Count && sorted; i++)
            {
                sorted = rowIssues[i - 1].Row <= rowIssues[i].Row;
            }

            return sorted ? [.. rowIssues, .. analysisIssues] : [.. rowIssues.OrderBy(i => i.Row), .. analysisIssues];
        }

        void NoStudies()
        {
            if (!analysisIssues.Any(i => i.Code == IssueCodes.NoUsableStudies))
            {
                analysisIssues.Add(new(path, null, null, name, IssueCodes.NoUsableStudies, IssueSeverity.Error,
                    "No study of this outcome can be used; the analysis is skipped."));
            }
        }

        int LineOf(int index) => rows[rowOf[index]].Line;
        List<InputRow> InputRows() => [.. rowOf.Select(r => rows[r])];

        try
        {
            // Multi-arm studies: a control group used by several comparisons is flagged, or divided with --split-shared-control.
            IReadOnlyList<StudyInput> studyInputs = inputs;
            IReadOnlyList<SharedControlChange> splits = [];
            if (settings.SplitSharedControl)
            {
                var split = SharedControl.Split(measure, studyInputs);
                AddAll(split.Issues, LineOf);
                (studyInputs, splits) = (split.Studies, split.Changes);
            }
            else
            {
                AddAll(SharedControl.Detect(measure, studyInputs).Issues, LineOf);
            }

            var pooled = settings.TableMethodFor(measure) is { } tableMethod
                ? PoolTables(tableMethod, measure, studyInputs, settings, path, name, analysisIssues)
                : PoolInverseVariance(measure, studyInputs, settings);
            if (pooled is null)
            {
                return new(null, null, AllIssues());
            }

            AddAll(pooled.EffectIssues, LineOf);
            AddAll(ZeroSds(pooled.Pooled, studyInputs, columns), LineOf);
            if (pooled.Fit is not { } fit)
            {
                // A table method says itself why it has no estimate (pooled-not-estimable).
                if (pooled.Tables is null)
                {
                    NoStudies();
                }

                return new(null, null, AllIssues());
            }

            AddAll(fit.Issues, index => LineOf(pooled.Pooled[index].Index));
            var sizes = pooled.Pooled.All(e => e.Ni is not null) ? pooled.Pooled.Select(e => e.Ni!.Value).ToArray() : null;
            // GEN given as ratios with --log is analysed on the log scale, so it reads back like RR: exp.
            var backTransform = measure == EffectMeasure.GEN && settings.Escalc.GenLogScale
                ? BackTransform.For(EffectMeasure.RR)
                : BackTransform.For(pooled.Measure, sizes);
            var studies = withStudies ? StudyRows(rows, pooled.Studies, pooled.Weights, backTransform, settings.Level, settings.Subgroup is not null) : [];
            var report = new OutcomeReport(name, pooled.Measure, fit, backTransform, sizes?.Sum(), studies)
            {
                MethodName = settings.MethodNameFor(measure),
                Tables = pooled.Tables,
                TablesUncorrected = pooled.Tables is { Method: TableMethod.MH, CochranMantelHaenszel: not null } mh
                    ? MantelHaenszel.Fit(mh.Measure, studyInputs, mh.Options with { Correct = false })
                    : null,
                SharedControlSplits = [.. splits.Select(c => c with { Row = LineOf(c.Row) })],
            };
            if (settings.Subgroup is not null)
            {
                var labels = rowOf.Select(r => rows[r].Texts[0]).ToList();
                report = report with
                {
                    Subgroups = settings.TableMethodFor(measure) is { } method
                        ? TableSubgroups(method, pooled.Measure, studyInputs, labels, settings, backTransform, issues => AddAll(issues, LineOf))
                        : Subgroups(pooled, labels, settings, backTransform, issues => AddAll(issues, LineOf)),
                };
            }

            if (settings.Mods is { } mods)
            {
                report = report with { Regression = Regression(mods, pooled, InputRows(), settings, analysisIssues, path, name, issues => AddAll(issues, LineOf)) };
            }

            if (settings.Bias is not null || settings.Sensitivity is not null)
            {
                report = WithBiasAndSensitivity(report, pooled, settings, rows, rowOf, AddAll);
            }

            var used = new bool[rows.Count];
            for (var index = 0; index < pooled.Weights.Count; index++)
            {
                used[rowOf[index]] = pooled.Weights[index] is not null;
            }

            return new(report, used, AllIssues());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            analysisIssues.Add(new(path, null, null, name, AnalysisIssueCodes.AnalysisFailed, IssueSeverity.Error,
                $"The analysis failed ({e.GetType().Name}: {e.Message}); please report this."));
            return new(null, null, AllIssues());
        }
    }

    /// <summary>
    /// A <c>zero-sd</c> warning for each pooled study with a standard deviation of exactly 0: metafor uses it (the
    /// variance then comes from the other group, or is 0), but RevMan calls such a study not estimable (Deeks &amp;
    /// Higgins 2010), and an SD of 0 is more often a missing value typed as 0 than a group without spread.
    /// </summary>
    private static IEnumerable<Issue> ZeroSds(IReadOnlyList<StudyEffect> pooled, IReadOnlyList<StudyInput> inputs, ColumnMap columns)
    {
        foreach (var effect in pooled)
        {
            var input = inputs[effect.Index];
            if (input.Sd1i != 0 && input.Sd2i != 0 && input.Sdi != 0)
            {
                continue;
            }

            foreach (var (field, sd) in new[] { ("sd1i", input.Sd1i), ("sd2i", input.Sd2i), ("sdi", input.Sdi) })
            {
                if (sd == 0)
                {
                    yield return new Issue(AnalysisIssueCodes.ZeroSd, IssueSeverity.Warning,
                        $"{columns.HeaderOrField(field)} is 0: the study is used, as metafor does, but RevMan calls a study with an SD of 0 "
                        + "not estimable, and an SD of 0 is often a missing value typed as 0. Check it (--preset revman5 leaves such studies out).",
                        effect.Index, field);
                }
            }
        }
    }

    /// <summary>
    /// Adds the small-study (<c>evident bias</c>) and sensitivity (<c>evident sensitivity</c>) analyses of the pooled
    /// studies to <paramref name="report"/>; their issues are passed to <paramref name="addAll"/> located at the rows.
    /// </summary>
    private static OutcomeReport WithBiasAndSensitivity(
        OutcomeReport report, Pooling pooled, AnalyzeSettings settings, IReadOnlyList<InputRow> rows, List<int> rowOf,
        Action<IEnumerable<Issue>, Func<int, int>> addAll)
    {
        var studies = pooled.Pooled;
        var yi = studies.Select(e => e.Yi!.Value).ToArray();
        var vi = studies.Select(e => e.Vi!.Value).ToArray();

        // Sample sizes when any study has one; a study without gets NaN, which the sample-size predictors report at its row.
        var sizes = studies.Any(e => e.Ni is not null) ? studies.Select(e => e.Ni ?? double.NaN).ToArray() : null;
        var inputRows = studies.Select(e => rows[rowOf[e.Index]]).ToList();
        int LineOf(int j) => inputRows[j].Line;

        // MH and Peto pool the tables; the analyses below read the studies' own effects, under the inverse-variance
        // model with the same τ² method (FE for MH and Peto), as metafor's functions for rma.uni do.
        var fit = settings.FitOptions;
        if (settings.Bias is { } bias)
        {
            var result = BiasReport.Run(yi, vi, sizes, [.. inputRows.Select(r => r.Line)], fit, bias, report.Fit.Estimate);
            addAll(result.Issues, LineOf);
            report = report with { Bias = result };
        }

        if (settings.Sensitivity is { } sensitivity)
        {
            var (key, order) = sensitivity.Order switch
            {
                CumulativeOrder.Precision => (vi, "precision"),
                CumulativeOrder.Effect => (yi, "effect"),
                CumulativeOrder.Column => (inputRows.Select(r => r.Extras[^1] ?? double.NaN).ToArray(), sensitivity.OrderColumn!),
                _ => ((double[]?)null, "input"),
            };
            var result = SensitivityReport.Run(yi, vi, [.. inputRows.Select(r => (r.Study, r.Line))], fit, sensitivity, key, order);
            addAll(result.Issues, LineOf);
            report = report with { Sensitivity = result };
        }

        return report;
    }

    /// <summary>
    /// What pooling produced: the per-study effects (input order, indices into the inputs), the studies pooled in the
    /// fit's order, the fit (null when no study is usable), per-study weights and, for MH/Peto, the table result.
    /// </summary>
    private sealed record Pooling(
        EffectMeasure Measure,
        IReadOnlyList<StudyEffect> Studies,
        IReadOnlyList<Issue> EffectIssues,
        IReadOnlyList<StudyEffect> Pooled,
        MetaAnalysisResult? Fit,
        IReadOnlyList<double?> Weights,
        TableFitResult? Tables = null);

    private static TableFitOptions TableOptions(AnalyzeSettings settings) => new()
    {
        Level = settings.Level,
        Add = settings.Escalc.Add,
        To = settings.Escalc.To,
        Conventions = settings.Escalc.Conventions,
    };

    private static Pooling PoolInverseVariance(EffectMeasure measure, IReadOnlyList<StudyInput> inputs, AnalyzeSettings settings)
    {
        var effects = EffectSizes.Compute(measure, inputs, settings.Escalc);
        var usable = new List<StudyEffect>(effects.Studies.Count);
        foreach (var effect in effects.Studies)
        {
            if (effect.IsUsable)
            {
                usable.Add(effect);
            }
        }

        if (usable.Count == 0)
        {
            return new(measure, effects.Studies, effects.Issues, usable, null, []);
        }

        var options = settings.FitOptions;
        if (settings.QAroundMantelHaenszel && measure is EffectMeasure.OR or EffectMeasure.RR or EffectMeasure.RD
            && options.Method is not (Tau2Method.EE or Tau2Method.FE))
        {
            // RevMan 5: Q, and so DerSimonian-Laird's τ² and I², around the Mantel-Haenszel estimate (Deeks & Higgins 2010).
            options = options with { QCentre = MantelHaenszel.Fit(measure, inputs, TableOptions(settings)).Estimate };
        }

        var yi = new double[usable.Count];
        var vi = new double[usable.Count];
        for (var j = 0; j < usable.Count; j++)
        {
            (yi[j], vi[j]) = (usable[j].Yi!.Value, usable[j].Vi!.Value);
        }

        var fit = MetaAnalysis.Fit(yi, vi, options);
        var weights = new double?[effects.Studies.Count];
        for (var j = 0; j < usable.Count; j++)
        {
            weights[usable[j].Index] = fit.WeightsPercent[j];
        }

        return new(measure, effects.Studies, effects.Issues, usable, fit, weights);
    }

    /// <summary>
    /// Mantel-Haenszel or Peto on the tables (metafor's <c>rma.mh</c>/<c>rma.peto</c> conventions: drop00 for the
    /// per-study estimates, the ½ correction for them only). Null, with an analysis issue, when the method does not
    /// apply to the measure or the tables carry no information on the effect.
    /// </summary>
    private static Pooling? PoolTables(
        TableMethod method, EffectMeasure measure, IReadOnlyList<StudyInput> inputs, AnalyzeSettings settings, string path, string? name, List<AnalysisIssue> issues)
    {
        var applies = method == TableMethod.PETO
            ? measure is EffectMeasure.OR or EffectMeasure.PETO
            : measure is EffectMeasure.OR or EffectMeasure.RR or EffectMeasure.RD or EffectMeasure.IRR or EffectMeasure.IRD;
        if (!applies)
        {
            issues.Add(new(path, null, null, name, AnalysisIssueCodes.MethodNotApplicable, IssueSeverity.Error,
                method == TableMethod.PETO
                    ? $"Peto's method pools 2×2 tables into an odds ratio; it does not apply to {measure}. The analysis is skipped."
                    : $"Mantel-Haenszel pools 2×2 tables (OR, RR, RD) or person-time (IRR, IRD); it does not apply to {measure}. The analysis is skipped."));
            return null;
        }

        var options = TableOptions(settings);
        var result = method == TableMethod.MH ? MantelHaenszel.Fit(measure, inputs, options) : Peto.Fit(inputs, options);
        var withEstimate = result.Studies.Where(e => e.IsUsable).ToList();
        if (result is not { IsEstimable: true, Estimate: { } estimate, StandardError: { } se, ConfidenceInterval: { } ci })
        {
            // The result's issues (pooled-not-estimable and the per-study ones) are the report.
            return new(result.Measure, result.Studies, result.Issues, withEstimate, null, []) { Tables = result };
        }

        var weights = new double?[result.Studies.Count];
        for (var i = 0; i < result.Studies.Count; i++)
        {
            weights[result.Studies[i].Index] = result.WeightsPercent[i];
        }

        // The common fields of an outcome, as a common-effect fit: no τ², the PI is the CI.
        var fit = new MetaAnalysisResult
        {
            Method = Tau2Method.FE,
            Test = TestMethod.Z,
            Level = settings.Level,
            K = result.K,
            Estimate = estimate,
            StandardError = se,
            Statistic = result.Statistic,
            PValue = result.PValue ?? 1,
            ConfidenceInterval = ci,
            Tau2 = 0,
            I2 = result.I2 ?? 0,
            H2 = result.H2 ?? 1,
            Q = result.Q ?? 0,
            QDf = result.QDf,
            QPValue = result.QPValue ?? 1,
            PredictionInterval = ci,
            TypicalVariance = 0,
            WeightsPercent = [],
        };
        // Per-study issues are in the result's list (they index the inputs); the fit has none of its own.
        return new(result.Measure, result.Studies, result.Issues, withEstimate, fit, weights) { Tables = result };
    }

    /// <summary>
    /// Per-subgroup fits and the test for subgroup differences (inverse-variance models). With <c>--tau2-common</c> the τ²
    /// of the model with the subgroup as a factor is shared by every subgroup.
    /// </summary>
    private static SubgroupsReport Subgroups(
        Pooling pooled, IReadOnlyList<string?> labels, AnalyzeSettings settings, BackTransform? backTransform, Action<IEnumerable<Issue>> report)
    {
        var options = settings.FitOptions;
        double? commonTau2 = null;
        if (settings.Tau2Common)
        {
            commonTau2 = CommonTau2.Of(pooled.Studies, labels, options, report);
        }

        var result = SubgroupAnalysis.Fit(pooled.Studies, labels, options, new SubgroupOptions { CommonTau2 = commonTau2 });
        report(result.Issues);
        var subgroups = new List<SubgroupReport>(result.Subgroups.Count);
        foreach (var subgroup in result.Subgroups)
        {
            if (subgroup.Fit is { } fit)
            {
                report(fit.Issues.Select(i => i.StudyIndex is { } j ? i with { StudyIndex = pooled.Studies[subgroup.PooledStudyIndices[j]].Index } : i));
            }

            var sizes = subgroup.PooledStudyIndices.Select(i => pooled.Studies[i].Ni).ToList();
            subgroups.Add(new SubgroupReport(
                subgroup.Subgroup, subgroup.StudyIndices.Count, subgroup.Fit, backTransform, sizes.All(n => n is not null) ? sizes.Sum() : null));
        }

        return new SubgroupsReport(subgroups, result.Test, result.QWithin, result.QWithinDf, result.QWithinPValue, result.CommonTau2);
    }

    /// <summary>
    /// Mantel-Haenszel or Peto per subgroup (as RevMan pools binary subgroups), and the test for subgroup differences on
    /// their estimates. Per-study issues were reported by the overall fit; a subgroup whose tables carry no information
    /// has no fit.
    /// </summary>
    private static SubgroupsReport TableSubgroups(
        TableMethod method, EffectMeasure measure, IReadOnlyList<StudyInput> inputs, List<string?> labels, AnalyzeSettings settings,
        BackTransform? backTransform, Action<IEnumerable<Issue>> report)
    {
        var groups = new List<SubgroupReport>();
        var issues = new List<Issue>();
        foreach (var group in Enumerable.Range(0, inputs.Count).Where(i => !string.IsNullOrWhiteSpace(labels[i])).GroupBy(i => labels[i]!, StringComparer.Ordinal))
        {
            var members = group.ToList();
            var pooled = PoolTables(method, measure, [.. members.Select(i => inputs[i])], settings, string.Empty, null, []);
            if (pooled?.Fit is null)
            {
                issues.Add(new Issue(IssueCodes.SubgroupNoUsableStudies, IssueSeverity.Warning,
                    $"Subgroup '{group.Key}': the {method} estimate cannot be computed from its tables; it is left out of the test for subgroup differences."));
            }

            var sizes = pooled?.Pooled.Select(e => e.Ni).ToList() ?? [];
            groups.Add(new SubgroupReport(group.Key, members.Count, pooled?.Fit, backTransform, sizes.Count > 0 && sizes.All(n => n is not null) ? sizes.Sum() : null)
            {
                MethodName = method.ToString(),
            });
        }

        foreach (var i in Enumerable.Range(0, inputs.Count).Where(i => string.IsNullOrWhiteSpace(labels[i])))
        {
            issues.Add(new Issue(IssueCodes.SubgroupMissing, IssueSeverity.Warning,
                "This study has no subgroup label: it is in the overall fit but in no subgroup.", i));
        }

        var fitted = groups.Where(g => g.Fit is not null).Select(g => g.Fit!).ToList();
        var (test, testIssue) = SubgroupAnalysis.TestDifferences([.. fitted.Select(f => (f.Estimate, f.StandardError))]);
        if (testIssue is not null)
        {
            issues.Add(testIssue);
        }

        report(issues);
        var qWithin = fitted.Sum(f => f.Q);
        var qWithinDf = fitted.Sum(f => f.QDf);
        return new SubgroupsReport(groups, test, qWithin, qWithinDf, ChiSquareTest.Of(qWithin, qWithinDf).PValue, null);
    }

    /// <summary>
    /// The meta-regression on <paramref name="mods"/> (metafor's <c>rma(yi, vi, mods = …)</c>) over the usable studies, with
    /// the omnibus test on <c>--btt</c> and predictions at <c>--newmods</c>. A moderator column is numeric when every
    /// non-empty cell of the analysis reads as a number, text (a factor's levels) otherwise. Null, with issues, when the
    /// design cannot be built.
    /// </summary>
    private static RegressionReport? Regression(
        string mods, Pooling pooled, List<InputRow> inputs, AnalyzeSettings settings, List<AnalysisIssue> analysisIssues, string path, string? name,
        Action<IEnumerable<Issue>> report)
    {
        var formula = ModelFormula.Parse(mods).Formula!; // checked when the file was opened
        var usable = pooled.Studies.Where(e => e.IsUsable).ToList();
        var columns = formula.Columns.Select((column, j) => ModeratorValues(column, [.. usable.Select(e => inputs[e.Index])], settings.ModeratorOffset + j)).ToList();
        var design = DesignMatrix.Build(formula, usable.Count, columns);
        if (design.Design is not { } matrix)
        {
            report(design.Issues.Select(issue => issue.StudyIndex is { } i ? issue with { StudyIndex = usable[i].Index } : issue));
            analysisIssues.Add(new(path, null, "--mods", name, AnalysisIssueCodes.ModeratorsNotFitted, IssueSeverity.Error,
                $"The meta-regression on \"{mods}\" cannot be fitted (see the issues above); the pooled analysis stands without it."));
            return null;
        }

        RegressionOptions? options = null;
        if (settings.Btt is { } btt)
        {
            options = new RegressionOptions { Btt = CoefficientSelection.Parse(btt) };
        }

        var fit = MetaRegression.Fit([.. usable.Select(e => e.Yi!.Value)], [.. usable.Select(e => e.Vi!.Value)], matrix, settings.FitOptions, options);
        // The fit's issues include the design's.
        report(fit.Issues.Select(issue => issue.StudyIndex is { } i ? issue with { StudyIndex = usable[i].Index } : issue));
        PredictionResult? predictions = null;
        List<IReadOnlyList<(string Name, string Value)>> newRows = [];
        if (settings.NewMods is { } newMods)
        {
            newRows = NewModerators(newMods);
            var newColumns = formula.Columns.Select(column =>
            {
                var values = newRows.Select(r => r.FirstOrDefault(p => p.Name == column).Value).ToList();
                var numeric = columns.First(c => c.Name == column).IsText is false;
                return numeric
                    ? ModeratorColumn.Numeric(column, values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : double.NaN))
                    : ModeratorColumn.Text(column, values);
            }).ToList();
            predictions = MetaRegression.Predict(fit, newRows.Count, newColumns);
            foreach (var issue in predictions.Issues)
            {
                analysisIssues.Add(new(path, null, "--newmods", name, issue.Code, issue.Severity, $"--newmods: {issue.Message}"));
            }
        }

        return new RegressionReport(fit, predictions, newRows);
    }

    /// <summary>A moderator column over the studies: numbers when every non-empty cell is one, else text.</summary>
    private static ModeratorColumn ModeratorValues(string column, List<InputRow> rows, int at)
    {
        var numeric = rows.All(r => r.Texts[at] is null || r.Extras[at] is not null);
        return numeric
            ? ModeratorColumn.Numeric(column, rows.Select(r => r.Extras[at] ?? double.NaN))
            : ModeratorColumn.Text(column, rows.Select(r => r.Texts[at]));
    }

    /// <summary><c>a=1,g=x;a=2,g=y</c> → rows of (name, value) pairs.</summary>
    private static List<IReadOnlyList<(string Name, string Value)>> NewModerators(string text) =>
    [
        .. text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(row => (IReadOnlyList<(string, string)>)
            [.. row.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2, StringSplitOptions.TrimEntries))
                .Select(p => (p[0], p.Length > 1 ? p[1] : string.Empty))]),
    ];

    /// <summary>Every row of the outcome in input order, with per-study statistics for those that have an effect.</summary>
    private static List<StudyRow> StudyRows(
        IReadOnlyList<InputRow> rows, IReadOnlyList<StudyEffect> effects, IReadOnlyList<double?> weights, BackTransform? backTransform, double level,
        bool hasSubgroup)
    {
        var effectByIndex = new StudyEffect?[effects.Count];
        foreach (var effect in effects)
        {
            effectByIndex[effect.Index] = effect;
        }

        double? Bt(double? x) => x is { } v && backTransform is not null ? backTransform.Apply(v) : null;

        var result = new List<StudyRow>(rows.Count);
        var inputIndex = 0; // position among the rows given to Core (those that have an input)
        foreach (var row in rows)
        {
            var effect = row.Input is not null ? effectByIndex[inputIndex++] : null;
            if (effect is null)
            {
                result.Add(new StudyRow { Study = row.Study, Row = row.Line, Input = row.Input, Subgroup = hasSubgroup ? row.Texts[0] : null });
                continue;
            }

            var studyRow = new StudyRow
            {
                Study = row.Study,
                Row = row.Line,
                Input = row.Input,
                Subgroup = hasSubgroup ? row.Texts[0] : null,
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
                    WeightPercent = weights[effect.Index],
                    YiBt = Bt(effect.Yi),
                    CiLowerBt = Bt(stats.ConfidenceInterval.Lower),
                    CiUpperBt = Bt(stats.ConfidenceInterval.Upper),
                };
            }

            result.Add(studyRow);
        }

        return result;
    }
}
