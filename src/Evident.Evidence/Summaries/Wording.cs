using System.Collections.Immutable;
using Evident.Analysis;
using Evident.Evidence.Sources;

namespace Evident.Evidence.Summaries;

/// <summary>Which rule of thumb turns the size of a standardized mean difference into a word.</summary>
public enum MagnitudeScale
{
    /// <summary>
    /// Cohen (1988), as quoted in the Cochrane Handbook 5.1 §12.6.2: 0.2 small, 0.5 moderate, 0.8 large; below 0.2
    /// trivial (the lowest column of GRADE guidelines 26, Santesso et al. 2020).
    /// </summary>
    Cohen,

    /// <summary>The Cochrane Handbook 5.1 §12.6.2 variant: below 0.40 small, 0.40 to 0.70 moderate, above 0.70 large.</summary>
    Cochrane,
}

/// <summary>The size of an effect in words (GRADE guidelines 26's columns: trivial, small, moderate, large).</summary>
public enum Magnitude
{
    /// <summary>Trivial: little to no difference.</summary>
    Trivial,

    /// <summary>Small.</summary>
    Small,

    /// <summary>Moderate.</summary>
    Moderate,

    /// <summary>Large.</summary>
    Large,
}

/// <summary>The Cochrane Handbook's overlapping ranges for I² (Higgins et al., Cochrane Handbook §10.10.2).</summary>
public enum I2Band
{
    /// <summary>0% to 40%: might not be important.</summary>
    MightNotBeImportant,

    /// <summary>30% to 60%: may represent moderate heterogeneity.</summary>
    Moderate,

    /// <summary>50% to 90%: may represent substantial heterogeneity.</summary>
    Substantial,

    /// <summary>75% to 100%: considerable heterogeneity.</summary>
    Considerable,
}

/// <summary>One of the Cochrane Handbook's ranges of I² (§10.10.2).</summary>
/// <param name="Band">The band.</param>
/// <param name="Name">Its word: might not be important, moderate, substantial, considerable.</param>
/// <param name="From">Lower end in percent (inclusive).</param>
/// <param name="To">Upper end in percent (inclusive).</param>
/// <param name="Phrase">How the Handbook words it.</param>
public sealed record I2Range(I2Band Band, string Name, double From, double To, string Phrase);

/// <summary>Which way a pooled estimate points on the outcome's scale.</summary>
public enum EffectDirection
{
    /// <summary>At the value of no effect.</summary>
    None,

    /// <summary>The outcome is higher with the intervention (a positive difference, a ratio above 1).</summary>
    Increase,

    /// <summary>The outcome is lower with the intervention (a negative difference, a ratio below 1).</summary>
    Decrease,
}

/// <summary>
/// Every word list, threshold and phrase the summaries use, in one place, so the accuracy checker reads the same rules
/// the writer follows. The rules are published ones, not taste:
/// <list type="bullet">
/// <item>Statements by certainty: GRADE guidelines 26 (Santesso et al. 2020, J Clin Epidemiol 119:126–135): high
/// "X reduces/increases", moderate "X probably …", low "X may …", very low "the evidence is very uncertain about the
/// effect of X on …". A result whose certainty was not assessed is worded as low ("may"), never stronger.</item>
/// <item>No recommendations: Cochrane plain-language-summary guidance (Pitcher, Mitchell &amp; Hughes 2021, Cochrane
/// Handbook chapter III S2): "do not make any recommendations about whether or not a treatment should be used".</item>
/// <item>A confidence interval that includes no effect is not evidence of no effect (Altman &amp; Bland 1995, BMJ
/// 311:485): never "no effect", "did not improve" or "no benefit"; say the result is uncertain.</item>
/// <item>No "statistically significant" (Cochrane Handbook v6 chapter 15, key points): report the CI with the exact p.</item>
/// <item>Magnitude of an SMD: Cohen (1988) or the Cochrane variant (Cochrane Handbook 5.1 §12.6.2), on |SMD|.</item>
/// <item>I² bands: Cochrane Handbook §10.10.2 (0–40, 30–60, 50–90, 75–100%); where the ranges overlap both bands are
/// named.</item>
/// </list>
/// </summary>
public static class Wording
{
    /// <summary>
    /// Words that make a sentence a recommendation, which a key takeaway must not contain (Cochrane PLS guidance; Yavchitz
    /// et al. 2016 rate unsupported recommendations the most severe spin). Matched as whole words, case-insensitively.
    /// </summary>
    public static readonly ImmutableArray<string> RecommendationWords =
    [
        "consider", "considered", "should", "recommend", "recommends", "recommended", "must", "use", "advise", "advised",
        "ought", "encourage", "encouraged", "offer", "prescribe",
    ];

