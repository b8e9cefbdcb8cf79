using System.CommandLine;
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
            if (outcome.Regression is not { } regression)
            {
                return PlotResult.None(AnalysisIssueCodes.PlotNeedsModerator,
                    run.Settings.Mods is null
                        ? "a bubble plot needs a meta-regression: give --mods with one continuous moderator (e.g. --mods ablat)."
                        : $"the meta-regression on \"{run.Settings.Mods}\" could not be fitted (see the issues above).");
            }

            var fit = regression.Fit;
            if (BubblePlot.Moderator(fit) is null)
            {
                return PlotResult.None(AnalysisIssueCodes.PlotNeedsModerator,
                    $"a bubble plot needs exactly one continuous moderator; \"{run.Settings.Mods}\" gives the columns {string.Join(", ", fit.Design.ColumnNames)}.");
            }

            // The fit's rows are the pooled studies that have the moderator (Design.Rows indexes them).
            var usable = ScatterPlotOptions.Usable(outcome);
            IReadOnlyList<string>? names = usable.Count == fit.Design.InputRows ? [.. fit.Design.Rows.Select(r => ScatterPlotOptions.Label(usable[r]))] : null;
            return BubblePlot.Draw(new BubblePlotData(fit, outcome.Measure) { BackTransform = outcome.BackTransform, Labels = names }, new BubblePlotOptions
            {
                Labels = parseResult.GetValue(labels),
                PredictionInterval = parseResult.GetValue(pi),
                Title = common.Title(parseResult),
                PlotWidth = common.Width(parseResult),
                PlotHeight = common.Height(parseResult),
            });
        });
        return command;
    }
}
