using System.Text.Json.Nodes;
using Evident.Core.Bias;
using Evident.Core.Models;

namespace Evident.Core.Tests.Bias;

/// <summary>
/// Every number in <c>tests/fixtures/bias/*.json</c> (metafor 3.8-1's <c>regtest</c>, <c>ranktest</c>, <c>trimfill</c>,
/// <c>fsn</c>, <c>tes</c>, <c>selmodel(type = "stepfun")</c> and <c>hc</c>) against <see cref="Evident.Core.Bias"/>.
/// Where metafor stopped with an error, Evident must return an error issue and null statistics instead.
/// </summary>
public sealed class BiasFixtureTests
{
    public static IEnumerable<TheoryDataRow<string, int>> RegTestCases() => BiasFixtures.Rows("regtest", nameof(RegressionTest_MatchesMetafor));
    public static IEnumerable<TheoryDataRow<string, int>> TrimFillCases() => BiasFixtures.Rows("trimfill", nameof(TrimAndFill_MatchesMetafor));
    public static IEnumerable<TheoryDataRow<string, int>> FsnCases() => BiasFixtures.Rows("fsn", nameof(FailSafeN_MatchesMetafor));
    public static IEnumerable<TheoryDataRow<string, int>> TesCases() => BiasFixtures.Rows("tes", nameof(ExcessSignificance_MatchesMetafor));
    public static IEnumerable<TheoryDataRow<string, int>> SelModelCases() => BiasFixtures.Rows("selmodel", nameof(SelectionModel_MatchesMetafor));
    public static IEnumerable<TheoryDataRow<string, int>> HcCases() => BiasFixtures.Rows("hc", nameof(HenmiCopas_MatchesMetafor));
    public static IEnumerable<TheoryDataRow<string>> Datasets() =>
        BiasFixtures.All.Keys.Order(StringComparer.Ordinal).Select(n => new TheoryDataRow<string>(n));

    [Fact]
    public void Fixtures_LoadWithTheExpectedShape()
    {
        Assert.True(BiasFixtures.All.Count >= 10, $"expected at least 10 bias fixture files in {BiasFixtures.Folder}");
        foreach (var d in BiasFixtures.All.Values)
        {
            Assert.Equal("3.8.1", d.MetaforVersion);
            Assert.Equal(d.Yi.Length, d.Vi.Length);
            Assert.NotEmpty(d.Cases("regtest"));
            Assert.NotEmpty(d.Cases("trimfill"));
            Assert.NotEmpty(d.Cases("fsn"));
            Assert.NotEmpty(d.Cases("tes"));
            Assert.NotEmpty(d.Cases("selmodel"));
            Assert.NotEmpty(d.Cases("hc"));
        }
    }

    [Theory]
    [MemberData(nameof(RegTestCases))]
    public void RegressionTest_MatchesMetafor(string dataset, int index)
    {
        var d = BiasFixtures.All[dataset];
        var c = d.Cases("regtest")[index];
        var model = c.Str("model") == "lm" ? RegressionTestModel.Lm : RegressionTestModel.Rma;
        var predictor = Enum.Parse<RegressionTestPredictor>(c.Str("predictor")!, ignoreCase: true);
        var method = BiasFixtures.Method(c.Str("method")!);
        var options = new RegressionTestOptions
        {
            Model = model,
            Predictor = predictor,
            Fit = FitOptions.Default with { Method = method, Test = BiasFixtures.Test(c.Str("test")!) },
            Ni = d.Ni,
        };

        var result = RegressionTest.Run(d.Yi, d.Vi, options);

        Assert.Null(c.Str("error"));
        var tol = model == RegressionTestModel.Lm || method is Tau2Method.EE or Tau2Method.DL ? Tolerances.ClosedForm : Tolerances.Iterative;
        tol.AssertClose(c.Num("zval")!.Value, result.Statistic!.Value);
        tol.AssertClose(c.Num("pval")!.Value, result.PValue!.Value);
        Assert.Equal(c.Num("dfs"), result.Df);
        Assert.Equal(c.Num("est") is null, result.LimitEstimate is null);
        if (c.Num("est") is { } est)
        {
            tol.AssertClose(est, result.LimitEstimate!.Value);
            tol.AssertClose(c.Num("ci_lb")!.Value, result.LimitConfidenceInterval!.Value.Lower);
            tol.AssertClose(c.Num("ci_ub")!.Value, result.LimitConfidenceInterval!.Value.Upper);
        }

        var b = c.Nums("b")!;
        var se = c.Nums("se")!;
        tol.AssertClose(b[0], result.Fit!.Coefficients[0].Estimate);
        tol.AssertClose(b[1], result.Slope!.Estimate);
        tol.AssertClose(se[0], result.Fit.Coefficients[0].StandardError);
        tol.AssertClose(se[1], result.Slope.StandardError);
        if (model == RegressionTestModel.Rma)
        {
            tol.ScaledTo(d.Vi.Average()).AssertClose(c.Num("tau2")!.Value, result.Tau2!.Value);
        }
        else
        {
            Assert.Null(result.Tau2);
        }

        Assert.Equal(d.Yi.Length < 10, result.Issues.Any(i => i.Code == IssueCodes.FewStudiesForAsymmetry));
    }

