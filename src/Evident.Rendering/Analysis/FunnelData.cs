using Evident.Analysis;
using Evident.Analysis.Input;
using Evident.Rendering.Plots.Funnel;

namespace Evident.Rendering.Analysis;

/// <summary>An analysis as a funnel plot's data: its pooled studies around the pooled estimate, never recomputed.</summary>
public static class FunnelData
{
    /// <summary>
    /// The funnel plot's data of an outcome: its pooled studies (label, effect, variance, size, weight) in input order
    /// around the pooled estimate, at the analysis's level; no contours or trim and fill. With
    /// <paramref name="sampleSizesFrom"/> (the analysed table), sample sizes the analysis did not read (generic effects
    /// read only yi and vi) are read from its ni (or n1i + n2i) columns, as a funnel against sample size needs.
    /// </summary>
    /// <param name="outcome">The analysis.</param>
    /// <param name="run">The run it belongs to (its settings).</param>
    /// <param name="sampleSizesFrom">The analysed table, to read missing sample sizes from; null to read none.</param>
    public static FunnelPlotData Of(OutcomeReport outcome, AnalysisResults run, DataInput? sampleSizesFrom = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(run);
        var usable = PlotStudies.Usable(outcome);
        var sizes = sampleSizesFrom is not null && usable.Any(s => s.Ni is null) ? InputColumns.SampleSizes(sampleSizesFrom) : [];
        var studies = usable.Select(s => new FunnelStudy(PlotStudies.Label(s), s.Yi!.Value, s.Vi!.Value)
        {
            Ni = s.Ni ?? (sizes.TryGetValue(s.Row, out var n) ? n : null),
            WeightPercent = s.WeightPercent,
        }).ToList();
        return new FunnelPlotData(studies, outcome.Fit.Estimate, outcome.Measure) { BackTransform = outcome.BackTransform, Level = run.Settings.Level };
    }
}
