using Evident.Core.Models.Estimators;
using Evident.Core.Numerics;

namespace Evident.Core.Models;

/// <summary>Entry point for pooled models: metafor's <c>rma.uni</c> without moderators.</summary>
public static class MetaAnalysis
{
    /// <summary>
    /// Fits a common- or random-effects model to effect sizes <paramref name="yi"/> with sampling variances
    /// <paramref name="vi"/>. O(k) per iteration: sums over studies, no k×k matrices.
    /// </summary>
    /// <remarks>
    /// μ̂ = Σwᵢyᵢ/Σwᵢ with wᵢ = 1/(vᵢ + τ̂²), SE 1/√Σwᵢ (Hedges &amp; Vevea 1998); Knapp-Hartung rescales the
    /// variance by Σwᵢ(yᵢ − μ̂)²/(k − 1) and uses t(k − 1) (Hartung &amp; Knapp 2001; Sidik &amp; Jonkman 2002), truncated
    /// below at 1 for "ad hoc" (Knapp &amp; Hartung 2003). Q is Cochran's (1954) statistic with wᵢ = 1/vᵢ. I² and H² come
    /// from τ̂² and the typical within-study variance s² = (k − 1)/tr P (Higgins &amp; Thompson 2002), or from Q for
    /// EE/FE. The prediction interval is μ̂ ± c·√(SE² + τ̂²) (Higgins, Thompson &amp; Spiegelhalter 2009; Riley et al. 2011).
    /// With <see cref="FitOptions.Tau2"/> given, τ² is that value (also for k = 1) and everything above uses it, as metafor's
    /// <c>rma(yi, vi, tau2 = x)</c>; τ² then has no SE (metafor prints the method's SE formula evaluated at x, which is not
    /// the SE of anything estimated) and no CI (metafor's <c>confint</c> refuses).
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length, are empty, or hold a non-finite yᵢ or a vᵢ that is not a positive finite number.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is not in (0, 100), or a given τ² is negative or not finite.</exception>
    public static MetaAnalysisResult Fit(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, FitOptions? options = null)
    {
        options ??= FitOptions.Default;
        if (yi.Length != vi.Length)
        {
            throw new ArgumentException("yi and vi must have the same length.", nameof(vi));
        }

        if (yi.Length == 0)
        {
            throw new ArgumentException("At least one study is needed.", nameof(yi));
        }

        if (!(options.Level > 0 && options.Level < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Level must be between 0 and 100 (percent).");
        }

        if (options.Tau2 is { } fixedTau2 && !(double.IsFinite(fixedTau2) && fixedTau2 >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Tau2 must be a finite number ≥ 0 (or null to estimate it).");
        }

        for (var i = 0; i < yi.Length; i++)
        {
            if (!double.IsFinite(yi[i]) || !double.IsFinite(vi[i]) || vi[i] <= 0)
            {
                throw new ArgumentException(FormattableString.Invariant($"Study {i}: yi must be finite and vi a positive finite number."), nameof(vi));
            }
        }

        var data = new StudyData(yi.ToArray(), vi.ToArray(), Math.Max(1, options.MaxIterations));
        return Fitter.Fit(data, options);
    }
}

/// <summary>The steps of a fit, on validated data.</summary>
internal static class Fitter
{
    public static MetaAnalysisResult Fit(StudyData data, FitOptions options)
    {
        var k = data.K;
        var alpha = 1 - (options.Level / 100);
        var issues = new List<Issue>();
        var isCommon = options.Method is Tau2Method.EE or Tau2Method.FE;

        // Heterogeneity statistics with inverse-variance weights.
        var fixedSums = data.At(0);
        var q = k > 1 ? (options.QCentre is { } centre ? QAround(data, centre) : fixedSums.Rss) : 0;
        var qDf = k - 1;
        var qP = k > 1 ? Probability.ChiSquareUpperTail(q, qDf) : 1;
        var typicalVariance = k > 1 ? (k - 1) / fixedSums.TraceP : 0;

        // τ²: 0 for EE/FE, the given value when fixed (metafor's tau2 =; used even with k = 1), else estimated.
        var fixedTau2 = isCommon ? null : options.Tau2;
        var estimate = isCommon ? new Tau2Estimate(0, null)
            : fixedTau2 is { } given ? new Tau2Estimate(given, null)
            : k == 1 ? new Tau2Estimate(0, null)
            : options.Method == Tau2Method.DL ? DerSimonianLaird.Estimate(data, q)
            : EstimateTau2(data, options.Method);
        if (estimate.Note is { } note)
        {
            issues.Add(note);
        }

        if (!estimate.Converged)
        {
            issues.Add(new Issue(IssueCodes.NotConverged, IssueSeverity.Warning,
                FormattableString.Invariant($"The {options.Method} estimator did not converge after {estimate.Iterations} iterations.")));
        }

        var tau2 = estimate.Tau2;
        var sums = data.At(tau2);

        // Pooled estimate and test.
        var test = options.Test;
        if (k == 1 && test != TestMethod.Z)
        {
            issues.Add(new Issue(IssueCodes.KnhaFallbackToZ, IssueSeverity.Warning,
                FormattableString.Invariant($"The {test} test needs at least 2 studies (k − 1 df); the z test was used.")));
            test = TestMethod.Z;
        }

        var mu = sums.Mu;
        var variance = 1 / sums.SumW;
        if (test is TestMethod.KNHA or TestMethod.ADHOC)
        {
            var factor = sums.Rss / (k - 1);
            if (test == TestMethod.ADHOC)
            {
                factor = Math.Max(1, factor);
            }

            variance *= factor;
        }

        var se = Math.Sqrt(variance);
        double? df = test == TestMethod.Z ? null : k - 1;
        double? statistic;
        double p;
        Interval ci;
        if (se == 0)
        {
            // Knapp-Hartung with Q = 0: every yᵢ equals μ̂, the rescaled variance is 0.
            issues.Add(new Issue(IssueCodes.KnhaZeroScale, IssueSeverity.Warning,
                "All effects are identical, so the Knapp-Hartung scaling factor is 0: the SE is 0 and the test statistic is undefined."));
            statistic = null;
            p = 0;
            ci = new Interval(mu, mu);
        }
        else
        {
            var crit = df is { } d ? Probability.TQuantile(1 - (alpha / 2), d) : Probability.NormalQuantile(1 - (alpha / 2));
            statistic = mu / se;
            p = df is { } d2 ? Probability.TTwoSided(statistic.Value, d2) : Probability.NormalTwoSided(statistic.Value);
            ci = new Interval(mu - (crit * se), mu + (crit * se));
        }

        // Heterogeneity measures: from Q (EE/FE, or when asked) or from τ̂².
        var fromQ = isCommon || options.Heterogeneity == HeterogeneityBasis.Q;
        var (i2, h2) = k == 1 || fromQ ? HeterogeneityMeasures.FromQ(q, qDf) : HeterogeneityMeasures.FromTau2(tau2, typicalVariance);

        Interval? tau2Ci = null, i2Ci = null, h2Ci = null;
        if (!isCommon && k > 1 && fixedTau2 is null)
        {
            tau2Ci = options.Tau2Ci == Tau2CiMethod.QProfile
                ? Tau2Intervals.QProfile(data, alpha)
                : Tau2Intervals.ProfileLikelihood(data, tau2, options.Method == Tau2Method.REML, alpha);
            if (tau2Ci is { } t && !fromQ)
            {
                i2Ci = new Interval(100 * t.Lower / (t.Lower + typicalVariance), 100 * t.Upper / (t.Upper + typicalVariance));
                h2Ci = new Interval((t.Lower / typicalVariance) + 1, (t.Upper / typicalVariance) + 1);
            }
            else if (tau2Ci is null)
            {
                issues.Add(new Issue(IssueCodes.Tau2CiNotFound, IssueSeverity.Warning,
                    "The confidence interval for τ² could not be located."));
            }
        }

        if (fromQ && !isCommon && k > 2)
        {
            (i2Ci, h2Ci) = TestBasedIntervals(q, k, alpha);
        }

        var (pi, piDf) = PredictionInterval(options, isCommon || (k == 1 && fixedTau2 is null), fixedTau2 is not null, k, test, mu, se, tau2, ci, alpha, issues);

        var weights = new double[k];
        for (var i = 0; i < k; i++)
        {
            weights[i] = 100 / (data.V[i] + tau2) / sums.SumW;
        }

        return new MetaAnalysisResult
        {
            Method = options.Method,
            Test = test,
            Level = options.Level,
            K = k,
            Estimate = mu,
            StandardError = se,
            Statistic = statistic,
            Df = df,
            PValue = p,
            ConfidenceInterval = ci,
            Tau2 = tau2,
            Tau2StandardError = isCommon || k == 1 || fixedTau2 is not null ? null : estimate.StandardError,
            Tau2ConfidenceInterval = tau2Ci,
            I2 = i2,
            I2ConfidenceInterval = i2Ci,
            H2 = h2,
            H2ConfidenceInterval = h2Ci,
            Q = q,
            QDf = qDf,
            QPValue = qP,
            PredictionInterval = pi,
            PredictionDf = piDf,
            TypicalVariance = typicalVariance,
            WeightsPercent = weights,
            Iterations = estimate.Iterations,
            Converged = estimate.Converged,
            Issues = issues,
        };
    }

    /// <summary>
    /// The test-based CIs of I² and H² from Q (Higgins &amp; Thompson 2002, appendix A.2): with H = √(Q/(k − 1)),
    /// SE(ln H) = ½(ln Q − ln(k − 1))/(√(2Q) − √(2k − 3)) when Q &gt; k, else √(1/(2(k − 2))·(1 − 1/(3(k − 2)²)));
    /// H's bounds exp(ln H ± z·SE) are floored at 1, and I² = (H² − 1)/H². Needs k ≥ 3.
    /// </summary>
    private static (Interval I2, Interval H2) TestBasedIntervals(double q, int k, double alpha)
    {
        var lnH = 0.5 * Math.Log(q / (k - 1));
        var se = q > k
            ? 0.5 * (Math.Log(q) - Math.Log(k - 1)) / (Math.Sqrt(2 * q) - Math.Sqrt((2 * k) - 3))
            : Math.Sqrt(1.0 / (2 * (k - 2)) * (1 - (1.0 / (3.0 * (k - 2) * (k - 2)))));
        var z = Probability.NormalQuantile(1 - (alpha / 2));
        var lower = Math.Max(1, Math.Exp(lnH - (z * se)));
        var upper = Math.Max(1, Math.Exp(lnH + (z * se)));
        static double I2(double h) => 100 * ((h * h) - 1) / (h * h);
        return (new Interval(I2(lower), I2(upper)), new Interval(lower * lower, upper * upper));
    }

    /// <summary>Cochran's Q around <paramref name="centre"/>: Σ(yᵢ − centre)²/vᵢ.</summary>
    private static double QAround(StudyData data, double centre)
    {
        double q = 0;
        for (var i = 0; i < data.K; i++)
        {
            var d = data.Y[i] - centre;
            q += d * d / data.V[i];
        }

        return q;
    }

    /// <summary>τ̂² by <paramref name="method"/> (not EE/FE), one estimator per file in <c>Models/Estimators</c>.</summary>
    internal static Tau2Estimate EstimateTau2(StudyData data, Tau2Method method) => method switch
    {
        Tau2Method.DL => DerSimonianLaird.Estimate(data),
        Tau2Method.HE => Hedges.Estimate(data),
        Tau2Method.HS => HunterSchmidt.Estimate(data),
        Tau2Method.HSk => HunterSchmidtSmallK.Estimate(data),
        Tau2Method.SJ => SidikJonkman.Estimate(data),
        Tau2Method.ML => MaximumLikelihood.Estimate(data),
        Tau2Method.REML => RestrictedMaximumLikelihood.Estimate(data),
        Tau2Method.PM => PauleMandel.Estimate(data),
        Tau2Method.EB => EmpiricalBayes.Estimate(data),
        Tau2Method.PMM => PauleMandelMedian.Estimate(data),
        Tau2Method.DLIT => IteratedDerSimonianLaird.Estimate(data),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a τ² estimator."),
    };

    /// <summary>
    /// μ̂ ± c·√(SE² + τ̂²). c: the normal quantile with the z test and t(k − 1) with t/knha/adhoc (as metafor's
    /// <c>predict</c>), t(max(1, k − 2)) for Riley/HTS (Higgins, Thompson &amp; Spiegelhalter 2009), t(k − 1) for "t".
    /// Riley's k − 2 counts the two estimated parameters μ and τ²; with τ² given only μ is estimated and the df are k − 1
    /// (as metafor). Equal to the CI when <paramref name="equalsCi"/> (EE/FE, and k = 1 with an estimated τ², then 0).
    /// </summary>
    private static (Interval? Interval, double? Df) PredictionInterval(
        FitOptions options, bool equalsCi, bool tau2Given, int k, TestMethod test, double mu, double se, double tau2, Interval ci, double alpha, List<Issue> issues)
    {
        if (equalsCi)
        {
            return (ci, null);
        }

        var rileyDf = tau2Given ? k - 1 : k - 2;
        double? df = options.PredictionInterval switch
        {
            // t(k − 2) needs k ≥ 3; with k = 2 metafor uses t(1), and so do we, saying so.
            PredictionIntervalType.Riley => Math.Max(1, rileyDf),
            // Only reached with k = 1 when τ² is given: t(0) does not exist, metafor uses t(1).
            PredictionIntervalType.T => Math.Max(1, k - 1),
            _ => test == TestMethod.Z ? null : k - 1,
        };
        if (options.PredictionInterval == PredictionIntervalType.Riley && rileyDf < 1)
        {
            issues.Add(new Issue(IssueCodes.Undefined, IssueSeverity.Info,
                FormattableString.Invariant($"The Riley prediction interval has {rileyDf} df with {k} stud{(k == 1 ? "y" : "ies")}; t(1) was used instead, as metafor does.")));
        }
        else if (options.PredictionInterval == PredictionIntervalType.T && k == 1)
        {
            issues.Add(new Issue(IssueCodes.Undefined, IssueSeverity.Info,
                "The t(k − 1) prediction interval has 0 df with 1 study; t(1) was used instead, as metafor does."));
        }

        var crit = df is { } d ? Probability.TQuantile(1 - (alpha / 2), d) : Probability.NormalQuantile(1 - (alpha / 2));
        var half = crit * Math.Sqrt((se * se) + tau2);
        return (new Interval(mu - half, mu + half), df);
    }
}