    [Theory]
    [MemberData(nameof(Datasets))]
    public void RankCorrelationTest_MatchesMetafor(string dataset)
    {
        var d = BiasFixtures.All[dataset];
        var expected = d.RankTest;

        var result = RankCorrelationTest.Run(d.Yi, d.Vi);

        Tolerances.ClosedForm.AssertClose(expected.Num("tau")!.Value, result.Tau!.Value);
        Tolerances.ClosedForm.AssertClose(expected.Num("pval")!.Value, result.PValue!.Value);
    }

    [Theory]
    [MemberData(nameof(TrimFillCases))]
    public void TrimAndFill_MatchesMetafor(string dataset, int index)
    {
        var d = BiasFixtures.All[dataset];
        var c = d.Cases("trimfill")[index];
        var method = BiasFixtures.Method(c.Str("method")!);
        var side = c.Str("side_given") switch { "left" => FunnelSide.Left, "right" => FunnelSide.Right, _ => (FunnelSide?)null };
        var options = new TrimAndFillOptions
        {
            Estimator = Enum.Parse<TrimAndFillEstimator>(c.Str("estimator")!),
            Side = side,
            Fit = FitOptions.Default with { Method = method },
        };

        var result = TrimAndFill.Run(d.Yi, d.Vi, options);

        if (c.Str("error") is not null)
        {
            // metafor stops (e.g. Q0 undefined: "missing value where TRUE/FALSE needed"); Evident says why instead.
            Assert.Null(result.K0);
            Assert.Null(result.Fit);
            Assert.Contains(result.Issues, i => i.Severity == IssueSeverity.Error);
            return;
        }

        var tol = method is Tau2Method.EE or Tau2Method.DL ? Tolerances.ClosedForm : Tolerances.Iterative;
        Assert.Equal((int)c.Num("k0")!.Value, result.K0);
        Assert.Equal(c.Str("side") == "left" ? FunnelSide.Left : FunnelSide.Right, result.Side);
        Assert.Equal(side is null, result.SideEstimated);
        AssertOptional(tol, c.Num("se_k0"), result.K0StandardError);
        Assert.Equal(c.Num("p_k0") is null, result.K0PValue is null);
        if (c.Num("p_k0") is { } p)
        {
            tol.AssertClose(p, result.K0PValue!.Value);
        }

        var fill = c["fill"]!.AsArray().Select(x => x!.GetValue<bool>()).ToArray();
        var yAll = c.Nums("yi_all")!;
        var vAll = c.Nums("vi_all")!;
        var expectedFilled = Enumerable.Range(0, fill.Length).Where(i => fill[i]).Select(i => (yAll[i], vAll[i]))
            .OrderBy(x => Math.Round(x.Item1, 6)).ThenBy(x => x.Item2).ToArray();
        var actualFilled = result.Filled.Select(f => (f.Yi, f.Vi)).OrderBy(x => Math.Round(x.Yi, 6)).ThenBy(x => x.Vi).ToArray();
        Assert.Equal(expectedFilled.Length, actualFilled.Length);
        for (var i = 0; i < expectedFilled.Length; i++)
        {
            tol.AssertClose(expectedFilled[i].Item1, actualFilled[i].Yi);
            Assert.Equal(expectedFilled[i].Item2, actualFilled[i].Vi);
        }

        AssertFit(c, result.Fit!, tol, d.Vi.Average());
    }

    [Theory]
    [MemberData(nameof(FsnCases))]
    public void FailSafeN_MatchesMetafor(string dataset, int index)
    {
        var d = BiasFixtures.All[dataset];
        var c = d.Cases("fsn")[index];
        var alpha = c.Num("alpha")!.Value;

        var result = c.Str("type") switch
        {
            "Rosenthal" => FailSafeN.Rosenthal(d.Yi, d.Vi, alpha),
            "Rosenberg" => FailSafeN.Rosenberg(d.Yi, d.Vi, alpha),
            _ => FailSafeN.Orwin(d.Yi, c.Num("target_given")),
        };

        Assert.Equal((int)c.Num("fsnum")!.Value, result.N);
        AssertOptional(Tolerances.ClosedForm, c.Num("pval"), result.PValue);
        AssertOptional(Tolerances.ClosedForm, c.Num("meanes"), result.MeanEffect);
        AssertOptional(Tolerances.ClosedForm, c.Num("target"), result.Target);
    }