    /// <summary>
    /// Phrases (regular expressions, case-insensitive) that describe a result as showing no effect. None may describe a
    /// result whose CI includes no effect (Altman &amp; Bland 1995); the writer never uses them at all. "The confidence
    /// interval includes no effect" is allowed: it says what the interval contains, not that there is no effect.
    /// </summary>
    public static readonly ImmutableArray<string> NoEffectClaims =
    [
        @"\b(has|have|had|showed|shows|show|found|finds|find) no effect\b",
        @"\bno effect (on|of|in)\b",
        @"(?<!little or )(?<!little to )\bno (significant )?(benefit|improvement|difference)\b",
        @"\b(did|does|do) not (improve|reduce|increase|benefit|change|affect|work|help)\b",
        @"\b(ineffective|not effective)\b",
    ];

    /// <summary>Words the Cochrane Handbook (v6, chapter 15) asks summaries not to use; the writer never does.</summary>
    public static readonly ImmutableArray<string> SignificanceWords =
    [
        "statistically significant", "significant", "significantly", "non-significant", "nonsignificant", "insignificant",
    ];

    /// <summary>
    /// GRADE guidelines 6 (Guyatt et al. 2011, J Clin Epidemiol 64:1283–1293): as a rule of thumb for the optimal
    /// information size of a continuous outcome, a review with fewer than about 400 participants in total is imprecise.
    /// </summary>
    public const int OptimalInformationSize = 400;

    /// <summary>
    /// Tests for funnel-plot asymmetry (small-study effects) should be used only when at least 10 studies are pooled
    /// (Sterne et al. 2011, BMJ 343:d4002; Cochrane Handbook v6 §13.3.5.4).
    /// </summary>
    public const int StudiesForSmallStudyTests = 10;

    /// <summary>The p value below which a result without a CI is read as excluding no effect (the 95% CI's complement).</summary>
    public const double Alpha = 0.05;

    /// <summary>The citation of the optimal-information-size rule, as the summary prints it.</summary>
    public const string OptimalInformationSizeRule = "GRADE's rule of thumb of about 400 people for a continuous outcome (Guyatt et al. 2011)";

    /// <summary>The citation of the small-study rule, as the summary prints it.</summary>
    public const string SmallStudyRule = "tests need at least 10 studies (Cochrane Handbook §13.3.5.4)";

    /// <summary>The citation of the wording rules, as the summary prints it.</summary>
    public const string Grade26 = "GRADE guidelines 26, Santesso et al. 2020";

    /// <summary>The citation of the I² bands, as the summary prints it.</summary>
    public const string I2Rule = "Cochrane Handbook §10.10.2";

    /// <summary>The citation of OCEBM's levels, as the summary prints it.</summary>
    public const string OcebmRule = "OCEBM 2011";

    /// <summary>Whether the measure is a standardized mean difference, the only measure a size word is given for.</summary>
    public static bool HasMagnitudeScale(string measure) => measure.ToUpperInvariant() is "SMD" or "SMDH" or "SMD1" or "SMCC" or "SMCR";

    /// <summary>The size word of |SMD| on a scale (Cohen 1988; Cochrane Handbook 5.1 §12.6.2). Cochrane's scale has no trivial band.</summary>
    public static Magnitude MagnitudeOf(double smd, MagnitudeScale scale)
    {
        var d = Math.Abs(smd);
        return scale switch
        {
            MagnitudeScale.Cochrane => d < 0.40 ? Magnitude.Small : d <= 0.70 ? Magnitude.Moderate : Magnitude.Large,
            _ => d < 0.2 ? Magnitude.Trivial : d < 0.5 ? Magnitude.Small : d < 0.8 ? Magnitude.Moderate : Magnitude.Large,
        };
    }

    /// <summary>"trivial", "small", "moderate", "large".</summary>
    public static string Word(Magnitude magnitude) => magnitude switch
    {
        Magnitude.Trivial => "trivial",
        Magnitude.Small => "small",
        Magnitude.Moderate => "moderate",
        _ => "large",
    };

    /// <summary>How the summary names the scale it used.</summary>
    public static string ScaleName(MagnitudeScale scale) => scale == MagnitudeScale.Cochrane
        ? "the Cochrane Handbook's rule of thumb (below 0.40 small, 0.40 to 0.70 moderate, above 0.70 large; Cochrane Handbook 5.1 §12.6.2)"
        : "Cohen's rule of thumb (0.2 small, 0.5 moderate, 0.8 large; Cohen 1988)";

    /// <summary>The short name of the scale ("Cohen's", "the Cochrane Handbook's").</summary>
    public static string ScaleShortName(MagnitudeScale scale) => scale == MagnitudeScale.Cochrane ? "the Cochrane Handbook's rule of thumb" : "Cohen's rule of thumb";

