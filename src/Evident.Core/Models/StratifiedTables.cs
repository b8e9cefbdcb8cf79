using Evident.Core.EffectSizes;
using Evident.Core.Numerics;

namespace Evident.Core.Models;

/// <summary>One 2×2 table: ai/bi events/non-events in group 1, ci/di in group 2.</summary>
internal readonly record struct Table2x2(double A, double B, double C, double D)
{
    public double N1 => A + B;

    public double N2 => C + D;

    public double N => A + B + C + D;

    /// <summary>Events in both groups (the first column margin).</summary>
    public double Events => A + C;

    /// <summary>Non-events in both groups (the second column margin).</summary>
    public double NonEvents => B + D;

    public bool HasZero => A == 0 || B == 0 || C == 0 || D == 0;

    /// <summary>No events in both groups, or only events in both groups.</summary>
    public bool IsDoubleZero => (A == 0 && C == 0) || (B == 0 && D == 0);

    /// <summary>
    /// The hypergeometric variance of ai given the margins, n1 n2 m1 m0 / (N²(N − 1)) (Mantel &amp; Haenszel 1959), written
    /// as a product of ratios so huge tables do not overflow. Valid tables have N ≥ 2.
    /// </summary>
    public double HypergeometricVariance => N1 / N * (N2 / N) * Events * (NonEvents / (N - 1));

    /// <summary>The expected ai given the margins under no association, n1 m1 / N.</summary>
    public double Expected => N1 * Events / N;

    public Table2x2 Plus(double add) => new(A + add, B + add, C + add, D + add);
}

/// <summary>Events and person-time in two groups.</summary>
internal readonly record struct PersonTime(double X1, double T1, double X2, double T2)
{
    public double T => T1 + T2;

    public bool HasZero => X1 == 0 || X2 == 0;

    public bool IsDoubleZero => X1 == 0 && X2 == 0;
}

/// <summary>
/// What Mantel-Haenszel and Peto share: reading and checking the tables (with the escalc path's issue codes), the
/// per-study estimates as metafor's <c>rma.mh</c>/<c>rma.peto</c> report them, Wald inference, Q-based heterogeneity
/// measures and weights.
/// </summary>
internal static class StratifiedTables
{
    /// <summary>
    /// The 2×2 tables of the studies (<see cref="ReadTables"/>) and the per-study estimates from them with the options'
    /// continuity correction, <paramref name="effect"/> giving (yi, vi) of a (corrected) table: what Mantel-Haenszel and
    /// Peto share. <c>Tables[i]</c> is meaningful where <c>Valid[i]</c>.
    /// </summary>
    public static (int K, bool[] Valid, Table2x2[] Tables, StudyEffect[] Effects) TableEffects(
        IReadOnlyList<StudyInput> studies, TableFitOptions options, Func<Table2x2, (double Yi, double Vi)> effect, List<Issue> issues)
    {
        var (scopes, read) = ReadTables(studies, issues);
        var valid = read.Select(t => t.HasValue).ToArray();
        var tables = read.Select(t => t.GetValueOrDefault()).ToArray();
        var effects = StudyEffects(
            scopes,
            valid,
            [.. tables.Select(t => t.HasZero)],
            [.. tables.Select(t => t.IsDoubleZero)],
            options,
            (i, add) => effect(tables[i].Plus(add)),
            "ai",
            "each cell of the 2×2 table for the study's own estimate (the pooled estimate uses the counts as given)",
            i => (tables[i].N1, tables[i].N2),
            issues);
        return (read.Length, valid, tables, effects);
    }

    /// <summary>
    /// Reads each study's 2×2 table from ai, bi, ci, di or ai, n1i, ci, n2i with the checks of the escalc path (missing
    /// values, negative counts, events above the group size, empty groups); a study that fails gets null and its issues.
    /// </summary>
    private static (StudyScope[] Scopes, Table2x2?[] Tables) ReadTables(IReadOnlyList<StudyInput> studies, List<Issue> issues)
    {
        var k = studies.Count;
        var scopes = new StudyScope[k];
        var tables = new Table2x2?[k];
        for (var i = 0; i < k; i++)
        {
            var s = studies[i];
            ArgumentNullException.ThrowIfNull(s, nameof(studies));
            var scope = scopes[i] = new StudyScope(i, s, issues);
            var a = scope.Need(s.Ai, "ai");
            var c = scope.Need(s.Ci, "ci");
            var b = TwoByTwo.NonEvents(scope, a, s.Bi, s.N1i, "bi", "n1i", "ai");
            var d = TwoByTwo.NonEvents(scope, c, s.Di, s.N2i, "di", "n2i", "ci");
            if (scope.Failed || a is not { } av || b is not { } bv || c is not { } cv || d is not { } dv)
            {
                continue;
            }

            scope.CheckSize(av + bv, "n1i");
            scope.CheckSize(cv + dv, "n2i");
            if (!scope.Failed)
            {
                tables[i] = new Table2x2(av, bv, cv, dv);
            }
        }

        return (scopes, tables);
    }

