namespace Evident.Core.EffectSizes;

/// <summary>
/// Person-time data: two groups (x1i events in t1i person-time, x2i in t2i) for IRR and IRD, one group (xi in ti) for
/// IR and IRLN. Events are Poisson counts, so var(x) = x (Rothman, Greenland &amp; Lash 2008, ch. 14; Breslow &amp; Day
/// 1987, ch. 2):
/// <list type="bullet">
/// <item>IRR: log(x1/t1) − log(x2/t2), vi = 1/x1 + 1/x2.</item>
/// <item>IRD: x1/t1 − x2/t2, vi = x1/t1² + x2/t2².</item>
/// <item>IR: x/t, vi = x/t². IRLN: log(x/t), vi = 1/x.</item>
/// </list>
/// The continuity correction is added to the event counts only (not to person-time), for all four measures, in studies
/// with a zero count (metafor's behaviour, checked against metafor 3.8-1).
/// </summary>
internal static class IncidenceRates
{
    public static StudyEffect[] ComputeTwoGroups(EffectMeasure measure, IReadOnlyList<StudyInput> studies, EscalcOptions options, List<Issue> issues)
    {
        var k = studies.Count;
        var scopes = new StudyScope[k];
        var data = new (double X1, double T1, double X2, double T2)[k];
        var hasZero = new bool[k];
        var eligible = new bool[k];
        for (var i = 0; i < k; i++)
        {
            var s = studies[i];
            var scope = scopes[i] = new StudyScope(i, s, issues);
            var x1 = scope.Need(s.X1i, "x1i");
            var t1 = scope.Need(s.T1i, "t1i");
            var x2 = scope.Need(s.X2i, "x2i");
            var t2 = scope.Need(s.T2i, "t2i");
            scope.CheckCount(x1, "x1i");
            scope.CheckCount(x2, "x2i");
            CheckTime(scope, t1, "t1i");
            CheckTime(scope, t2, "t2i");
            if (scope.Failed)
            {
                continue;
            }

            data[i] = (x1!.Value, t1!.Value, x2!.Value, t2!.Value);
            hasZero[i] = x1 == 0 || x2 == 0;
            if (options.Drop00 && x1 == 0 && x2 == 0)
            {
                scope.Warn(IssueCodes.DroppedDoubleZero, "x1i", "no events in both groups; dropped because drop00 was requested");
                continue;
            }

            eligible[i] = true;
        }

        var correct = ContinuityCorrector.Targets(hasZero, eligible, options);
        var result = new StudyEffect[k];
        for (var i = 0; i < k; i++)
        {
            var scope = scopes[i];
            if (!eligible[i])
            {
                result[i] = scope.Failed ? scope.Finish(double.NaN, double.NaN, "x1i") : Skipped(scope);
                continue;
            }

            var (x1, t1, x2, t2) = data[i];
            if (correct[i])
            {
                x1 += options.Add;
                x2 += options.Add;
                ContinuityCorrector.Record(scope, options, "x1i", "both event counts");
            }

            var (yi, vi) = measure == EffectMeasure.IRR
                ? (Math.Log(x1 / t1) - Math.Log(x2 / t2), (1 / x1) + (1 / x2))
                : ((x1 / t1) - (x2 / t2), (x1 / (t1 * t1)) + (x2 / (t2 * t2)));
            result[i] = scope.Finish(yi, vi, "x1i");
        }

        return result;
    }

    public static StudyEffect[] ComputeOneGroup(EffectMeasure measure, IReadOnlyList<StudyInput> studies, EscalcOptions options, List<Issue> issues)
    {
        var k = studies.Count;
        var scopes = new StudyScope[k];
        var data = new (double X, double T)[k];
        var hasZero = new bool[k];
        var eligible = new bool[k];
        for (var i = 0; i < k; i++)
        {
            var s = studies[i];
            var scope = scopes[i] = new StudyScope(i, s, issues);
            var x = scope.Need(s.Xi, "xi");
            var t = scope.Need(s.Ti, "ti");
            scope.CheckCount(x, "xi");
            CheckTime(scope, t, "ti");
            if (scope.Failed)
            {
                continue;
            }

            data[i] = (x!.Value, t!.Value);
            hasZero[i] = x == 0;
            eligible[i] = true;
        }

        var correct = ContinuityCorrector.Targets(hasZero, eligible, options);
        var result = new StudyEffect[k];
        for (var i = 0; i < k; i++)
        {
            var scope = scopes[i];
            if (!eligible[i])
            {
                result[i] = scope.Finish(double.NaN, double.NaN, "xi");
                continue;
            }

            var (x, t) = data[i];
            if (correct[i])
            {
                x += options.Add;
                ContinuityCorrector.Record(scope, options, "xi", "the event count");
            }

            var (yi, vi) = measure == EffectMeasure.IR ? (x / t, x / (t * t)) : (Math.Log(x / t), 1 / x);
            result[i] = scope.Finish(yi, vi, "xi");
        }

        return result;
    }

    private static void CheckTime(StudyScope scope, double? t, string field)
    {
        if (t is { } v && v <= 0)
        {
            scope.Fail(IssueCodes.OutOfRange, field, StudyScope.Inv($"{field} (person-time) must be > 0 (got {v})"));
        }
    }

    private static StudyEffect Skipped(StudyScope scope) => new()
    {
        Index = scope.Index,
        Study = scope.Input.Study,
        Adjustments = scope.Adjustments.ToArray(),
    };
}