    /// <summary>
    /// A signed band index of an SMD: 0 for Cohen's trivial band; ±1, ±2, ±3 for small, moderate, large increases or
    /// decreases. Two values are in the same band when their indices are equal (on Cochrane's scale a small decrease and
    /// a small increase are different bands: the value of no effect splits them).
    /// </summary>
    public static int SignedBand(double smd, MagnitudeScale scale)
    {
        var m = MagnitudeOf(smd, scale);
        if (m == Magnitude.Trivial)
        {
            return 0;
        }

        return smd < 0 ? -(int)m : (int)m;
    }

    /// <summary>
    /// The Cochrane Handbook's ranges for I² with the Handbook's wording (§10.10.2): 0–40% might not be important,
    /// 30–60% may represent moderate, 50–90% substantial, 75–100% considerable heterogeneity: the one table of
    /// <see cref="HeterogeneityBands.All"/> (which every front end reads), each band with its <see cref="I2Band"/> in order.
    /// </summary>
    public static ImmutableArray<I2Range> I2Ranges { get; } =
        [.. HeterogeneityBands.All.Select((b, i) => new I2Range((I2Band)i, b.Name, b.From, b.To, b.Phrase))];

    /// <summary>The Cochrane Handbook bands I² (in percent, as printed) falls in: one, or two where the ranges overlap.</summary>
    public static ImmutableArray<I2Band> I2Bands(double i2)
    {
        var clamped = Math.Clamp(i2, 0, 100);
        return [.. I2Ranges.Where(r => clamped >= r.From && clamped <= r.To).Select(r => r.Band)];
    }

    /// <summary>
    /// The heterogeneity clause for the bands: "heterogeneity might not be important", "heterogeneity may be moderate",
    /// "heterogeneity may be substantial", "there is considerable heterogeneity", or two of them joined with "or".
    /// </summary>
    public static string I2Phrase(IReadOnlyList<I2Band> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return bands switch
        {
            [I2Band.MightNotBeImportant] => "heterogeneity might not be important",
            [I2Band.Moderate] => "heterogeneity may be moderate",
            [I2Band.Substantial] => "heterogeneity may be substantial",
            [I2Band.Considerable] => "there is considerable heterogeneity",
            [I2Band.MightNotBeImportant, I2Band.Moderate] => "heterogeneity might not be important or may be moderate",
            [I2Band.Moderate, I2Band.Substantial] => "heterogeneity may be moderate or substantial",
            [I2Band.Substantial, I2Band.Considerable] => "heterogeneity may be substantial or considerable",
            _ => "heterogeneity could not be placed in a band",
        };
    }

    /// <summary>Whether the bands say heterogeneity is high (substantial or considerable): a limitation.</summary>
    public static bool IsHighHeterogeneity(IReadOnlyList<I2Band> bands) => bands.Contains(I2Band.Substantial) || bands.Contains(I2Band.Considerable);

    /// <summary>
    /// The GRADE-26 hedge for a certainty: "" (high), "probably" (moderate), "may" (low, and not assessed). Very low
    /// certainty has no hedge: its statement is <see cref="VeryUncertain"/>.
    /// </summary>
    public static string Hedge(Certainty? certainty) => certainty switch
    {
        Certainty.High => "",
        Certainty.Moderate => "probably",
        _ => "may",
    };

    /// <summary>Hedges a summary may use for a certainty; not assessed allows only "may" (GRADE-26, low row).</summary>
    public static ImmutableArray<string> AllowedHedges(Certainty? certainty) => certainty switch
    {
        Certainty.High => ["", "probably", "likely", "may"],
        Certainty.Moderate => ["probably", "likely", "may"],
        _ => ["may"],
    };

    /// <summary>Verbs that state an effect without a hedge, which low, very low or unassessed certainty must not use.</summary>
    public static readonly ImmutableArray<string> UnhedgedVerbs =
    [
        "improves", "improved", "increases", "increased", "reduces", "reduced", "decreases", "decreased", "results in",
        "resulted in", "leads to", "led to", "lowers", "lowered", "raises", "raised", "works", "is effective", "was effective",
        "prevents", "prevented", "shortens", "shortened",
    ];

    /// <summary>The very-low-certainty statement of GRADE-26: "The evidence is very uncertain about the effect of X on O".</summary>
    public static string VeryUncertain(string intervention, string outcome) => $"the evidence is very uncertain about the effect of {intervention} on {outcome}";

