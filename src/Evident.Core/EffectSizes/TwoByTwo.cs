namespace Evident.Core.EffectSizes;

/// <summary>
/// Two groups with a binary outcome (a 2×2 table: ai/bi events/non-events in group 1, ci/di in group 2; or ai, n1i,
/// ci, n2i). Measures OR, RR, RD and PETO with their large-sample variances.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>OR: log odds ratio log(ad/(bc)), vi = 1/a + 1/b + 1/c + 1/d (Woolf 1955; Fleiss &amp; Berlin 2009, eq. 13.6).</item>
/// <item>RR: log(a/n1) − log(c/n2), vi = 1/a − 1/n1 + 1/c − 1/n2 (Katz et al. 1978; Fleiss &amp; Berlin 2009).</item>
/// <item>RD: a/n1 − c/n2, vi = p1(1 − p1)/n1 + p2(1 − p2)/n2 (large-sample binomial variance).</item>
/// <item>PETO: (a − E)/V with E = n1(a + c)/N and V = n1 n2 (a + c)(b + d)/(N²(N − 1)), vi = 1/V (Yusuf et al. 1985).</item>
/// </list>
/// The continuity correction (<see cref="ContinuityCorrector"/>) applies to all four measures, as in metafor.
/// <para>
/// With <see cref="EffectConventions.RevMan5"/> the zero-cell rules are Review Manager 5's (Deeks &amp; Higgins 2010; Cochrane
/// Handbook 5.1, §9.4.4 and §16.9.3), as RevMan's printed per-study results in the Pairwise70 collection show them:
/// <see cref="EscalcOptions.Add"/> is added to all four cells of a table with a zero cell (<c>to</c> is ignored); PETO is never
/// corrected. Not estimable (dropped with <c>dropped-double-zero</c>; <c>drop00</c> is ignored): OR and PETO with no events
/// in both groups or only events in both groups, RR with no events in both groups. RD keeps every study: its estimate is the
/// raw a/n1 − c/n2 and only its variance comes from the corrected table (RD = 0 with a finite variance for a double-zero
/// study); likewise the RR of a study with only events in both groups is the raw ratio (1) with the corrected variance.
/// </para>
/// </remarks>
internal static class TwoByTwo
{
    private readonly record struct Table(double A, double B, double C, double D);

    public static StudyEffect[] Compute(EffectMeasure measure, IReadOnlyList<StudyInput> studies, EscalcOptions options, List<Issue> issues)
    {
        var k = studies.Count;
        var scopes = new StudyScope[k];
        var tables = new Table[k];
        var hasZero = new bool[k];
        var eligible = new bool[k];
        var revMan = options.Conventions == EffectConventions.RevMan5;
        for (var i = 0; i < k; i++)
        {
            var s = studies[i];
            var scope = scopes[i] = new StudyScope(i, s, issues);
            var a = scope.Need(s.Ai, "ai");
            var c = scope.Need(s.Ci, "ci");
            var b = NonEvents(scope, a, s.Bi, s.N1i, "bi", "n1i", "ai");
            var d = NonEvents(scope, c, s.Di, s.N2i, "di", "n2i", "ci");
            if (scope.Failed || a is not { } av || b is not { } bv || c is not { } cv || d is not { } dv)
            {
                continue;
            }

            scope.CheckSize(av + bv, "n1i");
            scope.CheckSize(cv + dv, "n2i");
            if (scope.Failed)
            {
                continue;
            }

            tables[i] = new Table(av, bv, cv, dv);
            hasZero[i] = (av == 0 || bv == 0 || cv == 0 || dv == 0) && !(revMan && measure == EffectMeasure.PETO);
            if (revMan ? NotEstimableInRevMan(measure, av, bv, cv, dv) : options.Drop00 && IsDoubleZero(tables[i]))
            {
                scope.Warn(
                    IssueCodes.DroppedDoubleZero,
                    "ai",
                    revMan
                        ? StudyScope.Inv($"no events (or only events) in both groups: {measure} is not estimable under RevMan 5 conventions")
                        : "no events (or only events) in both groups; dropped because drop00 was requested");
                continue;
            }

            eligible[i] = true;
        }

        var correct = ContinuityCorrector.Targets(hasZero, eligible, revMan ? options with { To = ContinuityTarget.Only0 } : options);
        var result = new StudyEffect[k];
        for (var i = 0; i < k; i++)
        {
            var scope = scopes[i];
            var t = tables[i];
            double? n1 = scope.Failed ? RawSize(studies[i].Ai, studies[i].Bi, studies[i].N1i) : t.A + t.B;
            double? n2 = scope.Failed ? RawSize(studies[i].Ci, studies[i].Di, studies[i].N2i) : t.C + t.D;
            if (!eligible[i])
            {
                result[i] = scope.Failed
                    ? scope.Finish(double.NaN, double.NaN, "ai", n1, n2)
                    : Dropped(scope, n1, n2);
                continue;
            }

            var raw = t;
            var rawEstimate = revMan && (measure == EffectMeasure.RD || (measure == EffectMeasure.RR && t.B == 0 && t.D == 0));
            if (correct[i])
            {
                var add = options.Add;
                t = new Table(t.A + add, t.B + add, t.C + add, t.D + add);
                ContinuityCorrector.Record(
                    scope,
                    options,
                    "ai",
                    rawEstimate ? "each cell of the 2×2 table for the variance (the estimate is from the table as given)" : "each cell of the 2×2 table",
                    revMan ? "RevMan 5 conventions" : null);
            }

            var (yi, vi) = Effect(measure, t);
            if (correct[i] && rawEstimate)
            {
                yi = Effect(measure, raw).Yi;
            }

            result[i] = scope.Finish(yi, vi, "ai", n1, n2);
        }

        return result;
    }