    /// <summary>Reads each study's events and person-time (x1i, t1i, x2i, t2i) with the checks of the escalc path.</summary>
    public static (StudyScope[] Scopes, PersonTime?[] Data) ReadPersonTime(IReadOnlyList<StudyInput> studies, List<Issue> issues)
    {
        var k = studies.Count;
        var scopes = new StudyScope[k];
        var data = new PersonTime?[k];
        for (var i = 0; i < k; i++)
        {
            var s = studies[i];
            ArgumentNullException.ThrowIfNull(s, nameof(studies));
            var scope = scopes[i] = new StudyScope(i, s, issues);
            var x1 = scope.Need(s.X1i, "x1i");
            var t1 = scope.Need(s.T1i, "t1i");
            var x2 = scope.Need(s.X2i, "x2i");
            var t2 = scope.Need(s.T2i, "t2i");
            scope.CheckCount(x1, "x1i");
            scope.CheckCount(x2, "x2i");
            CheckTime(scope, t1, "t1i");
            CheckTime(scope, t2, "t2i");
            if (!scope.Failed && x1 is { } x1v && t1 is { } t1v && x2 is { } x2v && t2 is { } t2v)
            {
                data[i] = new PersonTime(x1v, t1v, x2v, t2v);
            }
        }

        return (scopes, data);
    }

    /// <summary>
    /// The per-study estimates: <paramref name="effect"/> of each valid study, after the continuity correction chosen
    /// by add/to (<see cref="ContinuityCorrector"/>, as escalc), none for double-zero studies under drop00. A
    /// non-finite estimate is null with an <c>effect-undefined</c> warning (the table still counts in the pooled
    /// estimate); a variance ≤ 0 is kept with a <c>nonpositive-variance</c> warning and the study is left out of Q.
    /// </summary>
    /// <param name="scopes">The studies' scopes.</param>
    /// <param name="valid">Which studies have valid data.</param>
    /// <param name="hasZero">Which valid studies have a zero cell (event count for person-time).</param>
    /// <param name="doubleZero">Which valid studies have no events (or only events) in both groups.</param>
    /// <param name="options">add, to, drop00.</param>
    /// <param name="effect">(yi, vi) of study i with <c>add</c> added to its cells.</param>
    /// <param name="field">The escalc field issues about the estimate name.</param>
    /// <param name="what">What the correction is added to, for the adjustment sentence.</param>
    /// <param name="sizes">The group sizes of study i, if it has groups.</param>
    /// <param name="issues">Where issues go.</param>
    public static StudyEffect[] StudyEffects(
        StudyScope[] scopes,
        bool[] valid,
        bool[] hasZero,
        bool[] doubleZero,
        TableFitOptions options,
        Func<int, double, (double Yi, double Vi)> effect,
        string field,
        string what,
        Func<int, (double? N1, double? N2)> sizes,
        List<Issue> issues)
    {
        var k = scopes.Length;
        var eligible = new bool[k];
        var escalc = new EscalcOptions { Add = options.Add, To = options.To, Drop00 = options.Drop00 };
        for (var i = 0; i < k; i++)
        {
            eligible[i] = valid[i] && !(options.Drop00 && doubleZero[i]);
            if (valid[i] && !eligible[i])
            {
                issues.Add(new Issue(
                    IssueCodes.DroppedDoubleZero,
                    IssueSeverity.Info,
                    "no events (or only events) in both groups: no study-level estimate and left out of Q (drop00); the table still counts in the pooled estimate",
                    i,
                    field));
            }
        }

        var correct = ContinuityCorrector.Targets(hasZero, eligible, escalc);
        var result = new StudyEffect[k];
        for (var i = 0; i < k; i++)
        {
            var scope = scopes[i];
            var (n1, n2) = valid[i] ? sizes(i) : (null, null);
            double? yi = null;
            double? vi = null;
            if (eligible[i])
            {
                if (correct[i])
                {
                    ContinuityCorrector.Record(scope, escalc, field, what);
                }

                var (y, v) = effect(i, correct[i] ? options.Add : 0);
                if (double.IsFinite(y) && double.IsFinite(v))
                {
                    (yi, vi) = (y, v);
                    if (v <= 0)
                    {
                        scope.Warn(
                            IssueCodes.NonPositiveVariance,
                            "vi",
                            StudyScope.Inv($"the study's sampling variance is {v}; it is left out of Q (the table still counts in the pooled estimate)"));
                    }
                }
                else
                {
                    scope.Warn(
                        IssueCodes.EffectUndefined,
                        field,
                        "the study's own estimate is not defined (e.g. log of zero without continuity correction); the table still counts in the pooled estimate");
                }
            }

            result[i] = new StudyEffect
            {
                Index = i,
                Study = scope.Input.Study,
                Yi = yi,
                Vi = vi,
                N1i = n1,
                N2i = n2,
                Ni = n1 + n2,
                Adjustments = [.. scope.Adjustments],
            };
        }

        return result;
    }

