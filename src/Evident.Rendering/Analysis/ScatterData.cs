using Evident.Analysis;
using Evident.Core;
using Evident.Core.Sensitivity;
using Evident.Rendering.Plots.Baujat;
using Evident.Rendering.Plots.Bubble;
using Evident.Rendering.Plots.LAbbe;
using Evident.Rendering.Plots.Radial;

namespace Evident.Rendering.Analysis;

/// <summary>A plot's data, or why an analysis cannot be drawn that way (a stable code and a sentence for people).</summary>
/// <typeparam name="T">The plot's data record.</typeparam>
/// <param name="Data">The data, or null.</param>
/// <param name="Code">When there is no data: the stable code of the reason (<see cref="AnalysisIssueCodes"/>, <see cref="IssueCodes"/>).</param>
/// <param name="Reason">When there is no data: why, for people.</param>
public sealed record PlotData<T>(T? Data, string? Code = null, string? Reason = null)
    where T : class;

/// <summary>
/// An analysis as the data of the scatter-type plots: Baujat, radial, bubble and L'Abbé. Each reads the pooled studies
/// (those with an effect size, in input order) and the analysis's own fit, never recomputed, except the Baujat plot's
/// leave-one-out refits (Baujat et al. 2002).
/// </summary>
public static class ScatterData
{
    /// <summary>The Baujat plot's data: each study's contribution to Q against its influence on the pooled estimate.</summary>
    /// <param name="outcome">The analysis.</param>
    /// <param name="run">The run it belongs to (its fit options).</param>
    public static PlotData<BaujatPlotData> Baujat(OutcomeReport outcome, AnalysisResults run)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(run);
        var studies = PlotStudies.Usable(outcome);
        var result = SensitivityAnalysis.Baujat([.. studies.Select(s => s.Yi!.Value)], [.. studies.Select(s => s.Vi!.Value)], run.Settings.FitOptions);
        if (result.X.Count == 0)
        {
            var issue = result.Issues.FirstOrDefault(i => i.Severity == IssueSeverity.Error);
            return new PlotData<BaujatPlotData>(null, issue?.Code ?? IssueCodes.TooFewStudies, issue?.Message ?? "The Baujat plot cannot be computed.");
        }

        return new(new BaujatPlotData([.. studies.Select(PlotStudies.Label)], result));
    }

    /// <summary>The radial plot's data: the pooled studies, the pooled estimate and τ², at the analysis's level.</summary>
    /// <param name="outcome">The analysis.</param>
    /// <param name="run">The run it belongs to (its level).</param>
    public static RadialPlotData Radial(OutcomeReport outcome, AnalysisResults run)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(run);
        var studies = PlotStudies.Usable(outcome).Select(s => new RadialStudy(PlotStudies.Label(s), s.Yi!.Value, s.Vi!.Value)).ToList();
        return new RadialPlotData(studies, outcome.Fit.Estimate, outcome.Fit.Tau2, outcome.Measure)
        {
            BackTransform = outcome.BackTransform,
            Level = run.Settings.Level,
        };
    }

    /// <summary>The bubble plot's data: the meta-regression on one continuous moderator, with the studies' labels.</summary>
    /// <param name="outcome">The analysis.</param>
    /// <param name="run">The run it belongs to (its <c>--mods</c>).</param>
    public static PlotData<BubblePlotData> Bubble(OutcomeReport outcome, AnalysisResults run)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(run);
        if (outcome.Regression is not { } regression)
        {
            return new PlotData<BubblePlotData>(null, AnalysisIssueCodes.PlotNeedsModerator,
                run.Settings.Mods is null
                    ? "a bubble plot needs a meta-regression: give --mods with one continuous moderator (e.g. --mods ablat)."
                    : $"the meta-regression on \"{run.Settings.Mods}\" could not be fitted (see the issues above).");
        }

        var fit = regression.Fit;
        if (BubblePlot.Moderator(fit) is null)
        {
            return new PlotData<BubblePlotData>(null, AnalysisIssueCodes.PlotNeedsModerator,
                $"a bubble plot needs exactly one continuous moderator; \"{run.Settings.Mods}\" gives the columns {string.Join(", ", fit.Design.ColumnNames)}.");
        }

        // The fit's rows are the pooled studies that have the moderator (Design.Rows indexes them).
        var usable = PlotStudies.Usable(outcome);
        IReadOnlyList<string>? names = usable.Count == fit.Design.InputRows ? [.. fit.Design.Rows.Select(r => PlotStudies.Label(usable[r]))] : null;
        return new(new BubblePlotData(fit, outcome.Measure) { BackTransform = outcome.BackTransform, Labels = names });
    }

    /// <summary>The L'Abbé plot's data: each binary study's events and totals per arm, with its weight.</summary>
    /// <param name="outcome">The analysis (OR, RR, RD or PETO).</param>
    /// <param name="run">The run it belongs to (its escalc options).</param>
    public static PlotData<LAbbePlotData> LAbbe(OutcomeReport outcome, AnalysisResults run)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(run);
        if (!LAbbePlotData.Supports(outcome.Measure))
        {
            return new PlotData<LAbbePlotData>(null, AnalysisIssueCodes.PlotNotBinary,
                $"a L'Abbé plot needs binary data analysed as OR, RR, RD or PETO; this outcome is analysed as {outcome.Measure}.");
        }

        var studies = new List<LAbbeStudy>();
        foreach (var row in PlotStudies.Usable(outcome))
        {
            if (row.Input is { Ai: { } ai, Ci: { } ci } input
                && (input.N1i ?? (ai + input.Bi)) is { } n1 && (input.N2i ?? (ci + input.Di)) is { } n2)
            {
                studies.Add(new LAbbeStudy(PlotStudies.Label(row), ai, n1, ci, n2) { WeightPercent = row.WeightPercent });
            }
        }

        if (studies.Count == 0)
        {
            return new PlotData<LAbbePlotData>(null, AnalysisIssueCodes.PlotNotBinary, "a L'Abbé plot needs events and totals per arm (ai, n1i or bi, ci, n2i or di); no study has them.");
        }

        return new(new LAbbePlotData(studies, outcome.Measure, outcome.Fit.Estimate) { Escalc = run.Settings.Escalc });
    }
}
