using System.CommandLine;
using Evident.Rendering.Analysis;
using Evident.Rendering.Plots.Bubble;

namespace Evident.Cli.Plotting;

/// <summary><c>evident plot bubble FILE --mods X --out F.svg</c>: the bubble plot of a meta-regression on one continuous moderator.</summary>
internal static class BubbleCommand
{
    /// <summary>The <c>plot bubble</c> subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("bubble", "Bubble plot of a meta-regression (--mods with one continuous moderator): effects against the moderator, "
            + "bubble areas proportional to weight, the fitted line and its confidence band.");
        var plot = new AnalysisPlot();
        plot.AddTo(command);
        var common = new ScatterPlotOptions().AddTo(command);
        var labels = new Option<bool>("--labels") { Description = "Label the bubbles with the study labels." };
        var pi = new Option<bool>("--pi") { Description = "Draw the prediction interval's bounds as well." };
        command.Options.Add(labels);
        command.Options.Add(pi);
        plot.Run(command, (parseResult, outcome, run) =>
        {
            return PlotResult.Of(ScatterData.Bubble(outcome, run), data => BubblePlot.Draw(data, new BubblePlotOptions
            {
                Labels = parseResult.GetValue(labels),
                PredictionInterval = parseResult.GetValue(pi),
                Title = common.Title(parseResult),
                PlotWidth = common.Width(parseResult),
                PlotHeight = common.Height(parseResult),
            }));
        });
        return command;
    }
}
