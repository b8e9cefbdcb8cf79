using System.Globalization;
using Evident.Core.Numerics;
using MathNet.Numerics;

namespace Evident.Core.Models.Regression;

/// <summary>The steps of a meta-regression fit, on validated data.</summary>
internal static class RegressionFitter
{
    public static MetaRegressionResult Fit(double[] y, double[] v, DesignMatrix design, FitOptions options, RegressionOptions regression)
    {
        var k = design.K;
        var p = design.P;
        var df = k - p;
        var alpha = 1 - (options.Level / 100);
        var isCommon = options.Method is Tau2Method.EE or Tau2Method.FE;
        var issues = new List<Issue>(design.Issues);
        var data = new RegressionData(y, v, design.Values.ToArray(), p, Math.Max(1, options.MaxIterations));

        // Residual heterogeneity with inverse-variance weights.
        var fixedFit = data.At(0);
        var qe = df > 0 ? fixedFit.Rss : 0;
        var qeP = df > 0 ? Probability.ChiSquareUpperTail(qe, df) : 1;
        double? typicalVariance = df > 0 ? df / fixedFit.TraceP : null;

        // τ².
        var estimate = new Tau2Estimate(0, null);
        if (!isCommon && df == 0 && !design.IsInterceptOnly)
        {
            issues.Add(new Issue(IssueCodes.NoResidualDf, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"The model has as many coefficients as studies ({p}), so the residual heterogeneity cannot be estimated; τ² is set to 0 and the model fits every study exactly (metafor stops with an error here).")));
        }
        else if (!isCommon && df > 0)
        {
            estimate = ResidualHeterogeneity.Estimate(data, design.IsInterceptOnly, options.Method);
        }

        if (estimate.Note is { } note)
        {
            issues.Add(note);
        }

