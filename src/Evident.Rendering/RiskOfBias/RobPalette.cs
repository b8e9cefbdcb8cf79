using Evident.Rendering.Drawing;
using Evident.Review.RiskOfBias;

namespace Evident.Rendering.RiskOfBias;

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
