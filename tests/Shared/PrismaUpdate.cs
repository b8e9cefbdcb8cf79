namespace Evident.Tests.Shared;

/// <summary>PRISMA counts shared by the rendering and command tests.</summary>
internal static class PrismaUpdate
{
    /// <summary>
    /// The counts of an update with every column: previous studies, 1,480 database and 95 register records, other
    /// methods, long exclusion reasons and the meta-analysis box. They satisfy every rule of <see cref="Evident.Review.Prisma.PrismaChecks"/>.
    /// </summary>
    public static Dictionary<string, string> Counts() => new()
    {
        ["previous_studies"] = "12",
        ["previous_reports"] = "15",
        ["database_results"] = "1480",
        ["database_specific_results"] = "MEDLINE (Ovid), 612; Embase, 540; CENTRAL, 248; Web of Science, 80",
        ["register_results"] = "95",
        ["register_specific_results"] = "ClinicalTrials.gov, 61; WHO ICTRP, 34",
        ["website_results"] = "14",
        ["organisation_results"] = "6",
        ["citations_results"] = "41",
        ["duplicates"] = "402",
        ["excluded_automatic"] = "120",
        ["excluded_other"] = "13",
        ["records_screened"] = "1040",
        ["records_excluded"] = "903",
        ["dbr_sought_reports"] = "137",
        ["dbr_notretrieved_reports"] = "9",
        ["dbr_assessed"] = "128",
        ["dbr_excluded"] = "Wrong population, 47; Wrong intervention, 29; Wrong comparator, 11; Wrong outcome, 18; "
            + "Not a randomised controlled trial (quasi-randomised, cluster-crossover or observational design), 9",
        ["other_sought_reports"] = "23",
        ["other_notretrieved_reports"] = "2",
        ["other_assessed"] = "21",
        ["other_excluded"] = "Wrong population, 9; Wrong outcome, 6; Conference abstract only, 2",
        ["new_studies"] = "15",
        ["new_reports"] = "18",
        ["total_studies"] = "27",
        ["total_reports"] = "33",
        ["total_studies_ma"] = "22",
        ["total_reports_ma"] = "26",
    };
}
