namespace Evident.Evidence.Checking;

/// <summary>
/// How serious a <see cref="Finding"/> is, as statcheck grades its results (Nuijten et al. 2016): the numbers
/// disagree (error), the disagreement changes a conclusion (decision error), or the wording is allowed but weak (warning).
/// </summary>
public enum FindingSeverity
{
    /// <summary>The wording is allowed but weak, or cannot be checked fully.</summary>
    Warning,

    /// <summary>The text disagrees with the source (or with itself): a number, a count, a label.</summary>
    Error,

    /// <summary>The disagreement changes a conclusion: significance, direction, size band, certainty.</summary>
    DecisionError,
}

/// <summary>
/// One finding of the accuracy review: what is wrong, where (line and column in the original file), the text quoted,
/// and the source value it was checked against.
/// </summary>
/// <param name="Severity">Error, decision error or warning.</param>
/// <param name="Code">Stable kebab-case code (<see cref="FindingCodes"/>).</param>
/// <param name="Line">1-based line in the checked file.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Quote">The text the finding is about.</param>
/// <param name="SourceValue">The source value, as the source gives it (e.g. "0.42"), when there is one.</param>
/// <param name="SourcePath">Its address (e.g. <c>outcomes/mep/estimate</c>).</param>
/// <param name="Message">What is wrong, in a sentence.</param>
public sealed record Finding(FindingSeverity Severity, string Code, int Line, int Column, string Quote, string? SourceValue, string? SourcePath, string Message)
{
    /// <summary>Offset of the quoted text in the file (for ordering).</summary>
    public int Offset { get; init; }

    /// <summary>Whether this is an error or a decision error (a failing check).</summary>
    public bool IsErrorLevel => Severity != FindingSeverity.Warning;

    /// <summary>"error", "decision-error" or "warning".</summary>
    public string SeverityName => Name(Severity);

    /// <summary>The findings that say how the document had to be read (<see cref="SummaryDocument.Notes"/>), at their line and column.</summary>
    internal static IEnumerable<Finding> Of(IEnumerable<ReadingNote> notes, SummaryDocument document)
    {
        foreach (var note in notes)
        {
            var (line, column) = document.Locate(note.Offset);
            var quote = document.Source.Substring(note.Offset, Math.Min(40, document.Source.Length - note.Offset));
            yield return new Finding(FindingCodes.SeverityOf(note.Code), note.Code, line, column, quote, null, null, note.Message) { Offset = note.Offset };
        }
    }

    /// <summary>The kebab-case name of a severity.</summary>
    public static string Name(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => "error",
        FindingSeverity.DecisionError => "decision-error",
        _ => "warning",
    };
}

/// <summary>The stable codes of <see cref="Finding"/>s, with the severity each always has.</summary>
public static class FindingCodes
{
    /// <summary>Error: a number that equals no source value (rounding-aware).</summary>
    public const string UntracedNumber = "untraced-number";

    /// <summary>Error: a number that is another outcome's value.</summary>
    public const string WrongOutcome = "wrong-outcome";

    /// <summary>Error: a number linked (HTML data-source, Markdown link) to a source value it does not equal, or to none.</summary>
    public const string LinkMismatch = "link-mismatch";

    /// <summary>Error: an estimate labelled with another measure than the source's (MD for an SMD).</summary>
    public const string MeasureMismatch = "measure-mismatch";

    /// <summary>Error: a CI with its bounds reversed, equal, or not around the estimate (or a ratio bound ≤ 0).</summary>
    public const string CiMalformed = "ci-malformed";

    /// <summary>Error: a CI not symmetric about the estimate on the analysis scale (log scale for ratios), beyond rounding.</summary>
    public const string CiAsymmetric = "ci-asymmetric";

    /// <summary>Error: a p value outside the range the CI implies (rounding-aware, statcheck's rule).</summary>
    public const string PCiInconsistent = "p-ci-inconsistent";

    /// <summary>Decision error: the p value and the CI disagree about significance at 0.05.</summary>
    public const string PCiDecisionError = "p-ci-decision-error";

    /// <summary>Decision error: "significant", "improved", "effective" for a result whose CI includes no effect, or "not significant" for one whose CI excludes it.</summary>
    public const string SignificanceMismatch = "significance-mismatch";

    /// <summary>Decision error: a result whose CI includes no effect described as "no effect", "did not improve", "no benefit".</summary>
    public const string AbsenceAsNoEffect = "absence-as-no-effect";

    /// <summary>Warning: "statistically significant" or "not significant" wording (Cochrane Handbook ch. 15: give the CI and exact p).</summary>
    public const string SignificanceWording = "significance-wording";

    /// <summary>Decision error: a direction word (increase, reduce, improve, worsen) against the sign of the estimate.</summary>
    public const string DirectionMismatch = "direction-mismatch";

    /// <summary>Decision error: a size word (small, moderate, large) outside the band of |SMD| on the chosen scale.</summary>
    public const string MagnitudeMismatch = "magnitude-mismatch";

