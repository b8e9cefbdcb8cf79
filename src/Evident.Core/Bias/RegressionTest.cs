using System.Globalization;
using Evident.Core.Models;
using Evident.Core.Models.Regression;

namespace Evident.Core.Bias;

/// <summary>The model of a regression test for funnel plot asymmetry (metafor's <c>regtest(model = …)</c>).</summary>
public enum RegressionTestModel
{
    /// <summary>
    /// Meta-regression of yᵢ on the predictor with the τ² estimator, test and level of the fit's options (metafor's
    /// default, the random/mixed-effects version; Sterne &amp; Egger 2005).
    /// </summary>
    Rma,

    /// <summary>
    /// Weighted least squares of yᵢ on the predictor with weights 1/vᵢ and a multiplicative dispersion term, t test on
    /// k − 2 df: the classic Egger test (Egger et al. 1997), whose slope on the SE equals the intercept of the regression of
    /// yᵢ/seᵢ on 1/seᵢ.
    /// </summary>
    Lm,
}

/// <summary>The predictor of a regression test (metafor's <c>regtest(predictor = …)</c>).</summary>
public enum RegressionTestPredictor
{
    /// <summary>The standard error √vᵢ (Egger et al. 1997).</summary>
    Sei,
    /// <summary>The sampling variance vᵢ (Moreno et al. 2009; the PEESE limit estimate, Stanley &amp; Doucouliagos 2014).</summary>
    Vi,
    /// <summary>The sample size nᵢ.</summary>
    Ni,
    /// <summary>The inverse sample size 1/nᵢ (Peters et al. 2006).</summary>
    NInv,
    /// <summary>The square root of the sample size √nᵢ.</summary>
    SqrtNi,
    /// <summary>The inverse square root of the sample size 1/√nᵢ.</summary>
    SqrtNInv,
}

/// <summary>Options of <see cref="RegressionTest.Run"/>, with metafor's defaults.</summary>
public sealed record RegressionTestOptions
{
    /// <summary>The model; default <see cref="RegressionTestModel.Rma"/>.</summary>
    public RegressionTestModel Model { get; init; } = RegressionTestModel.Rma;

    /// <summary>The predictor; default the standard error.</summary>
    public RegressionTestPredictor Predictor { get; init; } = RegressionTestPredictor.Sei;

    /// <summary>
    /// τ² estimator, test and level of the model the test belongs to (with <see cref="RegressionTestModel.Lm"/> only the
    /// level is used). Default REML, z, 95 %.
    /// </summary>
    public FitOptions Fit { get; init; } = FitOptions.Default;

    /// <summary>The sample sizes, one per study; needed for the predictors built from nᵢ, ignored otherwise.</summary>
    public IReadOnlyList<double>? Ni { get; init; }

    /// <summary>The default options.</summary>
    public static RegressionTestOptions Default { get; } = new();
}

