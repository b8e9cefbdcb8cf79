using System.CommandLine;
using Evident.Core.Sensitivity;
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
            var studies = ScatterPlotOptions.Usable(outcome);
            var result = SensitivityAnalysis.Baujat([.. studies.Select(s => s.Yi!.Value)], [.. studies.Select(s => s.Vi!.Value)], run.Settings.FitOptions);
            if (result.X.Count == 0)
            {
                var issue = result.Issues.FirstOrDefault(i => i.Severity == Core.IssueSeverity.Error);
                return PlotResult.None(issue?.Code ?? Core.IssueCodes.TooFewStudies, issue?.Message ?? "The Baujat plot cannot be computed.");
            }

            return BaujatPlot.Draw(new BaujatPlotData([.. studies.Select(ScatterPlotOptions.Label)], result), new BaujatPlotOptions
            {
                Title = common.Title(parseResult),
                PlotWidth = common.Width(parseResult),
                PlotHeight = common.Height(parseResult),
            });
        });
        return command;
    }
}
