using System.Text.RegularExpressions;

namespace Evident.Evidence.Checking;

/// <summary>
/// The word lists the wording checks use, as regular expressions (case-insensitive). Their sources: GRADE guidelines
/// 26 (Santesso et al. 2020) for the verbs each certainty allows; the Cochrane Handbook ch. 15 key points and Altman
/// &amp; Bland (BMJ 1995;311:485) for significance and "absence of evidence"; Cohen (1988) and the Cochrane Handbook 5.1
/// §12.6.2 for size words; the Cochrane Handbook 5.0.1 I² ranges for heterogeneity words; the Cochrane PLS guidance
/// ("do not make any recommendations") for the key takeaway; Peters &amp; Chin-Yee (2025) and Yavchitz et al. (2016)
/// for generalisation beyond the outcomes studied.
/// </summary>
internal static partial class CheckWords
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>
    /// For the patterns without lookarounds: source-generated backtracking, linear in the text for these patterns
    /// (alternations of words between <c>\b</c>s, whose quantified parts are disjoint classes; the patterns with a
    /// lookaround look a bounded way only, and the patterns ending in <c>$</c> run on bounded windows,
    /// <see cref="Window"/>). Implementation note: not <see cref="RegexOptions.NonBacktracking"/>, which the source
    /// generator cannot compile: its automata were built at run time, some 150 ms and 50 MB of every <c>check</c>.
    /// </summary>
    private const RegexOptions Linear = Options;

    /// <summary>Hedges at the level GRADE-26 gives low certainty ("may").</summary>
    [GeneratedRegex(@"\b(may|might|could|possibly|perhaps|uncertain|unclear|unsure)\b", Linear)]
    public static partial Regex MayHedge();

    /// <summary>Hedges at the level GRADE-26 gives moderate certainty ("probably", "likely").</summary>
    [GeneratedRegex(@"\b(probably|likely|suggests?|suggesting|appears? to|seems? to)\b", Linear)]
    public static partial Regex ProbablyHedge();

    /// <summary>The very-low-certainty statement.</summary>
    [GeneratedRegex(@"\bvery uncertain\b", Linear)]
    public static partial Regex VeryUncertain();

    /// <summary>Statements of an effect as fact, stronger than "may" or "probably" (present tense, "can", "will", "shows that").</summary>
    [GeneratedRegex(@"\b(improves|reduces|increases|decreases|lowers|raises|worsens|boosts|enhances|strengthens|prevents|cures|works|results in|leads to|(is|are) effective|settles|proves|demonstrates|shows that|confirms|establishes|(can|will|does|do)( not)? (improve|reduce|increase|decrease|lower|raise|boost|enhance|strengthen|prevent|cure|help|work|result in|lead to|benefit))\b", Linear)]
    public static partial Regex AssertedEffect();

    /// <summary>Words that make a sentence about the intervention or the evidence (besides the intervention's own names).</summary>
    [GeneratedRegex(@"\b(research|study|studies|review|meta-analysis|evidence|results?|findings|trials?|training|treatment|therapy|intervention|exercises?|programme|program)\b", Linear)]
    public static partial Regex EvidenceSubject();

    /// <summary>"significant" and its forms (not "clinically significant", which is an MID word).</summary>
    [GeneratedRegex(@"(?<!clinically )\b(statistically )?(non-?|in)?significan(t|tly|ce)\b", Options)]
    public static partial Regex Significance();

    /// <summary>Significance denied.</summary>
    [GeneratedRegex(@"\b(not|no|non-?|in|nor|without|lack of)\s*(a |any |statistically |statistical )*significan|\b(did|does|do)( not|n't) (show|reach|achieve|find|demonstrate|yield|produce)( a| any)?( statistically| statistical)? significan|\bfailed to (reach|achieve|show) (statistical )?significance|\bnon-?significant", Linear)]
    public static partial Regex NotSignificant();

    /// <summary>An absence of effect asserted ("no effect", "did not improve", "no benefit", "does not work").</summary>
    [GeneratedRegex(@"(?<!\b(little to|little or|includes?|including|consistent with|compatible with|line of|cross(es|ing)?|spans?|or|and|of|with)\s)\b((had|has|have|showed|shows)\s)?no (effect|benefit|improvement|change|impact|difference)s?\b|\b(did|does|do)( not|n't) (improve|benefit|work|help|change|increase|reduce|affect|raise)\b|\b(not|in)effective\b|\bnot (effective|beneficial)\b|\b(stays|stayed|remained|remains|stay) (the same|unchanged)\b|\bunchanged\b", Options)]
    public static partial Regex Absence();

    /// <summary>Words that claim an effect was found (checked against the CI when not hedged).</summary>
    [GeneratedRegex(@"\b(improved|improves|improvements?|effective|benefit(ed|s)?|beneficial|gains?|stronger|increased|reduced|(?<!(lower|higher|less|more) is )better)\b", Options)]
    public static partial Regex EffectFound();

    /// <summary>Negation just before a word (within the three words before it).</summary>
    [GeneratedRegex(@"\b(not|no|never|without|nor|n't|neither|failed to|did not|does not|do not)\b(\W+\w+){0,2}\W*$", Linear)]
    public static partial Regex NegationBefore();

    /// <summary>Words that say the outcome went up.</summary>
    [GeneratedRegex(@"\b(increase[sd]?|increasing|higher|raise[sd]?|raising|rise[sn]?|rose|grew|grow[sn]?)\b(?!\s{1,8}(limit|bound|end|certainty|risk of bias|is better|is worse))", Options)]
    public static partial Regex Up();

    /// <summary>Words that say the outcome went down.</summary>
    [GeneratedRegex(@"\b(decrease[sd]?|decreasing|reduce[sd]?|reducing|reductions?|lowered|lowers|lower(?!\s{1,8}(limit|bound|end|certainty|is better|is worse))|fewer|decline[sd]?|dropped|drops?)\b", Options)]
    public static partial Regex Down();

    /// <summary>Words that say patients are better off.</summary>
    [GeneratedRegex(@"\b(improve[sd]?|improving|improvements?|(?<!(lower|higher|less|more) is )better|benefit(ed|s)?|beneficial|stronger)\b", Options)]
    public static partial Regex Better();

    /// <summary>Words that say patients are worse off.</summary>
    [GeneratedRegex(@"\b(worsen(ed|s|ing)?|worse|harm(ed|s|ful)?|deteriorat\w*|weaker)\b", Linear)]
    public static partial Regex Worse();

    /// <summary>Size words (Cohen 1988; Cochrane Handbook 5.1 §12.6.2), with the bands each may name: 0 trivial, 1 small, 2 moderate, 3 large.</summary>
    [GeneratedRegex(@"\b(trivial|negligible|tiny|small|slight|slightly|modest|modestly|minor|moderate|moderately|medium|large|big|substantial|substantially|considerable|considerably|marked|markedly|strong|strongly|greatly|major|dramatic|dramatically|huge)\b(?!-(study|studies|sample|scale|group|trial))", Options)]
    public static partial Regex SizeWord();

    /// <summary>What a size word must be near to describe an effect.</summary>
    [GeneratedRegex(@"\b(effects?|improve\w*|increase\w*|reduc\w*|decrease\w*|benefits?|gains?|changes?|differences?|amount|lower\w*|rais\w*)\b", Linear)]
    public static partial Regex EffectWord();

    /// <summary>Words that say a size is uncertain.</summary>
    [GeneratedRegex(@"\b(uncertain|unclear|imprecise|could be|range[sd]?|ranging|between|either|anywhere|as (small|large|little) as)\b", Linear)]
    public static partial Regex SizeUncertain();

    /// <summary>Words that need a minimal important difference.</summary>
    [GeneratedRegex(@"\b(meaningful|clinically (important|relevant|significant|meaningful|worthwhile)|important (improvement|benefit|difference|effect|change)s?|worthwhile)\b", Linear)]
    public static partial Regex NeedsMid();

    /// <summary>Recommendations (not allowed in a key takeaway).</summary>
    [GeneratedRegex(@"\b(consider|considering|should|recommend\w*|must|ought to|advis(e|ed|able)|we suggest|is indicated)\b|^\s*(use|try|start|add|offer|prescribe|give|ask|avoid|begin|include|talk|choose)\b", Linear)]
    public static partial Regex Recommendation();

    /// <summary>A level of evidence (OCEBM, Oxford).</summary>
    [GeneratedRegex(@"\b(evidence\s*level|levels? of evidence|level\s*[1-5][abc]?\b|ocebm|oxford (cebm|levels?))", Linear)]
    public static partial Regex EvidenceLevel();

    /// <summary>Words of certainty or quality.</summary>
    [GeneratedRegex(@"\b(certainty|quality|confidence|grade|reliab\w*|trustworth\w*|strong evidence|robust|high[- ]quality)\b", Linear)]
    public static partial Regex CertaintyWord();

    /// <summary>A negation or contrast before a certainty word ("not a certainty rating", "rather than quality").</summary>
    [GeneratedRegex(@"\b(not|no|isn't|nor|rather than|separate|apart|distinct|without|instead of|unlike)\b(\W+\w+){0,4}\W*$", Linear)]
    public static partial Regex CertaintyNegation();

    /// <summary>Benefits beyond outcomes that surrogate measures support (Peters &amp; Chin-Yee 2025; Yavchitz et al. 2016 "inappropriate extrapolation").</summary>
    [GeneratedRegex(@"\b(better breathing|breathe (better|easier)|breathing (easier|better)|easier breathing|more energy|less (tired|tiredness|fatigue)|(reduced?|lower) fatigue|quality of life|feel(s|ing)? better|more efficient|cure[sd]?|live longer|function better|works for everyone|for everyone|all patients|every patient)\b", Linear)]
    public static partial Regex Overgeneralisation();

    /// <summary>Words that assert an effect (for the unsourced-claim check).</summary>
    [GeneratedRegex(@"\b(improve[sd]?|improving|improvements?|reduce[sd]?|reduction|increase[sd]?|benefit\w*|works|effective|helps?|better|stronger|gains?)\b", Linear)]
    public static partial Regex Asserts();

    /// <summary>Heterogeneity named.</summary>
    [GeneratedRegex(@"\b(heterogeneity|heterogeneous|inconsistency|inconsistent results|variation between (studies|trials)|I²|I2)\b", Linear)]
    public static partial Regex Heterogeneity();

    /// <summary>Heterogeneity band words (Cochrane Handbook 5.0.1): low, moderate, substantial, considerable.</summary>
    [GeneratedRegex(@"\b(no|low|little|minimal|negligible|unimportant|not important|might not be important|moderate|substantial|high|large|considerable|very high|extreme|important)\b", Linear)]
    public static partial Regex HeterogeneityBand();

    /// <summary>What joins two size words into a range: "small to moderate", "small-to-moderate", "from a trivial to a large".</summary>
    [GeneratedRegex(@"^\s*([\w-]+\s+)?(-|to|or|and)\s*(an?\s+)?$", Linear)]
    public static partial Regex SizeRangeJoin();

    /// <summary>"how" or "as" just before a size word ("how large", "as small as"): a question or a comparison, not a size.</summary>
    [GeneratedRegex(@"\b(how|as)\s+$", Linear)]
    public static partial Regex HowAsBefore();

    /// <summary>A condition or question within the three words before a word ("if this works", "whether it helps").</summary>
    [GeneratedRegex(@"\b(if|whether|unless|to see|to test)\b(\W+\w+){0,2}\W*$", Linear)]
    public static partial Regex ConditionBefore();

    /// <summary>A word of a name: letters, digits, apostrophes, slashes and hyphens ("FEV1/FVC", "six-minute").</summary>
    [GeneratedRegex(@"[\w'’/-]+", RegexOptions.CultureInvariant)]
    public static partial Regex NameWord();

    /// <summary>A clause about an interval or a range: it describes bounds, not the estimate.</summary>
    [GeneratedRegex(@"\b(interval|intervals|range|ranges|ranging)\b", Linear)]
    public static partial Regex IntervalWord();

    /// <summary>The label a key takeaway may start with ("Key takeaway:", "Key messages.").</summary>
    [GeneratedRegex(@"^\s*key (takeaways?|messages?)\s*[:.\-\u2013\u2014]?\s*", Linear)]
    public static partial Regex TakeawayLabel();

    /// <summary>Up to three words after a position (on a bounded window, <see cref="Window"/>).</summary>
    [GeneratedRegex(@"^(\W+[\w'’-]+){1,3}", RegexOptions.CultureInvariant)]
    public static partial Regex WordsAfter();

    /// <summary>Up to four words before a position (on a bounded window, <see cref="Window"/>).</summary>
    [GeneratedRegex(@"([\w'’-]+\W+){1,4}$", RegexOptions.CultureInvariant)]
    public static partial Regex WordsBefore();

    /// <summary>Where a clause ends inside a sentence: ";", ", but", "but", "whereas", "while", "although", "however".</summary>
    [GeneratedRegex(@";|,\s*(but|whereas|while|although|though|yet)\b|\s(but|whereas|however)\b", Linear)]
    public static partial Regex ClauseBreak();

    /// <summary>The start of a quoted source (the seed page's "View Original Abstract"): its text is the source's, not the summary's claims.</summary>
    [GeneratedRegex(@"^\s*(view )?(the )?original abstract\b", Linear)]
    public static partial Regex QuotedSource();

    /// <summary>The bands a size word may name: 0 trivial, 1 small, 2 moderate, 3 large ("modest" is small or moderate).</summary>
    public static int[] SizeBands(string word) => word.ToLowerInvariant() switch
    {
        "trivial" or "negligible" or "tiny" => [0],
        "small" or "slight" or "slightly" or "minor" => [1],
        "modest" or "modestly" => [1, 2],
        "moderate" or "moderately" or "medium" => [2],
        _ => [3],
    };

    /// <summary>The I² range (percent) a heterogeneity word names, by the Cochrane Handbook's overlapping bands.</summary>
    public static (double Low, double High) HeterogeneityRange(string word) => word.ToLowerInvariant() switch
    {
        "no" or "low" or "little" or "minimal" or "negligible" or "unimportant" or "not important" or "might not be important" => (0, 40),
        "moderate" => (30, 60),
        "substantial" or "high" or "large" or "important" => (50, 100),
        _ => (75, 100),
    };
}
