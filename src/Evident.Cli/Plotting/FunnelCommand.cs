using System.CommandLine;
using System.Globalization;
using Evident.Core.Bias;
using Evident.Rendering.Analysis;
using Evident.Rendering.Plots.Funnel;

namespace Evident.Cli.Plotting;

/// <summary>
/// <c>evident plot funnel FILE --out F.svg</c>: the funnel plot of each outcome, plain (pseudo-confidence region around
/// the estimate) or contour-enhanced (<c>--contours</c>, <c>--contour-levels</c>), with trim-and-fill studies (<c>--trimfill</c>,
/// <c>--trimfill-estimator</c>).
/// </summary>
internal static class FunnelCommand
{
    /// <summary>The contour levels <c>--contours</c> gives: p = 0.10, 0.05, 0.01 (Peters et al. 2008).</summary>
    private static readonly double[] DefaultContours = [90, 95, 99];

    /// <summary>The <c>plot funnel</c> subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("funnel", "Funnel plot: each study's effect against its standard error (or --yaxis), with the pseudo-confidence region, "
            + "contours of significance (--contours) and trim-and-fill studies (--trimfill).");
        var plot = new AnalysisPlot();
        plot.AddTo(command);
        var common = new ScatterPlotOptions().AddTo(command);
        var yAxis = new ChoiceOption<FunnelYAxis>("--yaxis", "The y axis, as metafor's funnel(yaxis=).", "sei",
            [.. Enum.GetValues<FunnelYAxis>().Select(a => (a.ToString().ToLowerInvariant(), a))]);
        // Flags and value options apart: an option with an optional value would take a following FILE as its value.
        var contours = new Option<bool>("--contours")
        {
            Description = "Contour-enhanced funnel (Peters et al. 2008): shade where a study would be significant at p < 0.10, 0.05 and 0.01 around the null.",
        };
        var contourLevels = new Option<double[]?>("--contour-levels")
        {
            Description = "The contours' confidence levels, e.g. 0.90,0.95,0.99 (or 90,95,99); implies --contours.",
            HelpName = "LEVELS",
            CustomParser = ParseContours,
        };
        var trimfill = new Option<bool>("--trimfill")
        {
            Description = "Add the trim-and-fill studies (Duval & Tweedie 2000) as open circles and the adjusted estimate.",
        };
        var estimator = new ChoiceOption<TrimAndFillEstimator?>("--trimfill-estimator", "Trim and fill's estimator of the number of missing studies (default L0); implies --trimfill.", null,
            ("L0", TrimAndFillEstimator.L0), ("R0", TrimAndFillEstimator.R0), ("Q0", TrimAndFillEstimator.Q0));
        var legend = new Option<bool?>("--legend")
        {
            Description = "Draw a legend (true/false); by default there is one with contours or trim and fill.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        command.Options.Add(yAxis.Option);
        command.Options.Add(contours);
        command.Options.Add(contourLevels);
        command.Options.Add(trimfill);
        command.Options.Add(estimator.Option);
        command.Options.Add(legend);
        plot.Run(command, (parseResult, outcome, run) =>
        {
            var axis = yAxis.GetValue(parseResult);
            var bySize = axis is FunnelYAxis.Ni or FunnelYAxis.Ninv or FunnelYAxis.Sqrtni or FunnelYAxis.Sqrtninv or FunnelYAxis.Lni;
            var data = FunnelData.Of(outcome, run, bySize ? Files.InputFile.Open(run.InputName) : null);
            var studies = data.Studies;
            if (bySize && studies.FirstOrDefault(s => s.Ni is not > 0) is { } unsized)
            {
                return PlotResult.None(AnalysisIssueCodes.PlotNeedsSampleSizes,
                    $"--yaxis {yAxis.NameOf(axis)} needs every study's sample size; {unsized.Label} has none.");
            }

            if (axis is FunnelYAxis.Wi && studies.Any(s => s.WeightPercent is null))
            {
                return PlotResult.None(AnalysisIssueCodes.PlotNeedsWeights, "--yaxis wi needs the studies' weights, which this pooling method does not give.");
            }

            var chosen = estimator.GetValue(parseResult);
            if (chosen is not null || parseResult.GetValue(trimfill))
            {
                var result = TrimAndFill.Run([.. studies.Select(s => s.Yi)], [.. studies.Select(s => s.Vi)], new TrimAndFillOptions
                {
                    Estimator = chosen ?? TrimAndFillEstimator.L0,
                    Fit = run.Settings.FitOptions,
                });
                data = result.K0 is null
                    ? data with { TrimAndFillNote = $"Trim and fill not computed ({result.Issues.FirstOrDefault(i => i.Severity == Core.IssueSeverity.Error)?.Code})" }
                    : data with { TrimAndFill = result };
            }

            return FunnelPlot.Draw(data, new FunnelPlotOptions
            {
                YAxis = axis,
                Contours = parseResult.GetValue(contourLevels) is { Length: > 0 } levels ? levels : parseResult.GetValue(contours) ? DefaultContours : null,
                Legend = parseResult.GetValue(legend),
                Title = common.Title(parseResult),
                PlotWidth = common.Width(parseResult),
                PlotHeight = common.Height(parseResult),
            });
        });
        return command;
    }

    /// <summary><c>--contour-levels</c>: confidence levels as fractions or percents, comma-separated.</summary>
    private static double[]? ParseContours(System.CommandLine.Parsing.ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : string.Empty;
        var levels = new List<double>();
        foreach (var part in token.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var level) || !(level > 0 && level < 100) || level is >= 1 and < 50)
            {
                result.AddError($"--contour-levels takes confidence levels such as 0.90,0.95,0.99 (or 90,95,99); got '{token}'.");
                return null;
            }

            levels.Add(level < 1 ? level * 100 : level);
        }

        return [.. levels.Distinct().Order()];
    }
}