    [Theory]
    [MemberData(nameof(TesCases))]
    public void ExcessSignificance_MatchesMetafor(string dataset, int index)
    {
        var d = BiasFixtures.All[dataset];
        var c = d.Cases("tes")[index];
        var fromModel = c.Str("source") == "rma";
        double? theta = null;
        double tau2 = 0;
        if (fromModel)
        {
            var fit = MetaAnalysis.Fit(d.Yi, d.Vi);
            theta = fit.Estimate;
            tau2 = fit.Tau2;
        }

        var options = new ExcessSignificanceOptions
        {
            Theta = theta,
            Tau2 = tau2,
            TesAlternative = Alternative(c.Str("tes_alternative")!),
            Test = c.Str("test_given") switch
            {
                "chi2" => ExcessSignificanceTest.ChiSquare,
                "binom" => ExcessSignificanceTest.Binomial,
                "exact" => ExcessSignificanceTest.Exact,
                _ => null,
            },
        };

        var result = ExcessSignificance.Run(d.Yi, d.Vi, options);

        Assert.Null(c.Str("error"));
        var tol = !fromModel ? Tolerances.ClosedForm : tau2 > 0 ? BiasTolerances.IntegratedPower : Tolerances.Iterative;
        Assert.Equal((int)c.Num("O")!.Value, result.Observed);
        tol.AssertClose(c.Num("E")!.Value, result.Expected!.Value);
        tol.AssertClose(c.Num("theta")!.Value, result.Theta!.Value);
        Assert.Equal(c.Str("test") switch { "chi2" => ExcessSignificanceTest.ChiSquare, "binom" => ExcessSignificanceTest.Binomial, _ => ExcessSignificanceTest.Exact }, result.Test);
        AssertOptional(tol, c.Num("X2"), result.ChiSquare);
        tol.AssertClose(c.Num("pval")!.Value, result.PValue!.Value);
        var power = c.Nums("power")!;
        for (var i = 0; i < power.Length; i++)
        {
            tol.AssertClose(power[i], result.Power[i]);
        }

        Assert.Equal(c["sig"]!.AsArray().Select(x => x!.GetValue<bool>()), result.Significant);
        var limits = c.Nums("theta_lim") ?? [];
        Assert.Equal(limits.Length, result.LimitEstimate.Count);
        for (var i = 0; i < limits.Length; i++)
        {
            if (options.TesAlternative == TestAlternative.TwoSided && result.Test != ExcessSignificanceTest.ChiSquare)
            {
                // The two-sided binomial and exact p-values jump where the order of the probabilities changes, so a
                // root of p(θ) = TesAlpha is only defined up to a jump and uniroot's and Brent's can differ.
                continue;
            }

            Assert.Equal(double.IsNaN(limits[i]), result.LimitEstimate[i] is null);
            if (!double.IsNaN(limits[i]))
            {
                BiasTolerances.LimitEstimate.AssertClose(limits[i], result.LimitEstimate[i]!.Value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SelModelCases))]
    public void SelectionModel_MatchesMetafor(string dataset, int index)
    {
        var d = BiasFixtures.All[dataset];
        var c = d.Cases("selmodel")[index];
        var options = new SelectionModelOptions
        {
            Steps = c.Nums("steps")!,
            Alternative = Alternative(c.Str("alternative")!),
            Fit = FitOptions.Default with { Method = BiasFixtures.Method(c.Str("method")!) },
        };

        var result = StepFunctionSelectionModel.Fit(d.Yi, d.Vi, options);

        AssertSelectionModel(c, result, d.Vi.Average());
    }

    /// <summary>
    /// One <c>selmodel</c> case (here and in <see cref="BiasEdgeFixtureTests"/>) against Evident's fit of the same data;
    /// <paramref name="vScale"/> is the typical sampling variance (the absolute floor for τ² and its SE).
    /// </summary>
    internal static void AssertSelectionModel(JsonNode c, SelectionModelResult result, double vScale)
    {
        var error = c.Str("error");
        if (error is not null && error.Contains("convergence", StringComparison.Ordinal))
        {
            // metafor's optim gave up; Evident's Newton iterations are checked by the other cases.
            return;
        }

        if (error is not null)
        {
            Assert.Null(result.Estimate);
            Assert.Contains(result.Issues, i => i.Severity == IssueSeverity.Error);
            if (error.Contains("too small", StringComparison.Ordinal))
            {
                Assert.Contains(result.Issues, i => i.Code == IssueCodes.TooFewStudies);
            }

            return;
        }

        // metafor fits with an empty first interval (δ₁ = 1 is fixed); the other δs then rise to the bound, and Evident
        // says why.
        var firstEmpty = c.Nums("k_per_interval")![0] == 0;
        Assert.Equal(firstEmpty, result.Issues.Any(i => i.Code == IssueCodes.EmptySelectionInterval && i.Severity == IssueSeverity.Warning));
        Assert.DoesNotContain(result.Issues, i => i.Severity == IssueSeverity.Error);
        var tol = BiasTolerances.SelectionModel;

        // metafor's optim stops short of the maximum; Evident's must be at least as high.
        Assert.True(result.LogLikelihood!.Value >= c.Num("ll")!.Value - 1e-9, $"log-likelihood {result.LogLikelihood} below metafor's {c.Num("ll")}");
        var atBound = firstEmpty
            || c["warnings"]!.AsArray().Any(w => w!.GetValue<string>().Contains("bound", StringComparison.Ordinal))
            || (c.Num("tau2") is { } t2 && t2 > 0 && t2 < 1e-3 * vScale);
        if (atBound)
        {
            // A δ at its bound (metafor warns) or τ² at 0: the likelihood is flat there and metafor's transformed
            // parameters only approach the bound, so only the maximum itself is compared.
            Assert.Contains(result.Issues, i => i.Code == IssueCodes.Undefined);
            return;
        }

        Assert.True(result.Converged);
        tol.AssertClose(c.Num("ll")!.Value, result.LogLikelihood!.Value);
        tol.AssertClose(c.Num("ll0")!.Value, result.LogLikelihoodWithoutSelection!.Value);
        tol.AssertClose(c.Num("estimate")!.Value, result.Estimate!.Value);
        tol.AssertClose(c.Num("se")!.Value, result.StandardError!.Value);
        tol.AssertClose(c.Num("zval")!.Value, result.Statistic!.Value);
        tol.AssertClose(c.Num("pval")!.Value, result.PValue!.Value);
        tol.AssertClose(c.Num("ci_lb")!.Value, result.ConfidenceInterval!.Value.Lower);
        tol.AssertClose(c.Num("ci_ub")!.Value, result.ConfidenceInterval!.Value.Upper);
        tol.ScaledTo(vScale).AssertClose(c.Num("tau2")!.Value, result.Tau2!.Value);
        AssertOptional(tol.ScaledTo(vScale), c.Num("se_tau2"), result.Tau2StandardError);
        tol.AssertClose(c.Num("LRT")!.Value, result.Lrt!.Value);
        Assert.Equal((int)c.Num("LRTdf")!.Value, result.LrtDf);
        tol.AssertClose(c.Num("LRTp")!.Value, result.LrtPValue!.Value);
        AssertOptional(tol, c.Num("LRT_tau2"), result.LrtTau2);
        AssertOptional(tol, c.Num("LRTp_tau2"), result.LrtTau2PValue);
        var delta = c.Nums("delta")!;
        var seDelta = c.Nums("se_delta")!;
        var k = c.Nums("k_per_interval")!;
        Assert.Equal(delta.Length, result.Weights.Count);
        for (var j = 0; j < delta.Length; j++)
        {
            var w = result.Weights[j];
            Assert.Equal((int)k[j], w.K);
            tol.AssertClose(delta[j], w.Delta);
            Assert.Equal(double.IsNaN(seDelta[j]), w.StandardError is null);
            if (!double.IsNaN(seDelta[j]))
            {
                tol.AssertClose(seDelta[j], w.StandardError!.Value);
                tol.AssertClose(c.Nums("zval_delta")![j], w.Statistic!.Value);
                tol.AssertClose(c.Nums("pval_delta")![j], w.PValue!.Value);
                tol.AssertClose(c.Nums("ci_lb_delta")![j], w.ConfidenceInterval!.Value.Lower);
                tol.AssertClose(c.Nums("ci_ub_delta")![j], w.ConfidenceInterval!.Value.Upper);
            }
        }
    }

    [Theory]
    [MemberData(nameof(HcCases))]
    public void HenmiCopas_MatchesMetafor(string dataset, int index)
    {
        var d = BiasFixtures.All[dataset];
        var c = d.Cases("hc")[index];

        var result = HenmiCopas.Fit(d.Yi, d.Vi);

        Assert.Null(c.Str("error"));
        Tolerances.ClosedForm.AssertClose(c.Num("beta")!.Value, result.Estimate!.Value);
        Tolerances.ClosedForm.AssertClose(c.Num("se")!.Value, result.StandardError!.Value);
        Tolerances.ClosedForm.ScaledTo(d.Vi.Average()).AssertClose(c.Num("tau2")!.Value, result.Tau2!.Value);
        BiasTolerances.HenmiCopasInterval.AssertClose(c.Num("ci_lb")!.Value, result.ConfidenceInterval!.Value.Lower);
        BiasTolerances.HenmiCopasInterval.AssertClose(c.Num("ci_ub")!.Value, result.ConfidenceInterval!.Value.Upper);
    }

    internal static TestAlternative Alternative(string name) => name switch
    {
        "greater" => TestAlternative.Greater,
        "less" => TestAlternative.Less,
        _ => TestAlternative.TwoSided,
    };

    private static void AssertFit(JsonNode c, MetaAnalysisResult fit, Tolerance tol, double vScale)
    {
        Assert.Equal((int)c.Num("k")!.Value, fit.K);
        tol.AssertClose(c.Num("estimate")!.Value, fit.Estimate);
        tol.AssertClose(c.Num("se")!.Value, fit.StandardError);
        tol.AssertClose(c.Num("zval")!.Value, fit.Statistic!.Value);
        tol.AssertClose(c.Num("pval")!.Value, fit.PValue);
        tol.AssertClose(c.Num("ci_lb")!.Value, fit.ConfidenceInterval.Lower);
        tol.AssertClose(c.Num("ci_ub")!.Value, fit.ConfidenceInterval.Upper);
        tol.ScaledTo(vScale).AssertClose(c.Num("tau2")!.Value, fit.Tau2);
        tol.AssertClose(c.Num("QE")!.Value, fit.Q);
        tol.AssertClose(c.Num("I2")!.Value, fit.I2);
        tol.AssertClose(c.Num("H2")!.Value, fit.H2);
    }

    private static void AssertOptional(Tolerance tol, double? expected, double? actual, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(actual))] string what = "")
    {
        Assert.True(expected is null == actual is null, FormattableString.Invariant($"{what}: expected {expected}, got {actual}"));
        if (expected is { } e)
        {
            tol.AssertClose(e, actual!.Value, what);
        }
    }
}

