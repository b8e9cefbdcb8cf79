namespace Evident.Core.EffectSizes;

/// <summary>
/// Single proportions from xi events out of ni:
/// <list type="bullet">
/// <item>PR: p = x/n, vi = p(1 − p)/n (binomial).</item>
/// <item>PLN: log p, vi = 1/x − 1/n. PLO: log(x/(n − x)), vi = 1/x + 1/(n − x) (delta method; Agresti 2013, §3.1).</item>
/// <item>PAS: arcsin √p, vi = 1/(4n) (variance-stabilizing; Anscombe 1948).</item>
/// <item>PFT: Freeman-Tukey double arcsine, ½[arcsin √(x/(n+1)) + arcsin √((x+1)/(n+1))], vi = 1/(4n + 2)
/// (Freeman &amp; Tukey 1950; Miller 1978 — half of Miller's t, as metafor).</item>
/// </list>
/// The continuity correction is added to x and n − x (so n grows by 2·add) for PR, PLN and PLO when x = 0 or x = n.
/// PAS and PFT are defined at 0 and n and are corrected only with <see cref="EscalcOptions.CorrectArcsineProportions"/>
/// (metafor 3.8-1 corrects them only when <c>add</c> is given explicitly).
/// </summary>
internal static class Proportions
{
    public static StudyEffect[] Compute(EffectMeasure measure, IReadOnlyList<StudyInput> studies, EscalcOptions options, List<Issue> issues)
    {
        var k = studies.Count;
        var scopes = new StudyScope[k];
        var data = new (double X, double N)[k];
        var hasZero = new bool[k];
        var eligible = new bool[k];
        var correctable = measure is EffectMeasure.PR or EffectMeasure.PLN or EffectMeasure.PLO || options.CorrectArcsineProportions;
        for (var i = 0; i < k; i++)
        {
            var s = studies[i];
            var scope = scopes[i] = new StudyScope(i, s, issues);
            var x = scope.Need(s.Xi, "xi");
            var n = scope.Need(s.Ni, "ni");
            scope.CheckCount(x, "xi");
            scope.CheckSize(n, "ni");
            if (!scope.Failed && x > n)
            {
                scope.Fail(IssueCodes.EventsExceedN, "xi", StudyScope.Inv($"xi ({x}) exceeds ni ({n})"));
            }

            if (scope.Failed)
            {
                continue;
            }

            data[i] = (x!.Value, n!.Value);
            hasZero[i] = correctable && (x == 0 || x == n);
            eligible[i] = true;
        }

        var correct = ContinuityCorrector.Targets(hasZero, eligible, correctable ? options : options with { To = ContinuityTarget.None });
        var result = new StudyEffect[k];
        for (var i = 0; i < k; i++)
        {
            var scope = scopes[i];
            if (!eligible[i])
            {
                result[i] = scope.Finish(double.NaN, double.NaN, "xi", n: StudyScope.Optional(studies[i].Ni));
                continue;
            }

            var (x, n) = data[i];
            var rawN = n;
            if (correct[i])
            {
                x += options.Add;
                n += 2 * options.Add;
                ContinuityCorrector.Record(scope, options, "xi", "the events and the non-events");
            }

            var (yi, vi) = Effect(measure, x, n);
            result[i] = scope.Finish(yi, vi, "xi", n: rawN);
        }

        return result;
    }

    private static (double Yi, double Vi) Effect(EffectMeasure measure, double x, double n)
    {
        switch (measure)
        {
            case EffectMeasure.PR:
                {
                    var p = x / n;
                    return (p, p * (1 - p) / n);
                }

            case EffectMeasure.PLN:
                return (Math.Log(x / n), (1 / x) - (1 / n));
            case EffectMeasure.PLO:
                return (Math.Log(x) - Math.Log(n - x), (1 / x) + (1 / (n - x)));
            case EffectMeasure.PAS:
                return (Math.Asin(Math.Sqrt(x / n)), 1 / (4 * n));
            case EffectMeasure.PFT:
                return (FreemanTukey(x, n), 1 / ((4 * n) + 2));
            default:
                throw new ArgumentOutOfRangeException(nameof(measure));
        }
    }

    /// <summary>Half the Freeman-Tukey double arcsine of x events out of n (Miller 1978, eq. 1, divided by 2).</summary>
    public static double FreemanTukey(double x, double n) =>
        0.5 * (Math.Asin(Math.Sqrt(x / (n + 1))) + Math.Asin(Math.Sqrt((x + 1) / (n + 1))));
}
