using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Evident.Core;
using Evident.Rendering.Analysis;
using Evident.Rendering.Plots.Forest;
using Evident.Rendering.RiskOfBias;

namespace Evident.Cli.Plotting;

/// <summary>
/// <c>evident plot forest FILE [analysis options] --out F.svg|F.png</c>: the forest plot of each analysis, in RevMan's
/// or metafor's layout, with its subgroups, risk-of-bias columns, or as a cumulative or leave-one-out forest.
/// </summary>
internal static class ForestCommand
{
    /// <summary>The <c>forest</c> subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("forest", "Forest plot of each analysis: studies with their CIs and weights, pooled diamonds, heterogeneity and tests.");
        var plot = new AnalysisPlot();
        plot.AddTo(command);
        var layout = new ChoiceOption<ForestLayout>(
            "--layout", "revman: Review Manager 5's columns (Cochrane reviews); metafor: labels, plot, estimate [CI].", "revman",
            ("revman", ForestLayout.RevMan), ("metafor", ForestLayout.Metafor));
        var sort = new ChoiceOption<string>(
            "--sort", "Order of the studies (within each subgroup): as in the file, by effect, by weight (largest first) or by label.", "input",
            ("input", "input"), ("effect", "effect"), ("weight", "weight"), ("label", "label"));
        var width = new Option<double?>("--width")
        {
            Description = "Width of the picture in 1/96 inch (default 900 for revman, 700 for metafor); widened if the texts need more.",
            HelpName = "N",
            CustomParser = r => Positive(r, "--width", 100, 20000),
        };
        var decimals = new Option<int>("--decimals")
        {
            Description = "Decimals of the estimates and CIs printed.",
            DefaultValueFactory = _ => 2,
            CustomParser = r => (int)(Positive(r, "--decimals", 0, 8) ?? 2),
        };
        var figure = new ForestFigureOptions();
        var xlim = new Option<double[]?>("--xlim")
        {
            Description = "Axis limits on the scale printed (ratios as ratios: 0.1,10).",
            HelpName = "LO,HI",
            CustomParser = r => Pair(r) is { } p && Number(p[0]) is { } lo && Number(p[1]) is { } hi && lo < hi
                ? [lo, hi]
                : Fail<double[]?>(r, "--xlim takes two increasing numbers separated by a comma, e.g. 0.1,10.", null),
        };
        var palette = new ChoiceOption<RobPalette>("--palette", "Colours of the risk-of-bias judgements.", "cochrane", [.. RobPalette.All.Select(p => (p.Name, p))]);
        var cumulative = new Option<bool>("--cumulative") { Description = "Cumulative meta-analysis: one row per study added, in --order." };
        var order = new Option<string>("--order")
        {
            Description = "With --cumulative: the order studies are added in: input, effect, precision (most precise first), or a column of the file (e.g. year).",
            HelpName = "input|effect|precision|COL",
            DefaultValueFactory = _ => "input",
        };
        var leaveOneOut = new Option<bool>("--leave-one-out") { Description = "Leave-one-out analysis: one row per study omitted." };
        foreach (var option in new Option[] { layout.Option, width, sort.Option, decimals })
        {
            command.Options.Add(option);
        }

        figure.AddTo(command);
        foreach (var option in new Option[] { xlim, palette.Option, cumulative, order, leaveOneOut })
        {
            command.Options.Add(option);
        }

        EvidentCommand.Check(command, parseResult => parseResult.GetValue(cumulative) && parseResult.GetValue(leaveOneOut)
            ? (ExitCodes.UsageError, "--cumulative and --leave-one-out cannot be combined.")
            : null);

        ForestRiskOfBias? robTable = null;
        var robRead = false;
        plot.Run(command, (parseResult, outcome, run) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var chosenLayout = layout.GetValue(parseResult);
            if (parseResult.GetValue(figure.Rob) is { } robFile)
            {
                if (!robRead)
                {
                    (robTable, robRead) = (ForestRobFile.Read(robFile, error), true);
                }

                if (robTable is null)
                {
                    return PlotResult.None(AnalysisIssueCodes.RobFileUnusable, $"--rob {robFile}: the risk-of-bias file cannot be used (see above); the forest plot is not drawn.");
                }
            }

            var armNames = figure.ArmNames(parseResult);
            var forest = new ForestSettings { Layout = chosenLayout, Sort = sort.GetValue(parseResult) ?? "input", Arms = armNames, RiskOfBias = robTable };
            var warnings = new List<AnalysisIssue>();
            ForestPlotData data;
            if (parseResult.GetValue(cumulative))
            {
                var orderBy = parseResult.GetValue(order) ?? "input";
                var permutation = ForestOrder.Of(orderBy, Files.InputFile.Open(run.InputName));
                if (permutation is null)
                {
                    return PlotResult.None(AnalysisIssueCodes.MissingColumn, $"--order {orderBy}: the file has no such column.");
                }

                data = ForestData.Cumulative(outcome, run, forest, permutation, warnings);
            }
            else
            {
                data = parseResult.GetValue(leaveOneOut)
                    ? ForestData.LeaveOneOut(outcome, run, forest, warnings)
                    : ForestData.Of(outcome, run, forest, warnings);
            }

            warnings.ForEach(w => error.WriteLine(w));
            Interval? limits = null;
            if (parseResult.GetValue(xlim) is { Length: 2 } x)
            {
                if (data.Log && x[0] <= 0)
                {
                    return PlotResult.None(AnalysisIssueCodes.InvalidAxisLimits, $"--xlim {x[0].ToString(CultureInfo.InvariantCulture)},{x[1].ToString(CultureInfo.InvariantCulture)}: a ratio's axis needs limits above 0.");
                }

                limits = data.Log ? new Interval(Math.Log(x[0]), Math.Log(x[1])) : new Interval(x[0], x[1]);
            }

            var (favoursLeft, favoursRight) = figure.Favours(parseResult, chosenLayout == ForestLayout.RevMan, data.NullValue is not null);
            var options = new ForestPlotOptions
            {
                Layout = chosenLayout,
                Width = parseResult.GetValue(width),
                Decimals = parseResult.GetValue(decimals),
                FavoursLeft = favoursLeft,
                FavoursRight = favoursRight,
                AxisLimits = limits,
                Palette = palette.GetValue(parseResult) ?? RobPalette.Cochrane,
            };
            return ForestPlot.Draw(data, options);
        });
        return command;
    }

    private static double? Positive(ArgumentResult result, string name, double min, double max)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}; got '{token}'.");
        return null;
    }

    /// <summary>The option's value split at its one comma into two trimmed parts, or null.</summary>
    private static string[]? Pair(ArgumentResult result)
    {
        var parts = (result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty).Split(',');
        return parts.Length == 2 ? [.. parts.Select(p => p.Trim())] : null;
    }

    private static double? Number(string text)
        => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    private static T Fail<T>(ArgumentResult result, string message, T fallback)
    {
        result.AddError(message);
        return fallback;
    }
}
