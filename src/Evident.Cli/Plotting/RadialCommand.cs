using System.CommandLine;
using Evident.Rendering.Analysis;
using Evident.Rendering.Plots.Radial;

namespace Evident.Cli.Plotting;

/// <summary>
/// <c>evident plot radial FILE --out F.svg</c>: the radial plot of each outcome, Galbraith's (1988) under a common-effect
/// model, with √(vᵢ + τ̂²) under a random-effects model as metafor's <c>radial()</c> (see <see cref="Rendering.Plots.Radial.RadialPlot"/>).
/// </summary>
internal static class RadialCommand
{
    /// <summary>The <c>plot radial</c> subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("radial", "Radial plot: standardized effects against precision, the pooled estimate as a line through the origin, "
            + "and an arc of effect values. With --method EE it is Galbraith's plot (yi/√vi against 1/√vi, Galbraith 1988); with a random-effects "
            + "model the standard errors are √(vi + τ²), as metafor's radial().");
        var plot = new AnalysisPlot();
        plot.AddTo(command);
        var common = new ScatterPlotOptions().AddTo(command);
        plot.Run(command, (parseResult, outcome, run) =>
        {
            return RadialPlot.Draw(ScatterData.Radial(outcome, run), new RadialPlotOptions
            {
                Title = common.Title(parseResult),
                PlotWidth = common.Width(parseResult),
                PlotHeight = common.Height(parseResult),
            });
        });
        return command;
    }
}
