using System.CommandLine;
using Evident.Analysis.Validation;
using Evident.Core.Bias;
using Evident.Core.EffectSizes;
using Evident.Core.Models;
using Evident.Core.Sensitivity;

namespace Evident.Cli;

/// <summary>The <c>evident</c> command line: a root command with the <c>analyze</c> subcommand.</summary>
internal static partial class EvidentCommand
{
    /// <summary><c>--measure</c>: escalc's names, or <c>auto</c> (null): each row's data type picks the measure.</summary>
    public static readonly ChoiceOption<EffectMeasure?> Measure = new(
        "--measure",
        "Effect-size measure (escalc's names), or auto: each row's data type is inferred (continuous → --continuous, "
        + "binary → --binary, estimate with SE → GEN, O−E with variance → PETO).",
        "auto",
        [("auto", null), .. Choices.Of<EffectMeasure>().Select(c => (c.Name, (EffectMeasure?)c.Value))]);

    /// <summary><c>--preset</c>: another tool's defaults as a whole (options given explicitly win).</summary>
    public static readonly ChoiceOption<Preset> PresetOption = new(
        "--preset",
        "Defaults of a tool: metafor (escalc and rma), cochrane-2025 (RevMan since 2025: REML, HKSJ, Q-profile, t prediction interval), "
        + "revman5 (Review Manager 5: DL, I² from Q, MH for binary fixed effect, its SMD variance and zero-cell rules) or meta "
        + "(R's meta 8: REML, t(k-1) prediction interval, I² from Q). Options given explicitly win.",
        "metafor",
        ("metafor", Preset.Metafor), ("cochrane-2025", Preset.Cochrane2025), ("revman5", Preset.RevMan5), ("meta", Preset.Meta));

    /// <summary><c>--i2</c>.</summary>
    public static readonly ChoiceOption<HeterogeneityBasis> I2 = new(
        "--i2", "I² and H² of random-effects models from tau2 (as metafor) or from Q (as meta and RevMan 5). Default: the preset's.", null,
        ("tau2", HeterogeneityBasis.Tau2), ("q", HeterogeneityBasis.Q));

    /// <summary><c>--continuous</c>.</summary>
    public static readonly ChoiceOption<EffectMeasure> Continuous = new(
        "--continuous", "With --measure auto: the measure for continuous rows.", "SMD",
        [.. new[] { EffectMeasure.MD, EffectMeasure.SMD, EffectMeasure.SMDH, EffectMeasure.SMD1, EffectMeasure.ROM }.Select(m => (m.ToString(), m))]);

    /// <summary><c>--binary</c>.</summary>
    public static readonly ChoiceOption<EffectMeasure> Binary = new(
        "--binary", "With --measure auto: the measure for binary rows.", "OR",
        [.. new[] { EffectMeasure.OR, EffectMeasure.RR, EffectMeasure.RD, EffectMeasure.PETO }.Select(m => (m.ToString(), m))]);

    /// <summary>
    /// <c>--method</c>: a τ² estimator (EE/FE: none), or MH/PETO, the Mantel-Haenszel and Peto common-effect methods that
    /// pool the tables themselves.
    /// </summary>
    public static readonly ChoiceOption<MethodChoice> Method = new(
        "--method",
        "τ² estimator (EE/FE: common effect), or MH (Mantel-Haenszel: OR, RR, RD, IRR, IRD) or PETO (Peto's one-step OR) for binary and person-time data.",
        "REML",
        [.. Choices.Of<Tau2Method>().Select(c => (c.Name, new MethodChoice(c.Value, null))),
            ("MH", new MethodChoice(Tau2Method.FE, TableMethod.MH)), ("PETO", new MethodChoice(Tau2Method.FE, TableMethod.PETO))]);

    /// <summary><c>--test</c>.</summary>
    public static readonly ChoiceOption<TestMethod> Test = new("--test", "Test and CI of the pooled estimate.", "Z", Choices.Of<TestMethod>());

