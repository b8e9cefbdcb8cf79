namespace Evident.Review.RiskOfBias;

/// <summary>
/// A risk-of-bias judgement on one scale for every tool, from least to most serious: RoB 2 (Low / Some concerns /
/// High / No information; Sterne et al., BMJ 2019;366:l4898), ROBINS-I (Low / Moderate / Serious / Critical),
/// ROBINS-E (… / Very high) and RoB 1 (Low / Unclear / High). The tool's own word is kept by whoever parsed it.
/// </summary>
public enum Judgement
{
    /// <summary>Low risk of bias.</summary>
    Low,

    /// <summary>RoB 2 "Some concerns", ROBINS-I "Moderate", RoB 1 "Unclear".</summary>
    SomeConcerns,

    /// <summary>RoB 2 "High", ROBINS-I "Serious".</summary>
    High,

    /// <summary>ROBINS-I "Critical", ROBINS-E "Very high".</summary>
    Critical,

    /// <summary>No information to judge.</summary>
    NoInformation,

    /// <summary>The domain does not apply (drawn blank).</summary>
    NotApplicable,
}

/// <summary>Reading judgements as the tools and Cochrane's data write them.</summary>
public static class Judgements
{
    /// <summary>
    /// The judgement a text names (case and surrounding space ignored; "Low risk", "High risk of bias" and the short
    /// forms robvis and RevMan use are accepted); null when it names none.
    /// </summary>
    public static Judgement? Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim().ToLowerInvariant().Replace(" of bias", string.Empty, StringComparison.Ordinal)
            .Replace(" risk", string.Empty, StringComparison.Ordinal).Replace('_', ' ');
        return t switch
        {
            "low" or "l" or "+" => Judgement.Low,
            "some concerns" or "some concern" or "moderate" or "unclear" or "some" or "-" => Judgement.SomeConcerns,
            "high" or "serious" or "h" or "x" => Judgement.High,
            "critical" or "very high" or "!" => Judgement.Critical,
            "no information" or "ni" or "no info" or "?" => Judgement.NoInformation,
            "not applicable" or "na" or "n/a" or "" => Judgement.NotApplicable,
            _ => null,
        };
    }

    /// <summary>The symbol robvis draws inside the circle: + low, − some concerns, × high, ! critical, ? no information.</summary>
    public static string Symbol(Judgement judgement) => judgement switch
    {
        Judgement.Low => "+",
        Judgement.SomeConcerns => "\u2212",
        Judgement.High => "\u00d7",
        Judgement.Critical => "!",
        Judgement.NoInformation => "?",
        _ => string.Empty,
    };
}
