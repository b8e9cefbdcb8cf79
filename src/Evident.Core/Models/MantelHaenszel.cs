using Evident.Core.EffectSizes;

namespace Evident.Core.Models;

/// <summary>
/// Mantel-Haenszel fixed-effect pooling of 2×2 tables (OR, RR, RD) and person-time data (IRR, IRD), as metafor 3.8's
/// <c>rma.mh</c>: same estimates, variances, tests and conventions.
/// </summary>
/// <remarks>
/// With nᵢ = n1ᵢ + n2ᵢ (tᵢ = t1ᵢ + t2ᵢ), on the counts as given, from every table (Mantel &amp; Haenszel 1959; Rothman,
/// Greenland &amp; Lash 2008, ch. 15):
/// <list type="bullet">
/// <item>OR = Σaᵢdᵢ/nᵢ ÷ Σbᵢcᵢ/nᵢ = R/S; var(log OR) = ΣPᵢRᵢ/(2R²) + Σ(PᵢSᵢ + QᵢRᵢ)/(2RS) + ΣQᵢSᵢ/(2S²) with
/// Pᵢ = (aᵢ + dᵢ)/nᵢ, Qᵢ = (bᵢ + cᵢ)/nᵢ, Rᵢ = aᵢdᵢ/nᵢ, Sᵢ = bᵢcᵢ/nᵢ (Robins, Breslow &amp; Greenland 1986).</item>
/// <item>RR = Σaᵢn2ᵢ/nᵢ ÷ Σcᵢn1ᵢ/nᵢ = R/S; var(log RR) = Σ(n1ᵢn2ᵢ(aᵢ + cᵢ) − aᵢcᵢnᵢ)/nᵢ² ÷ (RS) (Greenland &amp; Robins 1985).</item>
/// <item>RD = Σ(aᵢn2ᵢ − cᵢn1ᵢ)/nᵢ ÷ W with W = Σn1ᵢn2ᵢ/nᵢ; var = (RD·P + Q)/W² with
/// P = Σ(n1ᵢ²cᵢ − n2ᵢ²aᵢ + n1ᵢn2ᵢ(n2ᵢ − n1ᵢ)/2)/nᵢ² and Q = Σ(aᵢ(n2ᵢ − cᵢ) + cᵢ(n1ᵢ − aᵢ))/(2nᵢ) (Sato, Greenland &amp;
/// Robins 1989; Stata's metan uses Greenland-Robins instead, hence its z of 11.56 against 11.47 on dat.bcg).</item>
/// <item>IRR = Σx1ᵢt2ᵢ/tᵢ ÷ Σx2ᵢt1ᵢ/tᵢ = R/S; var(log IRR) = Σt1ᵢt2ᵢ(x1ᵢ + x2ᵢ)/tᵢ² ÷ (RS) (Greenland &amp; Robins 1985).</item>
/// <item>IRD = Σwᵢ(x1ᵢ/t1ᵢ − x2ᵢ/t2ᵢ) ÷ Σwᵢ with wᵢ = t1ᵢt2ᵢ/tᵢ; var = Σwᵢ²(x1ᵢ/t1ᵢ² + x2ᵢ/t2ᵢ²) ÷ (Σwᵢ)² (Greenland &amp;
/// Robins 1985).</item>
/// </list>
/// Tests: the Cochran-Mantel-Haenszel statistic (|Σaᵢ − ΣE(aᵢ)| − ½)²/ΣVᵢ with E(aᵢ) = n1ᵢm1ᵢ/nᵢ and the hypergeometric
/// Vᵢ = n1ᵢn2ᵢm1ᵢm0ᵢ/(nᵢ²(nᵢ − 1)) (Mantel &amp; Haenszel 1959; the ½ only when <see cref="TableFitOptions.Correct"/>,
/// subtracted as written there, also when |Σaᵢ − ΣE(aᵢ)| &lt; ½, as metafor does), Cochran's (1954) version with nᵢ³;
/// for IRR (|Σx1ᵢ − Σmᵢt1ᵢ/tᵢ| − ½)²/Σmᵢt1ᵢt2ᵢ/tᵢ² with mᵢ = x1ᵢ + x2ᵢ (Rothman, Greenland &amp; Lash 2008, ch. 15).
/// The Breslow-Day statistic Σ(aᵢ − Âᵢ)²/var(Âᵢ), Âᵢ the expected aᵢ given the margins and the MH odds ratio
/// (Breslow &amp; Day 1980, eq. 4.30), over tables with both column margins positive, on (those tables − 1) df; Tarone's
/// (1985) version subtracts (Σaᵢ − ΣÂᵢ)²/Σvar(Âᵢ).
/// <para>
/// Q is Cochran's statistic Σ(yᵢ − μ̂)²/vᵢ of the per-study estimates (continuity-corrected by add/to, none for
/// double-zero studies under drop00) around the MH estimate μ̂, on (studies with an estimate − 1) df.
/// </para>
/// </remarks>
public static class MantelHaenszel
{
    /// <summary>
    /// Pools the studies by the Mantel-Haenszel method. Invalid rows (missing or negative counts, events above the group
    /// size, empty groups, person-time ≤ 0) become issues located at the study and are left out; the rest goes on. When
    /// the estimate does not exist (e.g. no events in any table) the result says so (<see cref="TableFitResult.IsEstimable"/>
    /// false, a <c>pooled-not-estimable</c> error), with no NaN anywhere.
    /// </summary>
    /// <param name="measure">OR, RR, RD (2×2 tables: ai, bi, ci, di or ai, n1i, ci, n2i) or IRR, IRD (x1i, t1i, x2i, t2i).</param>
    /// <param name="studies">One entry per study.</param>
    /// <param name="options">Level, add/to/drop00 for the per-study estimates, correct for the CMH test; metafor's defaults if null.</param>
    /// <exception cref="ArgumentOutOfRangeException">Another measure, a level outside (0, 100) or a negative add.</exception>
    public static TableFitResult Fit(EffectMeasure measure, IReadOnlyList<StudyInput> studies, TableFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(studies);
        options ??= TableFitOptions.Default;
        StratifiedTables.Validate(options);
        return measure switch
        {
            EffectMeasure.OR or EffectMeasure.RR or EffectMeasure.RD => FitTables(measure, studies, options),
            EffectMeasure.IRR or EffectMeasure.IRD => FitPersonTime(measure, studies, options),
            _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Mantel-Haenszel pools OR, RR, RD, IRR or IRD."),
        };
    }

