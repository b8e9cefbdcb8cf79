namespace Evident.Core.EffectSizes;

/// <summary>
/// Decides which studies get the continuity correction, as metafor's <c>escalc</c> does with <c>add</c> and <c>to</c>:
/// <c>only0</c> corrects studies with a zero cell, <c>all</c> every study, <c>if0all</c> every study when at least one
/// (computable, not dropped) study has a zero cell, <c>none</c> no study. The correction (Haldane 1956; Anscombe 1956)
/// adds <c>add</c> to every cell of a corrected study, so a double-zero study is kept unless drop00 is requested.
/// </summary>
internal static class ContinuityCorrector
{
    /// <summary>
    /// Per study: whether to add the correction. <paramref name="eligible"/> marks studies that are computed (valid input,
    /// not dropped); only they count for <c>if0all</c> (metafor ignores dropped double-zero studies there).
    /// </summary>
    public static bool[] Targets(IReadOnlyList<bool> hasZero, IReadOnlyList<bool> eligible, EscalcOptions options)
    {
        var k = hasZero.Count;
        var result = new bool[k];
        if (options.Add == 0 || options.To == ContinuityTarget.None)
        {
            return result;
        }

        var anyZero = false;
        for (var i = 0; i < k; i++)
        {
            anyZero |= eligible[i] && hasZero[i];
        }

        for (var i = 0; i < k; i++)
        {
            result[i] = eligible[i] && options.To switch
            {
                ContinuityTarget.Only0 => hasZero[i],
                ContinuityTarget.All => true,
                ContinuityTarget.If0All => anyZero,
                _ => false,
            };
        }

        return result;
    }

    /// <summary>
    /// Records the correction on the study (adjustment sentence and info issue). <paramref name="rule"/> names the rule that
    /// chose the study when it is not metafor's <c>to</c> (e.g. "RevMan 5 conventions").
    /// </summary>
    public static void Record(StudyScope scope, EscalcOptions options, string field, string what, string? rule = null) =>
        scope.Note(
            IssueCodes.ContinuityCorrection,
            field,
            StudyScope.Inv($"continuity correction: {options.Add} added to {what} ({rule ?? ToName(options.To)})"));

    private static string ToName(ContinuityTarget to) => to switch
    {
        ContinuityTarget.Only0 => "to=only0",
        ContinuityTarget.All => "to=all",
        ContinuityTarget.If0All => "to=if0all",
        _ => "to=none",
    };
}
