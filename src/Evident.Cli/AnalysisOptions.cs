using System.CommandLine;
using System.Globalization;
using Evident.Analysis.Input;
using Evident.Core.EffectSizes;

namespace Evident.Cli;

/// <summary>
/// The options every command that analyses a study file shares (<c>analyze</c>, <c>bias</c>, <c>sensitivity</c>,
/// <c>plot forest</c>, …): the input file, effect sizes, the model and its inference, subgroups and moderators.
/// One instance per command; <see cref="Read"/> turns a parse into <see cref="AnalyzeSettings"/>.
/// </summary>
internal sealed class AnalysisOptions
{
    private readonly Argument<string> _file = new("file") { Description = "CSV file (.csv or .csv.gz), one row per study; - reads standard input." };
    private readonly Option<string[]> _map = new("--map")
    {
        Description = "Name a column as an input: \"HEADER=field\", e.g. --map \"N RMT=n1i\" (repeat it, or separate pairs with commas); "
            + "fields are escalc's names (ai n1i m1i sd1i … yi sei …) or study, outcome.",
        HelpName = "HEADER=FIELD",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<bool> _strict = new("--strict")
    {
        Description = "Fail (exit 1, no results written) if the run has any warning or error: a row not used, a shifted row, an ambiguous number, "
            + "an analysis skipped, a model that did not converge.",
    };
    private readonly Option<double> _level = PercentOption("--level", "Confidence level in percent.");
    private readonly Option<double> _add = NumberOption("--add", "Continuity correction added to cells.", 0.5, v => v >= 0, "a number ≥ 0");
    private readonly Option<bool> _drop00 = new("--drop00") { Description = "Drop studies with no events (or only events) in both groups." };
    private readonly Option<double> _ciLevel = PercentOption("--ci-level", "Level (percent) of CIs given as input (columns ci_lb, ci_ub).");
    private readonly Option<bool> _log = new("--log") { Description = "Estimates and CIs given as ratios (e.g. hazard ratios): log them first." };
    private readonly Option<string?> _by = new("--by")
    {
        Description = "Batch mode: one analysis per distinct combination of these columns (comma-separated headers), e.g. "
            + "review,Analysis.group,Analysis.number. Rows of a group need not be contiguous.",
        HelpName = "COL[,COL...]",
    };

    private readonly Option<bool> _ignoreApplicability = new("--ignore-applicability")
    {
        Description = "Use every row whatever its Applicability (RevMan: SUBGROUP_ONLY rows are otherwise left out of overall "
            + "analyses, OVERALL_ONLY rows out of subgroup analyses).",
    };

    private readonly Option<bool> _quiet = new("--quiet")
    {
        Description = "Quiet stderr: no progress bar or batch counts; errors are still printed one by one, warnings and notes only counted in one line.",
    };
    private readonly Option<string?> _subgroup = new("--subgroup")
    {
        Description = "Pool each analysis per value of this column as well, with the test for subgroup differences.",
        HelpName = "COL",
    };

    private readonly Option<bool> _tau2Common = new("--tau2-common")
    {
        Description = "With --subgroup: one τ² for all subgroups, from the model with the subgroup as a factor (default: a τ² per subgroup).",
    };

    private readonly Option<string?> _mods = new("--mods")
    {
        Description = "Meta-regression on these moderators, an R formula of column names: \"x + factor(g)\", \"x*z\", \"I(x - 3)\", \"0 + factor(g)\".",
        HelpName = "FORMULA",
    };

    private readonly Option<string?> _btt = new("--btt")
    {
        Description = "With --mods: the coefficients the omnibus test covers, 1-based as in metafor (\"2:3\", \"2,4\") or a name pattern; default all but the intercept.",
        HelpName = "COEFS",
    };

    private readonly Option<string?> _newMods = new("--newmods")
    {
        Description = "With --mods: predict at these moderator values, e.g. \"ablat=20;ablat=50\" (rows separated by ';', name=value pairs by ',').",
        HelpName = "VALUES",
    };

    private readonly Option<bool> _splitSharedControl = new("--split-shared-control")
    {
        Description = "Divide a control group shared by several comparisons of one study (same label, identical control data) "
            + "equally among them (Cochrane Handbook §23.3.4); without it such groups are only flagged.",
    };

    private readonly ChoiceOption<OutputFormat>? _format;
    private readonly bool _batch;

    /// <param name="formats">The output formats the command offers (<c>--format</c>); null for a command without it.</param>
    /// <param name="batch">Whether the command offers <c>--by</c> (batch mode).</param>
    public AnalysisOptions(OutputFormat[]? formats, bool batch)
    {
        _batch = batch;
        if (formats is not null)
        {
            _format = new ChoiceOption<OutputFormat>(
                "--format", "Output format.", "text", [.. formats.Select(f => (EvidentCommand.Format.NameOf(f), f))]);
        }
    }

    /// <summary>Adds the argument and options to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        command.Arguments.Add(_file);
        Option[] options =
        [
            EvidentCommand.Measure.Option, EvidentCommand.Method.Option, EvidentCommand.Test.Option, _level, .. _format is null ? [] : new[] { _format.Option },
            _add, EvidentCommand.To.Option, _drop00, EvidentCommand.PiType.Option, EvidentCommand.Tau2Ci.Option, EvidentCommand.MedianToMean.Option,
            _ciLevel, _log, EvidentCommand.Continuous.Option, EvidentCommand.Binary.Option, .. _batch ? new[] { _by } : [], _ignoreApplicability,
            _quiet, EvidentCommand.PresetOption.Option, EvidentCommand.I2.Option, _subgroup, _tau2Common, _splitSharedControl, _mods, _btt, _newMods,
            _map, _strict,
        ];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        return command;
    }