    private static TableFitResult FitTables(EffectMeasure measure, IReadOnlyList<StudyInput> studies, TableFitOptions options)
    {
        var issues = new List<Issue>();
        var (k, valid, tables, effects) = StratifiedTables.TableEffects(studies, options, t => StudyEffect(measure, t), issues);

        // The tables pooled: as given (metafor), or under RevMan 5's rules with the correction added to every cell of a
        // table with a zero cell and the tables RevMan cannot estimate left out (Deeks & Higgins 2010).
        var revMan = options.Conventions == EffectConventions.RevMan5;
        var pooledTables = Enumerable.Range(0, k).Select(i =>
            !valid[i] || (revMan && TwoByTwo.NotEstimableInRevMan(measure, tables[i].A, tables[i].B, tables[i].C, tables[i].D)) ? (Table2x2?)null
            : revMan && tables[i].HasZero && measure != EffectMeasure.RD ? tables[i].Plus(options.Add)
            : tables[i]).ToArray();
        var used = pooledTables.Where(t => t.HasValue).Select(t => t!.Value).ToArray();
        (double Estimate, double Variance)? pooled = used.Length == 0 ? null : measure switch
        {
            EffectMeasure.OR => OddsRatio(used),
            EffectMeasure.RR => RiskRatio(used),
            _ => RiskDifference(used),
        };

        ChiSquareTest? cmh = null, cochran = null, tarone = null, breslowDay = null;
        if (measure == EffectMeasure.OR && used.Length > 0)
        {
            (cmh, cochran) = AssociationTests(used, options.Correct);
            var psi = used.Sum(t => t.A * t.D / t.N) / used.Sum(t => t.B * t.C / t.N);
            (tarone, breslowDay) = HomogeneityTests(used, psi);
        }

        var weights = new double?[k];
        for (var i = 0; i < k; i++)
        {
            weights[i] = pooledTables[i] is not { } t ? null : measure switch
            {
                EffectMeasure.OR => t.B * t.C / t.N,
                EffectMeasure.RR => t.C * t.N1 / t.N,
                _ => t.N1 * t.N2 / t.N,
            };
        }

        return Result(measure, options, used.Length, pooled, effects, weights, cmh, cochran, tarone, breslowDay, issues);
    }

