using System.CommandLine;
using Evident.Analysis.Input;
using Evident.Core;
using Evident.Rendering.RiskOfBias;
using Evident.Review.RiskOfBias;

namespace Evident.Cli.Plotting;

/// <summary>
/// <c>evident plot rob FILE.csv --out F.svg|F.png</c>: robvis's risk-of-bias figures from its table layout
/// (<c>Study, D1..Dn, Overall[, Weight]</c>): the traffic-light plot or the (weighted) summary bar chart.
/// </summary>
internal static class RobCommand
{
    /// <summary>The kinds of figure.</summary>
    private enum Kind
    {
        TrafficLight,
        Summary,
    }

    /// <summary>The <c>rob</c> subcommand.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A risk-of-bias table in robvis's layout: Study, D1..Dn, Overall (optional), Weight (optional)." };
        var kind = new ChoiceOption<Kind>("--kind", "The figure: robvis's traffic-light plot or summary bar chart.", "traffic-light",
            ("traffic-light", Kind.TrafficLight), ("summary", Kind.Summary));
        var tool = new ChoiceOption<RobTool?>("--tool",
            "The tool (its domain names and judgements); auto recognises it from the judgement words and the number of domains.", "auto",
            [("auto", null), .. Enum.GetValues<RobTool>().Select(t => (RobTools.Key(t), (RobTool?)t))]);
        var palette = new ChoiceOption<RobPalette>("--palette", "Colours of the judgements (symbols are drawn in both).", "cochrane",
            ("cochrane", RobPalette.Cochrane), ("colourblind", RobPalette.Colourblind), ("colorblind", RobPalette.Colourblind));
        var weighted = new Option<bool>("--weighted") { Description = "Summary: weight each study by the table's Weight column (its meta-analysis weight)." };
        var output = new PlotOutput();
        var command = output.AddTo(new Command("rob",
            "Risk-of-bias figures as robvis draws them: one circle per study and domain with its symbol (traffic-light), or one 100% "
            + "bar per domain (summary).\n" + ExitCodes.HelpText)
        {
            file, kind.Option, tool.Option, palette.Option, weighted,
        });

        command.Action = new EvidentCommand.UsageAction((parseResult, _, error) =>
        {
            var figure = kind.GetValue(parseResult);
            var weigh = parseResult.GetValue(weighted);
            if (output.UsageError(parseResult) is { } usage)
            {
                return EvidentCommand.Usage(error, usage, "plot rob");
            }

            if (weigh && figure != Kind.Summary)
            {
                return EvidentCommand.Usage(error, "--weighted applies to --kind summary only.", "plot rob");
            }

            var path = parseResult.GetRequiredValue(file);
            if (TableFile.Read(path, error, out var exitCode) is not { } table)
            {
                return exitCode;
            }

            var read = RobTable.Read(table.Header, table.Rows, tool.GetValue(parseResult));
            if (Report(table, read, error, IssueSeverity.Info) is not { } assessment)
            {
                return ExitCodes.NothingAnalysed;
            }

            var colours = palette.GetValue(parseResult) ?? RobPalette.Cochrane;
            Rendering.Drawing.Drawing drawing;
            if (figure == Kind.Summary)
            {
                if (weigh)
                {
                    var weights = RobTable.WeightIssues(assessment);
                    foreach (var issue in weights)
                    {
                        error.WriteLine(table.Locate(issue));
                    }

                    if (weights.Any(i => i.Severity == IssueSeverity.Error))
                    {
                        return ExitCodes.NothingAnalysed;
                    }
                }

                drawing = RobSummaryPlot.Draw(assessment, new RobSummaryOptions(colours, weigh));
            }
            else
            {
                drawing = TrafficLightPlot.Draw(assessment, new TrafficLightOptions(colours));
            }

            var written = PlotOutput.Write(drawing, parseResult.GetRequiredValue(output.Out), parseResult.GetValue(output.Dpi), error);
            if (written == ExitCodes.Success)
            {
                error.WriteLine($"wrote {parseResult.GetRequiredValue(output.Out)}");
            }

            return written;
        });
        return command;
    }

    /// <summary>
    /// Prints the problems of a risk-of-bias table read with <see cref="RobTable"/>, each at its line (those of
    /// <paramref name="least"/> severity and above), and returns what can be drawn (null when nothing can).
    /// </summary>
    public static RobAssessment? Report(TextTable table, RobReadResult read, TextWriter error, IssueSeverity least)
    {
        foreach (var issue in read.Issues.Where(i => i.Severity >= least))
        {
            error.WriteLine(table.Locate(issue));
        }

        return read.Assessment;
    }
}
