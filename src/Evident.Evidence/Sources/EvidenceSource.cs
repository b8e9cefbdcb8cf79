using System.Collections.Immutable;

namespace Evident.Evidence.Sources;

/// <summary>Where an <see cref="EvidenceSource"/> came from.</summary>
public enum SourceKind
{
    /// <summary>An Evident analysis of per-study data (<c>evident analyze --format json</c>): unrounded values.</summary>
    Analysis,

    /// <summary>Pooled results as a publication reports them (an abstract): rounded values, some missing.</summary>
    Published,
}

/// <summary>
/// GRADE certainty of the evidence for an outcome (Balshem et al. 2011, GRADE guidelines 3). Null where it was not
/// assessed, which is kept apart from an OCEBM level of evidence (a design hierarchy, not a certainty rating).
/// </summary>
public enum Certainty
{
    /// <summary>Very low: the true effect is likely to be substantially different.</summary>
    VeryLow,

    /// <summary>Low: the true effect may be substantially different.</summary>
    Low,

    /// <summary>Moderate: the true effect is likely to be close, but may be substantially different.</summary>
    Moderate,

    /// <summary>High: the true effect lies close to the estimate.</summary>
    High,
}

/// <summary>The test behind a pooled CI and p: normal (Wald z) or t with <see cref="OutcomeEvidence.Df"/> df (Hartung–Knapp).</summary>
public enum TestKind
{
    /// <summary>Wald z test and normal-quantile CI.</summary>
    Z,

    /// <summary>t test and t-quantile CI (Hartung &amp; Knapp 2001; Sidik &amp; Jonkman 2002).</summary>
    T,
}

/// <summary>
/// The design of the studies a review included, for the OCEBM 2011 level of evidence of the question "does this
/// intervention help?" (OCEBM Levels of Evidence Working Group 2011).
/// </summary>
public enum IncludedDesign
{
    /// <summary>Not stated.</summary>
    Unknown,

    /// <summary>Randomised controlled trials (a systematic review of them is OCEBM level 1).</summary>
    RandomisedTrials,

    /// <summary>Non-randomised controlled cohort or follow-up studies (level 3 as single studies).</summary>
    NonRandomised,

    /// <summary>Case series, case-control or historically controlled studies (level 4).</summary>
    CaseSeriesOrCaseControl,
}

/// <summary>
/// The evidence a plain-language summary is written from and checked against: what the review is about, and its pooled
/// results per outcome. Built from an Evident analysis (<see cref="AnalysisJson"/>) or from published results typed
/// from an abstract (<see cref="PublishedResults"/>).
/// </summary>
/// <param name="Kind">Analysis or published results.</param>
/// <param name="Origin">The file it was read from (for messages and links).</param>
/// <param name="Review">Review-level facts.</param>
/// <param name="Outcomes">Pooled results, one per outcome, in the source's order.</param>
public sealed record EvidenceSource(SourceKind Kind, string Origin, ReviewFacts Review, ImmutableArray<OutcomeEvidence> Outcomes)
{
    /// <summary>The outcome with the given <see cref="OutcomeEvidence.Id"/>, or null.</summary>
    public OutcomeEvidence? Outcome(string id) => Outcomes.FirstOrDefault(o => o.Id == id);
}

/// <summary>
/// What the review is: the question, its search and the studies it included. Every member is optional, since an
/// abstract or an analysis file gives only some; a summary says what is not reported.
/// </summary>
public sealed record ReviewFacts
{
    /// <summary>The review's title.</summary>
    public string? Title { get; init; }

    /// <summary>Kind of publication, e.g. "systematic review and meta-analysis".</summary>
    public string StudyType { get; init; } = "meta-analysis";

    /// <summary>The intervention in words, e.g. "respiratory muscle training".</summary>
    public string? Intervention { get; init; }

    /// <summary>Its abbreviation, e.g. "RMT".</summary>
    public string? InterventionShort { get; init; }

