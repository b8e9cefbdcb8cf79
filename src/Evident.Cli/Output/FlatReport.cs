using System.Globalization;
using System.Text;
using Evident.Cli.Analysis;
using Evident.Core;

namespace Evident.Cli.Output;

/// <summary>
/// One row per outcome, the columns being the outcome's scalar JSON fields (intervals split into
/// <c>_lower</c>/<c>_upper</c>): CSV (RFC 4180) or a Markdown pipe table. Numbers in the invariant culture.
/// </summary>
internal static class FlatReport
{
    /// <summary>CSV with a header row; missing values are empty cells.</summary>
    public static string Csv(Report report) => Build(report, cells => string.Join(',', cells.Select(Quote)), header: null);

    /// <summary>A Markdown pipe table.</summary>
    public static string Markdown(Report report)
        => Build(report, cells => "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |",
            header: count => "|" + string.Concat(Enumerable.Repeat("---|", count)));

    private static string Build(Report report, Func<IEnumerable<string>, string> line, Func<int, string>? header)
    {
        var names = Columns(OutcomeReport.Placeholder.Fields()).Select(c => c.Name).ToList();
        var text = new StringBuilder();
        text.Append(line(names)).Append('\n');
        if (header is not null)
        {
            text.Append(header(names.Count)).Append('\n');
        }

        foreach (var outcome in report.Outcomes)
        {
            text.Append(line(Columns(outcome.Fields()).Select(c => c.Value))).Append('\n');
        }

        return text.ToString();
    }

    private static IEnumerable<(string Name, string Value)> Columns(IEnumerable<(string Name, object? Value)> fields)
    {
        foreach (var (name, value) in fields)
        {
            if (name.EndsWith("_ci", StringComparison.Ordinal))
            {
                var interval = value as Interval?;
                yield return ($"{name}_lower", Format(interval?.Lower));
                yield return ($"{name}_upper", Format(interval?.Upper));
            }
            else
            {
                yield return (name, Format(value));
            }
        }
    }

    /// <summary>Invariant, round-trip numbers; empty for null, NaN and ±∞.</summary>
    public static string Format(object? value) => value switch
    {
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        double => string.Empty,
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        _ => string.Empty,
    };

    private static string Quote(string cell)
        => cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
