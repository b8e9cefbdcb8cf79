using Evident.Core.Models;
using Evident.Core.Sensitivity;

namespace Evident.Core.Tests.Sensitivity;

/// <summary>metafor 3.8-1's <c>gosh</c> (every subset of 6 and 8 studies) against <see cref="SensitivityAnalysis.Gosh"/>.</summary>
public sealed class GoshFixtureTests
{
    /// <summary>One row per dataset × method.</summary>
    public static IEnumerable<TheoryDataRow<string, string>> Cases() =>
        SensitivityFixtures.All.Where(d => d.Gosh is not null).SelectMany(d => d.Gosh!.Select(g => new TheoryDataRow<string, string>(d.Name, g.Method)));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gosh_AllSubsets_MatchMetaforInItsOrder(string dataset, string method)
    {
        var d = SensitivityFixtures.Dataset(dataset);
        var expected = d.Gosh!.Single(g => g.Method == method);
        Assert.Null(expected.Error);
        var options = new FitOptions { Method = Enum.Parse<Tau2Method>(method) };
        var result = SensitivityAnalysis.Gosh(d.Yi, d.Vi, options);
        var tol = method is "REML" or "ML" or "PM" or "EB" ? Tolerances.Iterative : Tolerances.ClosedForm;
        var tau2Tol = tol.ScaledTo(SensitivityFixtureTests.Median(d.Vi));
        Assert.False(result.Sampled);
        Assert.Equal((1 << d.K) - 1, expected.Subsets);
        Assert.Equal(expected.Subsets, result.Count);
        for (var s = 0; s < result.Count; s++)
        {
            var mask = (long)expected.Mask[s];
            for (var i = 0; i < d.K; i++)
            {
                Assert.Equal((mask & (1L << i)) != 0, result.Includes(s, i));
            }

            var at = $"{dataset} {method} subset {s + 1}";
            Assert.Equal(expected.K[s], result.SubsetSize[s]);
            SensitivityFixtureTests.Close(tol, expected.Estimate[s], result.Estimate[s], $"{at} estimate");
            SensitivityFixtureTests.Close(tol, expected.QE[s], result.Q[s], $"{at} QE");
            SensitivityFixtureTests.Close(SensitivityFixtureTests.Percent(tol), expected.I2[s], result.I2[s], $"{at} I2");
            SensitivityFixtureTests.Close(tol, expected.H2[s], result.H2[s], $"{at} H2");
            SensitivityFixtureTests.Close(tau2Tol, expected.Tau2[s], result.Tau2[s], $"{at} tau2");
        }
    }
}