    /// <summary><c>--format</c>.</summary>
    public static readonly ChoiceOption<OutputFormat> Format = new(
        "--format", "Output format.", "text", ("text", OutputFormat.Text), ("json", OutputFormat.Json), ("csv", OutputFormat.Csv), ("md", OutputFormat.Md));

    /// <summary><c>--to</c>, as metafor spells it.</summary>
    public static readonly ChoiceOption<ContinuityTarget> To = new(
        "--to", "Which studies get the continuity correction.", "only0",
        ("only0", ContinuityTarget.Only0), ("all", ContinuityTarget.All), ("if0all", ContinuityTarget.If0All), ("none", ContinuityTarget.None));

    /// <summary><c>--pi-type</c>.</summary>
    public static readonly ChoiceOption<PredictionIntervalType> PiType = new(
        "--pi-type", "Prediction interval: metafor (z or t(k-1) as the test), riley (t(k-2)), t (t(k-1)).", "metafor",
        ("metafor", PredictionIntervalType.Metafor), ("riley", PredictionIntervalType.Riley), ("t", PredictionIntervalType.T));

    /// <summary><c>--tau2-ci</c>.</summary>
    public static readonly ChoiceOption<Tau2CiMethod> Tau2Ci = new(
        "--tau2-ci", "CI method for τ², I² and H²: Q-profile or profile likelihood.", "qp",
        ("qp", Tau2CiMethod.QProfile), ("pl", Tau2CiMethod.ProfileLikelihood));

    /// <summary><c>--median-to-mean</c>.</summary>
    public static readonly ChoiceOption<MedianConversion> MedianToMean = new(
        "--median-to-mean", "Estimate means and SDs from medians with IQR and/or range (Wan 2014; Luo 2018 and Shi 2020).", "none",
        ("none", MedianConversion.None), ("wan", MedianConversion.Wan), ("luo-shi", MedianConversion.LuoShi));

