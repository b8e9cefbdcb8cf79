using System.Globalization;
using Evident.Core;

namespace Evident.Review.Prisma;

/// <summary>
/// The arithmetic a PRISMA 2020 flow diagram must satisfy (Page et al., BMJ 2021;372:n71): each box's count follows from
/// the boxes before it. PRISMA2020 checks none of it; here every violation is an error naming the boxes (their wording
/// and <c>data</c> keys) and the numbers. A rule is checked when its counts are given; an empty count among those that
/// are subtracted (registers, automation tools, reports not retrieved, …) is read as 0, and the message shows it.
/// </summary>
public static class PrismaChecks
{
    /// <summary>
    /// The violations (<see cref="PrismaIssueCodes.CountMismatch"/>), pointing at the row of the box whose count is wrong
    /// when the counts were read from a table.
    /// </summary>
    public static IReadOnlyList<Issue> Check(PrismaCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var issues = new List<Issue>();
        var c = counts;

        string Box(string key, long? value) => $"{c.Label(key)} ({key} = {Show(value)})";
        void Fail(string key, string message) => issues.Add(new Issue(
            PrismaIssueCodes.CountMismatch, IssueSeverity.Error, message, c.Rows.TryGetValue(key, out var row) ? row : null, "n"));

        // A total and its breakdown per database or register.
        foreach (var (key, listKey, total, list) in new[]
        {
            ("database_results", "database_specific_results", c.DatabaseResults, c.Databases),
            ("register_results", "register_specific_results", c.RegisterResults, c.Registers),
        })
        {
            if (total is { } t && PrismaCounts.Sum(list) is { } sum && sum != t)
            {
                Fail(key, $"{Box(key, total)} is not the sum of {listKey} ({Terms(list)} = {N(sum)}).");
            }
        }

        // Identification → screening: screened = identified − removed before screening.
        var databases = c.DatabaseResults ?? PrismaCounts.Sum(c.Databases);
        var registers = c.RegisterResults ?? PrismaCounts.Sum(c.Registers) ?? 0;
        if (c.RecordsScreened is { } screened && databases is { } db)
        {
            var removed = (c.Duplicates ?? 0) + (c.ExcludedAutomatic ?? 0) + (c.ExcludedOther ?? 0);
            var expected = db + registers - removed;
            if (screened != expected)
            {
                Fail("records_screened",
                    $"{Box("records_screened", screened)} should be the records identified minus those removed before screening: "
                    + $"{c.Label("database_results")} {N(db)} + {c.Label("register_results")} {N(registers)} − "
                    + $"({c.Label("duplicates")} {N(c.Duplicates ?? 0)} + {c.Label("excluded_automatic")} {N(c.ExcludedAutomatic ?? 0)} + "
                    + $"{c.Label("excluded_other")} {N(c.ExcludedOther ?? 0)}) = {N(expected)}.");
            }
        }

        Difference("dbr_sought_reports", c.DbrSoughtReports, "records_screened", c.RecordsScreened, "records_excluded", c.RecordsExcluded, zeroIfMissing: false);
        Difference("dbr_assessed", c.DbrAssessed, "dbr_sought_reports", c.DbrSoughtReports, "dbr_notretrieved_reports", c.DbrNotRetrievedReports, zeroIfMissing: true);

        // Other methods: reports sought come from the records identified; assessed = sought − not retrieved.
        if (c.HasOtherMethods)
        {
            var identified = (c.WebsiteResults ?? 0) + (c.OrganisationResults ?? 0) + (c.CitationsResults ?? 0);
            if (c.OtherSoughtReports is { } sought && sought > identified)
            {
                Fail("other_sought_reports",
                    $"{Box("other_sought_reports", sought)} is more than the records identified by other methods: "
                    + $"{c.Label("website_results")} {N(c.WebsiteResults ?? 0)} + {c.Label("organisation_results")} {N(c.OrganisationResults ?? 0)} + "
                    + $"{c.Label("citations_results")} {N(c.CitationsResults ?? 0)} = {N(identified)}.");
            }

            Difference("other_assessed", c.OtherAssessed, "other_sought_reports", c.OtherSoughtReports, "other_notretrieved_reports", c.OtherNotRetrievedReports, zeroIfMissing: true);
        }

        // Reports excluded with reasons cannot exceed the reports assessed; what is left is included.
        var dbrExcluded = c.DbrExcluded.Count == 0 ? 0 : PrismaCounts.Sum(c.DbrExcluded);
        var otherExcluded = c.OtherExcluded.Count == 0 ? 0 : PrismaCounts.Sum(c.OtherExcluded);
        foreach (var (assessedKey, assessed, excludedKey, excluded, list) in new[]
        {
            ("dbr_assessed", c.DbrAssessed, "dbr_excluded", dbrExcluded, c.DbrExcluded),
            ("other_assessed", c.HasOtherMethods ? c.OtherAssessed : null, "other_excluded", otherExcluded, c.OtherExcluded),
        })
        {
            if (assessed is { } a && excluded is { } e && e > a)
            {
                Fail(excludedKey, $"{c.Label(excludedKey)} ({excludedKey}: {Terms(list)} = {N(e)}) are more than {Box(assessedKey, a)}.");
            }
        }

        var otherIncluded = !c.HasOtherMethods ? 0 : c.OtherAssessed is { } oa && otherExcluded is { } oe ? oa - oe : (long?)null;
        if (c.NewReports is { } newReports && c.DbrAssessed is { } dbrAssessed && dbrExcluded is { } de && otherIncluded is { } oi && newReports != dbrAssessed - de + oi)
        {
            var other = c.HasOtherMethods
                ? $" + (other methods: {Box("other_assessed", c.OtherAssessed)} − reports excluded {N(otherExcluded ?? 0)})"
                : string.Empty;
            Fail("new_reports",
                $"{Box("new_reports", newReports)} should be the reports assessed minus those excluded: {Box("dbr_assessed", dbrAssessed)} − "
                + $"{c.Label("dbr_excluded")} ({(c.DbrExcluded.Count == 0 ? "none given" : Terms(c.DbrExcluded))}) {N(de)}{other} = {N(dbrAssessed - de + oi)}.");
        }

        AtMost("new_studies", c.NewStudies, "new_reports", c.NewReports, "every included study has at least one report");

        // Updates: totals are previous + new.
        if (c.HasPrevious)
        {
            Sum2("total_studies", c.TotalStudies, "previous_studies", c.PreviousStudies, "new_studies", c.NewStudies);
            Sum2("total_reports", c.TotalReports, "previous_reports", c.PreviousReports, "new_reports", c.NewReports);
            AtMost("total_studies", c.TotalStudies, "total_reports", c.TotalReports, "every included study has at least one report");
        }

        var (studiesKey, studies) = c.HasPrevious ? ("total_studies", c.TotalStudies) : ("new_studies", c.NewStudies);
        var (reportsKey, reports) = c.HasPrevious ? ("total_reports", c.TotalReports) : ("new_reports", c.NewReports);
        if (c.HasMetaAnalysis)
        {
            AtMost("total_studies_ma", c.TotalStudiesMa, studiesKey, studies, "the meta-analysis includes only studies included in the review");
            AtMost("total_reports_ma", c.TotalReportsMa, reportsKey, reports, "the meta-analysis includes only reports of included studies");
        }

        return issues;

        void Difference(string key, long? value, string fromKey, long? from, string minusKey, long? minus, bool zeroIfMissing)
        {
            var m = minus ?? (zeroIfMissing ? 0 : null);
            if (value is { } v && from is { } f && m is { } mm && v != f - mm)
            {
                Fail(key, $"{Box(key, v)} should be {Box(fromKey, f)} − {Box(minusKey, minus ?? 0)} = {N(f - mm)}.");
            }
        }

        void Sum2(string key, long? value, string aKey, long? a, string bKey, long? b)
        {
            if (value is { } v && a is { } x && b is { } y && v != x + y)
            {
                Fail(key, $"{Box(key, v)} should be {Box(aKey, a)} + {Box(bKey, b)} = {N(x + y)}.");
            }
        }

        void AtMost(string key, long? value, string limitKey, long? limit, string why)
        {
            if (value is { } v && limit is { } l && v > l)
            {
                Fail(key, $"{Box(key, v)} is more than {Box(limitKey, l)}: {why}.");
            }
        }
    }

    private static string Terms(IReadOnlyList<NamedCount> list) => string.Join(" + ", list.Select(e => e.Name is null ? e.Text : $"{e.Name} {e.Text}"));

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Show(long? value) => value is { } v ? N(v) : "empty";
}
