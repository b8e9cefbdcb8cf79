using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
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
        root.Action = new UsageAction(null);
        return root;
    }

    private static Command CreateAnalyze()
    {
        var file = new Argument<string>("file") { Description = "CSV file (.csv or .csv.gz), one row per study." };
        var level = PercentOption("--level", "Confidence level in percent.");
        var add = NumberOption("--add", "Continuity correction added to cells.", 0.5, v => v >= 0, "a number ≥ 0");
        var drop00 = new Option<bool>("--drop00") { Description = "Drop studies with no events (or only events) in both groups." };
        var ciLevel = PercentOption("--ci-level", "Level (percent) of CIs given as input (columns ci_lb, ci_ub).");
        var log = new Option<bool>("--log") { Description = "Estimates and CIs given as ratios (e.g. hazard ratios): log them first." };
        var by = new Option<string?>("--by")
        {
            Description = "Batch mode: one analysis per distinct combination of these columns (comma-separated headers), e.g. "
                + "review,Analysis.group,Analysis.number. Rows of a group need not be contiguous.",
            HelpName = "COL[,COL...]",
        };
        var ignoreApplicability = new Option<bool>("--ignore-applicability")
        {
            Description = "Use every row whatever its Applicability (RevMan: SUBGROUP_ONLY rows are otherwise left out of overall "
                + "analyses, OVERALL_ONLY rows out of subgroup analyses).",
        };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar and no summary counts on stderr." };
        var subgroup = new Option<string?>("--subgroup")
        {
            Description = "Pool each analysis per value of this column as well, with the test for subgroup differences.",
            HelpName = "COL",
        };
        var tau2Common = new Option<bool>("--tau2-common")
        {
            Description = "With --subgroup: one τ² for all subgroups, from the model with the subgroup as a factor (default: a τ² per subgroup).",
        };
        var mods = new Option<string?>("--mods")
        {
            Description = "Meta-regression on these moderators, an R formula of column names: \"x + factor(g)\", \"x*z\", \"I(x - 3)\", \"0 + factor(g)\".",
            HelpName = "FORMULA",
        };
        var btt = new Option<string?>("--btt")
        {
            Description = "With --mods: the coefficients the omnibus test covers, 1-based as in metafor (\"2:3\", \"2,4\") or a name pattern; default all but the intercept.",
            HelpName = "COEFS",
        };
        var newMods = new Option<string?>("--newmods")
        {
            Description = "With --mods: predict at these moderator values, e.g. \"ablat=20;ablat=50\" (rows separated by ';', name=value pairs by ',').",
            HelpName = "VALUES",
        };
        var splitSharedControl = new Option<bool>("--split-shared-control")
        {
            Description = "Divide a control group shared by several comparisons of one study (same label, identical control data) "
                + "equally among them (Cochrane Handbook §23.3.4); without it such groups are only flagged.",
        };

        var command = new Command(
            "analyze", "Compute effect sizes and pool them: one analysis per outcome, or per group of rows with --by.\n" + ExitCodes.HelpText)
        {
            file, Measure.Option, Method.Option, Test.Option, level, Format.Option, add, To.Option, drop00, PiType.Option, Tau2Ci.Option,
            MedianToMean.Option, ciLevel, log, Continuous.Option, Binary.Option, by, ignoreApplicability, quiet, PresetOption.Option,
            I2.Option, subgroup, tau2Common, splitSharedControl, mods, btt, newMods,
        };
        command.Action = new UsageAction((parseResult, output, error) =>
        {
            if (PresetDefaults.For(PresetOption.GetValue(parseResult)).Conventions == EffectConventions.RevMan5
                && (parseResult.GetResult(To.Option) is { Implicit: false } || parseResult.GetResult(drop00) is { Implicit: false }))
            {
                error.WriteLine($"--preset {parseResult.GetValue(PresetOption.Option)} brings RevMan's own zero-cell and double-zero rules; --to and --drop00 cannot be combined with it.");
                error.WriteLine("Run 'evident analyze --help' for usage.");
                return ExitCodes.UsageError;
            }

            return RunAnalyze(parseResult, output, error);
        });
        return command;

        int RunAnalyze(ParseResult parseResult, TextWriter output, TextWriter error)
        {
            var preset = PresetOption.GetValue(parseResult);
            var defaults = PresetDefaults.For(preset);
            bool Given(Option option) => parseResult.GetResult(option) is { Implicit: false };
            var method = Method.GetValue(parseResult);
            return Analyzer.Run(new AnalyzeSettings
            {
                InputPath = parseResult.GetRequiredValue(file),
                Measure = Measure.GetValue(parseResult),
                Continuous = Continuous.GetValue(parseResult),
                Binary = Binary.GetValue(parseResult),
                By = parseResult.GetValue(by) is { } columns
                    ? [.. columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]
                    : null,
                IgnoreApplicability = parseResult.GetValue(ignoreApplicability),
                Quiet = parseResult.GetValue(quiet),
                Preset = preset,
                Method = Given(Method.Option) ? method.Tau2 : defaults.Method,
                TableMethod = method.Table,
                BinaryCommonEffect = defaults.BinaryCommonEffect,
                QAroundMantelHaenszel = defaults.QAroundMantelHaenszel,
                Test = Given(Test.Option) ? Test.GetValue(parseResult) : defaults.Test,
                Level = parseResult.GetValue(level),
                Format = Format.GetValue(parseResult),
                PiType = Given(PiType.Option) ? PiType.GetValue(parseResult) : defaults.PredictionInterval,
                Tau2Ci = Given(Tau2Ci.Option) ? Tau2Ci.GetValue(parseResult) : defaults.Tau2Ci,
                Heterogeneity = Given(I2.Option) ? I2.GetValue(parseResult) : defaults.Heterogeneity,
                Subgroup = parseResult.GetValue(subgroup),
                Tau2Common = parseResult.GetValue(tau2Common),
                SplitSharedControl = parseResult.GetValue(splitSharedControl),
                Mods = parseResult.GetValue(mods),
                Btt = parseResult.GetValue(btt),
                NewMods = parseResult.GetValue(newMods),
                Escalc = new EscalcOptions
                {
                    Add = parseResult.GetValue(add),
                    // As escalc: PAS and PFT are corrected only when add is given explicitly.
                    CorrectArcsineProportions = Given(add),
                    To = To.GetValue(parseResult),
                    Drop00 = parseResult.GetValue(drop00),
                    MedianConversion = MedianToMean.GetValue(parseResult),
                    InputCiLevel = parseResult.GetValue(ciLevel),
                    GenLogScale = parseResult.GetValue(log),
                    Conventions = defaults.Conventions,
                },
            }, output, error);
        }
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

    private static Option<double> PercentOption(string name, string description)
        => NumberOption(name, description, 95, v => v > 0 && v < 100, "a percentage between 0 and 100 (e.g. 95)");

    /// <summary>A number option read in the invariant culture whatever the machine's culture, with a range check.</summary>
    private static Option<double> NumberOption(string name, string description, double defaultValue, Func<double, bool> isValid, string what)
        => new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && isValid(value))
                {
                    return value;
                }

                result.AddError($"{name} must be {what}; got '{token}'.");
                return defaultValue;
            },
        };

    /// <summary>
    /// Runs a command, turning every parse error into exit code 2 (System.CommandLine's own error action returns 1,
    /// which here means "nothing could be analysed"). A null <paramref name="run"/> means no subcommand was given.
    /// </summary>
    private sealed class UsageAction(Func<ParseResult, TextWriter, TextWriter, int>? run) : SynchronousCommandLineAction
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
                error.WriteLine("Run 'evident analyze --help' for usage.");
                return ExitCodes.UsageError;
            }

            return run(parseResult, parseResult.InvocationConfiguration.Output, error);
        }
    }
}
