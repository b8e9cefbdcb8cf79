namespace Evident.Core.EffectSizes;

/// <summary>Entry point for effect sizes: metafor's <c>escalc</c> equivalents, same names, same defaults.</summary>
public static class EffectSizes
{
    /// <summary>
    /// Computes one effect size per study. Studies that cannot be computed get null yi/vi and an issue with the
    /// study index and the field at fault; the others go on. Nothing the user gave is changed silently: every
    /// correction or conversion is listed in <see cref="StudyEffect.Adjustments"/> and as an info issue.
    /// Formulas and their sources are documented per measure family; all use metafor's default large-sample
    /// variances (<c>vtype = "LS"</c>).
    /// </summary>
    public static EffectSizeSet Compute(EffectMeasure measure, IReadOnlyList<StudyInput> studies, EscalcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(studies);
        options ??= EscalcOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(options.Add);
        for (var i = 0; i < studies.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(studies[i], nameof(studies));
        }

        var issues = new List<Issue>();
        var effects = measure switch
        {
            EffectMeasure.PETO when ObservedMinusExpected.Applies(studies) => ObservedMinusExpected.Compute(studies, issues),
            EffectMeasure.OR or EffectMeasure.RR or EffectMeasure.RD or EffectMeasure.PETO => TwoByTwo.Compute(measure, studies, options, issues),
            EffectMeasure.IRR or EffectMeasure.IRD => IncidenceRates.ComputeTwoGroups(measure, studies, options, issues),
            EffectMeasure.IR or EffectMeasure.IRLN => IncidenceRates.ComputeOneGroup(measure, studies, options, issues),
            EffectMeasure.MD or EffectMeasure.SMD or EffectMeasure.SMDH or EffectMeasure.SMD1 or EffectMeasure.ROM => TwoGroupMeans.Compute(measure, studies, options, issues),
            EffectMeasure.COR or EffectMeasure.UCOR or EffectMeasure.ZCOR => Correlations.Compute(measure, studies, issues),
            EffectMeasure.PR or EffectMeasure.PLN or EffectMeasure.PLO or EffectMeasure.PAS or EffectMeasure.PFT => Proportions.Compute(measure, studies, options, issues),
            EffectMeasure.MN or EffectMeasure.MNLN => SingleGroupMeans.Compute(measure, studies, options, issues),
            EffectMeasure.MC or EffectMeasure.SMCC or EffectMeasure.SMCR => PrePost.Compute(measure, studies, options, issues),
            EffectMeasure.GEN => Generic.Compute(studies, options, issues),
            _ => throw new ArgumentOutOfRangeException(nameof(measure)),
        };

        // Issues in study order (each family reports per study in order, but two-pass families add some later).
        var ordered = issues.Select((issue, position) => (issue, position))
            .OrderBy(p => p.issue.StudyIndex ?? int.MaxValue)
            .ThenBy(p => p.position)
            .Select(p => p.issue)
            .ToArray();
        return new EffectSizeSet(measure, effects, ordered);
    }

    /// <summary>
    /// The alternative sets of escalc fields a measure can be computed from (any one set suffices), e.g.
    /// OR: {ai, bi, ci, di} or {ai, n1i, ci, n2i}. Field names are lower-case escalc argument names.
    /// With a median conversion, a mean/SD pair may instead come from median fields (listed as further sets).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> InputSets(EffectMeasure measure, EscalcOptions? options = null)
    {
        options ??= EscalcOptions.Default;
        var median = options.MedianConversion != MedianConversion.None;
        string[][] Group(string m, string sd, string g) => median
            ? [[m, sd], [$"med{g}", $"q1_{g}", $"q3_{g}"], [$"med{g}", $"min{g}", $"max{g}"]]
            : [[m, sd]];
        string[][] MeanOnly(string m, string g) => median
            ? [[m], [$"med{g}", $"q1_{g}", $"q3_{g}"], [$"med{g}", $"min{g}", $"max{g}"]]
            : [[m]];
        string[][] One(params string[] fields) => [fields];

        string[][][] slots = measure switch
        {
            EffectMeasure.OR or EffectMeasure.RR or EffectMeasure.RD =>
                [[["ai", "bi", "ci", "di"], ["ai", "n1i", "ci", "n2i"]]],
            EffectMeasure.PETO => [[["ai", "bi", "ci", "di"], ["ai", "n1i", "ci", "n2i"], ["oei", "vari"]]],
            EffectMeasure.IRR or EffectMeasure.IRD => [One("x1i", "t1i", "x2i", "t2i")],
            EffectMeasure.IR or EffectMeasure.IRLN => [One("xi", "ti")],
            EffectMeasure.MD or EffectMeasure.SMD or EffectMeasure.SMDH or EffectMeasure.ROM =>
                [Group("m1i", "sd1i", "1i"), One("n1i"), Group("m2i", "sd2i", "2i"), One("n2i")],
            EffectMeasure.SMD1 => [MeanOnly("m1i", "1i"), One("n1i"), Group("m2i", "sd2i", "2i"), One("n2i")],
            EffectMeasure.COR or EffectMeasure.UCOR or EffectMeasure.ZCOR => [One("ri", "ni")],
            EffectMeasure.PR or EffectMeasure.PLN or EffectMeasure.PLO or EffectMeasure.PAS or EffectMeasure.PFT => [One("xi", "ni")],
            EffectMeasure.MN or EffectMeasure.MNLN => [Group("mi", "sdi", "i"), One("ni")],
            EffectMeasure.MC or EffectMeasure.SMCC => [Group("m1i", "sd1i", "1i"), Group("m2i", "sd2i", "2i"), One("ni", "ri")],
            EffectMeasure.SMCR => [Group("m1i", "sd1i", "1i"), MeanOnly("m2i", "2i"), One("ni", "ri")],
            EffectMeasure.GEN => [[["yi", "vi"], ["yi", "sei"], ["yi", "ci_lb", "ci_ub"]]],
            _ => throw new ArgumentOutOfRangeException(nameof(measure)),
        };

        IEnumerable<IEnumerable<string>> sets = [[]];
        foreach (var slot in slots)
        {
            sets = sets.SelectMany(prefix => slot.Select(alternative => prefix.Concat(alternative)));
        }

        return sets.Select(set => (IReadOnlyList<string>)set.Distinct().ToArray()).ToArray();
    }
}