        if (!estimate.Converged)
        {
            issues.Add(new Issue(IssueCodes.NotConverged, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"The {options.Method} estimator did not converge after {estimate.Iterations} iterations.")));
        }

        var tau2 = estimate.Tau2;
        var fit = tau2 == 0 ? fixedFit : data.At(tau2);

        // Coefficients and their tests.
        var test = options.Test;
        if (test != TestMethod.Z && df == 0)
        {
            issues.Add(new Issue(IssueCodes.KnhaFallbackToZ, IssueSeverity.Warning, design.IsInterceptOnly
                ? $"The {test} test needs at least 2 studies (k − 1 df); the z test was used."
                : $"The {test} test needs residual degrees of freedom (k − p ≥ 1); the z test was used."));
            test = TestMethod.Z;
        }

        var covariance = fit.Covariance.ToArray();
        var zeroScale = false;
        if (test is TestMethod.KNHA or TestMethod.ADHOC)
        {
            var factor = fit.Rss / df;
            if (test == TestMethod.ADHOC)
            {
                factor = Math.Max(1, factor);
            }

            for (var i = 0; i < covariance.Length; i++)
            {
                covariance[i] *= factor;
            }

            if (factor == 0)
            {
                zeroScale = true;
                issues.Add(new Issue(IssueCodes.KnhaZeroScale, IssueSeverity.Warning,
                    "The model fits every study exactly, so the Knapp-Hartung scaling factor is 0: the SEs are 0 and the test statistics are undefined."));
            }
        }

        double? tDf = test == TestMethod.Z ? null : df;
        var crit = Critical(alpha, tDf);
        var coefficients = new RegressionCoefficient[p];
        for (var j = 0; j < p; j++)
        {
            var b = fit.Beta[j];
            var se = Math.Sqrt(covariance[(j * p) + j]);
            if (se == 0 || zeroScale)
            {
                coefficients[j] = new RegressionCoefficient(design.ColumnNames[j], b, se, null, 0, new Interval(b, b));
                continue;
            }

            var statistic = b / se;
            var pValue = tDf is { } d ? Probability.TTwoSided(statistic, d) : Probability.NormalTwoSided(statistic);
            coefficients[j] = new RegressionCoefficient(design.ColumnNames[j], b, se, statistic, pValue, new Interval(b - (crit * se), b + (crit * se)));
        }

        // With a zero Knapp-Hartung scale (already reported) the omnibus test is undefined too.
        var (moderatorTest, testIssue) = zeroScale ? (null, null) : ModeratorTestFor(design, fit.Beta, covariance, regression.Btt, test, df);
        if (testIssue is not null)
        {
            issues.Add(testIssue);
        }

        // Heterogeneity measures.
        var (i2, h2) = df == 0 || isCommon ? HeterogeneityMeasures.FromQ(qe, df) : HeterogeneityMeasures.FromTau2(tau2, typicalVariance!.Value);

        var (r2, tau2Zero) = PseudoR2(design, data, options.Method, isCommon, tau2, h2, df);

        // Fit statistics at τ̂².
        var logDetXtX = data.Unweighted().LogDetXtAX;
        var parameters = p + (isCommon ? 0 : 1);
        var mlLl = RegressionLikelihood.LogLikelihood(data, fit, tau2, restricted: false, logDetXtX);
        var remlLl = RegressionLikelihood.LogLikelihood(data, fit, tau2, restricted: true, logDetXtX);
        double saturated = 0;
        foreach (var vi in v)
        {
            saturated -= 0.5 * Math.Log(2 * Math.PI * vi);
        }

        var weights = new double[k];
        for (var i = 0; i < k; i++)
        {
            weights[i] = 100 / (v[i] + tau2) / fit.SumWeights;
        }

        return new MetaRegressionResult
        {
            Method = options.Method,
            Test = test,
            Level = options.Level,
            Options = options,
            K = k,
            Coefficients = coefficients,
            Covariance = covariance,
            Df = tDf,
            ModeratorTest = moderatorTest,
            QE = qe,
            QEPValue = qeP,
            Tau2 = tau2,
            Tau2StandardError = isCommon || df == 0 ? null : estimate.StandardError,
            I2 = i2,
            H2 = h2,
            TypicalVariance = typicalVariance,
            R2 = r2,
            Tau2WithoutModerators = tau2Zero,
            MaximumLikelihoodFit = Statistics(mlLl, -2 * (mlLl - saturated), parameters, k),
            RestrictedFit = Statistics(remlLl, -2 * remlLl, parameters, df),
            WeightsPercent = weights,
            Iterations = estimate.Iterations,
            Converged = estimate.Converged,
            Issues = issues,
            Design = design,
            Yi = y,
            Vi = v,
        };
    }

    /// <summary>The two-sided critical value: normal, or t with <paramref name="df"/> degrees of freedom.</summary>
    public static double Critical(double alpha, double? df) =>
        df is { } d ? Probability.TQuantile(1 - (alpha / 2), d) : Probability.NormalQuantile(1 - (alpha / 2));

    /// <summary>
    /// QM = b'V⁻¹b for the selected coefficients (Wald test), against χ²(m); for t/knha/adhoc F = QM/m against
    /// F(m, k − p) (Knapp &amp; Hartung 2003). metafor's default selection: all but the intercept.
    /// </summary>
    public static (ModeratorTest? Test, Issue? Problem) ModeratorTestFor(DesignMatrix design, IReadOnlyList<double> beta, IReadOnlyList<double> covariance,
        CoefficientSelection? btt, TestMethod test, int df)
    {
        var p = design.P;
        int[] indices;
        if (btt is null)
        {
            indices = design.HasIntercept && p > 1 ? Enumerable.Range(1, p - 1).ToArray() : Enumerable.Range(0, p).ToArray();
        }
        else
        {
            var (resolved, problem) = btt.Resolve(design.ColumnNames);
            if (resolved is null)
            {
                return (null, problem);
            }

            indices = resolved;
        }

        var m = indices.Length;
        var sub = new double[m * m];
        for (var a = 0; a < m; a++)
        {
            for (var b = 0; b < m; b++)
            {
                sub[(a * m) + b] = covariance[(indices[a] * p) + indices[b]];
            }
        }

        var inverse = DenseAlgebra.InvertPositiveDefinite(sub, m);
        if (inverse is null)
        {
            return (null, new Issue(IssueCodes.Undefined, IssueSeverity.Warning,
                "The covariance matrix of the tested coefficients is singular (zero standard errors), so the omnibus test is undefined."));
        }

        double qm = 0;
        for (var a = 0; a < m; a++)
        {
            for (var b = 0; b < m; b++)
            {
                qm += beta[indices[a]] * inverse[(a * m) + b] * beta[indices[b]];
            }
        }

        var positions = indices.Select(i => i + 1).ToArray();
        var names = indices.Select(i => design.ColumnNames[i]).ToArray();
        if (test == TestMethod.Z)
        {
            return (new ModeratorTest(positions, names, qm, m, null, Probability.ChiSquareUpperTail(qm, m)), null);
        }

        var f = qm / m;
        return (new ModeratorTest(positions, names, f, m, df, FUpperTail(f, m, df)), null);
    }

    /// <summary>P(F(d1, d2) ≥ f) = I_{d2/(d2 + d1·f)}(d2/2, d1/2), the regularized incomplete beta function (no 1 − CDF cancellation).</summary>
    public static double FUpperTail(double f, double d1, double d2) =>
        f <= 0 ? 1 : SpecialFunctions.BetaRegularized(d2 / 2, d1 / 2, d2 / (d2 + (d1 * f)));

    /// <summary>
    /// Pseudo-R² (Raudenbush 2009): max(0, 100·(τ²₀ − τ²)/τ²₀), τ²₀ from the model without moderators by the same
    /// estimator, 0 when τ²₀ = 0; for EE/FE metafor 3.8-1 uses H² (= Q/df) in place of τ² (observed). Only for models with
    /// an intercept and at least one moderator, and residual df.
    /// </summary>
    private static (double? R2, double? Tau2Zero) PseudoR2(DesignMatrix design, RegressionData data, Tau2Method method, bool isCommon,
        double tau2, double h2, int df)
    {
        if (!design.HasIntercept || design.P < 2 || df == 0)
        {
            return (null, null);
        }

        var k = data.K;
        if (isCommon)
        {
            var h2Zero = WeightedSums.At(data.Y, data.V, 0).Rss / (k - 1);
            return (h2Zero > 0 ? Math.Max(0, 100 * (h2Zero - h2) / h2Zero) : 0, null);
        }

        var tau2Zero = Fitter.EstimateTau2(new StudyData(data.Y, data.V, data.MaxIterations), method).Tau2;
        return (tau2Zero > 0 ? Math.Max(0, 100 * (tau2Zero - tau2) / tau2Zero) : 0, tau2Zero);
    }

    private static FitStatistics Statistics(double ll, double deviance, int parameters, int n)
    {
        var m = Math.Max(n, parameters + 2);
        double? bic = n > 0 ? (-2 * ll) + (parameters * Math.Log(n)) : null;
        return new FitStatistics(ll, deviance, (-2 * ll) + (2 * parameters), bic,
            (-2 * ll) + (2.0 * parameters * m / (m - parameters - 1)), parameters);
    }
}
