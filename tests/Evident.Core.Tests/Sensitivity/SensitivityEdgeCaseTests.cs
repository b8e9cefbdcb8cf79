using Evident.Core.Models;
using Evident.Core.Sensitivity;

namespace Evident.Core.Tests.Sensitivity;

/// <summary>Few studies, identical effects, equal sizes and bad data: issues with stable codes and nulls, never NaN or exceptions.</summary>
public sealed class SensitivityEdgeCaseTests
{
    private static readonly FitOptions Knha = new() { Test = TestMethod.KNHA };

    [Fact]
    public void LeaveOneOut_OneStudy_HasNoRowsAndSaysWhy()
    {
        var result = SensitivityAnalysis.LeaveOneOut([0.3], [0.1]);

        Assert.Empty(result.Rows);
        Assert.NotNull(result.Fit);
        Assert.Contains(result.Issues, i => i.Code == IssueCodes.SensitivityTooFewStudies);
        Assert.Empty(SensitivityAnalysis.Influence([0.3], [0.1]).Rows);
        Assert.Empty(SensitivityAnalysis.Baujat([0.3], [0.1]).X);
        Assert.Single(SensitivityAnalysis.Cumulative([0.3], [0.1], [0]).Rows);
        Assert.Equal(1, SensitivityAnalysis.Gosh([0.3], [0.1]).Count);
    }

    [Theory]
    [InlineData(Tau2Method.REML, TestMethod.Z)]
    [InlineData(Tau2Method.DL, TestMethod.KNHA)]
    [InlineData(Tau2Method.PM, TestMethod.T)]
    [InlineData(Tau2Method.EE, TestMethod.ADHOC)]
    public void LeaveOneOut_TwoStudies_GivesSingleStudyFitsWithTheZTest(Tau2Method method, TestMethod test)
    {
        var result = SensitivityAnalysis.LeaveOneOut([0.1, 0.5], [0.02, 0.05], new FitOptions { Method = method, Test = test });

        Assert.Contains(result.Issues, i => i.Code == IssueCodes.LeaveOneOutSingleStudy);
        Assert.Equal(2, result.Rows.Count);
        Assert.All(result.Rows, r =>
        {
            Assert.Equal(1, r.K);
            Assert.Equal(0, r.Tau2);
            Assert.Equal(0, r.Q);
            Assert.Equal(1, r.QPValue);
            Assert.Equal(0, r.I2);
            Assert.Equal(1, r.H2);
            Assert.Equal(TestMethod.Z, r.Test);
            Assert.Null(r.Df);
            Assert.Equal(r.ConfidenceInterval, r.PredictionInterval);
        });
        Assert.Equal(0.5, result.Rows[0].Estimate);
        Tolerances.ClosedForm.AssertClose(Math.Sqrt(0.05), result.Rows[0].StandardError);
        Assert.Equal(0.1, result.Rows[1].Estimate);
    }

    [Fact]
    public void Influence_IdenticalEffectsUnderKnapp_Hartung_IsNullWithAnIssue()
    {
        var result = SensitivityAnalysis.Influence([0.3, 0.3, 0.3, 0.3], [0.1, 0.2, 0.1, 0.3], Knha);

        Assert.Contains(result.Issues, i => i.Code == IssueCodes.InfluenceUndefined);
        Assert.All(result.Rows, r =>
        {
            Assert.Null(r.Studentized!.Value.Z);
            Assert.Null(r.Dffits);
            Assert.Null(r.CooksDistance);
            Assert.Null(r.CovarianceRatio);
            Assert.Null(r.Dfbetas[0]);
            Assert.Equal(0, r.Standardized.Z);
            Assert.Equal(0, r.Tau2Deleted);
        });
        var loo = SensitivityAnalysis.LeaveOneOut([0.3, 0.3, 0.3, 0.3], [0.1, 0.2, 0.1, 0.3], Knha);
        Assert.All(loo.Rows, r =>
        {
            Assert.Null(r.Statistic);
            Assert.Equal(0, r.StandardError);
            Assert.Equal(0, r.PValue);
        });
        Assert.All(SensitivityAnalysis.Baujat([0.3, 0.3, 0.3, 0.3], [0.1, 0.2, 0.1, 0.3], Knha).Y, Assert.Null);
    }