    /// <summary>Builds the root command; <c>Parse(args).Invoke()</c> runs it and returns the exit code.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("Evident: evidence synthesis with metafor-exact statistics.\n" + ExitCodes.HelpText);
        root.Subcommands.Add(CreateAnalyze());
        root.Subcommands.Add(CreateBias());
        root.Subcommands.Add(CreateSensitivity());
        root.Subcommands.Add(CreateRevManCheck());
        root.Subcommands.Add(Plotting.PlotCommand.Create());
        root.Subcommands.Add(Reporting.ReportCommand.Create());
        root.Subcommands.Add(Summaries.SummarizeCommand.Create());
        root.Subcommands.Add(Checking.CheckCommand.Create());
        root.Options.Add(Debug);
        root.Action = new UsageAction(null);
        return root;
    }

    private static Command CreateAnalyze()
    {
        var options = new AnalysisOptions([OutputFormat.Text, OutputFormat.Json, OutputFormat.Csv, OutputFormat.Md], batch: true);
        var command = options.AddTo(new Command(
            "analyze", "Compute effect sizes and pool them: one analysis per outcome, or per group of rows with --by.\n" + ExitCodes.HelpText));
        command.Action = new UsageAction((parseResult, output, error) => options.UsageError(parseResult) is { } usage
            ? Usage(error, usage, "analyze")
            : AnalyzeRun.Run(options.Read(parseResult), options.InputPath(parseResult), output, error));
        return command;
    }

    private static Command CreateBias()
    {
        var options = new AnalysisOptions([OutputFormat.Text, OutputFormat.Json, OutputFormat.Csv], batch: true);
        var model = new ChoiceOption<RegressionTestModel>(
            "--model", "Egger's regression test as a meta-regression on the predictor (rma, metafor's default) or as the classic weighted regression (lm).",
            "rma", ("rma", RegressionTestModel.Rma), ("lm", RegressionTestModel.Lm));
        var predictor = new ChoiceOption<RegressionTestPredictor>(
            "--predictor", "Predictor of the regression test: sei (Egger), vi, ni, ninv (Peters: 1/n), sqrtni, sqrtninv.", "sei",
            ("sei", RegressionTestPredictor.Sei), ("vi", RegressionTestPredictor.Vi), ("ni", RegressionTestPredictor.Ni),
            ("ninv", RegressionTestPredictor.NInv), ("sqrtni", RegressionTestPredictor.SqrtNi), ("sqrtninv", RegressionTestPredictor.SqrtNInv));
        var estimator = new ChoiceOption<TrimAndFillEstimator>(
            "--estimator", "Trim-and-fill estimator of the number of missing studies.", "L0",
            ("L0", TrimAndFillEstimator.L0), ("R0", TrimAndFillEstimator.R0), ("Q0", TrimAndFillEstimator.Q0));
        var side = new ChoiceOption<FunnelSide?>(
            "--side", "The side of the funnel plot studies are missing from (default: estimated from the data).", "auto",
            ("auto", null), ("left", FunnelSide.Left), ("right", FunnelSide.Right));
        var steps = new Option<string?>("--steps")
        {
            Description = "One-sided p-value cut points of the step-function selection model, comma-separated (default 0.05; 1 is added).",
            HelpName = "P[,P...]",
        };
        var alternative = new ChoiceOption<TestAlternative?>(
            "--alternative",
            "Selection model: the direction of the one-sided p-values selection is assumed to favour (default: that of the pooled estimate).",
            "auto", ("auto", null), ("greater", TestAlternative.Greater), ("less", TestAlternative.Less));
        var command = options.AddTo(new Command(
            "bias",
            "Small-study effects and publication bias per outcome: Egger's regression test and its limit estimate, Begg's rank "
            + "correlation, trim and fill, fail-safe N, the test of excess significance, a step-function selection model and "
            + "Henmi-Copas, with guidance where a test is not meaningful.\n" + ExitCodes.HelpText));
        foreach (var option in new Option[] { model.Option, predictor.Option, estimator.Option, side.Option, steps, alternative.Option })
        {
            command.Options.Add(option);
        }

        command.Action = new UsageAction((parseResult, output, error) =>
        {
            if (options.UsageError(parseResult) is { } usage)
            {
                return Usage(error, usage, "bias");
            }

            if (ParseSteps(parseResult.GetValue(steps)) is not { } cuts)
            {
                return Usage(error, $"--steps must be p-values between 0 and 1, comma-separated (e.g. 0.025,0.05); got '{parseResult.GetValue(steps)}'.", "bias");
            }

            return AnalyzeRun.Run(options.Read(parseResult) with
            {
                Bias = new BiasSettings
                {
                    Model = model.GetValue(parseResult),
                    Predictor = predictor.GetValue(parseResult),
                    Estimator = estimator.GetValue(parseResult),
                    Side = side.GetValue(parseResult),
                    Steps = cuts,
                    Alternative = alternative.GetValue(parseResult),
                },
            }, options.InputPath(parseResult), output, error);
        });
        return command;
    }

    /// <summary>The selection model's cut points from <c>--steps</c> (1 appended); null when a value is not a p-value.</summary>
    private static double[]? ParseSteps(string? text)
    {
        if (text is null)
        {
            return [.. SelectionModelOptions.Default.Steps];
        }

        var cuts = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var p) || !(p > 0 && p <= 1))
            {
                return null;
            }

            cuts.Add(p);
        }

        if (cuts.Count == 0)
        {
            return null;
        }

        cuts.Add(1);
        return [.. cuts.Distinct().Order()];
    }

    private static Command CreateSensitivity()
    {
        var options = new AnalysisOptions([OutputFormat.Text, OutputFormat.Json, OutputFormat.Csv], batch: true);
        var order = new Option<string>("--order")
        {
            Description = "Order of the cumulative meta-analysis: input (file order), precision (most precise first), effect (smallest first) "
                + "or a column name (e.g. year; ascending, missing values last).",
            HelpName = "input|precision|effect|COL",
            DefaultValueFactory = _ => "input",
        };
        var gosh = new Option<bool>("--gosh") { Description = "Also fit every subset of studies (GOSH), or a random sample of --gosh-subsets of them when there are more." };
        var subsets = new Option<int>("--gosh-subsets")
        {
            Description = "GOSH: the most subsets to fit (default 1,000,000, as metafor).",
            DefaultValueFactory = _ => GoshOptions.Default.Subsets,
        };
        var seed = new Option<ulong>("--seed") { Description = "GOSH: seed of the random subsets.", DefaultValueFactory = _ => GoshOptions.Default.Seed };
        var command = options.AddTo(new Command(
            "sensitivity",
            "Sensitivity analyses per outcome: leave-one-out, influence diagnostics (studentized residuals, DFFITS, Cook's distance, "
            + "covariance ratio, hat values, DFBETAS, metafor's influential flag), a cumulative meta-analysis, Baujat's coordinates "
            + "and optionally GOSH.\n" + ExitCodes.HelpText));
        foreach (var option in new Option[] { order, gosh, subsets, seed })
        {
            command.Options.Add(option);
        }

        command.Action = new UsageAction((parseResult, output, error) =>
        {
            if (options.UsageError(parseResult) is { } usage)
            {
                return Usage(error, usage, "sensitivity");
            }

            if (parseResult.GetValue(subsets) < 1)
            {
                return Usage(error, $"--gosh-subsets must be at least 1; got {parseResult.GetValue(subsets)}.", "sensitivity");
            }

            var orderText = parseResult.GetValue(order)!;
            var kind = orderText.ToLowerInvariant() switch
            {
                "input" => CumulativeOrder.Input,
                "precision" => CumulativeOrder.Precision,
                "effect" => CumulativeOrder.Effect,
                _ => CumulativeOrder.Column,
            };
            return AnalyzeRun.Run(options.Read(parseResult) with
            {
                Sensitivity = new SensitivitySettings
                {
                    Order = kind,
                    OrderColumn = kind == CumulativeOrder.Column ? orderText : null,
                    Gosh = parseResult.GetValue(gosh),
                    GoshSubsets = parseResult.GetValue(subsets),
                    Seed = parseResult.GetValue(seed),
                },
            }, options.InputPath(parseResult), output, error);
        });
        return command;
    }

    private static Command CreateRevManCheck()
    {
        var file = new Argument<string>("file") { Description = "A RevMan data package CSV (.csv or .csv.gz) with RevMan's printed per-study results." };
        var by = new Option<string?>("--by")
        {
            Description = "The columns keying an analysis (default: review, Analysis.group, Analysis.number, those present).",
            HelpName = "COL[,COL...]",
        };
        var format = new ChoiceOption<OutputFormat>("--format", "Output format.", "text", ("text", OutputFormat.Text), ("json", OutputFormat.Json));
        var command = new Command(
            "revman-check",
            "Recompute every per-study result RevMan printed (Mean, CI.start, CI.end, Weight) the RevMan way, infer each analysis's "
            + "measure and weighting, and report the share reproduced, with every exception located.\n" + ExitCodes.HelpText)
        {
            file, by, format.Option,
        };
        command.Action = new UsageAction((parseResult, output, error) => ExitCodes.Of(RevManCheck.Run(
            new RevManCheckSettings
            {
                By = parseResult.GetValue(by) is { } columns ? [.. columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] : null,
                Format = format.GetValue(parseResult),
            },
            Files.InputFile.Open(parseResult.GetRequiredValue(file)),
            format.GetValue(parseResult) == OutputFormat.Text ? Output.TerminalWriter.For(output) : output,
            error.WriteLine)));
        return command;
    }

    /// <summary>What <c>--method</c> names: a τ² estimator, or a table method (then <see cref="Tau2"/> is FE).</summary>
    public readonly record struct MethodChoice(Tau2Method Tau2, TableMethod? Table);
}
