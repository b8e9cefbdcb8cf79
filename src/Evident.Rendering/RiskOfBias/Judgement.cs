using Evident.Rendering.Drawing;

namespace Evident.Rendering.RiskOfBias;

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

/// <summary>The colours of the judgements (robvis's palettes; McGuinness &amp; Higgins, Res Synth Methods 2021;12:55).</summary>
/// <param name="Name">The name users give (<c>cochrane</c>, <c>colourblind</c>).</param>
/// <param name="Low">Low.</param>
/// <param name="SomeConcerns">Some concerns / moderate / unclear.</param>
/// <param name="High">High / serious.</param>
/// <param name="Critical">Critical / very high.</param>
/// <param name="NoInformation">No information.</param>
public sealed record RobPalette(string Name, Color Low, Color SomeConcerns, Color High, Color Critical, Color NoInformation)
{
    /// <summary>Cochrane's traffic lights: green, yellow, red, dark red, blue.</summary>
    public static RobPalette Cochrane { get; } = new(
        "cochrane", Color.FromHex("#02C100"), Color.FromHex("#E2DF07"), Color.FromHex("#BF0000"), Color.FromHex("#820000"), Color.FromHex("#4EA1F7"));

    /// <summary>robvis's colour-blind-safe palette (ColorBrewer YlOrBr), told apart by lightness as well as hue.</summary>
    public static RobPalette Colourblind { get; } = new(
        "colourblind", Color.FromHex("#fed98e"), Color.FromHex("#fe9929"), Color.FromHex("#d95f0e"), Color.FromHex("#993404"), Color.FromHex("#ffffff"));

    /// <summary>Every palette by name.</summary>
    public static IReadOnlyList<RobPalette> All { get; } = [Cochrane, Colourblind];

    /// <summary>The fill of a judgement (light grey for not applicable).</summary>
    public Color Fill(Judgement judgement) => judgement switch
    {
        Judgement.Low => Low,
        Judgement.SomeConcerns => SomeConcerns,
        Judgement.High => High,
        Judgement.Critical => Critical,
        Judgement.NoInformation => NoInformation,
        _ => Color.FromHex("#cccccc"),
    };

    /// <summary>Black or white, whichever reads better on <see cref="Fill"/> (WCAG relative luminance).</summary>
    public Color SymbolColour(Judgement judgement)
    {
        var c = Fill(judgement);
        static double Linear(byte v) => v / 255.0 is var s && s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        var luminance = (0.2126 * Linear(c.R)) + (0.7152 * Linear(c.G)) + (0.0722 * Linear(c.B));
        return luminance > 0.25 ? Color.Black : Color.White;
    }
}

/// <summary>The traffic-light glyph: a filled circle with the judgement's symbol, as robvis draws it.</summary>
public static class JudgementGlyph
{
    /// <summary>Draws the glyph centred on (<paramref name="cx"/>, <paramref name="cy"/>).</summary>
    public static void Draw(Canvas canvas, double cx, double cy, double radius, Judgement judgement, RobPalette palette, string cls = "rob-judgement")
    {
        if (judgement == Judgement.NotApplicable)
        {
            return;
        }

        canvas.Circle(cx, cy, radius, palette.Fill(judgement), new Stroke(Color.FromHex("#555555"), 0.6), cls);
        canvas.TextCentred(cx, cy, Judgements.Symbol(judgement), new TextStyle(radius * 1.35, Bold: true, Fill: palette.SymbolColour(judgement)), TextAnchor.Middle, cls + "-symbol");
    }
}
