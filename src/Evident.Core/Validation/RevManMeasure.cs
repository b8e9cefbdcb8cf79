using Evident.Core.EffectSizes;

namespace Evident.Core.Validation;

/// <summary>
/// The per-study effect measures Review Manager 5 prints (Deeks &amp; Higgins 2010), by data type. Ratio measures are printed
/// on the ratio scale (exp of the log estimate and of its CI bounds).
/// </summary>
public enum RevManMeasure
{
    /// <summary>Mean difference (continuous data).</summary>
    MD,
    /// <summary>Standardized mean difference, Hedges' adjusted g with RevMan's variance (continuous data).</summary>
    SMD,
    /// <summary>Odds ratio (dichotomous data).</summary>
    OR,
    /// <summary>Risk ratio (dichotomous data).</summary>
    RR,
    /// <summary>Risk difference (dichotomous data).</summary>
    RD,
    /// <summary>Peto odds ratio from the 2×2 table (dichotomous data; Yusuf et al. 1985).</summary>
    PETO,
    /// <summary>Peto odds ratio exp((O − E)/V) from O − E and its variance V (Yusuf et al. 1985).</summary>
    ObservedMinusExpected,
    /// <summary>Generic inverse variance, the estimate and SE as given, on a difference scale.</summary>
    GIV,
    /// <summary>Generic inverse variance on the log scale, printed as a ratio (exp of the given estimate and CI).</summary>
    GIVRatio,
}

/// <summary>Properties of <see cref="RevManMeasure"/>.</summary>
public static class RevManMeasures
{
    /// <summary>Every measure, in the order of preference used to break ties (RevMan's defaults first within a data type).</summary>
    public static IReadOnlyList<RevManMeasure> All { get; } = Enum.GetValues<RevManMeasure>();

    /// <summary>The data type whose values the measure reads.</summary>
    public static DataType DataType(this RevManMeasure measure) => measure switch
    {
        RevManMeasure.MD or RevManMeasure.SMD => EffectSizes.DataType.Continuous,
        RevManMeasure.OR or RevManMeasure.RR or RevManMeasure.RD or RevManMeasure.PETO => EffectSizes.DataType.Binary,
        RevManMeasure.ObservedMinusExpected => EffectSizes.DataType.ObservedMinusExpected,
        RevManMeasure.GIV or RevManMeasure.GIVRatio => EffectSizes.DataType.GenericInverseVariance,
        _ => throw new ArgumentOutOfRangeException(nameof(measure)),
    };

    /// <summary>True for measures RevMan prints on the ratio scale (exp of the analysis scale).</summary>
    public static bool IsRatio(this RevManMeasure measure) =>
        measure is RevManMeasure.OR or RevManMeasure.RR or RevManMeasure.PETO or RevManMeasure.ObservedMinusExpected or RevManMeasure.GIVRatio;

    /// <summary>The escalc measure that computes it (under <see cref="EffectConventions.RevMan5"/>).</summary>
    internal static EffectMeasure EscalcMeasure(this RevManMeasure measure) => measure switch
    {
        RevManMeasure.MD => EffectMeasure.MD,
        RevManMeasure.SMD => EffectMeasure.SMD,
        RevManMeasure.OR => EffectMeasure.OR,
        RevManMeasure.RR => EffectMeasure.RR,
        RevManMeasure.RD => EffectMeasure.RD,
        RevManMeasure.PETO or RevManMeasure.ObservedMinusExpected => EffectMeasure.PETO,
        RevManMeasure.GIV or RevManMeasure.GIVRatio => EffectMeasure.GEN,
        _ => throw new ArgumentOutOfRangeException(nameof(measure)),
    };
}
