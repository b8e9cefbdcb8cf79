using Evident.Core.EffectSizes;

namespace Evident.Core.Models;

/// <summary>
/// Peto's one-step odds ratio for 2×2 tables (Yusuf et al. 1985), as metafor 3.8's <c>rma.peto</c>: same estimate,
/// variance, Q and conventions.
/// </summary>
/// <remarks>
/// From the counts as given, in every table: Oᵢ − Eᵢ = aᵢ − n1ᵢm1ᵢ/nᵢ and the hypergeometric variance
/// Vᵢ = n1ᵢn2ᵢm1ᵢm0ᵢ/(nᵢ²(nᵢ − 1)) (m1ᵢ = aᵢ + cᵢ, m0ᵢ = bᵢ + dᵢ); log OR = Σ(Oᵢ − Eᵢ)/ΣVᵢ with variance 1/ΣVᵢ
/// (Yusuf et al. 1985). Q = Σ(Oᵢ − Eᵢ)²/Vᵢ − (Σ(Oᵢ − Eᵢ))²/ΣVᵢ over the tables with Vᵢ &gt; 0, computed as
/// ΣVᵢ(yᵢ − μ̂)² with yᵢ = (Oᵢ − Eᵢ)/Vᵢ (the same sum without the cancellation), on (studies with a per-study estimate − 1)
/// df. The per-study estimates yᵢ/vᵢ reported per study are escalc's PETO with the continuity correction (add/to) and
/// none for double-zero studies under drop00.
/// </remarks>
public static class Peto
{
    /// <summary>
    /// Pools 2×2 tables (ai, bi, ci, di or ai, n1i, ci, n2i) by Peto's method. Invalid rows become issues located at
    /// the study and are left out; when no table has both events and non-events the estimate does not exist and the
    /// result says so (<see cref="TableFitResult.IsEstimable"/> false, a <c>pooled-not-estimable</c> error).
    /// </summary>
    /// <param name="studies">One entry per study.</param>
    /// <param name="options">Level and add/to/drop00 for the per-study estimates; metafor's defaults if null (<see cref="TableFitOptions.Correct"/> is not used).</param>
    /// <exception cref="ArgumentOutOfRangeException">A level outside (0, 100) or a negative add.</exception>
    public static TableFitResult Fit(IReadOnlyList<StudyInput> studies, TableFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(studies);
        options ??= TableFitOptions.Default;
        StratifiedTables.Validate(options);

        var issues = new List<Issue>();
        var (k, valid, tables, effects) = StratifiedTables.TableEffects(studies, options, t => StudyEffect(t), issues);

        double sumOe = 0, sumV = 0;
        var used = 0;
        var weights = new double?[k];
        for (var i = 0; i < k; i++)
        {
            if (!valid[i])
            {
                continue;
            }

            var t = tables[i];
            used++;
            sumOe += t.A - t.Expected;
            sumV += t.HypergeometricVariance;
            weights[i] = t.HypergeometricVariance;
        }

        double? estimate = null, se = null, z = null, p = null, q = null;
        Interval? ci = null;
        if (used == 0)
        {
            issues.Add(new Issue(IssueCodes.NoUsableStudies, IssueSeverity.Error, "No study has a valid 2×2 table for Peto's method."));
        }
        else if (!(sumV > 0))
        {
            issues.Add(new Issue(IssueCodes.PooledNotEstimable, IssueSeverity.Error,
                "Peto's odds ratio is not estimable: no table has both events and non-events (every hypergeometric variance is 0)."));
        }
        else
        {
            var mu = sumOe / sumV;
            estimate = mu;
            (se, z, p, ci) = StratifiedTables.Wald(mu, 1 / sumV, options.Level, issues);
            var sum = 0.0;
            for (var i = 0; i < k; i++)
            {
                var t = tables[i];
                var v = t.HypergeometricVariance;
                if (valid[i] && v > 0)
                {
                    var r = ((t.A - t.Expected) / v) - mu;
                    sum += v * r * r;
                }
            }

            q = sum;
        }

        var (qValue, qDf, qP, i2, h2) = StratifiedTables.Heterogeneity(q, effects.Count(StratifiedTables.EntersQ));
        return new TableFitResult
        {
            Method = TableMethod.PETO,
            Measure = EffectMeasure.PETO,
            Options = options,
            K = used,
            KWithEstimate = effects.Count(s => s.Yi is not null),
            Estimate = estimate,
            StandardError = se,
            Statistic = z,
            PValue = p,
            ConfidenceInterval = ci,
            Q = qValue,
            QDf = qDf,
            QPValue = qP,
            I2 = i2,
            H2 = h2,
            Studies = effects,
            WeightsPercent = estimate is null ? new double?[k] : StratifiedTables.Percent(weights),
            Issues = StratifiedTables.Ordered(issues),
        };
    }

    /// <summary>The per-study Peto log odds ratio (Oᵢ − Eᵢ)/Vᵢ with variance 1/Vᵢ (Yusuf et al. 1985).</summary>
    private static (double Yi, double Vi) StudyEffect(Table2x2 t)
    {
        var v = t.HypergeometricVariance;
        return ((t.A - t.Expected) / v, 1 / v);
    }
}
