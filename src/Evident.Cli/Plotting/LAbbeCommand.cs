using System.CommandLine;
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
            if (!LAbbePlotData.Supports(outcome.Measure))
            {
                return PlotResult.None(AnalysisIssueCodes.PlotNotBinary,
                    $"a L'Abbé plot needs binary data analysed as OR, RR, RD or PETO; this outcome is analysed as {outcome.Measure}.");
            }

            var studies = new List<LAbbeStudy>();
            foreach (var row in ScatterPlotOptions.Usable(outcome))
            {
                if (row.Input is { Ai: { } ai, Ci: { } ci } input
                    && (input.N1i ?? (ai + input.Bi)) is { } n1 && (input.N2i ?? (ci + input.Di)) is { } n2)
                {
                    studies.Add(new LAbbeStudy(ScatterPlotOptions.Label(row), ai, n1, ci, n2) { WeightPercent = row.WeightPercent });
                }
            }

            if (studies.Count == 0)
            {
                return PlotResult.None(AnalysisIssueCodes.PlotNotBinary, "a L'Abbé plot needs events and totals per arm (ai, n1i or bi, ci, n2i or di); no study has them.");
            }

            var names = ArmLabels.Given(parseResult, arms);
            var defaults = new LAbbePlotOptions();
            return LAbbePlot.Draw(new LAbbePlotData(studies, outcome.Measure, outcome.Fit.Estimate) { Escalc = run.Settings.Escalc }, defaults with
            {
                ExperimentalName = names?[0] ?? defaults.ExperimentalName,
                ControlName = names?[1] ?? defaults.ControlName,
                Scale = scale.GetValue(parseResult),
                Labels = parseResult.GetValue(labels),
                Title = common.Title(parseResult),
                PlotSize = common.Height(parseResult),
            });
        });
        return command;
    }
}
