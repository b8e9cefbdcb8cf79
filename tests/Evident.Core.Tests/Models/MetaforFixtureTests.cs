using System.Globalization;
using Evident.Core.Models;
using Evident.Core.Tests.Support;

namespace Evident.Core.Tests.Models;

/// <summary>
/// Every case in <c>tests/fixtures/rma/*.json</c> (metafor 3.8-1 <c>rma.uni</c>, one row per dataset × method × test
/// × level) against <see cref="MetaAnalysis.Fit"/>. Where Evident's contract deliberately differs from metafor
/// (EE/FE and k = 1 prediction intervals, Riley with k = 2, knha with Q = 0) the contract is asserted instead; the
/// fixture README lists those rules.
/// </summary>
public sealed class MetaforFixtureTests
{
    private static readonly Tau2Method[] IterativeMethods =
        [Tau2Method.REML, Tau2Method.ML, Tau2Method.PM, Tau2Method.EB, Tau2Method.PMM, Tau2Method.DLIT];

    /// <summary>One row per fixture case, named "dataset METHOD test level%".</summary>
    public static IEnumerable<TheoryDataRow<string>> Cases() =>
        RmaFixtures.All.SelectMany(d => d.Cases).Select(c => new TheoryDataRow<string>(c.Id)
        {
            TestDisplayName = string.Create(CultureInfo.InvariantCulture, $"{nameof(Fit_MatchesMetafor)}({c.DisplayName})"),
        });

    [Fact]
    public void Fixtures_LoadWithTheExpectedShape()
    {
        var all = RmaFixtures.All;

        Assert.True(all.Count >= 39, $"expected at least 39 rma fixture files in {RmaFixtures.Folder}, found {all.Count}");
        Assert.Equal(all.Count, all.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count());
        var ids = all.SelectMany(d => d.Cases).Select(c => c.Id).ToList();
        Assert.True(ids.Count >= 1900, $"expected at least 1900 cases, found {ids.Count}");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());

