namespace Evident.Review.RiskOfBias;

/// <summary>
/// The risk-of-bias tools whose figures Evident draws, as robvis knows them (McGuinness &amp; Higgins, Res Synth Methods
/// 2021;12:55): each fixes the domains' names and the words of its judgements.
/// </summary>
public enum RobTool
{
    /// <summary>RoB 2 for randomized trials, D1–D5 (Sterne et al., BMJ 2019;366:l4898); D1b for cluster trials.</summary>
    Rob2,

    /// <summary>ROBINS-I for non-randomized studies of interventions, D1–D7 (Sterne et al., BMJ 2016;355:i4919).</summary>
    RobinsI,

    /// <summary>ROBINS-E for non-randomized studies of exposures, D1–D7 (Higgins et al., Environ Int 2024;186:108602).</summary>
    RobinsE,

    /// <summary>QUADAS-2 for diagnostic accuracy studies, D1–D4 (Whiting et al., Ann Intern Med 2011;155:529).</summary>
    Quadas2,

    /// <summary>QUIPS for prognostic factor studies, D1–D6 (Hayden et al., Ann Intern Med 2013;158:280).</summary>
    Quips,

    /// <summary>
    /// The original Cochrane tool (Higgins et al., BMJ 2011;343:d5928): Low / Unclear / High; domains named by the
    /// header, or its seven standard domains for columns D1–D7.
    /// </summary>
    Rob1,

    /// <summary>Any other tool: domains named by the header, judgements from the common vocabulary.</summary>
    Generic,
}

/// <summary>What each <see cref="RobTool"/> calls its domains and judgements.</summary>
public static class RobTools
{
    private static readonly string[] Rob2Domains =
    [
        "Bias arising from the randomization process",
        "Bias due to deviations from intended intervention",
        "Bias due to missing outcome data",
        "Bias in measurement of the outcome",
        "Bias in selection of the reported result",
    ];

    private static readonly string[] RobinsIDomains =
    [
        "Bias due to confounding",
        "Bias due to selection of participants",
        "Bias in classification of interventions",
        "Bias due to deviations from intended interventions",
        "Bias due to missing data",
        "Bias in measurement of outcomes",
        "Bias in selection of the reported result",
    ];

    private static readonly string[] RobinsEDomains =
    [
        "Bias due to confounding",
        "Bias arising from measurement of the exposure",
        "Bias in selection of participants into the study (or into the analysis)",
        "Bias due to post-exposure interventions",
        "Bias due to missing data",
        "Bias arising from measurement of the outcome",
        "Bias in selection of the reported result",
    ];

    private static readonly string[] Quadas2Domains = ["Patient selection", "Index test", "Reference standard", "Flow & timing"];

    private static readonly string[] QuipsDomains =
    [
        "Bias due to participation",
        "Bias due to attrition",
        "Bias due to prognostic factor measurement",
        "Bias due to outcome measurement",
        "Bias due to confounding",
        "Bias in statistical analysis and reporting",
    ];

    private static readonly string[] Rob1Domains =
    [
        "Random sequence generation",
        "Allocation concealment",
        "Blinding of participants and personnel",
        "Blinding of outcome assessment",
        "Incomplete outcome data",
        "Selective reporting",
        "Other sources of bias",
    ];

    /// <summary>The name users give on the command line (<c>rob2</c>, <c>robins-i</c>, …).</summary>
    public static string Key(RobTool tool) => tool switch
    {
        RobTool.Rob2 => "rob2",
        RobTool.RobinsI => "robins-i",
        RobTool.RobinsE => "robins-e",
        RobTool.Quadas2 => "quadas-2",
        RobTool.Quips => "quips",
        RobTool.Rob1 => "rob1",
        _ => "generic",
    };

    /// <summary>The tool's published name (<c>RoB 2</c>, <c>ROBINS-I</c>, …).</summary>
    public static string DisplayName(RobTool tool) => tool switch
    {
        RobTool.Rob2 => "RoB 2",
        RobTool.RobinsI => "ROBINS-I",
        RobTool.RobinsE => "ROBINS-E",
        RobTool.Quadas2 => "QUADAS-2",
        RobTool.Quips => "QUIPS",
        RobTool.Rob1 => "RoB 1",
        _ => "generic tool",
    };

    /// <summary>The tool named by <paramref name="key"/> (case ignored; <c>robins_i</c>, <c>robinsi</c>, <c>quadas2</c> too); null for none.</summary>
    public static RobTool? Parse(string key) => key.Trim().ToLowerInvariant().Replace("_", "-", StringComparison.Ordinal).Replace(" ", "-", StringComparison.Ordinal) switch
    {
        "rob2" or "rob-2" => RobTool.Rob2,
        "robins-i" or "robinsi" => RobTool.RobinsI,
        "robins-e" or "robinse" => RobTool.RobinsE,
        "quadas-2" or "quadas2" or "quadas" => RobTool.Quadas2,
        "quips" => RobTool.Quips,
        "rob1" or "rob-1" => RobTool.Rob1,
        "generic" => RobTool.Generic,
        _ => null,
    };

    /// <summary>
    /// The names of the tool's domains D1, D2, … (the published wording, as robvis captions them); empty for tools whose
    /// domains are named by the data (<see cref="RobTool.Generic"/>). RoB 1's are its seven standard domains.
    /// </summary>
    public static IReadOnlyList<string> DomainNames(RobTool tool) => tool switch
    {
        RobTool.Rob2 => Rob2Domains,
        RobTool.RobinsI => RobinsIDomains,
        RobTool.RobinsE => RobinsEDomains,
        RobTool.Quadas2 => Quadas2Domains,
        RobTool.Quips => QuipsDomains,
        RobTool.Rob1 => Rob1Domains,
        _ => [],
    };

    /// <summary>RoB 2's extra domain for cluster-randomized trials (column <c>D1b</c>).</summary>
    public const string Rob2ClusterDomain = "Bias arising from the timing of identification or recruitment of participants";

    /// <summary>The judgements the tool uses, most serious first (robvis's legend order).</summary>
    public static IReadOnlyList<Judgement> Levels(RobTool tool) => tool switch
    {
        RobTool.RobinsI or RobTool.RobinsE or RobTool.Generic =>
            [Judgement.Critical, Judgement.High, Judgement.SomeConcerns, Judgement.Low, Judgement.NoInformation],
        _ => [Judgement.High, Judgement.SomeConcerns, Judgement.Low, Judgement.NoInformation],
    };

    /// <summary>The tool's own word for a judgement (ROBINS-I "Serious", RoB 1 "Unclear", ROBINS-E "Very high", …).</summary>
    public static string Word(RobTool tool, Judgement judgement) => (tool, judgement) switch
    {
        (_, Judgement.Low) => "Low",
        (RobTool.RobinsI or RobTool.Quips, Judgement.SomeConcerns) => "Moderate",
        (RobTool.Rob1, Judgement.SomeConcerns) => "Unclear",
        (_, Judgement.SomeConcerns) => "Some concerns",
        (RobTool.RobinsI, Judgement.High) => "Serious",
        (_, Judgement.High) => "High",
        (RobTool.RobinsE, Judgement.Critical) => "Very high",
        (_, Judgement.Critical) => "Critical",
        (_, Judgement.NoInformation) => "No information",
        _ => "Not applicable",
    };
}
