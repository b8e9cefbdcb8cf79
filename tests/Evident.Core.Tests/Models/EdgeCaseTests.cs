using Evident.Core.Models;
using Evident.Core.Tests.Support;

namespace Evident.Core.Tests.Models;

/// <summary>
/// Behaviour at the edges, where Evident's contract is stated rather than copied from metafor (k = 1, Q = 0, knha with
/// zero scale, EE/FE intervals, Riley with two studies), and the closed forms the contract names.
/// </summary>
public sealed class EdgeCaseTests
{
    // Quantiles from R: qnorm(.975), qt(.975, 11), qt(.975, 12).
    private const double Z975 = 1.95996398454005361;
    private const double T975Df11 = 2.20098516009163880;
    private const double T975Df12 = 2.17881282966722845;

    private static readonly double[] IdenticalYi = [0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25];
    private static readonly double[] IdenticalVi = [0.01, 0.05, 0.2, 0.03, 0.11, 0.07, 0.02, 0.15];

    public static TheoryData<Tau2Method> RandomEffectsMethods() =>
        [Tau2Method.DL, Tau2Method.REML, Tau2Method.ML, Tau2Method.PM, Tau2Method.HE, Tau2Method.SJ, Tau2Method.HS,
         Tau2Method.EB, Tau2Method.HSk, Tau2Method.PMM];

    public static TheoryData<Tau2Method> AllMethods() =>
        [Tau2Method.EE, Tau2Method.FE, Tau2Method.DL, Tau2Method.REML, Tau2Method.ML, Tau2Method.PM, Tau2Method.HE,
         Tau2Method.SJ, Tau2Method.HS, Tau2Method.EB, Tau2Method.HSk, Tau2Method.PMM];

    private static MetaAnalysisResult Fit(double[] yi, double[] vi, Tau2Method method, TestMethod test = TestMethod.Z,
        PredictionIntervalType pi = PredictionIntervalType.Metafor, Tau2CiMethod ci = Tau2CiMethod.QProfile) =>
        MetaAnalysis.Fit(yi, vi, new FitOptions { Method = method, Test = test, PredictionInterval = pi, Tau2Ci = ci });

    private static MetaAnalysisResult FitFixture(string dataset, Tau2Method method, TestMethod test = TestMethod.Z,
        PredictionIntervalType pi = PredictionIntervalType.Metafor, Tau2CiMethod ci = Tau2CiMethod.QProfile)
    {
        var d = RmaFixtures.Dataset(dataset);
        return Fit(d.Yi.ToArray(), d.Vi.ToArray(), method, test, pi, ci);
    }

    private static void Exact(double expected, double actual, string what) => Tolerances.ClosedForm.AssertClose(expected, actual, what);

    private static void Exact(double lower, double upper, Interval? actual, string what)
    {
        Assert.True(actual.HasValue, what + ": expected an interval, got null");
        Exact(lower, actual.Value.Lower, what + ".lower");
        Exact(upper, actual.Value.Upper, what + ".upper");
    }

    // ---- k = 1 ----