        foreach (var d in all)
        {
            Assert.Equal("3.8.1", d.MetaforVersion);
            Assert.Equal(d.K, d.Yi.Count);
            Assert.Equal(d.K, d.Vi.Count);
            Assert.All(d.Yi, y => Assert.True(double.IsFinite(y)));
            Assert.All(d.Vi, v => Assert.True(double.IsFinite(v) && v > 0));
            Assert.NotEmpty(d.Cases);
            foreach (var c in d.Cases)
            {
                Assert.StartsWith(d.Name + "/", c.Id, StringComparison.Ordinal);
                _ = c.Tau2Method;
                _ = c.TestMethod;
                Assert.True(c.Level is > 0 and < 100);
                Assert.True(c.Fit is not null || c.Error is not null, $"{c.Id}: neither a fit nor an error");
                if (c.Fit is { } fit)
                {
                    Assert.Equal(d.K, fit.K);
                    _ = RmaFixtures.ParseTest(fit.TestUsed);
                    Assert.NotNull(fit.Estimate);
                    Assert.NotNull(c.Pi);
                    Assert.True(c.Pi.ContainsKey("metafor") && c.Pi.ContainsKey("riley") && c.Pi.ContainsKey("t"));
                    if (fit.Weights is { } w)
                    {
                        Assert.Equal(d.K, w.Count);
                        Tolerances.ClosedForm.AssertClose(100, w.Sum(), $"{c.Id} weights sum");
                    }
                    else
                    {
                        Assert.True(d.K > 60, $"{c.Id}: weights missing although k ≤ 60");
                    }

                    var fixedEffects = c.Tau2Method is Tau2Method.EE or Tau2Method.FE;
                    Assert.Equal(fixedEffects, c.Qp is null);
                    Assert.Equal(fixedEffects, c.Pl is null);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_MatchesMetafor(string caseId)
    {
        var (dataset, c) = RmaFixtures.Case(caseId);
        var yi = dataset.Yi.ToArray();
        var vi = dataset.Vi.ToArray();
        var m = new Mismatches(caseId);

        if (c.Fit is not { } fit)
        {
            // metafor refused or failed: Evident must still answer, converged or with an issue saying why.
            var fallback = MetaAnalysis.Fit(yi, vi, c.Options());
            m.True(double.IsFinite(fallback.Estimate), $"metafor failed ({c.Error}); Evident's estimate is not finite");
            m.True(fallback.Converged || fallback.Issues.Count > 0, $"metafor failed ({c.Error}); Evident neither converged nor reported an issue");
            m.ThrowIfAny();
            return;
        }

        var method = c.Tau2Method;
        var fixedEffects = method is Tau2Method.EE or Tau2Method.FE;
        var single = fit.K == 1;
        var tol = IterativeMethods.Contains(method) ? Tolerances.Iterative : Tolerances.ClosedForm;

        var r = MetaAnalysis.Fit(yi, vi, c.Options());

        m.True(r.K == fit.K, $"K: expected {fit.K}, got {r.K}");
        m.True(r.Method == method, $"Method: expected {method}, got {r.Method}");
        var testUsed = RmaFixtures.ParseTest(fit.TestUsed);
        m.True(r.Test == testUsed, $"Test: expected {testUsed} (metafor's test after its k = 1 switch), got {r.Test}");
        m.Close("Level", c.Level, r.Level, Tolerances.ClosedForm);
        m.True(r.Converged, "Converged is false");
        foreach (var bad in ResultInspection.NonFiniteValues(r))
        {
            m.Add("non-finite value: " + bad);
        }

        m.Close("Estimate", fit.Estimate, r.Estimate, tol);
        m.Close("StandardError", fit.Se, r.StandardError, tol);
        if (c.Nonfinite?.ContainsKey("zval") == true)
        {
            // metafor: knha with Q = 0 gives se 0 and z = Inf. Contract: Statistic null with knha-zero-scale.
            m.True(r.Statistic is null, $"Statistic: metafor gives {c.Nonfinite["zval"]}; the contract says null");
            m.True(r.HasIssue(IssueCodes.KnhaZeroScale), "issue knha-zero-scale missing");
        }
        else
        {
            m.Close("Statistic", fit.Zval, r.Statistic, tol);
        }

        m.Close("Df", fit.Df, r.Df, Tolerances.ClosedForm);
        m.Close("PValue", fit.Pval, r.PValue, tol);
        m.Close("ConfidenceInterval", fit.CiLb, fit.CiUb, r.ConfidenceInterval, tol);
        var varianceScale = Median(vi);
        m.Close("Tau2", fit.Tau2, r.Tau2, tol.ScaledTo(varianceScale));
        m.Close("Tau2StandardError", fit.SeTau2, r.Tau2StandardError, tol.ScaledTo(varianceScale));
        m.Close("I2", fit.I2, r.I2, tol);
        m.Close("H2", fit.H2, r.H2, tol);
        m.Close("Q", fit.QE, r.Q, Tolerances.ClosedForm);
        m.True(r.QDf == fit.K - 1, $"QDf: expected {fit.K - 1}, got {r.QDf}");
        m.Close("QPValue", fit.QEp, r.QPValue, Tolerances.ClosedForm);
        CheckWeights(m, fit, r, tol);

        CheckPredictionInterval(m, c, fit, r, r, "metafor", tol);
        foreach (var (type, key) in new[] { (PredictionIntervalType.Riley, "riley"), (PredictionIntervalType.T, "t") })
        {
            var rPi = MetaAnalysis.Fit(yi, vi, c.Options(pi: type));
            CheckPredictionInterval(m, c, fit, r, rPi, key, tol);
        }

        CheckTau2Ci(m, "QP", c.Qp, r, fixedEffects || single, optional: false, varianceScale);
        var rPl = MetaAnalysis.Fit(yi, vi, c.Options(ci: Tau2CiMethod.ProfileLikelihood));
        // metafor profiles the ML likelihood for every method except REML (which profiles the restricted one), measuring
        // the drop from the value at the method's own τ̂². Only ML and REML are held to it; for the other methods a null
        // interval is accepted, but a number must then equal metafor's.
        var plOptional = method is not (Tau2Method.ML or Tau2Method.REML);
        CheckTau2Ci(m, "PL", c.Pl, rPl, fixedEffects || single, plOptional, varianceScale);

        m.ThrowIfAny();
    }

    private static void CheckWeights(Mismatches m, RmaFit fit, MetaAnalysisResult r, Tolerance tol)
    {
        if (r.WeightsPercent.Count != fit.K)
        {
            m.Add(string.Create(CultureInfo.InvariantCulture, $"WeightsPercent: expected {fit.K} weights, got {r.WeightsPercent.Count}"));
            return;
        }

        if (fit.Weights is { } w)
        {
            for (var i = 0; i < w.Count; i++)
            {
                m.Close(string.Create(CultureInfo.InvariantCulture, $"WeightsPercent[{i}]"), w[i], r.WeightsPercent[i], tol);
            }
        }
        else
        {
            m.Close("sum of WeightsPercent", 100, r.WeightsPercent.Sum(), Tolerances.ClosedForm);
        }
    }

    private static void CheckPredictionInterval(
        Mismatches m, RmaCase c, RmaFit fit, MetaAnalysisResult main, MetaAnalysisResult r, string key, Tolerance tol)
    {
        var label = $"PredictionInterval[{key}]";
        var fixedEffects = c.Tau2Method is Tau2Method.EE or Tau2Method.FE;
        if (fixedEffects || fit.K == 1)
        {
            // Contract: the PI equals the CI (metafor gives no PI for EE/FE; for k = 1 its riley/t types use t(1)).
            m.Close(label + " (= CI)", main.ConfidenceInterval.Lower, main.ConfidenceInterval.Upper, r.PredictionInterval, Tolerances.ClosedForm);
            return;
        }

        var expected = c.Pi![key];
        m.Close(label, expected.Lb, expected.Ub, r.PredictionInterval, tol);
        if (key == "riley" && fit.K == 2)
        {
            // t(k − 2) has no degrees of freedom; metafor 3.8-1 (and Evident, with an issue) uses t(1).
            m.Close(label + ".Df", 1, r.PredictionDf, Tolerances.ClosedForm);
            return;
        }

        m.Close(label + ".Df", expected.Df, r.PredictionDf, Tolerances.ClosedForm);
    }

    private static void CheckTau2Ci(Mismatches m, string kind, RmaProfileCi? expected, MetaAnalysisResult r, bool mustBeNull, bool optional, double varianceScale)
    {
        if (mustBeNull || expected is null || expected.Error is not null)
        {
            // EE/FE and k = 1 (metafor: "Stopped because k = 1."): no interval.
            m.True(r.Tau2ConfidenceInterval is null, $"Tau2ConfidenceInterval[{kind}]: expected null, got {r.Tau2ConfidenceInterval}");
            m.True(r.I2ConfidenceInterval is null, $"I2ConfidenceInterval[{kind}]: expected null, got {r.I2ConfidenceInterval}");
            m.True(r.H2ConfidenceInterval is null, $"H2ConfidenceInterval[{kind}]: expected null, got {r.H2ConfidenceInterval}");
            return;
        }

        if (optional && r.Tau2ConfidenceInterval is null)
        {
            return;
        }

        CheckBounds(m, $"Tau2ConfidenceInterval[{kind}]", expected.Tau2, r.Tau2ConfidenceInterval, expected.Capped, Tolerances.Profile.ScaledTo(varianceScale));
        CheckBounds(m, $"I2ConfidenceInterval[{kind}]", expected.I2, r.I2ConfidenceInterval, expected.Capped, Tolerances.Profile);
        CheckBounds(m, $"H2ConfidenceInterval[{kind}]", expected.H2, r.H2ConfidenceInterval, expected.Capped, Tolerances.Profile);
    }

    private static void CheckBounds(Mismatches m, string label, IReadOnlyList<double?>? expected, Interval? actual, bool capped, Tolerance tolerance)
    {
        if (actual is null)
        {
            m.Add(label + ": expected an interval, got null");
            return;
        }

        m.Close(label + ".lower", expected?[0], actual.Value.Lower, tolerance);
        if (!capped)
        {
            // A capped metafor bound is the end of its search range, not a root: nothing to compare.
            m.Close(label + ".upper", expected?[1], actual.Value.Upper, tolerance);
        }
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
