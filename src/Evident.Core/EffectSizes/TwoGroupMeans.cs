namespace Evident.Core.EffectSizes;

/// <summary>
/// Two independent groups with a continuous outcome (m1i, sd1i, n1i; m2i, sd2i, n2i):
/// <list type="bullet">
/// <item>MD: m1 − m2, vi = sd1²/n1 + sd2²/n2 (Borenstein et al. 2009, eq. 4.5; no equal-variance assumption).</item>
/// <item>SMD: Hedges' g = c(n1 + n2 − 2)·(m1 − m2)/sp, sp² = ((n1 − 1)sd1² + (n2 − 1)sd2²)/(n1 + n2 − 2),
/// vi = 1/n1 + 1/n2 + g²/(2(n1 + n2)) (Hedges 1981, eq. 6b; Hedges &amp; Olkin 1985, eq. 5.15, large-sample variance with g).</item>
/// <item>SMDH: c(n1 + n2 − 2)·(m1 − m2)/s with s² = (sd1² + sd2²)/2, and
/// vi = c²·[yi²(sd1⁴/(n1 − 1) + sd2⁴/(n2 − 1))/(8s⁴) + (sd1²/(n1 − 1) + sd2²/(n2 − 1))/s²] (Bonett 2009, scaled by the
/// square of the bias correction and evaluated at the corrected estimate — the variant metafor 3.8-1 computes).</item>
/// <item>SMD1 (Glass's Δ): c(n2 − 1)·(m1 − m2)/sd2, vi = 1/n1 + 1/n2 + yi²/(2n2) (Glass 1976; Hedges &amp; Olkin 1985, ch. 5).</item>
/// <item>ROM: log(m1/m2), vi = sd1²/(n1 m1²) + sd2²/(n2 m2²) (Hedges, Gurevitch &amp; Curtis 1999, eq. 9); means must be &gt; 0.</item>
/// </list>
/// c(m) is <see cref="BiasCorrection.C"/>. Missing means/SDs may come from medians (<see cref="MedianToMeanSd"/>).
/// <para>
/// With <see cref="EffectConventions.RevMan5"/> (Deeks &amp; Higgins 2010, "Statistical algorithms in Review Manager 5"),
/// MD and SMD need both SDs &gt; 0 (RevMan calls a study with an SD of 0 not estimable), and SMD is Hedges' adjusted
/// g = J·(m1 − m2)/sp with J = 1 − 3/(4N − 9) (<see cref="BiasCorrection.Approximate"/>) and
/// vi = N/(n1 n2) + g²/(2(N − 3.94)), N = n1 + n2; it needs N &gt; 2 for the pooled SD (at N = 3, J = 0 and g = 0, as
/// RevMan prints it).
/// </para>
/// </summary>
internal static class TwoGroupMeans
{
    public static StudyEffect[] Compute(EffectMeasure measure, IReadOnlyList<StudyInput> studies, EscalcOptions options, List<Issue> issues)
    {
        var result = new StudyEffect[studies.Count];
        var needSd1 = measure != EffectMeasure.SMD1;
        var revMan = options.Conventions == EffectConventions.RevMan5 && (measure is EffectMeasure.MD or EffectMeasure.SMD);
        for (var i = 0; i < studies.Count; i++)
        {
            var s = studies[i];
            var scope = new StudyScope(i, s, issues);
            var n1 = scope.Need(s.N1i, "n1i");
            var n2 = scope.Need(s.N2i, "n2i");
            scope.CheckSize(n1, "n1i");
            scope.CheckSize(n2, "n2i");
            var (m1Given, sd1Given) = MedianToMeanSd.Resolve(scope, options, s.M1i, s.Sd1i, needSd1, Group1(s), n1, "m1i", "sd1i");
            var (m2Given, sd2Given) = MedianToMeanSd.Resolve(scope, options, s.M2i, s.Sd2i, true, Group2(s), n2, "m2i", "sd2i");
            var m1 = scope.Need(m1Given, "m1i");
            var sd1 = needSd1 ? scope.Need(sd1Given, "sd1i") : 0;
            var m2 = scope.Need(m2Given, "m2i");
            var sd2 = scope.Need(sd2Given, "sd2i");
            scope.CheckSd(sd1, "sd1i", strict: revMan);
            scope.CheckSd(sd2, "sd2i", strict: revMan || measure == EffectMeasure.SMD1);
            if (!scope.Failed)
            {
                CheckMeasure(scope, measure, revMan, m1!.Value, sd1!.Value, n1!.Value, m2!.Value, sd2!.Value, n2!.Value);
            }

            if (scope.Failed)
            {
                result[i] = scope.Finish(double.NaN, double.NaN, "m1i", StudyScope.Optional(s.N1i), StudyScope.Optional(s.N2i));
                continue;
            }

            var (yi, vi) = revMan && measure == EffectMeasure.SMD
                ? RevManSmd(m1!.Value, sd1!.Value, n1!.Value, m2!.Value, sd2!.Value, n2!.Value)
                : Effect(measure, m1!.Value, sd1!.Value, n1!.Value, m2!.Value, sd2!.Value, n2!.Value);
            result[i] = scope.Finish(yi, vi, "m1i", n1, n2);
        }

        return result;
    }