    /// <summary>The comparator, e.g. "sham training or usual care"; null when not reported.</summary>
    public string? Comparator { get; init; }

    /// <summary>The condition, e.g. "multiple sclerosis".</summary>
    public string? Condition { get; init; }

    /// <summary>Its abbreviation, e.g. "MS".</summary>
    public string? ConditionShort { get; init; }

    /// <summary>Who took part, e.g. "people with multiple sclerosis".</summary>
    public string? Population { get; init; }

    /// <summary>Design of the included studies (for the OCEBM level).</summary>
    public IncludedDesign Design { get; init; }

    /// <summary>Number of included studies.</summary>
    public int? Studies { get; init; }

    /// <summary>Number of participants in the included studies.</summary>
    public int? Participants { get; init; }

    /// <summary>Databases searched.</summary>
    public ImmutableArray<string> Databases { get; init; } = [];

    /// <summary>Records found by the search.</summary>
    public int? RecordsFound { get; init; }

    /// <summary>Search cut-off date as given (ISO 8601: "2026-01-06", "2026-01").</summary>
    public string? SearchDate { get; init; }

    /// <summary>Publication date as given (ISO 8601: "2026-01" or "2026-01-15").</summary>
    public string? Published { get; init; }

    /// <summary>Follow-up duration in words; null when not reported.</summary>
    public string? FollowUp { get; init; }

    /// <summary>Whether adverse events (harms, discontinuations) are reported; null when unknown.</summary>
    public bool? AdverseEventsReported { get; init; }

    /// <summary>Whether funding is reported; null when unknown.</summary>
    public bool? FundingReported { get; init; }

    /// <summary>Whether conflicts of interest are reported; null when unknown.</summary>
    public bool? ConflictsReported { get; init; }

    /// <summary>A citation or URL of the source.</summary>
    public string? Citation { get; init; }
}

/// <summary>
/// The pooled result of one outcome. Values are on the scale the source reports them: ratio measures (OR, RR, …) as
/// ratios, with <see cref="IsRatio"/> telling checks to work on the log scale; I² in percent.
/// </summary>
public sealed record OutcomeEvidence
{
    /// <summary>Stable key used in links to its values (lower-case, e.g. "mep", "fev1-fvc").</summary>
    public required string Id { get; init; }

    /// <summary>Short name as the source writes it, e.g. "MEP" or "FEV1/FVC".</summary>
    public required string Name { get; init; }

    /// <summary>Full name, e.g. "maximal expiratory pressure".</summary>
    public string? FullName { get; init; }

    /// <summary>Other names a text may use for it (e.g. "FEV" for FEV1), matched case-insensitively.</summary>
    public ImmutableArray<string> Aliases { get; init; } = [];

    /// <summary>The effect measure (escalc's names: SMD, MD, OR, RR, RD, HR, …).</summary>
    public required string Measure { get; init; }

    /// <summary>The pooled estimate.</summary>
    public SourceNumber? Estimate { get; init; }

    /// <summary>Lower bound of the CI.</summary>
    public SourceNumber? CiLower { get; init; }

    /// <summary>Upper bound of the CI.</summary>
    public SourceNumber? CiUpper { get; init; }

    /// <summary>Confidence level of the CI in percent.</summary>
    public double Level { get; init; } = 95;

    /// <summary>The p value of the test of no effect.</summary>
    public ReportedP? P { get; init; }

    /// <summary>I² in percent.</summary>
    public SourceNumber? I2 { get; init; }

    /// <summary>τ², on the analysis scale.</summary>
    public SourceNumber? Tau2 { get; init; }

    /// <summary>Cochran's Q.</summary>
    public SourceNumber? Q { get; init; }

    /// <summary>Degrees of freedom of Q (k − 1).</summary>
    public int? QDf { get; init; }

    /// <summary>Lower bound of the prediction interval.</summary>
    public SourceNumber? PiLower { get; init; }

