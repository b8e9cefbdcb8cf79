using System.CommandLine;
using Evident.Rendering.Plots.Radial;

namespace Evident.Cli.Plotting;

/// <summary><c>evident plot radial FILE --out F.svg</c>: the radial (Galbraith) plot of each outcome.</summary>
internal static class RadialCommand
{
    /// <summary>The <c>plot radial</c> subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("radial", "Radial (Galbraith) plot: standardized effects against precision, the pooled estimate as a line through "
            + "the origin, and an arc of effect values.");
        var plot = new AnalysisPlot();
        plot.AddTo(command);
        var common = new ScatterPlotOptions().AddTo(command);
        plot.Run(command, (parseResult, outcome, settings) =>
        {
            var studies = ScatterPlotOptions.Usable(outcome).Select(s => new RadialStudy(ScatterPlotOptions.Label(s), s.Yi!.Value, s.Vi!.Value)).ToList();
            var data = new RadialPlotData(studies, outcome.Fit.Estimate, outcome.Fit.Tau2, outcome.Measure)
            {
                BackTransform = outcome.BackTransform,
                Level = settings.Level,
            };
            return RadialPlot.Draw(data, new RadialPlotOptions
            {
                Title = common.Title(parseResult),
                PlotWidth = common.Width(parseResult),
                PlotHeight = common.Height(parseResult),
            });
        });
        return command;
    }
}
