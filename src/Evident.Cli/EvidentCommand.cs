using System.CommandLine;
using System.CommandLine.Invocation;
using Evident.Cli.Analysis;
using Evident.Cli.Validation;
using Evident.Core.EffectSizes;
using Evident.Core.Models;

namespace Evident.Cli;

/// <summary>The <c>evident</c> command line: a root command with the <c>analyze</c> subcommand.</summary>
internal static class EvidentCommand
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
        root.Subcommands.Add(CreateRevManCheck());
        root.Subcommands.Add(Plotting.PlotCommand.Create());
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
            : Analyzer.Run(options.Read(parseResult), output, error));
        return command;
    }

    /// <summary>Prints a usage error and the help hint; returns <see cref="ExitCodes.UsageError"/>.</summary>
    internal static int Usage(TextWriter error, string message, string command)
    {
        error.WriteLine(message);
        error.WriteLine($"Run 'evident {command} --help' for usage.");
        return ExitCodes.UsageError;
    }

    /// <summary>The command as typed: <c>evident plot forest</c>.</summary>
    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c; s = c.Parents.FirstOrDefault())
        {
            names.Insert(0, c is RootCommand ? "evident" : c.Name);
        }

        return string.Join(' ', names);
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
        command.Action = new UsageAction((parseResult, output, error) => RevManCheck.Run(new RevManCheckSettings
        {
            InputPath = parseResult.GetRequiredValue(file),
            By = parseResult.GetValue(by) is { } columns ? [.. columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] : null,
            Format = format.GetValue(parseResult),
        }, output, error));
        return command;
    }

    /// <summary>What <c>--method</c> names: a τ² estimator, or a table method (then <see cref="Tau2"/> is FE).</summary>
    public readonly record struct MethodChoice(Tau2Method Tau2, TableMethod? Table);

    /// <summary>
    /// Runs a command, turning every parse error into exit code 2 (System.CommandLine's own error action returns 1,
    /// which here means "nothing could be analysed"). A null <paramref name="run"/> means no subcommand was given.
    /// </summary>
    internal sealed class UsageAction(Func<ParseResult, TextWriter, TextWriter, int>? run) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var error = parseResult.InvocationConfiguration.Error;
            var messages = parseResult.Errors.Select(e => e.Message)
                .Concat(parseResult.UnmatchedTokens.Select(t => $"Unrecognized command or argument '{t}'."))
                .Distinct()
                .ToList();
            if (run is null && messages.Count == 0)
            {
                messages.Add("Required command was not provided.");
            }

            if (messages.Count > 0 || run is null)
            {
                messages.ForEach(error.WriteLine);
                error.WriteLine($"Run '{CommandPath(parseResult.CommandResult.Command)} --help' for usage.");
                return ExitCodes.UsageError;
            }

            return run(parseResult, parseResult.InvocationConfiguration.Output, error);
        }
    }
}