    /// <summary>
    /// A usage error in the combination of options (null when there is none): RevMan's preset brings its own
    /// zero-cell rules, so <c>--to</c> and <c>--drop00</c> cannot be given with it.
    /// </summary>
    public string? UsageError(ParseResult parseResult)
    {
        if (PresetDefaults.For(EvidentCommand.PresetOption.GetValue(parseResult)).Conventions == EffectConventions.RevMan5
            && (parseResult.GetResult(EvidentCommand.To.Option) is { Implicit: false } || parseResult.GetResult(_drop00) is { Implicit: false }))
        {
            return $"--preset {parseResult.GetValue(EvidentCommand.PresetOption.Option)} brings RevMan's own zero-cell and double-zero rules; --to and --drop00 cannot be combined with it.";
        }

        return ParseMap(parseResult.GetValue(_map), out _);
    }

    /// <summary>
    /// The <c>--map</c> pairs (each value one or more comma-separated <c>HEADER=field</c>), or a usage error: a pair
    /// without <c>=</c>, an empty header, or a field that is not an input.
    /// </summary>
    public static string? ParseMap(string[]? values, out List<(string Header, string Field)> map)
    {
        map = [];
        foreach (var pair in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var equals = pair.LastIndexOf('=');
            var (header, field) = equals < 0 ? (string.Empty, string.Empty) : (pair[..equals].Trim(), pair[(equals + 1)..].Trim());
            if (header.Length == 0 || field.Length == 0)
            {
                return $"--map takes HEADER=field pairs, e.g. --map \"N RMT=n1i\"; got '{pair}'.";
            }

            if (ColumnAliases.Fields.FirstOrDefault(f => ColumnAliases.Normalize(f) == ColumnAliases.Normalize(field)) is not { } known)
            {
                return $"--map \"{pair}\": {field} is not an input; the inputs are {string.Join(' ', ColumnAliases.Fields)}.";
            }

            map.Add((header, known));
        }

        return null;
    }

    /// <summary>The input file as typed.</summary>
    public string InputPath(ParseResult parseResult) => parseResult.GetRequiredValue(_file);

    /// <summary>The settings the command line asks for; the preset's defaults fill every option not given.</summary>
    public AnalyzeSettings Read(ParseResult parseResult)
    {
        var preset = EvidentCommand.PresetOption.GetValue(parseResult);
        var defaults = PresetDefaults.For(preset);
        bool Given(Option option) => parseResult.GetResult(option) is { Implicit: false };
        var method = EvidentCommand.Method.GetValue(parseResult);
        return new AnalyzeSettings
        {
            Measure = EvidentCommand.Measure.GetValue(parseResult),
            Continuous = EvidentCommand.Continuous.GetValue(parseResult),
            Binary = EvidentCommand.Binary.GetValue(parseResult),
            By = _batch && parseResult.GetValue(_by) is { } columns
                ? [.. columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]
                : null,
            IgnoreApplicability = parseResult.GetValue(_ignoreApplicability),
            Map = ParseMap(parseResult.GetValue(_map), out var map) is null && map.Count > 0 ? map : null,
            Strict = parseResult.GetValue(_strict),
            Quiet = parseResult.GetValue(_quiet),
            Preset = preset,
            Method = Given(EvidentCommand.Method.Option) ? method.Tau2 : defaults.Method,
            TableMethod = method.Table,
            BinaryCommonEffect = defaults.BinaryCommonEffect,
            QAroundMantelHaenszel = defaults.QAroundMantelHaenszel,
            Test = Given(EvidentCommand.Test.Option) ? EvidentCommand.Test.GetValue(parseResult) : defaults.Test,
            Level = parseResult.GetValue(_level),
            Format = _format?.GetValue(parseResult) ?? OutputFormat.Text,
            PiType = Given(EvidentCommand.PiType.Option) ? EvidentCommand.PiType.GetValue(parseResult) : defaults.PredictionInterval,
            Tau2Ci = Given(EvidentCommand.Tau2Ci.Option) ? EvidentCommand.Tau2Ci.GetValue(parseResult) : defaults.Tau2Ci,
            Heterogeneity = Given(EvidentCommand.I2.Option) ? EvidentCommand.I2.GetValue(parseResult) : defaults.Heterogeneity,
            Subgroup = parseResult.GetValue(_subgroup),
            Tau2Common = parseResult.GetValue(_tau2Common),
            SplitSharedControl = parseResult.GetValue(_splitSharedControl),
            Mods = parseResult.GetValue(_mods),
            Btt = parseResult.GetValue(_btt),
            NewMods = parseResult.GetValue(_newMods),
            Escalc = new EscalcOptions
            {
                Add = parseResult.GetValue(_add),
                // As escalc: PAS and PFT are corrected only when add is given explicitly.
                CorrectArcsineProportions = Given(_add),
                To = EvidentCommand.To.GetValue(parseResult),
                Drop00 = parseResult.GetValue(_drop00),
                MedianConversion = EvidentCommand.MedianToMean.GetValue(parseResult),
                InputCiLevel = parseResult.GetValue(_ciLevel),
                GenLogScale = parseResult.GetValue(_log),
                Conventions = defaults.Conventions,
            },
        };
    }

    /// <summary>A percentage option (default 95).</summary>
    public static Option<double> PercentOption(string name, string description)
        => NumberOption(name, description, 95, v => v > 0 && v < 100, "a percentage between 0 and 100 (e.g. 95)");

    /// <summary>A number option read in the invariant culture whatever the machine's culture, with a range check.</summary>
    public static Option<double> NumberOption(string name, string description, double defaultValue, Func<double, bool> isValid, string what)
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
}
