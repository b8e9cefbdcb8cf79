using System.Globalization;
using Evident.Core;

namespace Evident.Review.Prisma;

/// <summary>PRISMA 2020 counts read from rows: the counts (null when nothing can be drawn) and the reading problems.</summary>
/// <param name="Counts">The counts; null when the table cannot be used at all.</param>
/// <param name="Issues">
/// The problems, with <see cref="Issue.StudyIndex"/> the 0-based data row (after the header) and <see cref="Issue.Field"/>
/// the column; codes in <see cref="PrismaIssueCodes"/>. The arithmetic is checked separately (<see cref="PrismaChecks"/>).
/// </param>
public sealed record PrismaReadResult(PrismaCounts? Counts, IReadOnlyList<Issue> Issues);

/// <summary>
/// Reads the PRISMA2020 package's CSV layout (<c>data, node, box, description, boxtext, tooltips, url, n</c>; Haddaway et
/// al., Campbell Syst Rev 2022;18:e1230) from rows already split into cells: one row per <c>data</c> key, its count in
/// <c>n</c> (empty or NA when not given), list-valued counts as "Name, n; Name, n", and the box's wording in
/// <c>boxtext</c>. Rows whose <c>data</c> is NA are the title boxes, named by <c>box</c>.
/// </summary>
public static class PrismaTable
{
    private static readonly string[] CountKeys =
    [
        "previous_studies", "previous_reports", "database_results", "register_results", "website_results", "organisation_results",
        "citations_results", "duplicates", "excluded_automatic", "excluded_other", "records_screened", "records_excluded",
        "dbr_sought_reports", "dbr_notretrieved_reports", "other_sought_reports", "other_notretrieved_reports", "dbr_assessed",
        "other_assessed", "new_studies", "new_reports", "total_studies", "total_reports", "total_studies_ma", "total_reports_ma",
    ];

    private static readonly string[] ListKeys = ["database_specific_results", "register_specific_results", "dbr_excluded", "other_excluded"];

    private static readonly string[] LabelKeys = ["identification", "screening", "included", "prevstud", "newstud", "othstud"];

