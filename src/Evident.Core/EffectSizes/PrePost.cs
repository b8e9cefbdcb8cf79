namespace Evident.Core.EffectSizes;

/// <summary>
/// One group measured twice (m1i, sd1i at time 1; m2i, sd2i at time 2; ni; ri the correlation between the two):
/// <list type="bullet">
/// <item>MC: m1 − m2, vi = (sd1² + sd2² − 2r·sd1·sd2)/n (variance of a difference of correlated means).</item>
/// <item>SMCC: c(n − 1)·(m1 − m2)/sd_d with sd_d² = sd1² + sd2² − 2r·sd1·sd2, vi = 1/n + yi²/(2n)
/// (change-score standardization; Gibbons, Hedeker &amp; Davis 1993).</item>
/// <item>SMCR: c(n − 1)·(m1 − m2)/sd1, vi = 2(1 − r)/n + yi²/(2n) (raw-score standardization; Becker 1988 and its
/// large-sample variance; Morris 2008).</item>
/// </list>
/// c(m) is <see cref="BiasCorrection.C"/>; SMCC and SMCR need n &gt; 2.
/// </summary>
internal static class PrePost
{
    public static StudyEffect[] Compute(EffectMeasure measure, IReadOnlyList<StudyInput> studies, EscalcOptions options, List<Issue> issues)
    {
        var result = new StudyEffect[studies.Count];
        var needSd2 = measure != EffectMeasure.SMCR;
        for (var i = 0; i < studies.Count; i++)
        {
            var s = studies[i];
            var scope = new StudyScope(i, s, issues);
            var n = scope.Need(s.Ni, "ni");
            scope.CheckSize(n, "ni");
            var (m1Given, sd1Given) = MedianToMeanSd.Resolve(scope, options, s.M1i, s.Sd1i, true, TwoGroupMeans.Group1(s), n, "m1i", "sd1i");
            var (m2Given, sd2Given) = MedianToMeanSd.Resolve(scope, options, s.M2i, s.Sd2i, needSd2, TwoGroupMeans.Group2(s), n, "m2i", "sd2i");
            var m1 = scope.Need(m1Given, "m1i");
            var m2 = scope.Need(m2Given, "m2i");
            var sd1 = scope.Need(sd1Given, "sd1i");
            var sd2 = needSd2 ? scope.Need(sd2Given, "sd2i") : 0;
            var r = scope.Need(s.Ri, "ri");
            scope.CheckSd(sd1, "sd1i", strict: measure == EffectMeasure.SMCR);
            scope.CheckSd(sd2, "sd2i");
            scope.CheckCorrelation(r, "ri");
            if (!scope.Failed && measure != EffectMeasure.MC && n <= 2)
            {
                scope.Fail(IssueCodes.SampleSizeTooSmall, "ni", StudyScope.Inv($"{measure} needs ni > 2 for the bias correction (got {n})"));
            }

            if (scope.Failed)
            {
                result[i] = scope.Finish(double.NaN, double.NaN, "m1i", n: StudyScope.Optional(s.Ni));
                continue;
            }

            var (a, b, s1, s2, nv, rv) = (m1!.Value, m2!.Value, sd1!.Value, sd2!.Value, n!.Value, r!.Value);
            var varDiff = (s1 * s1) + (s2 * s2) - (2 * rv * s1 * s2);
            double yi;
            double vi;
            switch (measure)
            {
                case EffectMeasure.MC:
                    (yi, vi) = (a - b, varDiff / nv);
                    break;
                case EffectMeasure.SMCC:
                    if (!(varDiff > 0))
                    {
                        scope.Fail(IssueCodes.NonPositiveSd, "sd1i", "SMCC needs a positive change-score SD (sd1i = sd2i with ri = 1 gives 0)");
                        (yi, vi) = (double.NaN, double.NaN);
                        break;
                    }

                    yi = BiasCorrection.C(nv - 1) * (a - b) / Math.Sqrt(varDiff);
                    vi = (1 / nv) + (yi * yi / (2 * nv));
                    break;
                default:
                    yi = BiasCorrection.C(nv - 1) * (a - b) / s1;
                    vi = (2 * (1 - rv) / nv) + (yi * yi / (2 * nv));
                    break;
            }

            result[i] = scope.Finish(yi, vi, "m1i", n: nv);
        }

        return result;
    }
}