/// <summary>
/// A regression test for funnel plot asymmetry (metafor's <c>regtest</c>). Values that do not exist are null, never NaN;
/// <see cref="Issues"/> says why.
/// </summary>
public sealed record RegressionTestResult
{
    /// <summary>The model used.</summary>
    public required RegressionTestModel Model { get; init; }
    /// <summary>The predictor used.</summary>
    public required RegressionTestPredictor Predictor { get; init; }
    /// <summary>Number of studies.</summary>
    public required int K { get; init; }
    /// <summary>The test statistic of the predictor's coefficient (z, or t with <see cref="Df"/>); null when not computed or undefined.</summary>
    public double? Statistic { get; init; }
    /// <summary>Degrees of freedom of the t test (k − 2), or null for z.</summary>
    public double? Df { get; init; }
    /// <summary>Two-sided p-value of the test that the predictor's coefficient is 0.</summary>
    public double? PValue { get; init; }
    /// <summary>The predictor's coefficient (the asymmetry), with its SE, test and CI.</summary>
    public RegressionCoefficient? Slope { get; init; }
    /// <summary>
    /// The limit estimate: the intercept, the expected effect as the predictor goes to 0 (infinite precision), for the
    /// predictors sei, vi, ninv and sqrtninv (metafor's <c>est</c>); null for ni and sqrtni, whose intercept is not a limit.
    /// </summary>
    public double? LimitEstimate { get; init; }
    /// <summary>Standard error of the limit estimate.</summary>
    public double? LimitStandardError { get; init; }
    /// <summary>Confidence interval of the limit estimate (metafor's <c>ci.lb</c>, <c>ci.ub</c>).</summary>
    public Interval? LimitConfidenceInterval { get; init; }
    /// <summary>Residual τ² of the meta-regression (<see cref="RegressionTestModel.Rma"/>); null for lm.</summary>
    public double? Tau2 { get; init; }
    /// <summary>The fitted regression (for lm: the equal-effects fit with the Knapp-Hartung dispersion); null when not fitted.</summary>
    public MetaRegressionResult? Fit { get; init; }
    /// <summary>Whether k &lt; 10, below the Cochrane Handbook's minimum for asymmetry tests (an info issue says so).</summary>
    public bool FewStudies => K < BiasInput.RecommendedMinimumStudies;
    /// <summary>Errors, warnings and notes.</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}

/// <summary>
/// Egger-type regression tests for funnel plot asymmetry, as metafor 3.8's <c>regtest</c>: the effect sizes are regressed
/// on a measure of precision; a slope different from 0 means small-study effects (Egger et al. 1997; Sterne &amp; Egger
/// 2005; Peters et al. 2006).
/// </summary>
public static class RegressionTest
{
    /// <summary>
    /// Regresses <paramref name="yi"/> on the chosen predictor. <see cref="RegressionTestModel.Rma"/>: the meta-regression
    /// yᵢ = β₀ + β₁xᵢ + uᵢ + εᵢ with uᵢ ~ N(0, τ²), εᵢ ~ N(0, vᵢ), τ² by the options' estimator, the coefficient tested
    /// with the options' test (z, or t(k − 2) under t/knha/adhoc). <see cref="RegressionTestModel.Lm"/>: weighted least
    /// squares with weights 1/vᵢ, Var(β̂) = σ̂²(XᵀWX)⁻¹ with σ̂² = Σwᵢ(yᵢ − xᵢᵀβ̂)²/(k − 2), t(k − 2) (Egger et al. 1997).
    /// Needs 3 studies; data problems (a missing yᵢ, a vᵢ ≤ 0, a predictor with no spread, missing sample sizes) give a
    /// result with null statistics and an error issue.
    /// </summary>
    /// <exception cref="ArgumentException">The spans (or <see cref="RegressionTestOptions.Ni"/>) differ in length.</exception>
    public static RegressionTestResult Run(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, RegressionTestOptions? options = null)
    {
        options ??= RegressionTestOptions.Default;
        const string Method = "The regression test";
        var k = yi.Length;
        var issues = BiasInput.Check(yi, vi, 3, Method);
        var usesN = options.Predictor is RegressionTestPredictor.Ni or RegressionTestPredictor.NInv
            or RegressionTestPredictor.SqrtNi or RegressionTestPredictor.SqrtNInv;
        if (usesN)
        {
            if (options.Ni is null)
            {
                issues.Add(new Issue(IssueCodes.MissingSampleSizes, IssueSeverity.Error,
                    $"The predictor {PredictorName(options.Predictor)} needs each study's sample size (ni); none were given.", Field: "ni"));
            }
            else if (options.Ni.Count != k)
            {
                throw new ArgumentException("Ni must have one value per study.", nameof(options));
            }
            else
            {
                for (var i = 0; i < k; i++)
                {
                    if (double.IsNaN(options.Ni[i]))
                    {
                        issues.Add(new Issue(IssueCodes.MissingSampleSizes, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                            $"The study has no sample size, which the predictor {PredictorName(options.Predictor)} needs for every study."), i, "ni"));
                    }
                    else if (!(double.IsFinite(options.Ni[i]) && options.Ni[i] > 0))
                    {
                        issues.Add(new Issue(IssueCodes.MissingSampleSizes, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                            $"Study {i}: the sample size must be a positive number for the predictor {PredictorName(options.Predictor)} (it is {options.Ni[i]})."), i, "ni"));
                    }
                }
            }
        }