    /// <summary>Studies whose estimate can enter Q: yi and vi finite with vi &gt; 0.</summary>
    public static bool EntersQ(StudyEffect s) => s.IsUsable;

    /// <summary>
    /// Q-based heterogeneity: df = <paramref name="usable"/> − 1; with at most one usable study Q = 0 on 0 df (p 1,
    /// I² 0, H² 1); Q null (no pooled estimate) leaves p, I², H² null. I² = max(0, (Q − df)/Q)·100, H² = Q/df
    /// (Higgins &amp; Thompson 2002), as metafor's <c>rma.mh</c>/<c>rma.peto</c>.
    /// </summary>
    public static (double? Q, int Df, double? P, double? I2, double? H2) Heterogeneity(double? q, int usable)
    {
        if (usable <= 1)
        {
            return (0, 0, 1, 0, 1);
        }

        var df = usable - 1;
        if (q is not { } qv)
        {
            return (null, df, null, null, null);
        }

        var (i2, h2) = HeterogeneityMeasures.FromQ(qv, df);
        return (qv, df, Probability.ChiSquareUpperTail(qv, df), i2, h2);
    }

    /// <summary>
    /// Wald-type inference at <paramref name="level"/> percent: SE = √variance, z = estimate/SE, two-sided normal p, CI
    /// estimate ± z(1 − α/2)·SE. A variance of 0 gives SE 0, CI [estimate, estimate] and no z (an <c>undefined</c>
    /// warning); a negative or non-finite variance gives no SE, z or CI.
    /// </summary>
    public static (double? Se, double? Z, double? P, Interval? Ci) Wald(double estimate, double variance, double level, List<Issue> issues)
    {
        if (!(variance > 0) || !double.IsFinite(variance))
        {
            issues.Add(new Issue(
                IssueCodes.Undefined,
                IssueSeverity.Warning,
                variance == 0
                    ? "The variance of the pooled estimate is 0 (e.g. no events in any table): its z test and p-value are undefined."
                    : StudyScope.Inv($"The variance of the pooled estimate is {variance}: its standard error, z test and confidence interval are undefined.")));
            return variance == 0 ? (0, null, null, new Interval(estimate, estimate)) : (null, null, null, null);
        }

        var se = Math.Sqrt(variance);
        var crit = Probability.NormalQuantile(0.5 + (level / 200));
        var z = estimate / se;
        return (se, z, Probability.NormalTwoSided(z), new Interval(estimate - (crit * se), estimate + (crit * se)));
    }

    /// <summary>A χ² test with its upper-tail p-value; df = 0 gives statistic 0 and p 1 (as Q with one study).</summary>
    public static ChiSquareTest ChiSquare(double statistic, int df) =>
        df == 0 ? new ChiSquareTest(0, 0, 1) : ChiSquareTest.Of(statistic, df);

    /// <summary>Weights in percent of the valid studies (null elsewhere); all null when they sum to 0 or are not finite.</summary>
    public static double?[] Percent(double?[] weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w ?? 0;
        }

        var result = new double?[weights.Length];
        if (total > 0 && double.IsFinite(total))
        {
            for (var i = 0; i < weights.Length; i++)
            {
                result[i] = weights[i] is { } w ? 100 * w / total : null;
            }
        }

        return result;
    }

    /// <summary>Issues in study order, analysis-level issues last (as <see cref="EffectSizes.EffectSizes.Compute"/> orders them).</summary>
    public static Issue[] Ordered(List<Issue> issues) =>
        [.. issues.Select((issue, position) => (issue, position))
            .OrderBy(p => p.issue.StudyIndex ?? int.MaxValue)
            .ThenBy(p => p.position)
            .Select(p => p.issue)];

    /// <summary>Checks the level and the continuity correction (programmer errors).</summary>
    public static void Validate(TableFitOptions options)
    {
        if (!(options.Level > 0 && options.Level < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Level must be between 0 and 100 (percent).");
        }

        if (!(options.Add >= 0) || !double.IsFinite(options.Add))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Add must be a finite number ≥ 0.");
        }
    }

    private static void CheckTime(StudyScope scope, double? t, string field)
    {
        if (t is { } v && v <= 0)
        {
            scope.Fail(IssueCodes.OutOfRange, field, StudyScope.Inv($"{field} (person-time) must be > 0 (got {v})"));
        }
    }
}
