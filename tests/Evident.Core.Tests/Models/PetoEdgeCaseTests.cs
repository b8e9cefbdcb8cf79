using Evident.Core.EffectSizes;
using Evident.Core.Models;

namespace Evident.Core.Tests.Models;

/// <summary>
/// Peto's method at the edges (no informative table, one table, invalid rows) and the identities it must satisfy;
/// the metafor comparisons are in <see cref="MantelHaenszelPetoFixtureTests"/>.
/// </summary>
public sealed class PetoEdgeCaseTests
{
    private static void Exact(double expected, double? actual, string what)
    {
        Assert.True(actual.HasValue, what + ": expected a value, got null");
        Tolerances.ClosedForm.AssertClose(expected, actual.Value, what);
    }

    [Fact]
    public void NoTableWithEventsAndNonEvents_IsNotEstimable_WhereMetaforStops()
    {
        StudyInput[] studies = [new() { Ai = 0, Bi = 10, Ci = 0, Di = 12 }, new() { Ai = 5, Bi = 0, Ci = 7, Di = 0 }];

        var r = Peto.Fit(studies);

        Assert.False(r.IsEstimable);
        Assert.Contains(r.Issues, i => i.Code == IssueCodes.PooledNotEstimable && i.Severity == IssueSeverity.Error);
        Assert.Null(r.StandardError);
        Assert.Null(r.ConfidenceInterval);
        Assert.Equal(2, r.K);
        Assert.Equal(0, r.Q);
        Assert.Equal(0, r.QDf);
        Assert.Equal(1, r.QPValue);
        Assert.All(r.WeightsPercent, w => Assert.Null(w));
    }

    [Fact]
    public void SingleTable_IsEscalcsPetoWithoutCorrection()
    {
        StudyInput[] table = [new() { Ai = 8, Bi = 98, Ci = 5, Di = 115 }];
        var escalc = Evident.Core.EffectSizes.EffectSizes.Compute(EffectMeasure.PETO, table, new EscalcOptions { Add = 0 }).Studies[0];

        var r = Peto.Fit(table);

        Exact(escalc.Yi!.Value, r.Estimate, "estimate");
        Exact(escalc.Vi!.Value, r.StandardError * r.StandardError, "variance");
        Assert.Equal(0, r.Q);
        Assert.Equal(0, r.QDf);
        Assert.Equal(1, r.QPValue);
        Assert.Null(r.CochranMantelHaenszel);
        Assert.Null(r.BreslowDay);
    }

    [Fact]
    public void Estimate_IsTheInverseVarianceMeanOfTheUncorrectedStudyEstimates()
    {
        // Σ(O − E)/ΣV = Σwᵢyᵢ/Σwᵢ with yᵢ = (O − E)/V, wᵢ = V: the equal-effects fit of escalc's PETO with add = 0, and Q
        // is that fit's Q (Yusuf et al. 1985; metafor's test_analysis_example_yusuf1985 checks the same).
        var studies = MhFixtures.Dataset("bcg").Studies();
        var escalc = Evident.Core.EffectSizes.EffectSizes.Compute(EffectMeasure.PETO, studies, new EscalcOptions { Add = 0 });
        var ee = MetaAnalysis.Fit(
            escalc.Studies.Select(s => s.Yi!.Value).ToArray(),
            escalc.Studies.Select(s => s.Vi!.Value).ToArray(),
            new FitOptions { Method = Tau2Method.EE });

        var r = Peto.Fit(studies);

        Exact(ee.Estimate, r.Estimate, "estimate");
        Exact(ee.StandardError, r.StandardError, "SE");
        Exact(ee.Q, r.Q, "Q");
        Exact(ee.I2, r.I2, "I2");
        for (var i = 0; i < studies.Count; i++)
        {
            Exact(ee.WeightsPercent[i], r.WeightsPercent[i], $"weight {i}");
        }
    }

    [Fact]
    public void InvalidRow_IsLocated_AndLeftOut()
    {
        var studies = MhFixtures.Dataset("bcg").Studies().ToList();
        var clean = Peto.Fit(studies);
        studies.Insert(2, new StudyInput { Ai = 5, N1i = 3, Ci = 1, N2i = 10 });

        var r = Peto.Fit(studies);

        Assert.Contains(r.Issues, i => i.Code == IssueCodes.EventsExceedN && i.StudyIndex == 2 && i.Field == "ai");
        Assert.Equal(13, r.K);
        Assert.Null(r.Studies[2].Yi);
        Assert.Equal(clean.Estimate, r.Estimate);
        Assert.Equal(clean.Q, r.Q);
    }

    [Fact]
    public void PerStudyEstimates_GetTheHalfCorrection_ThePooledOneDoesNot()
    {
        var studies = MhFixtures.Dataset("nielweise2007").Studies();
        var escalc = Evident.Core.EffectSizes.EffectSizes.Compute(EffectMeasure.PETO, studies, new EscalcOptions { Drop00 = true });

        var r = Peto.Fit(studies);
        var none = Peto.Fit(studies, new TableFitOptions { To = ContinuityTarget.None });

        for (var i = 0; i < studies.Count; i++)
        {
            Assert.Equal(escalc.Studies[i].Yi, r.Studies[i].Yi);
            Assert.Equal(escalc.Studies[i].Vi, r.Studies[i].Vi);
        }

        Assert.NotEqual(r.Studies[0].Yi, none.Studies[0].Yi);
        Assert.Equal(r.Estimate, none.Estimate);
        Assert.Equal(r.Q, none.Q);
        Assert.Contains(r.Issues, i => i.Code == IssueCodes.ContinuityCorrection && i.StudyIndex == 0);
    }
}