    private static TableFitResult FitPersonTime(EffectMeasure measure, IReadOnlyList<StudyInput> studies, TableFitOptions options)
    {
        var issues = new List<Issue>();
        var (scopes, read) = StratifiedTables.ReadPersonTime(studies, issues);
        var k = read.Length;
        var valid = read.Select(d => d.HasValue).ToArray();
        var data = read.Select(d => d.GetValueOrDefault()).ToArray();
        var effects = StratifiedTables.StudyEffects(
            scopes,
            valid,
            [.. data.Select(d => d.HasZero)],
            [.. data.Select(d => d.IsDoubleZero)],
            options,
            (i, add) => RateEffect(measure, data[i], add),
            "x1i",
            "both event counts for the study's own estimate (the pooled estimate uses the counts as given)",
            _ => (null, null),
            issues);

        var used = Enumerable.Range(0, k).Where(i => valid[i]).Select(i => data[i]).ToArray();
        (double Estimate, double Variance)? pooled = used.Length == 0 ? null
            : measure == EffectMeasure.IRR ? RateRatio(used) : RateDifference(used);

        ChiSquareTest? cmh = null;
        if (measure == EffectMeasure.IRR && used.Length > 0)
        {
            // Events in group 1 given the total mᵢ are binomial(mᵢ, t1ᵢ/tᵢ) under no association.
            double observed = 0, expected = 0, variance = 0;
            foreach (var d in used)
            {
                var m = d.X1 + d.X2;
                observed += d.X1;
                expected += m * (d.T1 / d.T);
                variance += m * (d.T1 / d.T) * (d.T2 / d.T);
            }

            cmh = Cmh(observed - expected, variance, options.Correct);
        }

        var weights = new double?[k];
        for (var i = 0; i < k; i++)
        {
            var d = data[i];
            weights[i] = !valid[i] ? null : measure == EffectMeasure.IRR ? d.X2 * d.T1 / d.T : d.T1 * d.T2 / d.T;
        }

        return Result(measure, options, used.Length, pooled, effects, weights, cmh, null, null, null, issues);
    }

    private static TableFitResult Result(
        EffectMeasure measure,
        TableFitOptions options,
        int k,
        (double Estimate, double Variance)? pooled,
        StudyEffect[] effects,
        double?[] weights,
        ChiSquareTest? cmh,
        ChiSquareTest? cochran,
        ChiSquareTest? tarone,
        ChiSquareTest? breslowDay,
        List<Issue> issues)
    {
        if (k == 0)
        {
            issues.Add(new Issue(IssueCodes.NoUsableStudies, IssueSeverity.Error, "No study has valid data for the Mantel-Haenszel method."));
        }
        else if (pooled is null)
        {
            issues.Add(new Issue(IssueCodes.PooledNotEstimable, IssueSeverity.Error, NotEstimableMessage(measure)));
        }

        double? se = null, z = null, p = null;
        Interval? ci = null;
        double? q = null;
        if (pooled is { } est)
        {
            (se, z, p, ci) = StratifiedTables.Wald(est.Estimate, est.Variance, options.Level, issues);
            var sum = 0.0;
            foreach (var s in effects.Where(StratifiedTables.EntersQ))
            {
                var r = s.Yi!.Value - est.Estimate;
                sum += r * r / s.Vi!.Value;
            }

            q = sum;
        }

        var withEstimate = effects.Count(s => s.Yi is not null);
        var (qValue, qDf, qP, i2, h2) = StratifiedTables.Heterogeneity(q, effects.Count(StratifiedTables.EntersQ));
        return new TableFitResult
        {
            Method = TableMethod.MH,
            Measure = measure,
            Options = options,
            K = k,
            KWithEstimate = withEstimate,
            Estimate = pooled?.Estimate,
            StandardError = se,
            Statistic = z,
            PValue = p,
            ConfidenceInterval = ci,
            Q = qValue,
            QDf = qDf,
            QPValue = qP,
            I2 = i2,
            H2 = h2,
            CochranMantelHaenszel = cmh,
            Cochran = cochran,
            Tarone = tarone,
            BreslowDay = breslowDay,
            Studies = effects,
            WeightsPercent = pooled is null ? new double?[weights.Length] : StratifiedTables.Percent(weights),
            Issues = StratifiedTables.Ordered(issues),
        };
    }

    private static string NotEstimableMessage(EffectMeasure measure) => measure switch
    {
        EffectMeasure.OR => "The Mantel-Haenszel odds ratio is not estimable: Σaᵢdᵢ/nᵢ or Σbᵢcᵢ/nᵢ is 0 (no events, only events, or none in one group, in every table).",
        EffectMeasure.RR => "The Mantel-Haenszel risk ratio is not estimable: Σaᵢn2ᵢ/nᵢ or Σcᵢn1ᵢ/nᵢ is 0 (no events in a group of every table).",
        EffectMeasure.IRR => "The Mantel-Haenszel rate ratio is not estimable: Σx1ᵢt2ᵢ/tᵢ or Σx2ᵢt1ᵢ/tᵢ is 0 (no events in a group of every study).",
        _ => "The Mantel-Haenszel estimate is not estimable from these data.",
    };

