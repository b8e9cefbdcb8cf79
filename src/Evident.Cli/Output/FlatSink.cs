using System.Globalization;
using Evident.Cli.Analysis;
using Evident.Core;

namespace Evident.Cli.Output;

/// <summary>
/// One row per analysis, the columns being the key columns (batch mode) and then the outcome's scalar JSON fields
/// (intervals split into <c>_lower</c>/<c>_upper</c>): CSV (RFC 4180) or a Markdown pipe table. Numbers in the
/// invariant culture, round-trip precision; missing values are empty cells.
/// </summary>
internal sealed class FlatSink(TextWriter output, Action<CliIssue> errorLine, bool markdown) : ReportSink(errorLine)
{
    /// <inheritdoc/>
    public override void Begin(IReadOnlyList<(string Name, object? Value)> settings, IReadOnlyList<string>? keyColumns)
    {
        var names = (keyColumns ?? []).Concat(Columns(OutcomeReport.Placeholder.Fields()).Select(c => c.Name)).ToList();
        Line(names);
        if (markdown)
        {
            output.Write("|" + string.Concat(Enumerable.Repeat("---|", names.Count)) + "\n");
        }
    }

    /// <inheritdoc/>
    public override void Outcome(OutcomeReport outcome)
        => Line((outcome.Key?.Values ?? []).Concat(Columns(outcome.Fields()).Select(c => c.Value)));

    /// <inheritdoc/>
    public override void End(BatchSummary? summary) => output.Flush();

    private void Line(IEnumerable<string> cells)
    {
        var text = markdown
            ? "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |"
            : string.Join(',', cells.Select(Quote));
        output.Write(text);
        output.Write('\n');
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
        => cell.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
