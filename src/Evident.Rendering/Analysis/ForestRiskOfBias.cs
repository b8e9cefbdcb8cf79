using Evident.Rendering.Plots.Forest;
using Evident.Review.RiskOfBias;

namespace Evident.Rendering.Analysis;

/// <summary>
/// Risk-of-bias judgements for the traffic-light columns of a forest plot, as read from robvis's CSV layout
/// (<c>Study, D1, …, Dn, Overall[, Weight]</c>; McGuinness &amp; Higgins 2021) by <see cref="RobTable"/>: one row per
/// study, one column per domain, the overall judgement last. <see cref="ForestData"/> matches the rows to the studies
/// by label.
/// </summary>
/// <param name="Path">The file as given (the issues about its rows name it).</param>
/// <param name="Domains">The domain columns (the overall judgement last, if the file has one).</param>
/// <param name="Rows">The rows: study label, file line and judgement per domain (null: blank).</param>
public sealed record ForestRiskOfBias(string Path, IReadOnlyList<ForestRobDomain> Domains, IReadOnlyList<(string Study, int Line, Judgement?[] Judgements)> Rows)
{
    /// <summary>
    /// The judgements of an assessment read by <see cref="RobTable.Read"/>: its domains (and the overall judgement as a
    /// last column "O", if it has one) and each study's row; <paramref name="lines"/> gives the file line of each table
    /// row (the assessment's <see cref="RobStudy.Row"/> indexes it).
    /// </summary>
    /// <param name="path">The file as given.</param>
    /// <param name="assessment">The assessment.</param>
    /// <param name="lines">The file line of each table row.</param>
    public static ForestRiskOfBias From(string path, RobAssessment assessment, IReadOnlyList<int> lines)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(lines);
        List<ForestRobDomain> domains = [.. assessment.Domains.Select(d => new ForestRobDomain(d.Label, d.Name))];
        if (assessment.HasOverall)
        {
            domains.Add(new ForestRobDomain("O", "Overall risk of bias"));
        }

        var rows = assessment.Studies.Select(s => (s.Study, lines[s.Row!.Value],
            assessment.HasOverall ? [.. s.Domains, s.Overall] : s.Domains.ToArray())).ToList();
        return new ForestRiskOfBias(path, domains, rows);
    }
}