    /// <summary>
    /// A GRADE-26 statement, without its subject: "may increase MEP slightly", "probably results in a large reduction in
    /// pain", "results in little to no difference in FVC". <paramref name="magnitude"/> is null when no scale applies to the
    /// measure (the statement then has no size word). Not for very low certainty (<see cref="VeryUncertain"/>).
    /// </summary>
    public static string Statement(Certainty? certainty, EffectDirection direction, Magnitude? magnitude, string outcome)
    {
        var hedge = Hedge(certainty);
        if (direction == EffectDirection.None || magnitude == Magnitude.Trivial)
        {
            return Verb(hedge, "result", "results") + " in little to no difference in " + outcome;
        }

        var up = direction == EffectDirection.Increase;
        return magnitude switch
        {
            Magnitude.Large => Verb(hedge, "result", "results") + $" in a large {(up ? "increase" : "reduction")} in {outcome}",
            Magnitude.Small => Verb(hedge, up ? "increase" : "reduce", up ? "increases" : "reduces") + $" {outcome} slightly",
            _ => Verb(hedge, up ? "increase" : "reduce", up ? "increases" : "reduces") + $" {outcome}",
        };
    }

    /// <summary>
    /// The statement for a result whose CI includes no effect (or, without a CI, whose p is at least 0.05): the direction
    /// of the estimate and "little or no difference" both stay possible, so neither is asserted (Altman &amp; Bland 1995):
    /// "may increase FVC slightly, or make little or no difference to it".
    /// </summary>
    public static string UncertainStatement(Certainty? certainty, EffectDirection direction, Magnitude? magnitude, string outcome)
    {
        var hedge = Hedge(certainty);
        if (direction == EffectDirection.None || magnitude == Magnitude.Trivial)
        {
            return Verb(hedge, "make", "makes") + " little or no difference to " + outcome;
        }

        var up = direction == EffectDirection.Increase;
        var change = magnitude switch
        {
            Magnitude.Large => Verb(hedge, "result", "results") + $" in a large {(up ? "increase" : "reduction")} in {outcome}",
            Magnitude.Small => Verb(hedge, up ? "increase" : "reduce", up ? "increases" : "reduces") + $" {outcome} slightly",
            _ => Verb(hedge, up ? "increase" : "reduce", up ? "increases" : "reduces") + $" {outcome}",
        };
        return change + $", or {(hedge == "may" ? "make" : "makes")} little or no difference to it";
    }

    /// <summary>Words for the evidence being uncertain; used with low, very low or unassessed certainty.</summary>
    public const string EvidenceUncertain = "the evidence is uncertain";

    /// <summary>What a summary says of a CI that includes the value of no effect.</summary>
    public const string CiIncludesNoEffect = "the confidence interval includes no effect";

    /// <summary>
    /// The OCEBM 2011 level of evidence of a review of studies of the design, for "does this intervention help?"
    /// (OCEBM Levels of Evidence Working Group 2011): 1 for a systematic review of randomised trials, 3 for
    /// non-randomised controlled studies, 4 for case series or case-control studies; null when the design is not stated.
    /// A level is a design hierarchy, not a certainty rating (GRADE), and the summary keeps the two apart.
    /// </summary>
    public static int? OcebmLevel(IncludedDesign design) => design switch
    {
        IncludedDesign.RandomisedTrials => 1,
        IncludedDesign.NonRandomised => 3,
        IncludedDesign.CaseSeriesOrCaseControl => 4,
        _ => null,
    };

    /// <summary>OCEBM 2011's description of the level's design.</summary>
    public static string OcebmDescription(IncludedDesign design) => design switch
    {
        IncludedDesign.RandomisedTrials => "systematic review of randomised trials",
        IncludedDesign.NonRandomised => "non-randomised controlled cohort or follow-up studies",
        IncludedDesign.CaseSeriesOrCaseControl => "case series, case-control or historically controlled studies",
        _ => "design not stated",
    };

    /// <summary>The included design in words, for a count of studies ("randomised trials", "1 randomised trial").</summary>
    public static string DesignNoun(IncludedDesign design, int count = 2)
    {
        var one = count == 1;
        return design switch
        {
            IncludedDesign.RandomisedTrials => one ? "randomised trial" : "randomised trials",
            IncludedDesign.NonRandomised => one ? "non-randomised study" : "non-randomised studies",
            IncludedDesign.CaseSeriesOrCaseControl => one ? "case series or case-control study" : "case series or case-control studies",
            _ => one ? "study" : "studies",
        };
    }

    /// <summary>GRADE's name of a certainty level ("high", "moderate", "low", "very low"), or "not assessed".</summary>
    public static string CertaintyWord(Certainty? certainty) => certainty switch
    {
        Certainty.High => "high",
        Certainty.Moderate => "moderate",
        Certainty.Low => "low",
        Certainty.VeryLow => "very low",
        _ => "not assessed",
    };

    private static string Verb(string hedge, string bare, string third) => hedge switch
    {
        "" => third,
        "may" => "may " + bare,
        _ => hedge + " " + third,
    };
}