        var result = new RegressionTestResult { Model = options.Model, Predictor = options.Predictor, K = k };
        if (issues.Count > 0)
        {
            return result with { Issues = issues };
        }

        if (BiasInput.FewStudies(k, Method) is { } few)
        {
            issues.Add(few);
        }

        var x = new double[k];
        for (var i = 0; i < k; i++)
        {
            x[i] = options.Predictor switch
            {
                RegressionTestPredictor.Sei => Math.Sqrt(vi[i]),
                RegressionTestPredictor.Vi => vi[i],
                RegressionTestPredictor.Ni => options.Ni![i],
                RegressionTestPredictor.NInv => 1 / options.Ni![i],
                RegressionTestPredictor.SqrtNi => Math.Sqrt(options.Ni![i]),
                RegressionTestPredictor.SqrtNInv => 1 / Math.Sqrt(options.Ni![i]),
                _ => throw new ArgumentOutOfRangeException(nameof(options), options.Predictor, "Not a predictor."),
            };
        }

        var name = PredictorName(options.Predictor);
        var design = BiasInput.AllEqual(x) ? null : DesignMatrix.FromColumns([name], [x]).Design;
        if (design is null || design.P != 2)
        {
            issues.Add(new Issue(IssueCodes.NoPredictorSpread, IssueSeverity.Error,
                $"Every study has the same {name}, so the effects cannot be regressed on it; the test was not computed."));
            return result with { Issues = issues };
        }

        var fitOptions = options.Model == RegressionTestModel.Rma
            ? options.Fit
            : FitOptions.Default with { Method = Tau2Method.EE, Test = TestMethod.KNHA, Level = options.Fit.Level };
        var fit = MetaRegression.Fit(yi, vi, design, fitOptions);
        issues.AddRange(fit.Issues);
        var slope = fit.Coefficients[1];
        var intercept = fit.Coefficients[0];
        var hasLimit = options.Predictor is not (RegressionTestPredictor.Ni or RegressionTestPredictor.SqrtNi);
        if (options.Model == RegressionTestModel.Lm && (slope.Statistic is null || BiasInput.AllEqual(yi)))
        {
            // With no residual variation the dispersion σ̂² is 0 (or rounding noise): t = 0/0 is undefined.
            issues.Add(new Issue(IssueCodes.IdenticalEffects, IssueSeverity.Warning,
                "The weighted regression fits every study exactly (no residual variation), so its t statistic is undefined."));
            return result with
            {
                Df = fit.Df,
                LimitEstimate = hasLimit ? intercept.Estimate : null,
                Fit = fit,
                Issues = issues,
            };
        }

        return result with
        {
            Statistic = slope.Statistic,
            Df = fit.Df,
            PValue = slope.Statistic is null ? null : slope.PValue,
            Slope = slope,
            LimitEstimate = hasLimit ? intercept.Estimate : null,
            LimitStandardError = hasLimit ? intercept.StandardError : null,
            LimitConfidenceInterval = hasLimit ? intercept.ConfidenceInterval : null,
            Tau2 = options.Model == RegressionTestModel.Rma ? fit.Tau2 : null,
            Fit = fit,
            Issues = issues,
        };
    }

    /// <summary>The predictor's name as metafor prints it (sei, vi, ni, ninv, sqrtni, sqrtninv).</summary>
    public static string PredictorName(RegressionTestPredictor predictor) => predictor switch
    {
        RegressionTestPredictor.Sei => "sei",
        RegressionTestPredictor.Vi => "vi",
        RegressionTestPredictor.Ni => "ni",
        RegressionTestPredictor.NInv => "ninv",
        RegressionTestPredictor.SqrtNi => "sqrtni",
        RegressionTestPredictor.SqrtNInv => "sqrtninv",
        _ => throw new ArgumentOutOfRangeException(nameof(predictor), predictor, "Not a predictor."),
    };
}