    /// <summary>Warning: a size word for a result whose CI spans two or more bands, without saying the size is uncertain.</summary>
    public const string MagnitudeUncertain = "magnitude-uncertain";

    /// <summary>Warning: "meaningful" or "clinically important" without a minimal important difference in the source.</summary>
    public const string MidNotGiven = "mid-not-given";

    /// <summary>Decision error: a statement stronger than the certainty allows (GRADE-26: "may" at low or unassessed certainty).</summary>
    public const string OverstatedCertainty = "overstated-certainty";

    /// <summary>Warning: a very-low-certainty result not described as very uncertain.</summary>
    public const string VeryLowCertaintyWording = "very-low-certainty-wording";

    /// <summary>Error: an OCEBM level of evidence presented as certainty or quality.</summary>
    public const string LevelAsCertainty = "level-as-certainty";

    /// <summary>Error: an evidence level other than the OCEBM 2011 level of the source's design.</summary>
    public const string EvidenceLevelMismatch = "evidence-level-mismatch";

    /// <summary>Error: a recommendation ("consider", "should", "recommend", "must") in the key takeaway.</summary>
    public const string RecommendationInTakeaway = "recommendation-in-takeaway";

    /// <summary>Error: a count of studies, participants, records or databases that is not the source's.</summary>
    public const string CountMismatch = "count-mismatch";

    /// <summary>Error: a count of patients that is the number of records the search found.</summary>
    public const string RecordsAsParticipants = "records-as-participants";

    /// <summary>Error: an outcome's number of participants larger than the review's.</summary>
    public const string OutcomeNExceedsTotal = "outcome-n-exceeds-total";

    /// <summary>Error: an I² outside [0, 100]%.</summary>
    public const string I2OutOfRange = "i2-out-of-range";

    /// <summary>Warning: I² that does not equal (Q − df)/Q for the Q and df given (it may come from τ²).</summary>
    public const string I2QInconsistent = "i2-q-inconsistent";

    /// <summary>Decision error: heterogeneity words outside the Cochrane band of I².</summary>
    public const string I2BandMismatch = "i2-band-mismatch";

    /// <summary>Warning: a sentence that asserts an effect but names no source outcome and no source number.</summary>
    public const string UnsourcedClaim = "unsourced-claim";

    /// <summary>Warning: a benefit beyond the outcomes measured ("better breathing", "more energy").</summary>
    public const string Overgeneralisation = "overgeneralisation";

    /// <summary>Warning: an outcome's abbreviation after a name that is not its full name ("total lung capacity (FVC)").</summary>
    public const string OutcomeMislabelled = "outcome-mislabelled";

    /// <summary>Warning: markup nested too deeply to be read as such; the file was read in a bounded way (see the message).</summary>
    public const string MarkupTooDeep = "markup-too-deep";

    /// <summary>Every code with its severity, in the order the README's table lists them.</summary>
    public static IReadOnlyList<(string Code, FindingSeverity Severity)> All { get; } =
    [
        (UntracedNumber, FindingSeverity.Error), (WrongOutcome, FindingSeverity.Error), (LinkMismatch, FindingSeverity.Error),
        (MeasureMismatch, FindingSeverity.Error), (CiMalformed, FindingSeverity.Error), (CiAsymmetric, FindingSeverity.Error),
        (PCiInconsistent, FindingSeverity.Error), (PCiDecisionError, FindingSeverity.DecisionError),
        (SignificanceMismatch, FindingSeverity.DecisionError), (AbsenceAsNoEffect, FindingSeverity.DecisionError),
        (SignificanceWording, FindingSeverity.Warning), (DirectionMismatch, FindingSeverity.DecisionError),
        (MagnitudeMismatch, FindingSeverity.DecisionError), (MagnitudeUncertain, FindingSeverity.Warning), (MidNotGiven, FindingSeverity.Warning),
        (OverstatedCertainty, FindingSeverity.DecisionError), (VeryLowCertaintyWording, FindingSeverity.Warning),
        (LevelAsCertainty, FindingSeverity.Error), (EvidenceLevelMismatch, FindingSeverity.Error),
        (RecommendationInTakeaway, FindingSeverity.Error), (CountMismatch, FindingSeverity.Error), (RecordsAsParticipants, FindingSeverity.Error),
        (OutcomeNExceedsTotal, FindingSeverity.Error), (I2OutOfRange, FindingSeverity.Error), (I2QInconsistent, FindingSeverity.Warning),
        (I2BandMismatch, FindingSeverity.DecisionError), (UnsourcedClaim, FindingSeverity.Warning), (Overgeneralisation, FindingSeverity.Warning),
        (OutcomeMislabelled, FindingSeverity.Warning), (MarkupTooDeep, FindingSeverity.Warning),
    ];

    /// <summary>The severity a code always has.</summary>
    public static FindingSeverity SeverityOf(string code) => All.First(c => c.Code == code).Severity;
}