    internal static MedianToMeanSd.Summary Group1(StudyInput s) =>
        new(s.Med1i, s.Q1_1i, s.Q3_1i, s.Min1i, s.Max1i, "med1i", "q1_1i", "q3_1i", "min1i", "max1i");

    internal static MedianToMeanSd.Summary Group2(StudyInput s) =>
        new(s.Med2i, s.Q1_2i, s.Q3_2i, s.Min2i, s.Max2i, "med2i", "q1_2i", "q3_2i", "min2i", "max2i");

    private static void CheckMeasure(StudyScope scope, EffectMeasure measure, bool revMan, double m1, double sd1, double n1, double m2, double sd2, double n2)
    {
        switch (measure)
        {
            case EffectMeasure.SMD when revMan:
                if (n1 + n2 <= 2)
                {
                    scope.Fail(IssueCodes.SampleSizeTooSmall, "n1i", StudyScope.Inv($"SMD needs n1i + n2i > 2 for the pooled SD (got {n1 + n2})"));
                }

                break;
            case EffectMeasure.SMD:
                if (n1 + n2 - 2 <= 1)
                {
                    scope.Fail(IssueCodes.SampleSizeTooSmall, "n1i", StudyScope.Inv($"SMD needs n1i + n2i > 3 for the bias correction (got {n1 + n2})"));
                }
                else if (sd1 == 0 && sd2 == 0)
                {
                    scope.Fail(IssueCodes.NonPositiveSd, "sd1i", "SMD needs a positive pooled SD (both SDs are 0)");
                }

                break;
            case EffectMeasure.SMDH:
                if (n1 <= 1 || n2 <= 1)
                {
                    scope.Fail(IssueCodes.SampleSizeTooSmall, n1 <= 1 ? "n1i" : "n2i", "SMDH needs n1i > 1 and n2i > 1");
                }
                else if (sd1 == 0 && sd2 == 0)
                {
                    scope.Fail(IssueCodes.NonPositiveSd, "sd1i", "SMDH needs a positive average SD (both SDs are 0)");
                }

                break;
            case EffectMeasure.SMD1:
                if (n2 - 1 <= 1)
                {
                    scope.Fail(IssueCodes.SampleSizeTooSmall, "n2i", StudyScope.Inv($"SMD1 needs n2i > 2 for the bias correction (got {n2})"));
                }

                break;
            case EffectMeasure.ROM:
                if (m1 <= 0)
                {
                    scope.Fail(IssueCodes.OutOfRange, "m1i", StudyScope.Inv($"ROM needs m1i > 0 (got {m1})"));
                }

                if (m2 <= 0)
                {
                    scope.Fail(IssueCodes.OutOfRange, "m2i", StudyScope.Inv($"ROM needs m2i > 0 (got {m2})"));
                }

                break;
            default:
                break;
        }
    }

    /// <summary>RevMan 5's SMD: Hedges' adjusted g and its variance (Deeks &amp; Higgins 2010).</summary>
    private static (double Yi, double Vi) RevManSmd(double m1, double sd1, double n1, double m2, double sd2, double n2)
    {
        var n = n1 + n2;
        var sp = Math.Sqrt((((n1 - 1) * sd1 * sd1) + ((n2 - 1) * sd2 * sd2)) / (n - 2));
        var g = BiasCorrection.Approximate(n - 2) * (m1 - m2) / sp;
        return (g, (n / (n1 * n2)) + (g * g / (2 * (n - 3.94))));
    }

    private static (double Yi, double Vi) Effect(EffectMeasure measure, double m1, double sd1, double n1, double m2, double sd2, double n2)
    {
        switch (measure)
        {
            case EffectMeasure.MD:
                return (m1 - m2, (sd1 * sd1 / n1) + (sd2 * sd2 / n2));
            case EffectMeasure.SMD:
                {
                    var m = n1 + n2 - 2;
                    var sp = Math.Sqrt((((n1 - 1) * sd1 * sd1) + ((n2 - 1) * sd2 * sd2)) / m);
                    var g = BiasCorrection.C(m) * (m1 - m2) / sp;
                    return (g, (1 / n1) + (1 / n2) + (g * g / (2 * (n1 + n2))));
                }

            case EffectMeasure.SMDH:
                {
                    var c = BiasCorrection.C(n1 + n2 - 2);
                    var s2 = ((sd1 * sd1) + (sd2 * sd2)) / 2;
                    var y = c * (m1 - m2) / Math.Sqrt(s2);
                    var v1 = sd1 * sd1 / (n1 - 1);
                    var v2 = sd2 * sd2 / (n2 - 1);
                    var vi = c * c * ((y * y * ((sd1 * sd1 * v1) + (sd2 * sd2 * v2)) / (8 * s2 * s2)) + ((v1 + v2) / s2));
                    return (y, vi);
                }

            case EffectMeasure.SMD1:
                {
                    var y = BiasCorrection.C(n2 - 1) * (m1 - m2) / sd2;
                    return (y, (1 / n1) + (1 / n2) + (y * y / (2 * n2)));
                }

            case EffectMeasure.ROM:
                return (Math.Log(m1 / m2), (sd1 * sd1 / (n1 * m1 * m1)) + (sd2 * sd2 / (n2 * m2 * m2)));
            default:
                throw new ArgumentOutOfRangeException(nameof(measure));
        }
    }
}
