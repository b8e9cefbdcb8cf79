using System.Globalization;
using System.Text.Json.Serialization;

namespace Evident.Analysis.Documents;

/// <summary>
/// The document's <c>settings</c> object: every option the run used, as the command line names it. The bias options are
/// there for <c>evident bias</c> only, the sensitivity options for <c>evident sensitivity</c> only.
/// </summary>
public sealed record SettingsDocument
{
    /// <summary>The input file as given.</summary>
    [JsonPropertyName("input")]
    public string? Input { get; init; }

    /// <summary>The tool whose defaults apply (<c>metafor</c>, <c>revman5</c>, …).</summary>
    [JsonPropertyName("preset")]
    public string? Preset { get; init; }

    /// <summary>The effect-size measure, or <c>auto</c>.</summary>
    [JsonPropertyName("measure")]
    public string? Measure { get; init; }

    /// <summary>With <c>auto</c>: the measure of continuous rows; otherwise null.</summary>
    [JsonPropertyName("continuous")]
    public string? Continuous { get; init; }

    /// <summary>With <c>auto</c>: the measure of binary rows; otherwise null.</summary>
    [JsonPropertyName("binary")]
    public string? Binary { get; init; }

    /// <summary>The <c>--by</c> columns, or null.</summary>
    [JsonPropertyName("by")]
    public IReadOnlyList<string>? By { get; init; }

    /// <summary>The <c>--map</c> pairs (<c>HEADER=FIELD</c>), or null.</summary>
    [JsonPropertyName("map")]
    public IReadOnlyList<string>? Map { get; init; }

    /// <summary>Whether <c>--strict</c> made any row not used an error.</summary>
    [JsonPropertyName("strict")]
    public bool? Strict { get; init; }

    /// <summary>Whether RevMan's <c>Applicability</c> was ignored.</summary>
    [JsonPropertyName("ignore_applicability")]
    public bool? IgnoreApplicability { get; init; }

    /// <summary>The pooling method (MH, PETO, or the τ² estimator).</summary>
    [JsonPropertyName("method")]
    public string? Method { get; init; }

    /// <summary>The <c>--subgroup</c> column, or null.</summary>
    [JsonPropertyName("subgroup")]
    public string? Subgroup { get; init; }

    /// <summary>With <c>--subgroup</c>: whether the subgroups share one τ²; otherwise null.</summary>
    [JsonPropertyName("tau2_common")]
    public bool? Tau2Common { get; init; }

    /// <summary>Whether shared control groups were divided.</summary>
    [JsonPropertyName("split_shared_control")]
    public bool? SplitSharedControl { get; init; }

    /// <summary>The <c>--mods</c> formula, or null.</summary>
    [JsonPropertyName("mods")]
    public string? Mods { get; init; }

    /// <summary>With <c>--mods</c>: <c>--btt</c>, or null.</summary>
    [JsonPropertyName("btt")]
    public string? Btt { get; init; }

    /// <summary>With <c>--mods</c>: <c>--newmods</c>, or null.</summary>
    [JsonPropertyName("newmods")]
    public string? NewMods { get; init; }

