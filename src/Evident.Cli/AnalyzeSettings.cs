using Evident.Core.EffectSizes;
using Evident.Core.Models;

namespace Evident.Cli;

/// <summary>Output formats of <c>evident analyze</c>.</summary>
internal enum OutputFormat
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

/// <summary>Everything <c>evident analyze</c> was asked to do, after parsing the command line.</summary>
internal sealed record AnalyzeSettings
{
    /// <summary>The input file as given on the command line.</summary>
    public required string InputPath { get; init; }

    /// <summary>The measure, or null for <c>auto</c>: each row's data type is inferred and mapped to a measure.</summary>
    public EffectMeasure? Measure { get; init; }

    /// <summary>With <c>--measure auto</c>: the measure for continuous rows.</summary>
    public EffectMeasure Continuous { get; init; } = EffectMeasure.SMD;

    /// <summary>With <c>--measure auto</c>: the measure for binary rows.</summary>
    public EffectMeasure Binary { get; init; } = EffectMeasure.OR;

    /// <summary>Batch mode: the columns whose distinct value combinations each make one analysis; null without <c>--by</c>.</summary>
    public IReadOnlyList<string>? By { get; init; }

    /// <summary>Rows are all used whatever their <c>Applicability</c> (as a plain grouping would).</summary>
    public bool IgnoreApplicability { get; init; }

    /// <summary>No progress bar and no summary on stderr.</summary>
    public bool Quiet { get; init; }

    /// <summary>The tool whose conventions apply (<c>--preset</c>); also in <see cref="EscalcOptions.Conventions"/>.</summary>
    public EffectConventions Preset { get; init; } = EffectConventions.Metafor;

    /// <summary>The τ² estimator.</summary>
    public Tau2Method Method { get; init; } = Tau2Method.REML;

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
    public FitOptions FitOptions => new() { Method = Method, Test = Test, Level = Level, PredictionInterval = PiType, Tau2Ci = Tau2Ci };
}
