using Evident.Cli.Input;
using Evident.Core;
using Evident.Core.EffectSizes;
using Evident.Core.Models;

namespace Evident.Cli.Analysis;

/// <summary>What <see cref="OutcomeAnalysis.Run"/> gave for one analysis.</summary>
/// <param name="Report">The analysis, or null when no study is usable.</param>
/// <param name="Used">Per row (in the order given), whether its effect size entered the analysis; null without one.</param>
/// <param name="Issues">Every issue of the analysis, row issues first in row order.</param>
internal sealed record OutcomeResult(OutcomeReport? Report, bool[]? Used, List<CliIssue> Issues);

/// <summary>
/// One analysis: hands a group's rows to Core (effect sizes, then the pooled model) and maps Core's issues back to
/// file rows and headers. All statistics are Core's.
/// </summary>
internal static class OutcomeAnalysis
{
    /// <summary>
    /// Computes the effect sizes of the rows that have an input and pools them; rows without one are listed with
    /// nulls (the study rows are left out of the report unless <paramref name="withStudies"/>).
    /// </summary>
    public static OutcomeResult Run(
        IReadOnlyList<InputRow> rows, string? name, EffectMeasure measure, AnalyzeSettings settings, ColumnMap columns, string path, bool withStudies)
    {
        var inputs = new List<StudyInput>(rows.Count);
        var rowOf = new List<int>(rows.Count); // the row of each input
        var rowIssues = new List<CliIssue>();
        for (var r = 0; r < rows.Count; r++)
        {
            rowIssues.AddRange(rows[r].Issues);
            if (rows[r].Input is { } input)
            {
                inputs.Add(input);
                rowOf.Add(r);
            }
        }

        var analysisIssues = new List<CliIssue>();

        void AddCore(Issue issue, int? row)
        {
            var column = issue.Field is { } field ? columns.HeaderOrField(field) : null;
            (row is null ? analysisIssues : rowIssues).Add(new(path, row, column, name, issue.Code, issue.Severity, issue.Message));
        }

        List<CliIssue> AllIssues()
        {
            var sorted = true;
            for (var i = 1; i < rowIssues.Count && sorted; i++)
            {
                sorted = rowIssues[i - 1].Row <= rowIssues[i].Row;
            }

            return sorted ? [.. rowIssues, .. analysisIssues] : [.. rowIssues.OrderBy(i => i.Row), .. analysisIssues];
        }

        try
        {
            var effects = EffectSizes.Compute(measure, inputs, settings.Escalc);
            foreach (var issue in effects.Issues)
            {
                AddCore(issue, issue.StudyIndex is { } index ? rows[rowOf[index]].Line : null);
            }

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
                if (!analysisIssues.Any(i => i.Code == IssueCodes.NoUsableStudies))
                {
                    analysisIssues.Add(new(path, null, null, name, IssueCodes.NoUsableStudies, IssueSeverity.Error,
                        "No study of this outcome can be used; the analysis is skipped."));
                }

                return new(null, null, AllIssues());
            }

            var yi = new double[usable.Count];
            var vi = new double[usable.Count];
            var used = new bool[rows.Count];
            for (var j = 0; j < usable.Count; j++)
            {
                (yi[j], vi[j]) = (usable[j].Yi!.Value, usable[j].Vi!.Value);
                used[rowOf[usable[j].Index]] = true;
            }

            var fit = MetaAnalysis.Fit(yi, vi, settings.FitOptions);
            foreach (var issue in fit.Issues)
            {
                AddCore(issue, issue.StudyIndex is { } index ? rows[rowOf[usable[index].Index]].Line : null);
            }

            var sizes = usable.All(e => e.Ni is not null) ? usable.Select(e => e.Ni!.Value).ToArray() : null;
            // GEN given as ratios with --log is analysed on the log scale, so it reads back like RR: exp.
            var backTransform = measure == EffectMeasure.GEN && settings.Escalc.GenLogScale
                ? BackTransform.For(EffectMeasure.RR)
                : BackTransform.For(measure, sizes);
            var studies = withStudies ? StudyRows(rows, effects, usable, fit, backTransform, settings.Level) : [];
            var report = new OutcomeReport(name, measure, fit, backTransform, sizes?.Sum(), studies);
            return new(report, used, AllIssues());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            analysisIssues.Add(new(path, null, null, name, CliIssueCodes.AnalysisFailed, IssueSeverity.Error,
                $"The analysis failed ({e.GetType().Name}: {e.Message}); please report this."));
            return new(null, null, AllIssues());
        }
    }

    /// <summary>Every row of the outcome in input order, with per-study statistics for the usable ones.</summary>
    private static List<StudyRow> StudyRows(
        IReadOnlyList<InputRow> rows, EffectSizeSet effects, List<StudyEffect> usable, MetaAnalysisResult fit, BackTransform? backTransform, double level)
    {
        var inputs = rows.Count(r => r.Input is not null);
        var effectByIndex = new StudyEffect?[inputs];
        foreach (var effect in effects.Studies)
        {
            effectByIndex[effect.Index] = effect;
        }

        var weightByIndex = new double[inputs];
        for (var j = 0; j < usable.Count; j++)
        {
            weightByIndex[usable[j].Index] = fit.WeightsPercent[j];
        }

        double? Bt(double? x) => x is { } v && backTransform is not null ? backTransform.Apply(v) : null;

        var result = new List<StudyRow>(rows.Count);
        var inputIndex = 0; // position among the rows given to Core (those that have an input)
        foreach (var row in rows)
        {
            var effect = row.Input is not null ? effectByIndex[inputIndex++] : null;
            if (effect is null)
            {
                result.Add(new StudyRow { Study = row.Study, Row = row.Line });
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

            result.Add(studyRow);
        }

        return result;
    }
}
