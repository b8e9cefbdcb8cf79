using System.CommandLine;
using Evident.Rendering.Analysis;
using Evident.Rendering.Plots.LAbbe;

namespace Evident.Cli.Plotting;

/// <summary><c>evident plot labbe FILE --out F.svg</c>: the L'Abbé plot of each binary outcome.</summary>
internal static class LAbbeCommand
{
    /// <summary>The <c>plot labbe</c> subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("labbe", "L'Abbé plot (binary data): the event risk in the experimental group against the control group, "
            + "circles sized by weight, with the line of no effect and the pooled effect.");
        var plot = new AnalysisPlot();
        plot.AddTo(command);
        var common = new ScatterPlotOptions().AddTo(command);
        var scale = new ChoiceOption<LAbbeScale>(
            "--scale",
            "The axes: event risks (risk, as RevMan), each arm on the measure's scale (analysis: log risk, log odds; as metafor), "
            + "or auto: analysis when the risks span a factor of 10 or more, else risk.",
            "auto", ("auto", LAbbeScale.Auto), ("risk", LAbbeScale.Risk), ("analysis", LAbbeScale.Analysis));
        var labels = new Option<bool>("--labels") { Description = "Label the circles with the study labels." };
        var arms = ArmLabels.Create("Names of the two arms for the axis titles: Risk in EXPERIMENTAL (y), Risk in CONTROL (x).");
        command.Options.Add(scale.Option);
        command.Options.Add(labels);
        command.Options.Add(arms);
        plot.Run(command, (parseResult, outcome, run) =>
        {
            var names = ArmLabels.Given(parseResult, arms);
            var defaults = new LAbbePlotOptions();
            return PlotResult.Of(ScatterData.LAbbe(outcome, run), data => LAbbePlot.Draw(data, defaults with
            {
                ExperimentalName = names?[0] ?? defaults.ExperimentalName,
                ControlName = names?[1] ?? defaults.ControlName,
                Scale = scale.GetValue(parseResult),
                Labels = parseResult.GetValue(labels),
                Title = common.Title(parseResult),
                PlotSize = common.Height(parseResult),
            }));
        });
        return command;
    }
}
