using Evident.Core.Models.Regression;
using Evident.Core.Sensitivity;

namespace Evident.Core.Tests.Sensitivity;

/// <summary>
/// metafor 3.8-1's <c>influence</c>, <c>hatvalues</c>, <c>cooks.distance</c>, <c>rstandard</c> and <c>rstudent</c> of
/// meta-regressions (<c>mods_cases</c> in <c>tests/fixtures/sensitivity/*.json</c>) against
/// <see cref="SensitivityAnalysis.Influence(MetaRegressionResult)"/>.
/// </summary>
public sealed class ModeratorInfluenceFixtureTests
{
    /// <summary>One row per dataset × formula × method × test.</summary>
    public static IEnumerable<TheoryDataRow<string>> Cases() =>
        SensitivityFixtures.All.SelectMany(d => d.ModsCases.Select(c => new TheoryDataRow<string>($"{d.Name}|{c.Id}")));

    [Fact]
    public void ModeratorFixtures_Exist()
    {
        Assert.True(Cases().Count() >= 30);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Influence_WithModerators_MatchesMetafor(string id)
    {
        var (d, c) = SensitivityFixtures.ModsCase(id);
        Assert.Null(c.Error);
        var fit = Fit(d, c);
        var result = SensitivityAnalysis.Influence(fit);
        // `~ ablat + year` keeps year uncentred (≈ 1950), so XᵀWX has a condition number near 1e9 and quantities built
        // from differences of coefficients (Cook's distance, DFFITS, DFBETAS) lose as many digits on both sides as an
        // iterative fit would: they get the iterative tolerance even for EE and DL.
        var tol = c.Method is "REML" or "ML" || c.Formula.Contains("year", StringComparison.Ordinal) ? Tolerances.Iterative : Tolerances.ClosedForm;
        var tau2Tol = tol.ScaledTo(SensitivityFixtureTests.Median(d.Vi));
        var expected = c.Influence!;
        Assert.Null(expected.Error);
        Assert.Equal(d.K, result.Rows.Count);
        Assert.Equal(fit.P, result.P);
        for (var i = 0; i < d.K; i++)
        {
            var r = result.Rows[i];
            var at = $"{id} study {i + 1}";
            SensitivityFixtureTests.Close(tol, c.Hat[i], r.Hat, $"{at} hatvalues");
            SensitivityFixtureTests.Close(tol, c.Cooks[i], r.CooksDistance, $"{at} cooks.distance");
            SensitivityFixtureTests.Close(tol, expected.Rstudent[i], r.Studentized?.Z, $"{at} rstudent");
            SensitivityFixtureTests.Close(tol, expected.Dffits[i], r.Dffits, $"{at} dffits");
            SensitivityFixtureTests.Close(tol, expected.CookD[i], r.CooksDistance, $"{at} cook.d");
            SensitivityFixtureTests.Close(tol, expected.CovR[i], r.CovarianceRatio, $"{at} cov.r");
            SensitivityFixtureTests.Close(tau2Tol, expected.Tau2Del[i], r.Tau2Deleted, $"{at} tau2.del");
            SensitivityFixtureTests.Close(tol, expected.QeDel[i], r.QDeleted, $"{at} QE.del");
            SensitivityFixtureTests.Close(tol, expected.Hat[i], r.Hat, $"{at} hat");
            SensitivityFixtureTests.Close(tol, expected.Weight[i], r.WeightPercent, $"{at} weight");
            for (var j = 0; j < fit.P; j++)
            {
                var name = result.CoefficientNames[j];
                SensitivityFixtureTests.Close(tol, expected.Dfbetas[name][i], r.Dfbetas[j], $"{at} dfbetas {name}");
            }

            Assert.True(expected.IsInfluential[i] == r.IsInfluential, $"{at} inf: metafor {expected.IsInfluential[i]}");
            SensitivityFixtureTests.Close(tol, c.Rstandard!.Resid[i], r.Standardized.Residual, $"{at} rstandard resid");
            SensitivityFixtureTests.Close(tol, c.Rstandard.Se[i], r.Standardized.StandardError, $"{at} rstandard se");
            SensitivityFixtureTests.Close(tol, c.Rstandard.Z[i], r.Standardized.Z, $"{at} rstandard z");
            SensitivityFixtureTests.Close(tol, c.Rstudent!.Resid[i], r.Studentized?.Residual, $"{at} rstudent resid");
            SensitivityFixtureTests.Close(tol, c.Rstudent.Se[i], r.Studentized?.StandardError, $"{at} rstudent se");
            SensitivityFixtureTests.Close(tol, c.Rstudent.Z[i], r.Studentized?.Z, $"{at} rstudent z");
        }
    }

    /// <summary>The meta-regression of a fixture case, built from its moderator columns and formula.</summary>
    internal static MetaRegressionResult Fit(SensitivityDataset d, ModsCase c)
    {
        var columns = d.Moderators!.Select(m => ModeratorColumn.Numeric(m.Key, m.Value)).ToList();
        var design = DesignMatrix.Build(c.Formula, d.K, columns);
        Assert.True(design.Success, string.Join("; ", design.Issues.Select(i => i.Message)));
        return MetaRegression.Fit(d.Yi, d.Vi, design.Design!, c.Options);
    }
}
