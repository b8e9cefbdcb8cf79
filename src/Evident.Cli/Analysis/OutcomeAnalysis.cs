using Evident.Cli.Input;
using Evident.Core;
using Evident.Core.EffectSizes;
using Evident.Core.Models;

namespace Evident.Cli.Analysis;

/// <summary>
/// One analysis: hands a group's rows to Core (effect sizes, then the pooled model) and maps Core's issues back to
/// file rows and headers. All statistics are Core's.
/// </summary>
internal static class OutcomeAnalysis
{
    /// <summary>
    /// Computes the effect sizes of the rows that have an input and pools them; rows without one are listed with
    /// nulls. Returns the report (null when no study is usable) and every issue of the analysis, row issues first
    /// in row order.
    /// </summary>
    public static (OutcomeReport? Report, List<CliIssue> Issues) Run(
        IReadOnlyList<InputRow> rows, string? name, EffectMeasure measure, AnalyzeSettings settings, ColumnMap columns, string path)
    {
        var inputs = rows.Where(r => r.Input is not null).ToList();
        var rowIssues = rows.SelectMany(r => r.Issues).ToList();
        var analysisIssues = new List<CliIssue>();

        void AddCore(Issue issue, Func<int, int> lineOf)
        {
            var column = issue.Field is { } field ? columns.HeaderOrField(field) : null;
            var row = issue.StudyIndex is { } index ? lineOf(index) : (int?)null;
            (row is null ? analysisIssues : rowIssues).Add(new(path, row, column, name, issue.Code, issue.Severity, issue.Message));
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
                    analysisIssues.Add(new(path, null, null, name, IssueCodes.NoUsableStudies, IssueSeverity.Error,
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
            var studies = StudyRows(rows, effects, usable, fit, backTransform, settings.Level);
            var report = new OutcomeReport(name, measure, fit, backTransform, sizes?.Sum(), studies);
            return (report, AllIssues());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            analysisIssues.Add(new(path, null, null, name, CliIssueCodes.AnalysisFailed, IssueSeverity.Error,
                $"The analysis failed ({e.GetType().Name}: {e.Message}); please report this."));
            return (null, AllIssues());
        }
    }

    /// <summary>Every row of the outcome in input order, with per-study statistics for the usable ones.</summary>
    private static List<StudyRow> StudyRows(
        IReadOnlyList<InputRow> rows, EffectSizeSet effects, List<StudyEffect> usable, MetaAnalysisResult fit, BackTransform? backTransform, double level)
    {
        var effectByIndex = effects.Studies.ToDictionary(e => e.Index);
        var weightByIndex = usable.Select((e, j) => (e.Index, Weight: fit.WeightsPercent[j])).ToDictionary(x => x.Index, x => x.Weight);
        double? Bt(double? x) => x is { } v && backTransform is not null ? backTransform.Apply(v) : null;

        var result = new List<StudyRow>(rows.Count);
        var inputIndex = 0; // position among the rows given to Core (those that have an input)
        foreach (var row in rows)
        {
            StudyEffect? effect = null;
            if (row.Input is not null)
            {
                effectByIndex.TryGetValue(inputIndex++, out effect);
            }

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