    [Fact]
    public void Influence_StudiesOfEqualSize_HaveEqualHatValuesAndWeights()
    {
        double[] yi = [0.1, 0.4, -0.2, 0.3, 0.25];
        var result = SensitivityAnalysis.Influence(yi, [0.05, 0.05, 0.05, 0.05, 0.05]);

        Assert.All(result.Rows, r =>
        {
            Tolerances.ClosedForm.AssertClose(0.2, r.Hat);
            Tolerances.ClosedForm.AssertClose(20, r.WeightPercent);
        });
        AssertNoNaN(result);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void EverySensitivityAnalysis_BadVariance_ReportsNonpositiveVarianceWithoutThrowing(double badVi)
    {
        double[] yi = [0.1, 0.4, -0.2];
        double[] vi = [0.05, badVi, 0.05];

        var loo = SensitivityAnalysis.LeaveOneOut(yi, vi);
        Assert.Null(loo.Fit);
        Assert.Empty(loo.Rows);
        var issue = Assert.Single(loo.Issues);
        Assert.Equal(IssueCodes.NonPositiveVariance, issue.Code);
        Assert.Equal(1, issue.StudyIndex);
        Assert.Empty(SensitivityAnalysis.Influence(yi, vi).Rows);
        Assert.Empty(SensitivityAnalysis.Baujat(yi, vi).Y);
        Assert.Empty(SensitivityAnalysis.Cumulative(yi, vi, [2, 1, 0]).Rows);
        Assert.Equal(0, SensitivityAnalysis.Gosh(yi, vi).Count);
    }

    [Fact]
    public void LeaveOneOut_MissingEffect_ReportsMissingValue()
    {
        var result = SensitivityAnalysis.LeaveOneOut([0.1, double.NaN, 0.2], [0.05, 0.05, 0.05]);

        Assert.Equal(IssueCodes.MissingValue, Assert.Single(result.Issues).Code);
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Cumulative_OrderThatIsNotAPermutation_IsAProgrammerError()
    {
        Assert.Throws<ArgumentException>(() => SensitivityAnalysis.Cumulative([0.1, 0.2], [0.1, 0.1], [0, 0]));
        Assert.Throws<ArgumentException>(() => SensitivityAnalysis.Cumulative([0.1, 0.2], [0.1, 0.1], [0]));
        Assert.Throws<ArgumentException>(() => SensitivityAnalysis.LeaveOneOut([0.1, 0.2], [0.1]));
    }

    [Fact]
    public void CumulativeBy_TiesKeepInputOrderAndNaNGoesLast()
    {
        var result = SensitivityAnalysis.CumulativeBy([0.1, 0.2, 0.3, 0.4], [0.1, 0.1, 0.1, 0.1], [2001, double.NaN, 1999, 2001]);

        Assert.Equal([2, 0, 3, 1], result.Order);
    }

    [Theory]
    [InlineData(1e-10)]
    [InlineData(1.0)]
    [InlineData(1e6)]
    public void AllAnalyses_ExtremeScalesAndHomogeneousData_NeverGiveNaN(double scale)
    {
        var random = new Random(5);
        var k = 12;
        var yi = Enumerable.Range(0, k).Select(_ => 1e3 + (scale * random.NextDouble())).ToArray();
        var vi = Enumerable.Range(0, k).Select(_ => scale * scale * (0.5 + random.NextDouble())).ToArray();
        foreach (var method in Enum.GetValues<Tau2Method>())
        {
            foreach (var test in Enum.GetValues<TestMethod>())
            {
                var options = new FitOptions { Method = method, Test = test };
                AssertNoNaN(SensitivityAnalysis.LeaveOneOut(yi, vi, options));
                AssertNoNaN(SensitivityAnalysis.Influence(yi, vi, options));
                AssertNoNaN(SensitivityAnalysis.Baujat(yi, vi, options));
                AssertNoNaN(SensitivityAnalysis.Cumulative(yi, vi, [.. Enumerable.Range(0, k)], options));
            }
        }
    }

    [Fact]
    public void Gosh_ManyStudies_SamplesReproduciblyFromTheSeed()
    {
        var random = new Random(3);
        var yi = Enumerable.Range(0, 40).Select(_ => random.NextDouble()).ToArray();
        var vi = Enumerable.Range(0, 40).Select(_ => 0.05 + (0.1 * random.NextDouble())).ToArray();
        var options = new FitOptions { Method = Tau2Method.DL };

        var first = SensitivityAnalysis.Gosh(yi, vi, options, new GoshOptions { Subsets = 500, Seed = 42 });
        var again = SensitivityAnalysis.Gosh(yi, vi, options, new GoshOptions { Subsets = 500, Seed = 42 });
        var other = SensitivityAnalysis.Gosh(yi, vi, options, new GoshOptions { Subsets = 500, Seed = 43 });

        Assert.True(first.Sampled);
        Assert.Contains(first.Issues, i => i.Code == IssueCodes.GoshRandomSubsets);
        Assert.Equal(500, first.Count);
        Assert.Equal(first.Estimate, again.Estimate);
        Assert.NotEqual(first.Estimate, other.Estimate);
        for (var s = 0; s < first.Count; s++)
        {
            var members = Enumerable.Range(0, 40).Where(i => first.Includes(s, i)).ToArray();
            Assert.Equal(members.Length, first.SubsetSize[s]);
            var fit = MetaAnalysis.Fit([.. members.Select(i => yi[i])], [.. members.Select(i => vi[i])], options);
            Tolerances.ClosedForm.AssertClose(fit.Estimate, first.Estimate[s], $"subset {s} estimate");
            Tolerances.ClosedForm.AssertClose(fit.Tau2, first.Tau2[s], $"subset {s} tau2");
        }

        // Half of the studies on average.
        Tolerances.Published.AssertClose(20, first.SubsetSize.Average());
    }

    private static void AssertNoNaN(object result)
    {
        switch (result)
        {
            case LeaveOneOutResult l:
                Assert.All(l.Rows, AssertRow);
                break;
            case CumulativeResult c:
                Assert.All(c.Rows, AssertRow);
                break;
            case BaujatResult b:
                Assert.All(b.X, x => Assert.True(double.IsFinite(x)));
                Assert.All(b.Y, y => Assert.True(y is null || double.IsFinite(y.Value)));
                break;
            case InfluenceResult i:
                Assert.All(i.Rows, r =>
                {
                    double?[] values = [r.Standardized.Residual, r.Standardized.StandardError, r.Standardized.Z, r.Studentized?.Residual,
                        r.Studentized?.StandardError, r.Studentized?.Z, r.Dffits, r.CooksDistance, r.CovarianceRatio, r.Tau2Deleted,
                        r.QDeleted, r.Hat, r.WeightPercent, .. r.Dfbetas];
                    Assert.All(values, x => Assert.True(x is null || double.IsFinite(x.Value), $"study {r.Study}: {x}"));
                });
                break;
        }
    }

    private static void AssertRow(FitRow r)
    {
        double?[] values = [r.Estimate, r.StandardError, r.Statistic, r.PValue, r.ConfidenceInterval.Lower, r.ConfidenceInterval.Upper, r.Q,
            r.QPValue, r.Tau2, r.I2, r.H2, r.PredictionInterval.Lower, r.PredictionInterval.Upper];
        Assert.All(values, x => Assert.True(x is null || double.IsFinite(x.Value), $"{r}"));
    }
}
