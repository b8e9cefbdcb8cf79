namespace Evident.Core.EffectSizes;

/// <summary>
/// PETO from studies reported as observed minus expected events and its variance (O − E, V), as from a log-rank
/// analysis of time-to-event data or a 2×2 table analysed elsewhere: yi = (O − E)/V, vi = 1/V (Yusuf et al. 1985;
/// Cochrane Handbook 2023, §10.4.2 and §6.8.2). This is RevMan's "O − E and variance" data type.
/// </summary>
internal static class ObservedMinusExpected
{
    /// <summary>True when the studies give O − E and V rather than 2×2 tables (no study has <c>ai</c>).</summary>
    public static bool Applies(IReadOnlyList<StudyInput> studies)
        => studies.Any(s => StudyScope.Optional(s.Oei) is not null || StudyScope.Optional(s.Vari) is not null)
            && studies.All(s => StudyScope.Optional(s.Ai) is null);

    public static StudyEffect[] Compute(IReadOnlyList<StudyInput> studies, List<Issue> issues)
    {
        var result = new StudyEffect[studies.Count];
        for (var i = 0; i < studies.Count; i++)
        {
            var s = studies[i];
            var scope = new StudyScope(i, s, issues);
            var oe = scope.Need(s.Oei, "oei");
            var v = scope.Need(s.Vari, "vari");
            if (v is <= 0)
            {
                scope.Fail(IssueCodes.NonPositiveVariance, "vari", StudyScope.Inv($"vari (the variance of O − E) must be > 0 (got {v})"));
            }

            var (yi, vi) = !scope.Failed && oe is { } o && v is { } variance ? (o / variance, 1 / variance) : (double.NaN, double.NaN);
            result[i] = scope.Finish(yi, vi, "oei", StudyScope.Optional(s.N1i), StudyScope.Optional(s.N2i), StudyScope.Optional(s.Ni));
        }

        return result;
    }
}