    /// <summary>The per-study estimate as escalc computes it (Woolf's log OR, Katz's log RR, the binomial RD).</summary>
    private static (double Yi, double Vi) StudyEffect(EffectMeasure measure, Table2x2 t)
    {
        var (a, b, c, d) = (t.A, t.B, t.C, t.D);
        switch (measure)
        {
            case EffectMeasure.OR:
                return (Math.Log(a) - Math.Log(b) - (Math.Log(c) - Math.Log(d)), (1 / a) + (1 / b) + (1 / c) + (1 / d));
            case EffectMeasure.RR:
                return (Math.Log(a / t.N1) - Math.Log(c / t.N2), (1 / a) - (1 / t.N1) + (1 / c) - (1 / t.N2));
            default:
                {
                    var p1 = a / t.N1;
                    var p2 = c / t.N2;
                    return (p1 - p2, (p1 * (1 - p1) / t.N1) + (p2 * (1 - p2) / t.N2));
                }
        }
    }

    /// <summary>The per-study log IRR or IRD, <paramref name="add"/> added to both event counts.</summary>
    private static (double Yi, double Vi) RateEffect(EffectMeasure measure, PersonTime d, double add)
    {
        var (x1, x2) = (d.X1 + add, d.X2 + add);
        return measure == EffectMeasure.IRR
            ? (Math.Log(x1 / d.T1) - Math.Log(x2 / d.T2), (1 / x1) + (1 / x2))
            : ((x1 / d.T1) - (x2 / d.T2), (x1 / (d.T1 * d.T1)) + (x2 / (d.T2 * d.T2)));
    }

    /// <summary>Log MH odds ratio with the Robins, Breslow &amp; Greenland (1986) variance; null when R or S is 0.</summary>
    private static (double, double)? OddsRatio(Table2x2[] tables)
    {
        double r = 0, s = 0, pr = 0, psqr = 0, qs = 0;
        foreach (var t in tables)
        {
            var ri = t.A * t.D / t.N;
            var si = t.B * t.C / t.N;
            var pi = (t.A + t.D) / t.N;
            var qi = (t.B + t.C) / t.N;
            r += ri;
            s += si;
            pr += pi * ri;
            psqr += (pi * si) + (qi * ri);
            qs += qi * si;
        }

        return Ratio(r, s, (pr / (2 * r * r)) + (psqr / (2 * r * s)) + (qs / (2 * s * s)));
    }

    /// <summary>Log MH risk ratio with the Greenland &amp; Robins (1985) variance; null when R or S is 0.</summary>
    private static (double, double)? RiskRatio(Table2x2[] tables)
    {
        double r = 0, s = 0, v = 0;
        foreach (var t in tables)
        {
            r += t.A * t.N2 / t.N;
            s += t.C * t.N1 / t.N;
            v += ((t.N1 * t.N2 / t.N * ((t.A + t.C) / t.N)) - (t.A * t.C / t.N));
        }

        return Ratio(r, s, v / (r * s));
    }

    /// <summary>MH risk difference with the Sato, Greenland &amp; Robins (1989) variance.</summary>
    private static (double, double)? RiskDifference(Table2x2[] tables)
    {
        double num = 0, w = 0, p = 0, q = 0;
        foreach (var t in tables)
        {
            var (a, c, n1, n2, n) = (t.A, t.C, t.N1, t.N2, t.N);
            num += ((a * n2) - (c * n1)) / n;
            w += n1 * n2 / n;
            p += ((n1 * n1 * c) - (n2 * n2 * a) + (n1 * n2 * (n2 - n1) / 2)) / (n * n);
            q += ((a * (n2 - c)) + (c * (n1 - a))) / (2 * n);
        }

        var rd = num / w;
        return (rd, ((rd * p) + q) / (w * w));
    }

    /// <summary>Log MH rate ratio with the Greenland &amp; Robins (1985) variance; null when R or S is 0.</summary>
    private static (double, double)? RateRatio(PersonTime[] data)
    {
        double r = 0, s = 0, v = 0;
        foreach (var d in data)
        {
            r += d.X1 * d.T2 / d.T;
            s += d.X2 * d.T1 / d.T;
            v += d.T1 / d.T * (d.T2 / d.T) * (d.X1 + d.X2);
        }

        return Ratio(r, s, v / (r * s));
    }

