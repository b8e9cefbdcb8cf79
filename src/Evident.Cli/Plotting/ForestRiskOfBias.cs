using Evident.Core;
using Evident.Rendering.Plots.Forest;
using Evident.Review.RiskOfBias;

namespace Evident.Cli.Plotting;

/// <summary>
/// Risk-of-bias judgements for the traffic-light columns of a forest plot, read from robvis's CSV layout
/// (<c>Study, D1, …, Dn, Overall[, Weight]</c>; McGuinness &amp; Higgins 2021) by the reader <c>plot rob</c> uses
/// (<see cref="RobTable"/>): one row per study, one column per domain, the overall judgement last.
/// </summary>
/// <param name="Path">The file as given.</param>
/// <param name="Domains">The domain columns (the overall judgement last, if the file has one).</param>
/// <param name="Rows">The rows: study label, file line and judgement per domain (null: blank).</param>
internal sealed record ForestRiskOfBias(string Path, IReadOnlyList<ForestRobDomain> Domains, IReadOnlyList<(string Study, int Line, Judgement?[] Judgements)> Rows)
{
    /// <summary>
    /// Reads the file and prints its problems on <paramref name="error"/>, each at its line and column with its code
    /// (<see cref="RobIssueCodes"/>); null when it cannot be read or holds nothing to draw.
    /// </summary>
    public static ForestRiskOfBias? Read(string path, TextWriter error)
    {
        if (TableFile.Read(path, error, out _) is not { } table)
        {
            return null;
        }

        if (RobCommand.Report(table, RobTable.Read(table.Header, table.Rows), error, IssueSeverity.Warning) is not { } assessment)
        {
            return null;
        }

        List<ForestRobDomain> domains = [.. assessment.Domains.Select(d => new ForestRobDomain(d.Label, d.Name))];
        if (assessment.HasOverall)
        {
            domains.Add(new ForestRobDomain("O", "Overall risk of bias"));
        }

        var rows = assessment.Studies.Select(s => (s.Study, table.Lines[s.Row!.Value],
            assessment.HasOverall ? [.. s.Domains, s.Overall] : s.Domains.ToArray())).ToList();
        return new ForestRiskOfBias(path, domains, rows);
    }
}
