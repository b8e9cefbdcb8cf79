namespace Evident.Review.RiskOfBias;

/// <summary>One domain of a risk-of-bias tool.</summary>
/// <param name="Label">The short label drawn above its column (<c>D1</c>, <c>D1b</c>, or a header such as <c>Allocation concealment</c>).</param>
/// <param name="Name">What the domain assesses ("Bias arising from the randomization process"); null when only the label is known.</param>
public sealed record RobDomain(string Label, string? Name);

/// <summary>One study's judgements.</summary>
/// <param name="Study">The study's label.</param>
/// <param name="Domains">One judgement per domain of the assessment, in its order; null where the cell could not be read.</param>
/// <param name="Overall">The overall judgement; null when there is no Overall column or the cell could not be read.</param>
/// <param name="Weight">The study's weight in the meta-analysis (for the weighted summary); null when not given.</param>
public sealed record RobStudy(string Study, IReadOnlyList<Judgement?> Domains, Judgement? Overall = null, double? Weight = null)
{
    /// <summary>The 0-based data row (after the header) <see cref="RobTable"/> read it from; null when built otherwise.</summary>
    public int? Row { get; init; }
}

/// <summary>
/// A risk-of-bias assessment as robvis takes it (<c>Study, D1..Dn, Overall[, Weight]</c>; McGuinness &amp; Higgins,
/// Res Synth Methods 2021;12:55): the tool, its domains and one row of judgements per study.
/// </summary>
/// <param name="Tool">The tool (its domain names and judgement words).</param>
/// <param name="Domains">The domains, in column order.</param>
/// <param name="Studies">The studies, in row order.</param>
/// <param name="HasOverall">Whether there is an Overall column (drawn as the last column and bar).</param>
public sealed record RobAssessment(RobTool Tool, IReadOnlyList<RobDomain> Domains, IReadOnlyList<RobStudy> Studies, bool HasOverall = true)
{
    /// <summary>Whether every study has a weight.</summary>
    public bool HasWeights => Studies.Count > 0 && Studies.All(s => s.Weight is not null);

    /// <summary>
    /// The judgements the legend shows, most serious first: the tool's (as robvis shows them all), or for a generic tool
    /// those the studies use.
    /// </summary>
    public IReadOnlyList<Judgement> Levels => Tool != RobTool.Generic
        ? RobTools.Levels(Tool)
        : [.. RobTools.Levels(Tool).Where(l => Studies.Any(s => s.Overall == l || s.Domains.Contains(l)))];

    /// <summary>The tool's word for a judgement.</summary>
    public string Word(Judgement judgement) => RobTools.Word(Tool, judgement);
}
