namespace Evident.Core.EffectSizes;

/// <summary>
/// One group's mean (mi, sdi, ni): MN, the raw mean with vi = sd²/n; MNLN, the log mean with vi = sd²/(n·m²) (delta
/// method; Hedges, Gurevitch &amp; Curtis 1999 for one group). MNLN needs mi &gt; 0.
/// </summary>
internal static class SingleGroupMeans
{
    public static StudyEffect[] Compute(EffectMeasure measure, IReadOnlyList<StudyInput> studies, EscalcOptions options, List<Issue> issues)
    {
        var result = new StudyEffect[studies.Count];
        for (var i = 0; i < studies.Count; i++)
        {
            var s = studies[i];
            var scope = new StudyScope(i, s, issues);
            var n = scope.Need(s.Ni, "ni");
            scope.CheckSize(n, "ni");
            var summary = new MedianToMeanSd.Summary(s.Medi, s.Q1i, s.Q3i, s.Mini, s.Maxi, "medi", "q1i", "q3i", "mini", "maxi");
            var (mGiven, sdGiven) = MedianToMeanSd.Resolve(scope, options, s.Mi, s.Sdi, true, summary, n, "mi", "sdi");
            var m = scope.Need(mGiven, "mi");
            var sd = scope.Need(sdGiven, "sdi");
            scope.CheckSd(sd, "sdi");
            if (measure == EffectMeasure.MNLN && m is { } mv && mv <= 0)
            {
                scope.Fail(IssueCodes.OutOfRange, "mi", StudyScope.Inv($"MNLN needs mi > 0 (got {mv})"));
            }

            if (scope.Failed)
            {
                result[i] = scope.Finish(double.NaN, double.NaN, "mi", n: StudyScope.Optional(s.Ni));
                continue;
            }

            var (mean, sdv, nv) = (m!.Value, sd!.Value, n!.Value);
            var (yi, vi) = measure == EffectMeasure.MN
                ? (mean, sdv * sdv / nv)
                : (Math.Log(mean), sdv * sdv / (nv * mean * mean));
            result[i] = scope.Finish(yi, vi, "mi", n: nv);
        }

        return result;
    }
}
