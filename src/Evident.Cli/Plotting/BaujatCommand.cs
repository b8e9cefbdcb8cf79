using System.CommandLine;
using Evident.Rendering.Analysis;
using Evident.Rendering.Plots.Baujat;

namespace Evident.Cli.Plotting;

/// <summary><c>evident plot baujat FILE --out F.svg</c>: the Baujat plot of each outcome (Baujat et al. 2002).</summary>
internal static class BaujatCommand
{
    /// <summary>The <c>plot baujat</c> subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("baujat", "Baujat plot: each study's contribution to the heterogeneity against its influence on the pooled result, labelled.");
        var plot = new AnalysisPlot();
        plot.AddTo(command);
        var common = new ScatterPlotOptions().AddTo(command);
        plot.Run(command, (parseResult, outcome, run) =>
        {
            return PlotResult.Of(ScatterData.Baujat(outcome, run), data => BaujatPlot.Draw(data, new BaujatPlotOptions
            {
                Title = common.Title(parseResult),
                PlotWidth = common.Width(parseResult),
                PlotHeight = common.Height(parseResult),
            }));
        });
        return command;
    }
}
