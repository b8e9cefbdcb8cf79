using System.Reflection;
using Evident.Core.Bias;

namespace Evident.Core.Tests.Bias;

/// <summary>
/// Data that the bias methods cannot use give an issue with a stable code and null statistics, never NaN or an
/// exception; fewer than 10 studies carry the Cochrane Handbook's note.
/// </summary>
public sealed class BiasEdgeCaseTests
{
    private static readonly double[] Y5 = [0.1, 0.3, -0.2, 0.5, 0.25];
    private static readonly double[] V5 = [0.04, 0.09, 0.02, 0.16, 0.05];

    [Fact]
    public void TwoStudies_AreTooFewForTheFunnelTests()
    {
        double[] y = [0.1, 0.4];
        double[] v = [0.02, 0.05];

        var regression = RegressionTest.Run(y, v);
        var rank = RankCorrelationTest.Run(y, v);
        var trimFill = TrimAndFill.Run(y, v);

        Assert.Contains(regression.Issues, i => i.Code == IssueCodes.TooFewStudies && i.Severity == IssueSeverity.Error);
        Assert.Null(regression.Statistic);
        Assert.Null(regression.Fit);
        Assert.Contains(rank.Issues, i => i.Code == IssueCodes.TooFewStudies);
        Assert.Null(rank.Tau);
        Assert.Contains(trimFill.Issues, i => i.Code == IssueCodes.TooFewStudies);
        Assert.Null(trimFill.K0);
        AssertNoNaN(regression);
        AssertNoNaN(rank);
        AssertNoNaN(trimFill);
    }

    [Fact]
    public void FewerThanTenStudies_CarryTheCochraneNote()
    {
        var regression = RegressionTest.Run(Y5, V5);
        var rank = RankCorrelationTest.Run(Y5, V5);
        var trimFill = TrimAndFill.Run(Y5, V5);

        Assert.True(regression.FewStudies);
        Assert.NotNull(regression.Statistic);
        Assert.Contains(regression.Issues, i => i.Code == IssueCodes.FewStudiesForAsymmetry && i.Severity == IssueSeverity.Info);
        Assert.Contains(rank.Issues, i => i.Code == IssueCodes.FewStudiesForAsymmetry);
        Assert.True(rank.FewStudies);
        Assert.Contains(trimFill.Issues, i => i.Code == IssueCodes.FewStudiesForAsymmetry);
        Assert.True(trimFill.FewStudies);
    }

    [Fact]
    public void TenStudies_HaveNoCochraneNote()
    {
        var y = Enumerable.Range(0, 10).Select(i => 0.1 * ((i * 7) % 5)).ToArray();
        var v = Enumerable.Range(0, 10).Select(i => 0.01 * (i + 1)).ToArray();

        var regression = RegressionTest.Run(y, v);

        Assert.False(regression.FewStudies);
        Assert.DoesNotContain(regression.Issues, i => i.Code == IssueCodes.FewStudiesForAsymmetry);
    }

    [Fact]
    public void StudiesOfTheSameSize_HaveNoPredictorSpread()
    {
        double[] v = [0.05, 0.05, 0.05, 0.05, 0.05, 0.05];
        double[] y = [0.1, 0.3, -0.2, 0.5, 0.25, 0.0];

        var regression = RegressionTest.Run(y, v);
        var lm = RegressionTest.Run(y, v, new RegressionTestOptions { Model = RegressionTestModel.Lm, Predictor = RegressionTestPredictor.Vi });
        var bySize = RegressionTest.Run(y, v, new RegressionTestOptions { Predictor = RegressionTestPredictor.Ni, Ni = [50, 50, 50, 50, 50, 50] });
        var rank = RankCorrelationTest.Run(y, v);
        var trimFill = TrimAndFill.Run(y, v);

        Assert.Contains(regression.Issues, i => i.Code == IssueCodes.NoPredictorSpread);
        Assert.Null(regression.Statistic);
        Assert.Null(regression.LimitEstimate);
        Assert.Contains(lm.Issues, i => i.Code == IssueCodes.NoPredictorSpread);
        Assert.Contains(bySize.Issues, i => i.Code == IssueCodes.NoPredictorSpread);
        Assert.Contains(rank.Issues, i => i.Code == IssueCodes.NoPredictorSpread);
        Assert.Null(rank.Tau);
        Assert.Contains(trimFill.Issues, i => i.Code == IssueCodes.NoPredictorSpread && i.Severity == IssueSeverity.Warning);
        Assert.Equal(FunnelSide.Left, trimFill.Side);
        Assert.NotNull(trimFill.K0);
        AssertNoNaN(regression);
        AssertNoNaN(rank);
        AssertNoNaN(trimFill);
    }

    [Fact]
    public void IdenticalEffects_GiveUndefinedStatisticsNotNaN()
    {
        double[] y = [0.2, 0.2, 0.2, 0.2, 0.2];

        var rma = RegressionTest.Run(y, V5);
        var lm = RegressionTest.Run(y, V5, new RegressionTestOptions { Model = RegressionTestModel.Lm });
        var rank = RankCorrelationTest.Run(y, V5);
        var trimFill = TrimAndFill.Run(y, V5);

        Assert.Equal(0, rma.Slope!.Estimate, 12);
        Assert.Null(lm.Statistic);
        Assert.Null(lm.PValue);
        Assert.Null(lm.Slope);
        Assert.Equal(0.2, lm.LimitEstimate!.Value, 12);
        Assert.Contains(lm.Issues, i => i.Code == IssueCodes.IdenticalEffects);
        Assert.Null(rank.Tau);
        Assert.Contains(rank.Issues, i => i.Code == IssueCodes.IdenticalEffects);
        Assert.Equal(0, trimFill.K0);
        Assert.Equal(0.2, trimFill.Fit!.Estimate, 12);
        AssertNoNaN(rma);
        AssertNoNaN(lm);
        AssertNoNaN(rank);
        AssertNoNaN(trimFill);
    }