    /// <summary>Upper bound of the prediction interval.</summary>
    public SourceNumber? PiUpper { get; init; }

    /// <summary>Number of studies pooled.</summary>
    public int? Studies { get; init; }

    /// <summary>Number of participants pooled.</summary>
    public int? Participants { get; init; }

    /// <summary>Z or t test behind the CI and p.</summary>
    public TestKind Test { get; init; } = TestKind.Z;

    /// <summary>Degrees of freedom of a t test.</summary>
    public double? Df { get; init; }

    /// <summary>Whether higher values of the outcome are better for patients (for direction words); null if unknown.</summary>
    public bool? HigherIsBetter { get; init; } = true;

    /// <summary>GRADE certainty, or null when not assessed.</summary>
    public Certainty? Certainty { get; init; }

    /// <summary>Whether the measure is a ratio (analysed on the log scale; no effect at 1).</summary>
    public bool IsRatio => Measures.IsRatio(Measure);

    /// <summary>The value of no effect: 1 for ratios, 0 otherwise.</summary>
    public double NullValue => IsRatio ? 1 : 0;

    /// <summary>Every name a text may use for this outcome: <see cref="Name"/>, <see cref="FullName"/> and <see cref="Aliases"/>.</summary>
    public IEnumerable<string> Names => new[] { Name, FullName }.OfType<string>().Concat(Aliases);
}

/// <summary>Facts about effect measures that summaries and checks need.</summary>
public static class Measures
{
    private static readonly HashSet<string> Ratios = new(StringComparer.OrdinalIgnoreCase)
    {
        "OR", "RR", "HR", "IRR", "ROM", "PETO", "PLN", "IRLN", "MNLN", "CVR", "VR", "RRR",
    };

    /// <summary>Whether the measure is a ratio (analysed on the log scale, null value 1).</summary>
    public static bool IsRatio(string measure) => Ratios.Contains(measure);

    /// <summary>The measure in words ("standardized mean difference"), or the code itself.</summary>
    public static string Describe(string measure) => measure.ToUpperInvariant() switch
    {
        "SMD" or "SMDH" or "SMD1" => "standardized mean difference",
        "MD" => "mean difference",
        "OR" or "PETO" => "odds ratio",
        "RR" => "risk ratio",
        "RD" => "risk difference",
        "HR" => "hazard ratio",
        "IRR" => "incidence rate ratio",
        "ROM" => "ratio of means",
        _ => measure,
    };
}

/// <summary>
/// Machine-readable addresses of source values, used as the link target of every number in a summary
/// (<c>outcomes/mep/estimate</c>, <c>review/participants</c>) and in check findings.
/// </summary>
public static class SourcePath
{
    /// <summary>Address of an outcome's field (field names as in <see cref="Fields"/>).</summary>
    public static string Of(OutcomeEvidence outcome, string field) => $"outcomes/{outcome.Id}/{field}";

    /// <summary>Address of a review-level field.</summary>
    public static string Review(string field) => $"review/{field}";

    /// <summary>The field names used in addresses.</summary>
    public static class Fields
    {
        /// <summary>Pooled estimate.</summary>
        public const string Estimate = "estimate";

        /// <summary>CI lower bound.</summary>
        public const string CiLower = "ci_lower";

        /// <summary>CI upper bound.</summary>
        public const string CiUpper = "ci_upper";

        /// <summary>p value.</summary>
        public const string P = "p";

        /// <summary>I².</summary>
        public const string I2 = "i2";

        /// <summary>τ².</summary>
        public const string Tau2 = "tau2";

        /// <summary>Number of studies.</summary>
        public const string Studies = "k";

        /// <summary>Number of participants.</summary>
        public const string Participants = "n";

        /// <summary>Prediction interval lower bound.</summary>
        public const string PiLower = "pi_lower";

        /// <summary>Prediction interval upper bound.</summary>
        public const string PiUpper = "pi_upper";
    }
}
