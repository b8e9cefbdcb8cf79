using Evident.Core.Models;

namespace Evident.Core.Sensitivity;

/// <summary>Options of a GOSH analysis (metafor's <c>gosh</c> defaults).</summary>
public sealed record GoshOptions
{
    /// <summary>
    /// The most subsets to fit: when 2^k − 1 is at most this, every non-empty subset is fitted; otherwise this many
    /// random subsets are. Default 10⁶, as metafor's <c>subsets</c>.
    /// </summary>
    public int Subsets { get; init; } = 1_000_000;
    /// <summary>Seed of the random subsets (xoshiro256** seeded by SplitMix64; see <see cref="GoshResult.Sampled"/>).</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>The default options.</summary>
    public static GoshOptions Default { get; } = new();
}

/// <summary>
/// A GOSH analysis (graphical display of study heterogeneity; Olkin, Dahabreh &amp; Trikalinos 2012): the model fitted to
/// subsets of the studies, one entry per subset in parallel lists. With every subset fitted, the order is metafor's:
/// by size, then by the bit mask of the included studies (study i is bit i), i.e. co-lexicographic.
/// </summary>
public sealed record GoshResult
{

    /// <summary>The fit to all studies; null when the data could not be analysed.</summary>
    public MetaAnalysisResult? Fit { get; init; }
    /// <summary>Number of studies.</summary>
    public required int K { get; init; }
    /// <summary>
    /// Whether the subsets are a random sample (2^k − 1 &gt; <see cref="GoshOptions.Subsets"/>). Each is drawn uniformly
    /// from the 2^k − 1 non-empty subsets, independently (so repeats are possible): every study is included with
    /// probability ½ by one bit of a xoshiro256** stream (Blackman &amp; Vigna 2021) seeded by SplitMix64 from
    /// <see cref="GoshOptions.Seed"/>, and an empty draw is redrawn. The same seed gives the same subsets on every machine;
    /// they are not metafor's sample (R's generator is different), so only full enumerations can be compared.
    /// </summary>
    public required bool Sampled { get; init; }
    /// <summary>Number of studies in each subset.</summary>
    public required IReadOnlyList<int> SubsetSize { get; init; }
    /// <summary>Pooled estimate of each subset.</summary>
    public required IReadOnlyList<double> Estimate { get; init; }
    /// <summary>Cochran's Q of each subset.</summary>
    public required IReadOnlyList<double> Q { get; init; }
    /// <summary>I² (percent) of each subset.</summary>
    public required IReadOnlyList<double> I2 { get; init; }
    /// <summary>H² of each subset.</summary>
    public required IReadOnlyList<double> H2 { get; init; }
    /// <summary>τ̂² of each subset (0 for EE/FE).</summary>
    public required IReadOnlyList<double> Tau2 { get; init; }
    /// <summary>Problems and notes.</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];

    /// <summary>Number of subsets fitted.</summary>
    public int Count => Estimate.Count;

    /// <summary>Inclusion bits: subset s occupies words [s·w, (s + 1)·w), w = ⌈k/64⌉, study i is bit i % 64 of word i / 64.</summary>
    internal ulong[] Masks { get; init; } = [];

    /// <summary>Whether subset <paramref name="subset"/> includes study <paramref name="study"/> (0-based input index).</summary>
    public bool Includes(int subset, int study)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(subset);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(subset, Count);
        ArgumentOutOfRangeException.ThrowIfNegative(study);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(study, K);
        return (Masks[((long)subset * ((K + 63) / 64)) + (study / 64)] & (1UL << (study % 64))) != 0;
    }
}