    [Fact]
    public void Knha_WithSingleStudy_FallsBackToZWithIssue()
    {
        var r = Fit([0.3], [0.04], Tau2Method.REML, TestMethod.KNHA);

        Assert.Equal(TestMethod.Z, r.Test);
        Assert.Null(r.Df);
        Assert.True(r.HasIssue(IssueCodes.KnhaFallbackToZ), "issue knha-fallback-z missing");
        Exact(0.2, r.StandardError, "se");
        Assert.NotNull(r.Statistic);
        Exact(1.5, r.Statistic.Value, "z");
        Exact(0.13361440253771614, r.PValue, "p");
        Exact(0.3 - (Z975 * 0.2), 0.3 + (Z975 * 0.2), r.ConfidenceInterval, "CI");
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void SingleStudy_HasNoHeterogeneity(Tau2Method method)
    {
        foreach (var pi in new[] { PredictionIntervalType.Metafor, PredictionIntervalType.Riley, PredictionIntervalType.T })
        {
            var r = Fit([0.3], [0.04], method, pi: pi);

            Assert.Equal(1, r.K);
            Assert.Equal(0, r.Tau2);
            Assert.Equal(0, r.Q);
            Assert.Equal(0, r.QDf);
            Assert.Equal(1, r.QPValue);
            Assert.Equal(0, r.I2);
            Assert.Equal(1, r.H2);
            Exact(r.ConfidenceInterval.Lower, r.ConfidenceInterval.Upper, r.PredictionInterval, $"PI ({pi}) = CI");
            Assert.Null(r.Tau2ConfidenceInterval);
            Assert.Null(r.I2ConfidenceInterval);
            Assert.Null(r.H2ConfidenceInterval);
            Assert.Equal([100.0], r.WeightsPercent);
            Assert.True(r.Converged);
        }
    }

    [Fact]
    public void ProfileLikelihood_WithSingleStudy_IsNull()
    {
        var r = Fit([0.3], [0.04], Tau2Method.REML, ci: Tau2CiMethod.ProfileLikelihood);

        Assert.Null(r.Tau2ConfidenceInterval);
    }

    // ---- Q = 0 and Q below its lower quantile ----

    [Fact]
    public void Reml_WithAllIdenticalEffects_ReturnsTau2Zero()
    {
        var r = Fit(IdenticalYi, IdenticalVi, Tau2Method.REML);

        Assert.Equal(0, r.Tau2);
        Assert.True(r.Converged);
        Exact(0.25, r.Estimate, "estimate");
        Exact(0, r.Q, "Q");
        Exact(1, r.QPValue, "QEp");
        Assert.Equal(0, r.I2);
        Assert.Equal(1, r.H2);
    }

    [Theory]
    [MemberData(nameof(RandomEffectsMethods))]
    public void AnyEstimator_WithAllIdenticalEffects_ReturnsTau2Zero(Tau2Method method)
    {
        var r = Fit(IdenticalYi, IdenticalVi, method);

        Exact(0, r.Tau2, "tau2");
        Assert.True(r.Converged);
        Exact(0.25, r.Estimate, "estimate");
        Exact(0, r.I2, "I2");
        Exact(1, r.H2, "H2");
        Assert.Empty(ResultInspection.NonFiniteValues(r));
    }

    [Theory]
    [InlineData(Tau2Method.REML)]
    [InlineData(Tau2Method.DL)]
    [InlineData(Tau2Method.EE)]
    public void Knha_WithAllIdenticalEffects_CollapsesToTheEstimateWithIssue(Tau2Method method)
    {
        var r = Fit(IdenticalYi, IdenticalVi, method, TestMethod.KNHA);

        Assert.Equal(TestMethod.KNHA, r.Test);
        Assert.Equal(0, r.StandardError);
        Assert.Null(r.Statistic);
        Assert.True(r.HasIssue(IssueCodes.KnhaZeroScale), "issue knha-zero-scale missing");
        Assert.Equal(0, r.PValue);
        Assert.Equal((double?)7, r.Df);
        Exact(0.25, 0.25, r.ConfidenceInterval, "CI");
        Exact(0.25, 0.25, r.PredictionInterval, "PI");
        Assert.Empty(ResultInspection.NonFiniteValues(r));
    }

    [Fact]
    public void Adhoc_WithAllIdenticalEffects_KeepsTheModelStandardError()
    {
        var r = Fit(IdenticalYi, IdenticalVi, Tau2Method.REML, TestMethod.ADHOC);

        var se = 1 / Math.Sqrt(IdenticalVi.Sum(v => 1 / v));
        Exact(se, r.StandardError, "se (scale factor truncated at 1)");
        Assert.NotNull(r.Statistic);
        Exact(0.25 / se, r.Statistic.Value, "t");
        Assert.DoesNotContain(r.Issues, i => i.Code == IssueCodes.KnhaZeroScale);
    }

    [Theory]
    [InlineData("sim_tau2zero_k10")]
    [InlineData("sim_identical_k8")]
    public void QProfile_WhenQBelowLowerQuantile_IsZeroZero(string dataset)
    {
        // Precondition: Q(τ² = 0) is below the 2.5% χ² quantile (df 9: 2.7004; df 7: 1.6899), so both bounds are below 0.
        var ee = FitFixture(dataset, Tau2Method.EE);
        Assert.True(ee.Q < 1.6899, $"Q = {ee.Q} is not below the lower quantile");

        foreach (var method in new[] { Tau2Method.REML, Tau2Method.DL, Tau2Method.PM })
        {
            var r = FitFixture(dataset, method);
            Exact(0, 0, r.Tau2ConfidenceInterval, $"{method} tau2 CI");
            Exact(0, 0, r.I2ConfidenceInterval, $"{method} I2 CI");
            Exact(1, 1, r.H2ConfidenceInterval, $"{method} H2 CI");
        }
    }

    // ---- EE / FE ----

    [Theory]
    [InlineData(Tau2Method.EE, TestMethod.Z)]
    [InlineData(Tau2Method.EE, TestMethod.T)]
    [InlineData(Tau2Method.FE, TestMethod.Z)]
    [InlineData(Tau2Method.FE, TestMethod.KNHA)]
    public void EqualEffects_HasNoTau2IntervalAndThePredictionIntervalIsTheCi(Tau2Method method, TestMethod test)
    {
        foreach (var pi in new[] { PredictionIntervalType.Metafor, PredictionIntervalType.Riley, PredictionIntervalType.T })
        {
            foreach (var ci in new[] { Tau2CiMethod.QProfile, Tau2CiMethod.ProfileLikelihood })
            {
                var r = FitFixture("bcg_RR", method, test, pi, ci);

                Assert.Equal(0, r.Tau2);
                Assert.Null(r.Tau2StandardError);
                Assert.Null(r.Tau2ConfidenceInterval);
                Assert.Null(r.I2ConfidenceInterval);
                Assert.Null(r.H2ConfidenceInterval);
                Exact(r.ConfidenceInterval.Lower, r.ConfidenceInterval.Upper, r.PredictionInterval, $"PI ({pi}) = CI");
                Exact(Math.Max(0, (r.Q - r.QDf) / r.Q) * 100, r.I2, "I2 = max(0, (Q - df)/Q) 100");
                Exact(r.Q / r.QDf, r.H2, "H2 = Q/df");
            }
        }
    }

    [Fact]
    public void EqualEffects_WithQBelowDf_HasI2ZeroAndH2BelowOne()
    {
        var r = FitFixture("sim_tau2zero_k10", Tau2Method.EE);

        Assert.Equal(0, r.I2);
        Exact(r.Q / 9, r.H2, "H2");
        Assert.True(r.H2 < 1);
    }

    // ---- prediction-interval conventions ----

    [Fact]
    public void RileyPredictionInterval_WithTwoStudies_UsesTWithOneDfAsMetafor()
    {
        var r = FitFixture("sim_k2", Tau2Method.REML, pi: PredictionIntervalType.Riley);

        Assert.NotNull(r.PredictionInterval);
        Assert.Equal(1, r.PredictionDf);
        Assert.True(r.HasIssue(IssueCodes.Undefined), "issue undefined missing");
        Assert.Empty(ResultInspection.NonFiniteValues(r));
    }

    [Fact]
    public void RileyPredictionInterval_UsesTWithKMinus2()
    {
        var r = FitFixture("bcg_RR", Tau2Method.REML, pi: PredictionIntervalType.Riley);

        Assert.Equal((double?)11, r.PredictionDf);
        var half = T975Df11 * Math.Sqrt((r.StandardError * r.StandardError) + r.Tau2);
        Exact(r.Estimate - half, r.Estimate + half, r.PredictionInterval, "Riley PI");
    }

    [Fact]
    public void TPredictionInterval_WithZTest_UsesTWithKMinus1()
    {
        var r = FitFixture("bcg_RR", Tau2Method.REML, TestMethod.Z, PredictionIntervalType.T);

        Assert.Equal((double?)12, r.PredictionDf);
        var half = T975Df12 * Math.Sqrt((r.StandardError * r.StandardError) + r.Tau2);
        Exact(r.Estimate - half, r.Estimate + half, r.PredictionInterval, "t PI");
    }

    [Fact]
    public void MetaforPredictionInterval_UsesZWithZTestAndTWithKnha()
    {
        var z = FitFixture("bcg_RR", Tau2Method.REML);
        Assert.Null(z.PredictionDf);
        var halfZ = Z975 * Math.Sqrt((z.StandardError * z.StandardError) + z.Tau2);
        Exact(z.Estimate - halfZ, z.Estimate + halfZ, z.PredictionInterval, "PI with z");

        var knha = FitFixture("bcg_RR", Tau2Method.REML, TestMethod.KNHA);
        Assert.Equal((double?)12, knha.PredictionDf);
        var halfT = T975Df12 * Math.Sqrt((knha.StandardError * knha.StandardError) + knha.Tau2);
        Exact(knha.Estimate - halfT, knha.Estimate + halfT, knha.PredictionInterval, "PI with knha");
    }

    // ---- defaults and the closed forms the contract names ----

    [Fact]
    public void Fit_WithoutOptions_UsesRemlWithZAt95Percent()
    {
        var d = RmaFixtures.Dataset("bcg_RR");

        var r = MetaAnalysis.Fit(d.Yi.ToArray(), d.Vi.ToArray(), null);

        Assert.Equal(Tau2Method.REML, r.Method);
        Assert.Equal(TestMethod.Z, r.Test);
        Assert.Equal(95, r.Level);
        Assert.NotNull(r.Tau2ConfidenceInterval);
    }

    [Fact]
    public void SidikJonkman_StartsFromTheUncorrectedVarianceOfTheEffects()
    {
        var d = RmaFixtures.Dataset("bcg_RR");
        double[] y = [.. d.Yi];
        double[] v = [.. d.Vi];
        var k = y.Length;
        var mean = y.Average();
        var tau0 = y.Sum(x => (x - mean) * (x - mean)) / k; // ((k − 1)/k)·var(yi)
        var w = v.Select(x => 1 / (x + tau0)).ToArray();
        var mu = w.Zip(y, (a, b) => a * b).Sum() / w.Sum();
        var expected = y.Select((x, i) => tau0 / (tau0 + v[i]) * (x - mu) * (x - mu)).Sum() / (k - 1);

        var r = Fit(y, v, Tau2Method.SJ);

        Exact(expected, r.Tau2, "SJ tau2");
    }

    [Fact]
    public void HunterSchmidt_IsQMinusKOverTheSumOfWeights()
    {
        var d = RmaFixtures.Dataset("bcg_RR");
        double[] y = [.. d.Yi];
        double[] v = [.. d.Vi];
        var w = v.Select(x => 1 / x).ToArray();
        var mu = w.Zip(y, (a, b) => a * b).Sum() / w.Sum();
        var q = y.Select((x, i) => w[i] * (x - mu) * (x - mu)).Sum();
        var expected = Math.Max(0, (q - y.Length) / w.Sum());

        var r = Fit(y, v, Tau2Method.HS);

        Exact(expected, r.Tau2, "HS tau2");
    }
}
