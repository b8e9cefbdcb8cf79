namespace Evident.Core.EffectSizes;

/// <summary>
/// One study's effect size on the analysis scale (log for ratio measures), or null where it could not be computed
/// (the reason is in <see cref="EffectSizeSet.Issues"/>).
/// </summary>
public sealed record StudyEffect
{
    /// <summary>0-based position in the input.</summary>
    public required int Index { get; init; }
    /// <summary>Study label as given.</summary>
    public string? Study { get; init; }
    /// <summary>Effect size, or null when not computable.</summary>
    public double? Yi { get; init; }
    /// <summary>Sampling variance, or null when not computable.</summary>
    public double? Vi { get; init; }
    /// <summary>Group 1 size as used (after any continuity correction the raw size is kept here), if the measure has groups.</summary>
    public double? N1i { get; init; }
    /// <summary>Group 2 size, if the measure has two groups.</summary>
    public double? N2i { get; init; }
    /// <summary>Total participants (n1i + n2i, or ni), if known.</summary>
    public double? Ni { get; init; }
    /// <summary>What was done to the user's numbers on the way (continuity correction, SE from CI, mean from median), in words.</summary>
    public IReadOnlyList<string> Adjustments { get; init; } = [];

    /// <summary>True when both yi and vi are available for pooling.</summary>
    public bool IsUsable => Yi is { } y && Vi is { } v && double.IsFinite(y) && double.IsFinite(v) && v > 0;
}

/// <summary>The effect sizes of a set of studies, with every problem found on the way.</summary>
/// <param name="Measure">The measure computed.</param>
/// <param name="Studies">One entry per input study, in input order.</param>
/// <param name="Issues">Problems and recorded conversions.</param>
public sealed record EffectSizeSet(EffectMeasure Measure, IReadOnlyList<StudyEffect> Studies, IReadOnlyList<Issue> Issues);
