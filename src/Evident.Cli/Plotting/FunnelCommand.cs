using System.CommandLine;
using System.Globalization;
using Evident.Cli.Analysis;
using Evident.Core.Bias;
using Evident.Rendering.Plots.Funnel;

namespace Evident.Cli.Plotting;

/// <summary>
/// <c>evident plot funnel FILE --out F.svg</c>: the funnel plot of each outcome, plain (pseudo-confidence region around
/// the estimate) or contour-enhanced (<c>--contours</c>), with trim-and-fill studies (<c>--trimfill</c>).
/// </summary>
internal static class FunnelCommand
{
    /// <summary>The contour levels <c>--contours</c> alone (or <c>on</c>) gives: p = 0.10, 0.05, 0.01 (Peters et al. 2008).</summary>
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
        var contours = new Option<double[]?>("--contours")
        {
            Description = "Contour-enhanced funnel (Peters et al. 2008): shade where a study would be significant around the null. "
                + "Alone or 'on': p < 0.10, 0.05, 0.01; or levels such as 0.90,0.95,0.99 (or 90,95,99); 'off' for none.",
            HelpName = "LEVELS|on|off",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = ParseContours,
        };
        var trimfill = new Option<string?>("--trimfill")
        {
            Description = "Add the trim-and-fill studies (Duval & Tweedie 2000) as open circles and the adjusted estimate; the estimator L0 (default), R0 or Q0.",
            HelpName = "L0|R0|Q0",
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = result =>
            {
                var token = result.Tokens.Count == 1 ? result.Tokens[0].Value.ToUpperInvariant() : "L0";
                if (token is "L0" or "R0" or "Q0")
                {
                    return token;
                }

                result.AddError($"'{result.Tokens[0].Value}' is not a valid value for --trimfill; use L0, R0 or Q0.");
                return null;
            },
        };
        var legend = new Option<bool?>("--legend")
        {
            Description = "Draw a legend (true/false); by default there is one with contours or trim and fill.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        command.Options.Add(yAxis.Option);
        command.Options.Add(contours);
        command.Options.Add(trimfill);
        command.Options.Add(legend);
        plot.Run(command, (parseResult, outcome, settings) =>
        {
            var axis = yAxis.GetValue(parseResult);
            var data = Data(outcome, settings);
            var studies = data.Studies;
            if (axis is FunnelYAxis.Ni or FunnelYAxis.Ninv or FunnelYAxis.Sqrtni or FunnelYAxis.Sqrtninv or FunnelYAxis.Lni
                && studies.FirstOrDefault(s => s.Ni is not > 0) is { } unsized)
            {
                return PlotResult.None(CliIssueCodes.PlotNeedsSampleSizes,
                    $"--yaxis {yAxis.NameOf(axis)} needs every study's sample size; {unsized.Label} has none.");
            }

            if (axis is FunnelYAxis.Wi && studies.Any(s => s.WeightPercent is null))
            {
                return PlotResult.None(CliIssueCodes.PlotNeedsWeights, "--yaxis wi needs the studies' weights, which this pooling method does not give.");
            }

            if (parseResult.GetValue(trimfill) is { } estimator)
            {
                var result = TrimAndFill.Run([.. studies.Select(s => s.Yi)], [.. studies.Select(s => s.Vi)], new TrimAndFillOptions
                {
                    Estimator = Enum.Parse<TrimAndFillEstimator>(estimator),
                    Fit = settings.FitOptions,
                });
                data = result.K0 is null
                    ? data with { TrimAndFillNote = $"Trim and fill not computed ({result.Issues.FirstOrDefault(i => i.Severity == Core.IssueSeverity.Error)?.Code})" }
                    : data with { TrimAndFill = result };
            }

            return FunnelPlot.Draw(data, new FunnelPlotOptions
            {
                YAxis = axis,
                Contours = parseResult.GetValue(contours) is { Length: > 0 } levels ? levels : null,
                Legend = parseResult.GetValue(legend),
                Title = common.Title(parseResult),
                PlotWidth = common.Width(parseResult),
                PlotHeight = common.Height(parseResult),
            });
        });
        return command;
    }

    /// <summary>
    /// The funnel plot's data of an outcome: its pooled studies (label, effect, variance, size, weight) in input order
    /// around the pooled estimate, at the analysis's level; no contours or trim and fill.
    /// </summary>
    internal static FunnelPlotData Data(OutcomeReport outcome, AnalyzeSettings settings)
    {
        var studies = ScatterPlotOptions.Usable(outcome).Select(s => new FunnelStudy(ScatterPlotOptions.Label(s), s.Yi!.Value, s.Vi!.Value)
        {
            Ni = s.Ni,
            WeightPercent = s.WeightPercent,
        }).ToList();
        return new FunnelPlotData(studies, outcome.Fit.Estimate, outcome.Measure) { BackTransform = outcome.BackTransform, Level = settings.Level };
    }

    /// <summary><c>--contours</c>: nothing or <c>on</c> → 90, 95, 99; <c>off</c> → none; else levels as fractions or percents.</summary>
    private static double[]? ParseContours(System.CommandLine.Parsing.ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : "on";
        if (token.Equals("on", StringComparison.OrdinalIgnoreCase))
        {
            return DefaultContours;
        }

        if (token.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var levels = new List<double>();
        foreach (var part in token.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var level) || !(level > 0 && level < 100) || level is >= 1 and < 50)
            {
                result.AddError($"--contours takes confidence levels such as 0.90,0.95,0.99 (or 90,95,99), 'on' or 'off'; got '{token}'.");
                return null;
            }

            levels.Add(level < 1 ? level * 100 : level);
        }

        return [.. levels.Distinct().Order()];
    }
}

/// <summary>
/// Options every scatter-type plot command shares (<c>--title</c>, <c>--width</c>, <c>--height</c>), and reading the
/// pooled studies of an outcome.
/// </summary>
internal sealed class ScatterPlotOptions
{
    private readonly Option<string?> _title = new("--title") { Description = "A heading above the plot.", HelpName = "TEXT" };
    private readonly Option<double> _width = AnalysisOptions.NumberOption("--width", "Width of the plot area in 1/96 inch (the picture adds its axes and legend).", 400, v => v is >= 100 and <= 4000, "between 100 and 4000");
    private readonly Option<double> _height = AnalysisOptions.NumberOption("--height", "Height of the plot area in 1/96 inch.", 300, v => v is >= 100 and <= 4000, "between 100 and 4000");

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public ScatterPlotOptions AddTo(Command command)
    {
        command.Options.Add(_title);
        command.Options.Add(_width);
        command.Options.Add(_height);
        return this;
    }

    /// <summary><c>--title</c>.</summary>
    public string? Title(ParseResult parseResult) => parseResult.GetValue(_title);

    /// <summary><c>--width</c>.</summary>
    public double Width(ParseResult parseResult) => parseResult.GetValue(_width);

    /// <summary><c>--height</c>.</summary>
    public double Height(ParseResult parseResult) => parseResult.GetValue(_height);

    /// <summary>The studies that entered the pooled analysis (those with an effect size), in input order.</summary>
    public static List<StudyRow> Usable(OutcomeReport outcome) => [.. outcome.Studies.Where(s => s.Yi is not null && s.Vi is not null)];

    /// <summary>A study's label: its name, or its line in the file.</summary>
    public static string Label(StudyRow study) => study.Study is { Length: > 0 } name ? name : $"Row {study.Row}";
}