    private static bool IsDoubleZero(Table t) => (t.A == 0 && t.C == 0) || (t.B == 0 && t.D == 0);

    /// <summary>
    /// RevMan 5: OR and PETO are not estimable with no events or only events in both groups, RR only with no events, RD
    /// always (also what RevMan 5's Mantel-Haenszel pooling leaves out).
    /// </summary>
    internal static bool NotEstimableInRevMan(EffectMeasure measure, double a, double b, double c, double d) => measure switch
    {
        EffectMeasure.RD => false,
        EffectMeasure.RR => a == 0 && c == 0,
        _ => (a == 0 && c == 0) || (b == 0 && d == 0),
    };

    private static StudyEffect Dropped(StudyScope scope, double? n1, double? n2) => new()
    {
        Index = scope.Index,
        Study = scope.Input.Study,
        N1i = n1,
        N2i = n2,
        Ni = n1 + n2,
        Adjustments = scope.Adjustments.ToArray(),
    };

    private static double? RawSize(double? events, double? nonEvents, double? n) =>
        StudyScope.Optional(nonEvents) is { } b && StudyScope.Optional(events) is { } a ? a + b : StudyScope.Optional(n);

    /// <summary>The non-event count: given directly (bi, di), or group size minus events (also read this way by Mantel-Haenszel and Peto).</summary>
    internal static double? NonEvents(StudyScope scope, double? events, double? given, double? n, string field, string nField, string eventField)
    {
        if (StudyScope.Optional(given) is { } g)
        {
            scope.CheckCount(events, eventField);
            scope.CheckCount(g, field);
            return g;
        }

        if (StudyScope.Optional(n) is { } nv)
        {
            scope.CheckCount(events, eventField);
            if (nv < 1)
            {
                scope.Fail(IssueCodes.SampleSizeTooSmall, nField, StudyScope.Inv($"{nField} must be at least 1 (got {nv})"));
                return null;
            }

            if (events is { } e && e > nv)
            {
                scope.Fail(IssueCodes.EventsExceedN, eventField, StudyScope.Inv($"{eventField} ({e}) exceeds {nField} ({nv})"));
                return null;
            }

            return events is { } ev ? nv - ev : null;
        }

        scope.Fail(IssueCodes.MissingValue, field, $"{field} (or {nField}) is missing");
        return null;
    }

    private static (double Yi, double Vi) Effect(EffectMeasure measure, Table t)
    {
        var (a, b, c, d) = (t.A, t.B, t.C, t.D);
        var n1 = a + b;
        var n2 = c + d;
        switch (measure)
        {
            case EffectMeasure.OR:
                return (Math.Log(a) - Math.Log(b) - (Math.Log(c) - Math.Log(d)), (1 / a) + (1 / b) + (1 / c) + (1 / d));
            case EffectMeasure.RR:
                return (Math.Log(a / n1) - Math.Log(c / n2), (1 / a) - (1 / n1) + (1 / c) - (1 / n2));
            case EffectMeasure.RD:
                {
                    var p1 = a / n1;
                    var p2 = c / n2;
                    return (p1 - p2, (p1 * (1 - p1) / n1) + (p2 * (1 - p2) / n2));
                }

            case EffectMeasure.PETO:
                {
                    var n = n1 + n2;
                    var events = a + c;
                    var expected = n1 * events / n;
                    // V = n1 n2 m1 m2 / (N² (N − 1)), written as a product of ratios so huge tables do not overflow.
                    var v = n1 / n * (n2 / n) * events * ((b + d) / (n - 1));
                    return ((a - expected) / v, 1 / v);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(measure));
        }
    }
}
