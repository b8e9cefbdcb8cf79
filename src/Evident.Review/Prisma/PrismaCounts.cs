namespace Evident.Review.Prisma;

/// <summary>One entry of a list-valued count: a database and its records, or a reason and the reports it excluded.</summary>
/// <param name="Name">The database, register or reason; null for a bare number (a total without a breakdown).</param>
/// <param name="N">The count; null when it is missing or not a whole number.</param>
/// <param name="Text">The count as written (drawn as it is when it is not a number, e.g. the template's <c>xxx</c>).</param>
public readonly record struct NamedCount(string? Name, long? N, string Text);

/// <summary>
/// The counts of a PRISMA 2020 flow diagram (Page et al., BMJ 2021;372:n71), named as the PRISMA2020 package's CSV names
/// them (Haddaway et al., Campbell Syst Rev 2022;18:e1230): one property per <c>data</c> key, null where the count is
/// not given. The three columns: previous studies (updates), new studies via databases and registers, new studies via
/// other methods; see <see cref="PrismaChecks"/> for the arithmetic they must satisfy.
/// </summary>
public sealed record PrismaCounts
{
    /// <summary><c>previous_studies</c>: studies included in the previous version of the review.</summary>
    public long? PreviousStudies { get; init; }

    /// <summary><c>previous_reports</c>: reports of the studies included in the previous version.</summary>
    public long? PreviousReports { get; init; }

    /// <summary><c>database_results</c>: records identified from databases.</summary>
    public long? DatabaseResults { get; init; }

    /// <summary><c>database_specific_results</c>: records per database ("PubMed, 120; Embase, 95").</summary>
    public IReadOnlyList<NamedCount> Databases { get; init; } = [];

    /// <summary><c>register_results</c>: records identified from registers.</summary>
    public long? RegisterResults { get; init; }

    /// <summary><c>register_specific_results</c>: records per register.</summary>
    public IReadOnlyList<NamedCount> Registers { get; init; } = [];

    /// <summary><c>website_results</c>: records identified from websites (other methods).</summary>
    public long? WebsiteResults { get; init; }

    /// <summary><c>organisation_results</c>: records identified from organisations (other methods).</summary>
    public long? OrganisationResults { get; init; }

    /// <summary><c>citations_results</c>: records identified by citation searching (other methods).</summary>
    public long? CitationsResults { get; init; }

    /// <summary><c>duplicates</c>: duplicate records removed before screening.</summary>
    public long? Duplicates { get; init; }

    /// <summary><c>excluded_automatic</c>: records marked as ineligible by automation tools.</summary>
    public long? ExcludedAutomatic { get; init; }

    /// <summary><c>excluded_other</c>: records removed for other reasons before screening.</summary>
    public long? ExcludedOther { get; init; }

    /// <summary><c>records_screened</c>.</summary>
    public long? RecordsScreened { get; init; }

    /// <summary><c>records_excluded</c>.</summary>
    public long? RecordsExcluded { get; init; }

    /// <summary><c>dbr_sought_reports</c>: reports sought for retrieval (databases and registers).</summary>
    public long? DbrSoughtReports { get; init; }

    /// <summary><c>dbr_notretrieved_reports</c>: reports not retrieved (databases and registers).</summary>
    public long? DbrNotRetrievedReports { get; init; }

    /// <summary><c>dbr_assessed</c>: reports assessed for eligibility (databases and registers).</summary>
    public long? DbrAssessed { get; init; }

    /// <summary><c>dbr_excluded</c>: reports excluded, with reasons ("Wrong population, 12; Wrong outcome, 4").</summary>
    public IReadOnlyList<NamedCount> DbrExcluded { get; init; } = [];

    /// <summary><c>other_sought_reports</c>: reports sought for retrieval (other methods).</summary>
    public long? OtherSoughtReports { get; init; }

    /// <summary><c>other_notretrieved_reports</c>: reports not retrieved (other methods).</summary>
    public long? OtherNotRetrievedReports { get; init; }

    /// <summary><c>other_assessed</c>: reports assessed for eligibility (other methods).</summary>
    public long? OtherAssessed { get; init; }

    /// <summary><c>other_excluded</c>: reports excluded with reasons (other methods).</summary>
    public IReadOnlyList<NamedCount> OtherExcluded { get; init; } = [];

    /// <summary><c>new_studies</c>: new studies included in the review.</summary>
    public long? NewStudies { get; init; }

    /// <summary><c>new_reports</c>: reports of the new included studies.</summary>
    public long? NewReports { get; init; }

