using Evident.Core.EffectSizes;
using Evident.Core.Models;

namespace Evident.Analysis;

/// <summary>Output formats of <c>evident analyze</c>.</summary>
public enum OutputFormat
{
    /// <summary>Tables for people (Spectre.Console); issues on stderr.</summary>
    Text,
    /// <summary>One JSON document on stdout.</summary>
    Json,
    /// <summary>One CSV row per outcome.</summary>
    Csv,
    /// <summary>One Markdown table row per outcome.</summary>
    Md,
}

/// <summary>
/// What an analysis run computes: the measure, the model and its inference, subgroups, moderators, and the bias or
/// sensitivity analyses to add; the front ends fill it from their options (<c>evident analyze</c>'s command line, the web
/// app's form). Defaults are metafor's; <see cref="PresetDefaults.For"/> gives another tool's.
/// </summary>
public sealed record AnalyzeSettings
{
    /// <summary>The measure, or null for <c>auto</c>: each row's data type is inferred and mapped to a measure.</summary>
    public EffectMeasure? Measure { get; init; }

    /// <summary>With <c>--measure auto</c>: the measure for continuous rows.</summary>
    public EffectMeasure Continuous { get; init; } = EffectMeasure.SMD;

    /// <summary>With <c>--measure auto</c>: the measure for binary rows.</summary>
    public EffectMeasure Binary { get; init; } = EffectMeasure.OR;

    /// <summary>Batch mode: the columns whose distinct value combinations each make one analysis; null without <c>--by</c>.</summary>
    public IReadOnlyList<string>? By { get; init; }

    /// <summary>
    /// <c>--map</c>: headers of the file named as inputs (<c>("N RMT", "n1i")</c>), applied before the accepted names;
    /// null for none.
    /// </summary>
    public IReadOnlyList<(string Header, string Field)>? Map { get; init; }

    /// <summary>
    /// <c>--strict</c>: a run with any warning or error (a row not used, a shifted row, an ambiguous number, an analysis
    /// skipped, a model that did not converge …) fails: its status is <see cref="RunStatus.NothingAnalysed"/> with a
    /// <c>strict</c> error, and a front end writes no document.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Rows are all used whatever their <c>Applicability</c> (as a plain grouping would).</summary>
    public bool IgnoreApplicability { get; init; }

    /// <summary>No progress bar and no summary on stderr.</summary>
    public bool Quiet { get; init; }

    /// <summary>The tool whose defaults apply (<c>--preset</c>); its per-study conventions are in <see cref="EscalcOptions.Conventions"/>.</summary>
    public Preset Preset { get; init; } = Preset.Metafor;

    /// <summary>The common-effect method for OR, RR and RD under <c>--method EE</c>/<c>FE</c> (the preset's: MH for RevMan and meta), or null for inverse variance.</summary>
    public TableMethod? BinaryCommonEffect { get; init; }

    /// <summary>Binary random-effects models take Q, and DerSimonian-Laird's τ², around the Mantel-Haenszel estimate (RevMan 5).</summary>
    public bool QAroundMantelHaenszel { get; init; }

    /// <summary>What I² and H² of random-effects models come from.</summary>
    public HeterogeneityBasis Heterogeneity { get; init; } = HeterogeneityBasis.Tau2;

    /// <summary>The τ² estimator (EE/FE for a common-effect model).</summary>
    public Tau2Method Method { get; init; } = Tau2Method.REML;

    /// <summary>
    /// <c>--method MH</c> or <c>PETO</c>: pool the 2×2 (or person-time) tables by Mantel-Haenszel or Peto instead of by
    /// inverse variance; null for the inverse-variance models.
    /// </summary>
    public TableMethod? TableMethod { get; init; }

    /// <summary>The pooling method as the outputs name it: MH, PETO, or the τ² estimator (REML, DL, EE, …).</summary>
    public string MethodName => TableMethod?.ToString() ?? Method.ToString().ToUpperInvariant();

    /// <summary>The method of an analysis of <paramref name="measure"/> as the outputs name it (MH when the preset pools binary common effects so).</summary>
    public string MethodNameFor(EffectMeasure measure) => TableMethodFor(measure)?.ToString() ?? MethodName;

    /// <summary><c>--subgroup</c>: the column whose values split each analysis into subgroups; null for none.</summary>
    public string? Subgroup { get; init; }

    /// <summary><c>--tau2-common</c>: one τ² for all subgroups, from the model with the subgroup as a factor.</summary>
    public bool Tau2Common { get; init; }

    /// <summary><c>--mods</c>: the moderators of a meta-regression as an R formula (<c>x + factor(g)</c>); null for none.</summary>
    public string? Mods { get; init; }

    /// <summary><c>--btt</c>: the coefficients the omnibus test covers (1-based positions or a name pattern); null for all but the intercept.</summary>
    public string? Btt { get; init; }

    /// <summary><c>--newmods</c>: moderator values to predict at, rows separated by <c>;</c>, <c>name=value</c> pairs by <c>,</c>.</summary>
    public string? NewMods { get; init; }

    /// <summary>Where the moderator columns start in <see cref="Analysis.InputRow.Texts"/> (after the subgroup column, if any).</summary>
    public int ModeratorOffset => Subgroup is null ? 0 : 1;

    /// <summary><c>evident bias</c>: the small-study and publication-bias analyses to add to each outcome; null for none.</summary>
    public BiasSettings? Bias { get; init; }

    /// <summary><c>evident sensitivity</c>: the sensitivity analyses to add to each outcome; null for none.</summary>
    public SensitivitySettings? Sensitivity { get; init; }

    /// <summary><c>--split-shared-control</c>: divide a control group shared by several comparisons among them.</summary>
    public bool SplitSharedControl { get; init; }

    /// <summary>The test of the pooled estimate.</summary>
    public TestMethod Test { get; init; } = TestMethod.Z;

    /// <summary>Confidence level in percent.</summary>
    public double Level { get; init; } = 95;

    /// <summary>Effect-size options (continuity correction, drop00, conversions).</summary>
    public EscalcOptions Escalc { get; init; } = EscalcOptions.Default;

    /// <summary>Prediction interval convention.</summary>
    public PredictionIntervalType PiType { get; init; } = PredictionIntervalType.Metafor;

    /// <summary>CI method for τ².</summary>
    public Tau2CiMethod Tau2Ci { get; init; } = Tau2CiMethod.QProfile;

    /// <summary>Output format.</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Text;

    /// <summary>The model options passed to Core.</summary>
    public FitOptions FitOptions => new() { Method = Method, Test = Test, Level = Level, PredictionInterval = PiType, Tau2Ci = Tau2Ci, Heterogeneity = Heterogeneity };

    /// <summary>
    /// The table method an analysis of <paramref name="measure"/> uses: the one asked for (<c>--method MH</c>/<c>PETO</c>),
    /// else the preset's for a common-effect model of OR, RR or RD, else none (inverse variance).
    /// </summary>
    public TableMethod? TableMethodFor(EffectMeasure measure) => TableMethod
        ?? (Method is Tau2Method.EE or Tau2Method.FE && measure is EffectMeasure.OR or EffectMeasure.RR or EffectMeasure.RD ? BinaryCommonEffect : null);
}