    /// <summary>Reads the table: <paramref name="header"/> then <paramref name="rows"/> of cells.</summary>
    public static PrismaReadResult Read(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var issues = new List<Issue>();
        int Column(string name) => header.ToList().FindIndex(h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
        int data = Column("data"), box = Column("box"), boxText = Column("boxtext"), n = Column("n");
        if (data < 0 || n < 0)
        {
            issues.Add(new Issue(PrismaIssueCodes.MissingColumn, IssueSeverity.Error,
                $"The header needs the columns data and n (PRISMA2020's layout: data, node, box, description, boxtext, tooltips, url, n); it has {string.Join(", ", header)}."));
            return new(null, issues);
        }

        string Cell(IReadOnlyList<string> row, int c) => c >= 0 && c < row.Count ? row[c].Trim() : string.Empty;
        var counts = new Dictionary<string, long?>();
        var lists = new Dictionary<string, IReadOnlyList<NamedCount>>();
        var labels = new Dictionary<string, string>();
        var where = new Dictionary<string, int>();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var key = Cell(row, data);
            if (IsMissing(key))
            {
                key = Cell(row, box);
            }

            key = key.ToLowerInvariant();
            var known = CountKeys.Contains(key) || ListKeys.Contains(key) || LabelKeys.Contains(key);
            if (!known)
            {
                if (key.Length > 0 || row.Any(c => c.Trim().Length > 0))
                {
                    issues.Add(new Issue(PrismaIssueCodes.UnknownRow, IssueSeverity.Warning,
                        $"\"{key}\" is not a PRISMA2020 data key; the row is ignored.", r, header[data]));
                }

                continue;
            }

            if (!where.TryAdd(key, r))
            {
                issues.Add(new Issue(PrismaIssueCodes.DuplicateRow, IssueSeverity.Warning,
                    $"{key} was given already (data row {where[key] + 1}); this row is ignored.", r, header[data]));
                continue;
            }

            if (Cell(row, boxText) is { Length: > 0 } text && !IsMissing(text))
            {
                labels[key] = text;
            }

            var value = Cell(row, n);
            if (CountKeys.Contains(key))
            {
                counts[key] = ParseCount(value, key, r, header[n], issues);
            }
            else if (ListKeys.Contains(key))
            {
                lists[key] = ParseList(value, key, r, header[n], issues);
            }
        }

        if (counts.Count == 0 && lists.Count == 0)
        {
            issues.Add(new Issue(PrismaIssueCodes.NoCounts, IssueSeverity.Error, "No row gives a count of a PRISMA 2020 box (data keys such as database_results, records_screened)."));
            return new(null, issues);
        }

        long? C(string key) => counts.GetValueOrDefault(key);
        IReadOnlyList<NamedCount> L(string key) => lists.GetValueOrDefault(key) ?? [];
        return new(new PrismaCounts
        {
            PreviousStudies = C("previous_studies"),
            PreviousReports = C("previous_reports"),
            DatabaseResults = C("database_results"),
            Databases = L("database_specific_results"),
            RegisterResults = C("register_results"),
            Registers = L("register_specific_results"),
            WebsiteResults = C("website_results"),
            OrganisationResults = C("organisation_results"),
            CitationsResults = C("citations_results"),
            Duplicates = C("duplicates"),
            ExcludedAutomatic = C("excluded_automatic"),
            ExcludedOther = C("excluded_other"),
            RecordsScreened = C("records_screened"),
            RecordsExcluded = C("records_excluded"),
            DbrSoughtReports = C("dbr_sought_reports"),
            DbrNotRetrievedReports = C("dbr_notretrieved_reports"),
            DbrAssessed = C("dbr_assessed"),
            DbrExcluded = L("dbr_excluded"),
            OtherSoughtReports = C("other_sought_reports"),
            OtherNotRetrievedReports = C("other_notretrieved_reports"),
            OtherAssessed = C("other_assessed"),
            OtherExcluded = L("other_excluded"),
            NewStudies = C("new_studies"),
            NewReports = C("new_reports"),
            TotalStudies = C("total_studies"),
            TotalReports = C("total_reports"),
            TotalStudiesMa = C("total_studies_ma"),
            TotalReportsMa = C("total_reports_ma"),
            Labels = labels,
            Rows = where,
        }, issues);
    }

    /// <summary>A count: a whole number ≥ 0, or null (empty, NA) when not given.</summary>
    private static long? ParseCount(string text, string key, int row, string column, List<Issue> issues)
    {
        if (text.Length == 0 || IsMissing(text))
        {
            return null;
        }

        if (TryCount(text, out var value))
        {
            return value;
        }

        issues.Add(new Issue(PrismaIssueCodes.NotACount, IssueSeverity.Error, $"{key}: \"{text}\" is not a whole number ≥ 0.", row, column));
        return null;
    }

    /// <summary>A list "Name, n; Name, n" (the name ends at the last comma, so names may hold commas), or a bare total.</summary>
    private static List<NamedCount> ParseList(string text, string key, int row, string column, List<Issue> issues)
    {
        var list = new List<NamedCount>();
        if (text.Length == 0 || IsMissing(text))
        {
            return list;
        }

        var bad = new List<string>();
        foreach (var entry in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.LastIndexOf(',');
            var (name, count) = comma < 0 ? (null, entry) : (entry[..comma].Trim(), entry[(comma + 1)..].Trim());
            if (TryCount(count, out var value))
            {
                list.Add(new NamedCount(name, value, count));
                continue;
            }

            list.Add(new NamedCount(name ?? entry, null, comma < 0 ? string.Empty : count));
            bad.Add(comma < 0 ? $"\"{entry}\" has no count" : $"\"{name}\" has \"{count}\"");
        }

        if (bad.Count > 0)
        {
            issues.Add(new Issue(PrismaIssueCodes.NotACount, IssueSeverity.Error,
                $"{key}: {string.Join(", ", bad)}; each entry needs a whole number ≥ 0 (\"Name, n; Name, n\").", row, column));
        }

        return list;
    }

    private static bool TryCount(string text, out long value)
        => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool IsMissing(string text) => text.Length == 0 || text.Equals("NA", StringComparison.OrdinalIgnoreCase);
}