    /// <summary><c>total_studies</c>: total studies included (previous + new).</summary>
    public long? TotalStudies { get; init; }

    /// <summary><c>total_reports</c>: reports of the total included studies.</summary>
    public long? TotalReports { get; init; }

    /// <summary><c>total_studies_ma</c>: studies included in the meta-analysis (optional box).</summary>
    public long? TotalStudiesMa { get; init; }

    /// <summary><c>total_reports_ma</c>: reports of the studies included in the meta-analysis.</summary>
    public long? TotalReportsMa { get; init; }

    /// <summary>
    /// The boxes' wording by <c>data</c> key (or, for the title and phase boxes, by <c>box</c>: <c>prevstud</c>,
    /// <c>newstud</c>, <c>othstud</c>, <c>identification</c>, <c>screening</c>, <c>included</c>), as the CSV's
    /// <c>boxtext</c> gives it; keys not here use <see cref="DefaultLabels"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Where each <c>data</c> key was read (its 0-based data row), so problems can point at it; empty when built in code.</summary>
    public IReadOnlyDictionary<string, int> Rows { get; init; } = new Dictionary<string, int>();

    /// <summary>The template's wording (PRISMA2020's <c>PRISMA.csv</c>, after Page et al. 2021).</summary>
    public static IReadOnlyDictionary<string, string> DefaultLabels { get; } = new Dictionary<string, string>
    {
        ["prevstud"] = "Previous studies",
        ["newstud"] = "Identification of new studies via databases and registers",
        ["othstud"] = "Identification of new studies via other methods",
        ["identification"] = "Identification",
        ["screening"] = "Screening",
        ["included"] = "Included",
        ["previous_studies"] = "Studies included in previous version of review",
        ["previous_reports"] = "Reports of studies included in previous version of review",
        ["database_results"] = "Databases",
        ["register_results"] = "Registers",
        ["website_results"] = "Websites",
        ["organisation_results"] = "Organisations",
        ["citations_results"] = "Citation searching",
        ["duplicates"] = "Duplicate records",
        ["excluded_automatic"] = "Records marked as ineligible by automation tools",
        ["excluded_other"] = "Records removed for other reasons",
        ["records_screened"] = "Records screened",
        ["records_excluded"] = "Records excluded",
        ["dbr_sought_reports"] = "Reports sought for retrieval",
        ["dbr_notretrieved_reports"] = "Reports not retrieved",
        ["other_sought_reports"] = "Reports sought for retrieval",
        ["other_notretrieved_reports"] = "Reports not retrieved",
        ["dbr_assessed"] = "Reports assessed for eligibility",
        ["dbr_excluded"] = "Reports excluded",
        ["other_assessed"] = "Reports assessed for eligibility",
        ["other_excluded"] = "Reports excluded",
        ["new_studies"] = "New studies included in review",
        ["new_reports"] = "Reports of new included studies",
        ["total_studies"] = "Total studies included in review",
        ["total_reports"] = "Reports of total included studies",
        ["total_studies_ma"] = "Total studies included in meta-analysis",
        ["total_reports_ma"] = "Reports of total included studies in meta-analysis",
    };

    /// <summary>The wording of a box (from <see cref="Labels"/>, else the template's).</summary>
    public string Label(string key) => Labels.TryGetValue(key, out var label) && label.Trim().Length > 0 ? label.Trim() : DefaultLabels.GetValueOrDefault(key, key);

    /// <summary>Whether the previous-studies column has data (a count above 0): it is drawn only then.</summary>
    public bool HasPrevious => PreviousStudies > 0 || PreviousReports > 0;

    /// <summary>Whether the other-methods column has data (a count above 0): it is drawn only then.</summary>
    public bool HasOtherMethods => WebsiteResults > 0 || OrganisationResults > 0 || CitationsResults > 0 || OtherSoughtReports > 0
        || OtherNotRetrievedReports > 0 || OtherAssessed > 0 || OtherExcluded.Any(e => e.N > 0);

    /// <summary>Whether the optional meta-analysis box has data (PRISMA2020's <c>total_studies_ma</c>, a count above 0).</summary>
    public bool HasMetaAnalysis => TotalStudiesMa > 0 || TotalReportsMa > 0;

    /// <summary>The sum of a list's counts; null when the list is empty or a count is missing.</summary>
    public static long? Sum(IReadOnlyList<NamedCount> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return list.Count == 0 || list.Any(e => e.N is null) ? null : list.Sum(e => e.N!.Value);
    }
}