    [Fact]
    public void ZeroOrMissingVariance_IsAnIssueAtTheStudy()
    {
        double[] y = [0.1, 0.3, double.NaN, 0.5, 0.25];
        double[] v = [0.04, 0, 0.02, 0.16, 0.05];

        object[] results =
        [
            RegressionTest.Run(y, v), RankCorrelationTest.Run(y, v), TrimAndFill.Run(y, v), FailSafeN.Rosenthal(y, v),
            FailSafeN.Rosenberg(y, v), ExcessSignificance.Run(y, v), StepFunctionSelectionModel.Fit(y, v), HenmiCopas.Fit(y, v),
        ];

        foreach (var result in results)
        {
            var issues = (IReadOnlyList<Issue>)result.GetType().GetProperty("Issues")!.GetValue(result)!;
            Assert.Contains(issues, i => i.Code == IssueCodes.NonPositiveVariance && i.StudyIndex == 1 && i.Field == "vi");
            Assert.Contains(issues, i => i.Code == IssueCodes.MissingValue && i.StudyIndex == 2 && i.Field == "yi");
            AssertNoNaN(result);
        }
    }

    [Fact]
    public void SampleSizePredictor_WithoutSampleSizes_IsAnIssue()
    {
        var none = RegressionTest.Run(Y5, V5, new RegressionTestOptions { Predictor = RegressionTestPredictor.NInv });
        var bad = RegressionTest.Run(Y5, V5, new RegressionTestOptions { Predictor = RegressionTestPredictor.SqrtNInv, Ni = [20, 30, 0, 40, 50] });

        Assert.Contains(none.Issues, i => i.Code == IssueCodes.MissingSampleSizes);
        Assert.Null(none.Statistic);
        Assert.Contains(bad.Issues, i => i.Code == IssueCodes.MissingSampleSizes && i.StudyIndex == 2);
    }

    [Fact]
    public void SampleSizePredictors_WithoutALimit_HaveNoLimitEstimate()
    {
        double[] ni = [40, 25, 100, 12, 60];

        var byN = RegressionTest.Run(Y5, V5, new RegressionTestOptions { Predictor = RegressionTestPredictor.Ni, Ni = ni });
        var byInverse = RegressionTest.Run(Y5, V5, new RegressionTestOptions { Predictor = RegressionTestPredictor.NInv, Ni = ni });

        Assert.NotNull(byN.Statistic);
        Assert.Null(byN.LimitEstimate);
        Assert.NotNull(byInverse.LimitEstimate);
    }

    [Fact]
    public void SelectionModel_WithAnEmptyInterval_IsNotFitted()
    {
        // Every study is significant one-sided at .025: the interval (.025, 1] is empty.
        double[] y = [0.8, 0.9, 1.1, 0.7, 1.0, 0.95];
        double[] v = [0.01, 0.02, 0.015, 0.01, 0.03, 0.02];

        var result = StepFunctionSelectionModel.Fit(y, v, new SelectionModelOptions { Steps = [0.025, 1] });

        Assert.Contains(result.Issues, i => i.Code == IssueCodes.EmptySelectionInterval && i.Severity == IssueSeverity.Error);
        Assert.Null(result.Estimate);
        AssertNoNaN(result);
    }

    [Fact]
    public void Orwin_WithATargetOfTheOtherSign_FlipsIt()
    {
        double[] y = [-0.3, -0.5, -0.2, -0.4];

        var result = FailSafeN.Orwin(y, 0.1);

        Assert.Equal(-0.1, result.Target);
        Assert.Contains(result.Issues, i => i.Code == IssueCodes.TargetSignFlipped && i.Severity == IssueSeverity.Info);
        Assert.Equal(10, result.N);
    }

    [Fact]
    public void RankCorrelation_IsExactAtAnyKWithoutTies_AndNormalWithTies()
    {
        var y = Enumerable.Range(0, 500).Select(i => Math.Sin(i)).ToArray();
        var v = Enumerable.Range(0, 500).Select(i => 0.01 + (0.001 * i)).ToArray();
        double[] tiedV = [0.04, 0.04, 0.02, 0.16, 0.05];

        foreach (var k in new[] { 49, 50, 171, 500 })
        {
            var result = RankCorrelationTest.Run(y.AsSpan(0, k), v.AsSpan(0, k));
            Assert.True(result.Exact);
            Assert.Null(result.Statistic);
            Assert.InRange(result.PValue!.Value, 0, 1);
        }

        var tied = RankCorrelationTest.Run(Y5, tiedV);
        Assert.False(tied.Exact);
        Assert.NotNull(tied.Statistic);
    }

    /// <summary>Every double (or double?) property of a result, and of the records it holds, is finite or null.</summary>
    private static void AssertNoNaN(object result)
    {
        foreach (var property in result.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var value = property.GetValue(result);
            switch (value)
            {
                case double d:
                    Assert.True(double.IsFinite(d), $"{property.Name} is {d}");
                    break;
                case Interval interval:
                    Assert.True(double.IsFinite(interval.Lower) && double.IsFinite(interval.Upper), $"{property.Name} is not finite");
                    break;
                case IEnumerable<double> values:
                    Assert.All(values, x => Assert.True(double.IsFinite(x), $"{property.Name} holds {x}"));
                    break;
            }
        }
    }
}
