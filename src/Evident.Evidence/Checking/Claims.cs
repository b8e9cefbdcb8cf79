using Evident.Evidence.Sources;

namespace Evident.Evidence.Checking;

/// <summary>What a number in a summary states.</summary>
public enum ClaimRole
{
    /// <summary>A pooled estimate (after a measure label: SMD, MD, OR, RR, HR, "standardized mean difference").</summary>
    Estimate,

    /// <summary>Lower bound of a CI.</summary>
    CiLower,

    /// <summary>Upper bound of a CI.</summary>
    CiUpper,

    /// <summary>A p value ("p = 0.01", "P&lt;.001", "p-value of 0.04", or "= 0.01" right after a CI where the "p" was lost).</summary>
    P,

    /// <summary>I² ("I² = 24%", "I2=24%", "I = 24%").</summary>
    I2,

    /// <summary>τ².</summary>
    Tau2,

    /// <summary>Cochran's Q.</summary>
    Q,

    /// <summary>Degrees of freedom.</summary>
    Df,

    /// <summary>Lower bound of a prediction interval.</summary>
    PiLower,

    /// <summary>Upper bound of a prediction interval.</summary>
    PiUpper,

    /// <summary>A number of studies ("eight trials", "8 RCTs", "k = 8").</summary>
    Studies,

    /// <summary>A number of participants ("249 patients", "n = 249").</summary>
    Participants,

    /// <summary>A number of records found by the search ("370 articles").</summary>
    Records,

    /// <summary>A number of databases searched.</summary>
    Databases,

    /// <summary>The confidence level of an interval ("95% CI").</summary>
    CiLevel,

    /// <summary>An OCEBM level of evidence ("Evidence level 1").</summary>
    EvidenceLevel,

    /// <summary>Any other number (a percentage, a number without a label): it must equal some source value.</summary>
    Other,

    /// <summary>Not a claim: a year, a date, an age, a reference ("guidelines 26"), a version, part of a name.</summary>
    NotAClaim,
}

/// <summary>A number found in a summary, with what it states and where.</summary>
public sealed record NumericClaim
{
    /// <summary>The number as printed.</summary>
    public required string Text { get; init; }

    /// <summary>Its value.</summary>
    public required double Value { get; init; }

    /// <summary>Decimals printed.</summary>
    public required int Decimals { get; init; }

    /// <summary>Whether a % sign follows.</summary>
    public bool Percent { get; init; }

    /// <summary>What it states.</summary>
    public required ClaimRole Role { get; init; }

    /// <summary>For a p value: =, &lt; or &gt;.</summary>
    public PRelation Relation { get; init; }

    /// <summary>The outcome it is about (the nearest outcome name before it in the sentence), or null.</summary>
    public string? OutcomeId { get; init; }

    /// <summary>The measure label it follows, normalised (SMD, MD, OR, …), for an estimate.</summary>
    public string? Measure { get; init; }

    /// <summary>For <see cref="ClaimRole.NotAClaim"/>: why (year, date, age, reference, version).</summary>
    public string? Reason { get; init; }

    /// <summary>The source value the text links the number to (HTML <c>data-source</c>, a Markdown link), if any.</summary>
    public string? Link { get; init; }

    /// <summary>Index of the result (estimate with its CI, p and I²) it belongs to within its sentence, or -1.</summary>
    public int Group { get; init; } = -1;

    /// <summary>Index of the sentence in the document.</summary>
    public int Sentence { get; init; }

    /// <summary>Offset of its first character in the original file.</summary>
    public int Offset { get; init; }

    /// <summary>Start in the block's text.</summary>
    internal int Start { get; init; }

    /// <summary>End in the block's text.</summary>
    internal int End { get; init; }

    /// <summary>Half a unit in the last printed decimal.</summary>
    public double HalfUnit => 0.5 * Math.Pow(10, -Decimals);

    /// <summary>As a <see cref="SourceNumber"/> with its printed decimals.</summary>
    public SourceNumber AsNumber => new(Value, Decimals);
}

/// <summary>An estimate with what the text reports beside it, about one outcome.</summary>
internal sealed class ResultGroup
{
    public string? OutcomeId { get; set; }

    public string? Measure { get; set; }

    public NumericClaim? Estimate { get; set; }

    public NumericClaim? Lower { get; set; }

    public NumericClaim? Upper { get; set; }

    public NumericClaim? P { get; set; }

    public NumericClaim? I2 { get; set; }

    public NumericClaim? Level { get; set; }

    public int Sentence { get; init; }

    public int Index { get; init; }
}