/// <summary>Tolerances for quantities metafor itself computes only to a solver's default precision.</summary>
public static class BiasTolerances
{
    /// <summary>
    /// tes's limit estimate θ_lim: metafor finds it with <c>uniroot</c> at its default tolerance (.Machine$double.eps^0.25,
    /// about 1.2e-4 in θ) and the call takes no tolerance argument, so only that many digits of metafor's value are exact.
    /// </summary>
    public static readonly Tolerance LimitEstimate = new(1e-3, 2e-4);

    /// <summary>
    /// tes with τ² &gt; 0: metafor averages each study's power over N(θ, τ²) with <c>integrate</c> (default relative
    /// tolerance .Machine$double.eps^0.25); Evident uses the closed form, so E, the p-values and X² agree to about 1e-5 (X² near 0 absolutely).
    /// </summary>
    public static readonly Tolerance IntegratedPower = new(1e-4, 1e-5);

    /// <summary>
    /// selmodel: metafor maximizes with optim's BFGS (reltol 1e-15 in the fixtures) and stops short of the maximum: its
    /// log-likelihood is up to about 1e-6 below Evident's (Newton steps with the analytic gradient, which the tests check
    /// is never lower), so the flat directions of the likelihood (μ next to the δs) differ by up to about 1e-4 relative;
    /// its SEs come from numDeriv's Richardson extrapolation of the Hessian at its own point.
    /// </summary>
    public static readonly Tolerance SelectionModel = new(2e-4, 1e-5);

    /// <summary>
    /// hc's interval: metafor integrates the gamma-approximated coverage with <c>integrate</c> (relative tolerance about
    /// 1.2e-4 by default) inside <c>uniroot</c> (tol 1e-12 in the fixtures), so its bounds carry the integration error.
    /// </summary>
    public static readonly Tolerance HenmiCopasInterval = new(1e-6, 1e-8);

    /// <summary>
    /// The rank test's exact p-value against the fixture script's own R recursion (<c>pval_reference</c>, used where
    /// metafor 3.8-1 returns NaN, from k = 171): that recursion takes differences of cumulative sums, exact to about
    /// √k·k·ε relative (checked in the script against <c>cor.test</c> to 1e-10 for k ≤ 170).
    /// </summary>
    public static readonly Tolerance KendallReference = new(1e-9, 1e-15);
}