    /// <summary>MH rate difference with the Greenland &amp; Robins (1985) variance.</summary>
    private static (double, double)? RateDifference(PersonTime[] data)
    {
        double num = 0, w = 0, v = 0;
        foreach (var d in data)
        {
            var wi = d.T1 * d.T2 / d.T;
            num += wi * ((d.X1 / d.T1) - (d.X2 / d.T2));
            w += wi;
            // wᵢ²(x1/t1² + x2/t2²) = x1(t2/t)² + x2(t1/t)².
            v += (d.X1 * (d.T2 / d.T) * (d.T2 / d.T)) + (d.X2 * (d.T1 / d.T) * (d.T1 / d.T));
        }

        return (num / w, v / (w * w));
    }

    private static (double, double)? Ratio(double r, double s, double variance) =>
        r > 0 && s > 0 && double.IsFinite(r) && double.IsFinite(s) ? (Math.Log(r / s), variance) : null;

    /// <summary>The Cochran-Mantel-Haenszel (variance with nᵢ − 1) and Cochran (nᵢ) tests of no association.</summary>
    private static (ChiSquareTest? Cmh, ChiSquareTest? Cochran) AssociationTests(Table2x2[] tables, bool correct)
    {
        double observed = 0, expected = 0, hypergeometric = 0, binomial = 0;
        foreach (var t in tables)
        {
            observed += t.A;
            expected += t.Expected;
            hypergeometric += t.HypergeometricVariance;
            binomial += t.N1 / t.N * (t.N2 / t.N) * t.Events * (t.NonEvents / t.N);
        }

        return (Cmh(observed - expected, hypergeometric, correct), Cmh(observed - expected, binomial, correct));
    }

    private static ChiSquareTest? Cmh(double difference, double variance, bool correct)
    {
        if (!(variance > 0) || !double.IsFinite(variance))
        {
            return null;
        }

        var d = Math.Abs(difference) - (correct ? 0.5 : 0);
        return StratifiedTables.ChiSquare(d * d / variance, 1);
    }

    /// <summary>
    /// Tarone's (1985) and the Breslow-Day (1980) tests of a common odds ratio <paramref name="psi"/>, over the tables
    /// with both column margins positive (the others carry no information on the odds ratio).
    /// </summary>
    private static (ChiSquareTest? Tarone, ChiSquareTest? BreslowDay) HomogeneityTests(Table2x2[] tables, double psi)
    {
        if (!(psi > 0) || !double.IsFinite(psi))
        {
            return (null, null);
        }

        double bd = 0, difference = 0, variance = 0;
        var used = 0;
        foreach (var t in tables)
        {
            if (t.Events == 0 || t.NonEvents == 0)
            {
                continue;
            }

            var a = FittedA(t, psi);
            var v = 1 / ((1 / a) + (1 / (t.N1 - a)) + (1 / (t.Events - a)) + (1 / (t.N2 - t.Events + a)));
            if (!(v > 0) || !double.IsFinite(v))
            {
                continue;
            }

            bd += (t.A - a) * (t.A - a) / v;
            difference += t.A - a;
            variance += v;
            used++;
        }

        if (used == 0)
        {
            return (null, null);
        }

        var df = used - 1;
        return (StratifiedTables.ChiSquare(bd - (difference * difference / variance), df), StratifiedTables.ChiSquare(bd, df));
    }

    /// <summary>
    /// The expected aᵢ given the table's margins and odds ratio ψ: the root in [max(0, m1 − n2), min(n1, m1)] of
    /// A(n2 − m1 + A) = ψ(n1 − A)(m1 − A), i.e. (ψ − 1)A² − BA + ψn1m1 = 0 with B = n2 − m1 + ψ(n1 + m1) (Breslow &amp; Day
    /// 1980, §4.4).
    /// </summary>
    /// <remarks>
    /// Implementation note: the admissible root is (B − √Δ)/(2(ψ − 1)) for every ψ ≠ 1 (the other root lies beyond
    /// min(n1, m1) when ψ &gt; 1 and below 0 when ψ &lt; 1). It is evaluated as 2ψn1m1/(B + √Δ) when B &gt; 0, which avoids
    /// the cancellation near ψ = 1 and gives n1m1/N at ψ = 1; B ≤ 0 only happens with ψ &lt; 1, where the first form has
    /// no cancellation.
    /// </remarks>
    private static double FittedA(Table2x2 t, double psi)
    {
        var (n1, n2, m1) = (t.N1, t.N2, t.Events);
        var b = n2 - m1 + (psi * (n1 + m1));
        var c = psi * n1 * m1;
        var root = Math.Sqrt(Math.Max(0, (b * b) - (4 * (psi - 1) * c)));
        var a = b > 0 ? 2 * c / (b + root) : (b - root) / (2 * (psi - 1));
        return Math.Clamp(a, Math.Max(0, m1 - n2), Math.Min(n1, m1));
    }
}
