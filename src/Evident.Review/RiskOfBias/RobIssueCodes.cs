namespace Evident.Review.RiskOfBias;

/// <summary>The stable codes of problems in a risk-of-bias table (<see cref="RobTable"/>); the README lists them.</summary>
public static class RobIssueCodes
{
    /// <summary>The header has no Study column; nothing is drawn.</summary>
    public const string NoStudyColumn = "rob-no-study-column";

    /// <summary>The header has no domain columns; nothing is drawn.</summary>
    public const string NoDomains = "rob-no-domains";

    /// <summary>No row could be used; nothing is drawn.</summary>
    public const string NoStudies = "rob-no-studies";

    /// <summary>A row has no study label; the row is skipped.</summary>
    public const string MissingStudy = "rob-missing-study";

    /// <summary>A cell is not a judgement any tool uses; the cell is left empty.</summary>
    public const string UnknownJudgement = "rob-unknown-judgement";

    /// <summary>A judgement the tool does not have (e.g. Critical in RoB 2); the cell is left empty.</summary>
    public const string JudgementNotInTool = "rob-judgement-not-in-tool";

    /// <summary>A Weight cell is not a number ≥ 0; the study has no weight.</summary>
    public const string BadWeight = "rob-bad-weight";

    /// <summary>The domain columns do not match the tool's domains; they are drawn with the header's names only.</summary>
    public const string DomainsMismatch = "rob-domains-mismatch";

    /// <summary>More domain columns than a plot draws (<see cref="RobTable.MaxDomains"/>); the columns after them are ignored.</summary>
    public const string TooManyDomains = "rob-too-many-domains";

    /// <summary>A column has no header; it is ignored.</summary>
    public const string UnnamedColumn = "rob-unnamed-column";

    /// <summary>The tool was recognised from the columns and judgement words (info).</summary>
    public const string ToolDetected = "rob-tool-detected";

    /// <summary>A weighted summary was asked for but the table has no Weight column; nothing is drawn.</summary>
    public const string NoWeights = "rob-no-weights";

    /// <summary>In a weighted summary, a study without a weight is left out.</summary>
    public const string MissingWeight = "rob-missing-weight";

    /// <summary>No cell of the table is a risk-of-bias judgement: it is not a risk-of-bias table; nothing is drawn.</summary>
    public const string NotARobTable = "not-a-rob-table";
}
