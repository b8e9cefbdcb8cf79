using Evident.Analysis.Input;
using Evident.Core;
using Evident.Core.EffectSizes;

namespace Evident.Analysis;

/// <summary>
/// The <c>missing-column</c> errors when a file lacks the columns a measure (or any data type) needs: each names the
/// headers the file has and, per missing input, the header that may be it and the accepted names nearest to it, with
/// the <c>--map</c> that would name it.
/// </summary>
internal static class MissingColumns
{
    /// <summary>The sets of columns <c>--measure auto</c> can analyse, by data type.</summary>
    private static readonly (string Type, string[] Fields)[] AutoSets =
    [
        ("continuous", ["m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i"]),
        ("binary", ["ai", "n1i", "ci", "n2i"]),
        ("binary", ["ai", "bi", "ci", "di"]),
        ("generic", ["yi", "sei"]),
        ("generic", ["yi", "vi"]),
        ("generic", ["yi", "ci_lb", "ci_ub"]),
        ("O−E", ["oei", "vari"]),
    ];

    /// <summary>One error per input missing from the nearest complete set of <paramref name="measure"/>'s columns.</summary>
    public static IEnumerable<AnalysisIssue> ForMeasure(
        EffectMeasure measure, IReadOnlyList<IReadOnlyList<string>> sets, ColumnMap columns, string path, string? medianHint)
    {
        var closest = sets.MinBy(set => set.Count(f => !columns.Has(f)))!;
        var accepted = string.Join(" or ", sets.Select(set => string.Join(' ', set))) + medianHint;
        foreach (var field in closest.Where(f => !columns.Has(f)))
        {
            yield return new(path, null, field, null, AnalysisIssueCodes.MissingColumn, IssueSeverity.Error,
                $"Column {field} is missing; {measure} needs the columns {accepted}. {Found(columns)} For {field}, {columns.Suggest(field)}.");
        }
    }

    /// <summary>The error when no data type's columns are complete (<c>--measure auto</c>).</summary>
    public static AnalysisIssue ForAuto(ColumnMap columns, string path)
    {
        var (type, fields) = AutoSets.MinBy(s => s.Fields.Count(f => !columns.Has(f)));
        var missing = fields.Where(f => !columns.Has(f)).ToList();
        var nearest = missing.Count < fields.Length
            ? $" The nearest is {type} ({string.Join(' ', fields)}), which lacks {string.Join(" and ", missing)}: "
                + string.Join("; ", missing.Select(f => $"for {f}, {columns.Suggest(f)}")) + "."
            : " None of the file's headers is an accepted name: the README lists them (escalc's names, RevMan's, meta's and others), "
                + "and --map \"HEADER=field\" names any column.";
        var normalized = columns.Headers.Select(ColumnAliases.Normalize).ToHashSet(StringComparer.Ordinal);
        if (normalized.Contains("title") && (normalized.Contains("abstract") || normalized.Contains("doi") || normalized.Contains("journal")))
        {
            nearest += " Its columns (title, abstract, …) look like bibliographic records rather than study results: `evident` analyses a table of "
                + "study results, one row per study with its numbers; importing reference records (for screening and PRISMA counts) is planned "
                + "but not available yet.";
        }

        return new AnalysisIssue(path, null, null, null, AnalysisIssueCodes.MissingColumn, IssueSeverity.Error,
            "The file has no complete set of columns of any data type, so --measure auto cannot analyse it: continuous needs "
            + "m1i sd1i n1i m2i sd2i n2i; binary ai ci with n1i n2i (or bi di); generic yi with vi, sei or ci_lb ci_ub; "
            + $"O−E oei vari. Give --measure for other data (see the README for each measure's columns). {Found(columns)}{nearest}");
    }

    private static string Found(ColumnMap columns)
        => $"The file's headers are: {string.Join(", ", columns.Headers.Select(h => $"\"{h}\""))}.";
}
