using Evident.Core.Models;
using Evident.Core.Tests.Support;

namespace Evident.Core.Tests.Models.Subgroups;

/// <summary>
/// <see cref="FitOptions.Tau2"/> (metafor's <c>rma(yi, vi, tau2 = x)</c>) against <c>tests/fixtures/subgroups/fixed_tau2.json</c>:
/// BCG (k = 13, 2, 1) and Lipsey &amp; Wilson (k = 10), τ² from 0 to 2, methods EE DL REML ML PM SJ, tests z t knha adhoc.
/// With τ² given every quantity is a closed form of it, so all fields are held to <see cref="Tolerances.ClosedForm"/>.
/// </summary>
public sealed class FixedTau2Tests
{
    public static IEnumerable<TheoryDataRow<string>> Cases() =>
        SubgroupFixtures.FixedTau2.Cases.Select(c => new TheoryDataRow<string>(c.Id));

    [Fact]
    public void Fixture_HasEveryDatasetMethodAndTest()
    {
        var doc = SubgroupFixtures.FixedTau2;

        Assert.Equal("3.8.1", doc.MetaforVersion);
        Assert.Equal(264, doc.Cases.Count);
        Assert.Equal(doc.Cases.Count, doc.Cases.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(doc.Cases, c => Assert.True(doc.Datasets.ContainsKey(c.Data), c.Id));
        // metafor marks the τ² as given for every random-effects method and ignores it for EE.
        Assert.All(doc.Cases, c => Assert.Equal(c.Method != "EE", c.Fit.Tau2Fixed));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FixedTau2_MatchesMetafor(string id)
    {
        var c = SubgroupFixtures.FixedTau2.Cases.Single(x => x.Id == id);
        var data = SubgroupFixtures.FixedTau2.Datasets[c.Data];
        var yi = data.Yi.ToArray();
        var vi = data.Vi.ToArray();
        var m = new Mismatches(id);

        var r = MetaAnalysis.Fit(yi, vi, c.Options());

        SubgroupFixtures.Compare(m, "fit", c.Fit, r, Tolerances.ClosedForm, fixedTau2: true);
        if (c.Fit.Tau2Fixed)
        {
            m.True(r.I2ConfidenceInterval is null && r.H2ConfidenceInterval is null, "I²/H² CIs: τ² was given, expected null");
            foreach (var (type, key) in new[] { (PredictionIntervalType.Riley, "riley"), (PredictionIntervalType.T, "t") })
            {
                var rPi = MetaAnalysis.Fit(yi, vi, c.Options(type));
                var pi = c.Fit.Pi[key];
                m.Close($"PredictionInterval ({key})", pi.Lb, pi.Ub, rPi.PredictionInterval, Tolerances.ClosedForm);
                m.Close($"PredictionDf ({key})", pi.Df, rPi.PredictionDf, Tolerances.ClosedForm);
            }
        }

        m.ThrowIfAny();
    }

    [Fact]
    public void FixedTau2_WithOneStudy_UsesTheGivenTau2AndSaysWhichTDistributionThePiUses()
    {
        var r = MetaAnalysis.Fit([-0.9], [0.1], new FitOptions { Tau2 = 0.4, PredictionInterval = PredictionIntervalType.T });

        Tolerances.ClosedForm.AssertClose(Math.Sqrt(0.5), r.StandardError, "SE = √(v + τ²)");
        Assert.Equal(0.4, r.Tau2);
        Assert.Equal(0, r.I2);
        Assert.Equal(1, r.H2);
        Assert.Equal(1.0, r.PredictionDf);
        Assert.True(r.HasIssue(IssueCodes.Undefined));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void FixedTau2_NegativeOrNotFinite_Throws(double tau2) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MetaAnalysis.Fit([0.1, 0.3], [0.01, 0.02], new FitOptions { Tau2 = tau2 }));

    [Fact]
    public void FixedTau2_Null_EstimatesAsBefore()
    {
        var d = RmaFixtures.Dataset("bcg_RR");

        var estimated = MetaAnalysis.Fit(d.Yi.ToArray(), d.Vi.ToArray());
        var given = MetaAnalysis.Fit(d.Yi.ToArray(), d.Vi.ToArray(), new FitOptions { Tau2 = estimated.Tau2 });

        Assert.True(estimated.Iterations > 0);
        Assert.NotNull(estimated.Tau2StandardError);
        Assert.Equal(0, given.Iterations);
        Assert.Null(given.Tau2StandardError);
        Tolerances.ClosedForm.AssertClose(estimated.Estimate, given.Estimate, "estimate with the REML τ² given");
        Tolerances.ClosedForm.AssertClose(estimated.StandardError, given.StandardError, "SE with the REML τ² given");
    }
}