    /// <summary><c>evident bias</c>: the regression test's model (<c>rma</c>, <c>lm</c>); absent otherwise.</summary>
    [JsonPropertyName("bias_model")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BiasModel { get; init; }

    /// <summary><c>evident bias</c>: the regression test's predictor; absent otherwise.</summary>
    [JsonPropertyName("bias_predictor")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BiasPredictor { get; init; }

    /// <summary><c>evident bias</c>: trim and fill's estimator; absent otherwise.</summary>
    [JsonPropertyName("trimfill_estimator")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TrimFillEstimator { get; init; }

    /// <summary><c>evident bias</c>: trim and fill's side (<c>auto</c> when estimated); absent otherwise.</summary>
    [JsonPropertyName("trimfill_side")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TrimFillSide { get; init; }

    /// <summary><c>evident bias</c>: the selection model's p-value cut points, <c>;</c>-separated; absent otherwise.</summary>
    [JsonPropertyName("selection_steps")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SelectionSteps { get; init; }

    /// <summary><c>evident bias</c>: the selection model's direction (<c>auto</c> when from the estimate); absent otherwise.</summary>
    [JsonPropertyName("selection_alternative")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SelectionAlternative { get; init; }

    /// <summary><c>evident sensitivity</c>: the cumulative order (<c>input</c>, <c>precision</c>, <c>effect</c> or a column); absent otherwise.</summary>
    [JsonPropertyName("cumulative_order")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CumulativeOrder { get; init; }

    /// <summary><c>evident sensitivity</c>: whether GOSH was run.</summary>
    [JsonPropertyName("gosh")]
    [JsonPresentWith(nameof(CumulativeOrder))]
    public bool? Gosh { get; init; }

    /// <summary><c>evident sensitivity --gosh</c>: the cap on GOSH's subsets; null without <c>--gosh</c>.</summary>
    [JsonPropertyName("gosh_subsets")]
    [JsonPresentWith(nameof(CumulativeOrder))]
    public int? GoshSubsets { get; init; }

    /// <summary><c>evident sensitivity --gosh</c>: the seed of GOSH's random subsets; null without <c>--gosh</c>.</summary>
    [JsonPropertyName("seed")]
    [JsonPresentWith(nameof(CumulativeOrder))]
    public double? Seed { get; init; }

    /// <summary>The test of the pooled estimate (<c>Z</c>, <c>T</c>, <c>KNHA</c>, …).</summary>
    [JsonPropertyName("test")]
    public string? Test { get; init; }

    /// <summary>The confidence level in percent.</summary>
    [JsonPropertyName("level")]
    public double? Level { get; init; }

    /// <summary>The continuity correction added to zero cells.</summary>
    [JsonPropertyName("add")]
    public double? Add { get; init; }

    /// <summary>Which tables get the correction.</summary>
    [JsonPropertyName("to")]
    public string? To { get; init; }

    /// <summary>Whether studies with no events in either group are dropped.</summary>
    [JsonPropertyName("drop00")]
    public bool? Drop00 { get; init; }

    /// <summary>The prediction interval convention.</summary>
    [JsonPropertyName("pi_type")]
    public string? PiType { get; init; }

    /// <summary>The method of τ²'s confidence interval.</summary>
    [JsonPropertyName("tau2_ci")]
    public string? Tau2Ci { get; init; }

    /// <summary>What I² and H² come from (<c>tau2</c> or <c>q</c>).</summary>
    [JsonPropertyName("i2")]
    public string? I2 { get; init; }

    /// <summary>How medians and ranges are converted to means and SDs.</summary>
    [JsonPropertyName("median_to_mean")]
    public string? MedianToMean { get; init; }

    /// <summary>The level of confidence intervals given in the input, in percent.</summary>
    [JsonPropertyName("ci_level")]
    public double? CiLevel { get; init; }

    /// <summary>Whether generic effects were given on the log scale.</summary>
    [JsonPropertyName("log")]
    public bool? Log { get; init; }

    /// <summary>The output format (<c>report</c> in a report's or summary's document).</summary>
    [JsonPropertyName("format")]
    public string? Format { get; init; }

    /// <summary>The input's field delimiter, or null when it was not read.</summary>
    [JsonPropertyName("delimiter")]
    public string? Delimiter { get; init; }

    /// <summary>The input's decimal mark, or null when it was not read.</summary>
    [JsonPropertyName("decimal")]
    public string? Decimal { get; init; }

    /// <summary>The Evident version that wrote the document.</summary>
    [JsonPropertyName("evident_version")]
    public string? EvidentVersion { get; init; }

    /// <summary>
    /// The settings <paramref name="s"/> of a run of <paramref name="input"/>, whose <paramref name="delimiter"/> and
    /// decimal mark (<paramref name="decimalComma"/>) were found in reading it (null when it was not read).
    /// </summary>
    public static SettingsDocument From(AnalyzeSettings s, string input, char? delimiter, bool? decimalComma)
    {
        ArgumentNullException.ThrowIfNull(s);
        var bias = s.Bias;
        var sensitivity = s.Sensitivity;
        return new SettingsDocument
        {
            Input = input,
            Preset = OptionNames.Presets.NameOf(s.Preset),
            Measure = s.Measure?.ToString() ?? "auto",
            Continuous = s.Measure is null ? s.Continuous.ToString() : null,
            Binary = s.Measure is null ? s.Binary.ToString() : null,
            By = s.By,
            Map = s.Map is { } map ? [.. map.Select(m => $"{m.Header}={m.Field}")] : null,
            Strict = s.Strict,
            IgnoreApplicability = s.IgnoreApplicability,
            Method = s.MethodName,
            Subgroup = s.Subgroup,
            Tau2Common = s.Subgroup is null ? null : s.Tau2Common,
            SplitSharedControl = s.SplitSharedControl,
            Mods = s.Mods,
            Btt = s.Mods is null ? null : s.Btt,
            NewMods = s.Mods is null ? null : s.NewMods,
            BiasModel = bias?.Model.ToString().ToLowerInvariant(),
            BiasPredictor = bias is null ? null : Core.Bias.RegressionTest.PredictorName(bias.Predictor),
            TrimFillEstimator = bias?.Estimator.ToString(),
            TrimFillSide = bias is null ? null : bias.Side?.ToString().ToLowerInvariant() ?? "auto",
            SelectionSteps = bias is null ? null : string.Join(";", bias.Steps.Select(x => x.ToString("R", CultureInfo.InvariantCulture))),
            SelectionAlternative = bias is null ? null : bias.Alternative?.ToString().ToLowerInvariant() ?? "auto",
            CumulativeOrder = sensitivity is null ? null : sensitivity.OrderColumn ?? sensitivity.Order.ToString().ToLowerInvariant(),
            Gosh = sensitivity?.Gosh,
            GoshSubsets = sensitivity is { Gosh: true } ? sensitivity.GoshSubsets : null,
            Seed = sensitivity is { Gosh: true } ? sensitivity.Seed : null,
            Test = s.Test.ToString().ToUpperInvariant(),
            Level = s.Level,
            Add = s.Escalc.Add,
            To = OptionNames.ContinuityTargets.NameOf(s.Escalc.To),
            Drop00 = s.Escalc.Drop00,
            PiType = OptionNames.PredictionIntervals.NameOf(s.PiType),
            Tau2Ci = OptionNames.Tau2Cis.NameOf(s.Tau2Ci),
            I2 = OptionNames.Heterogeneity.NameOf(s.Heterogeneity),
            MedianToMean = OptionNames.MedianConversions.NameOf(s.Escalc.MedianConversion),
            CiLevel = s.Escalc.InputCiLevel,
            Log = s.Escalc.GenLogScale,
            Format = OptionNames.Formats.NameOf(s.Format),
            Delimiter = delimiter?.ToString(),
            Decimal = decimalComma is { } comma ? comma ? "," : "." : null,
            EvidentVersion = Analyzer.Version,
        };
    }
}
