using System.Globalization;
using Evident.Core.Sensitivity;

namespace Evident.Core.Tests.Sensitivity;

/// <summary>
/// Every case in <c>tests/fixtures/sensitivity/*.json</c> (metafor 3.8-1 with threshold 1e-12) against
/// <see cref="SensitivityAnalysis"/>: leave-one-out rows (with each deleted fit's prediction interval from
/// <c>predict()</c>), influence diagnostics, rstandard, rstudent, cumulative rows and Baujat coordinates, every number.
/// </summary>
public sealed class SensitivityFixtureTests
{
    /// <summary>One row per dataset × method × test.</summary>
    public static IEnumerable<TheoryDataRow<string>> Cases() =>
        SensitivityFixtures.All.SelectMany(d => d.Cases.Select(c => new TheoryDataRow<string>($"{d.Name}/{c.Id}")));

    [Fact]
    public void Fixtures_LoadWithTheExpectedShape()
    {
        var all = SensitivityFixtures.All;
        Assert.True(all.Count >= 11, $"expected at least 11 sensitivity fixtures, found {all.Count}");
        Assert.True(all.Sum(d => d.Cases.Count) >= 110, "expected at least 110 method × test cases");
        foreach (var d in all)
        {
            Assert.Equal("3.8.1", d.MetaforVersion);
            Assert.Equal(d.K, d.Yi.Length);
            Assert.Equal(d.K, d.Vi.Length);
            Assert.All(d.Cases, c => Assert.Null(c.Error));
            Assert.All(d.Cases, c => Assert.NotNull(c.LeaveOneOut));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LeaveOneOut_MatchesMetafor(string id)
    {
        var (d, c) = SensitivityFixtures.Case(id);
        var result = SensitivityAnalysis.LeaveOneOut(d.Yi, d.Vi, c.Options);
        var expected = c.LeaveOneOut!;
        Assert.Null(expected.Error);
        Assert.Equal(d.K, result.Rows.Count);
        CompareRows(id, c, d, expected, result.Rows, pi: true);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cumulative_MatchesMetafor(string id)
    {
        var (d, c) = SensitivityFixtures.Case(id);
        if (c.Cumul is null)
        {
            Assert.Null(d.Order);
            return;
        }

        var result = SensitivityAnalysis.CumulativeBy(d.Yi, d.Vi, d.Order!, c.Options);
        Assert.Equal(c.Cumul.Ids, result.Order);
        CompareRows(id, c, d, c.Cumul, result.Rows, pi: false);
        var last = result.Rows[^1];
        Tolerances.ClosedForm.AssertClose(result.Fit!.Estimate, last.Estimate, $"{id} last cumulative row = full fit");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Influence_MatchesMetafor(string id)
    {
        var (d, c) = SensitivityFixtures.Case(id);
        var result = SensitivityAnalysis.Influence(d.Yi, d.Vi, c.Options);
        var tol = Tol(c);
        var tau2Tol = tol.ScaledTo(Median(d.Vi));
        Assert.Equal(d.K, result.Rows.Count);
        var expected = c.Influence!;
        if (expected.Error is not null)
        {
            // metafor stops (e.g. knha with identical effects: a zero scale); Evident gives nulls and says why.
            Assert.Contains(result.Issues, i => i.Code == IssueCodes.InfluenceUndefined);
            Assert.All(result.Rows, r => Assert.Null(r.Studentized?.Z));
            return;
        }

        for (var i = 0; i < d.K; i++)
        {
            var r = result.Rows[i];
            var at = $"{id} study {i + 1}";
            Close(tol, expected.Rstudent[i], r.Studentized?.Z, $"{at} rstudent");
            Close(tol, expected.Dffits[i], r.Dffits, $"{at} dffits");
            Close(tol, expected.CookD[i], r.CooksDistance, $"{at} cook.d");
            Close(tol, expected.CovR[i], r.CovarianceRatio, $"{at} cov.r");
            Close(tau2Tol, expected.Tau2Del[i], r.Tau2Deleted, $"{at} tau2.del");
            Close(tol, expected.QeDel[i], r.QDeleted, $"{at} QE.del");
            Close(tol, expected.Hat[i], r.Hat, $"{at} hat");
            Close(tol, expected.Weight[i], r.WeightPercent, $"{at} weight");
            Close(tol, expected.Dfbetas["intrcpt"][i], r.Dfbetas[0], $"{at} dfbetas");
            Assert.True(expected.IsInfluential[i] == r.IsInfluential, $"{at} inf: metafor {expected.IsInfluential[i]}");
            Close(tol, c.Rstandard!.Resid[i], r.Standardized.Residual, $"{at} rstandard resid");
            Close(tol, c.Rstandard.Se[i], r.Standardized.StandardError, $"{at} rstandard se");
            Close(tol, c.Rstandard.Z[i], r.Standardized.Z, $"{at} rstandard z");
            Close(tol, c.Rstudent!.Resid[i], r.Studentized?.Residual, $"{at} rstudent resid");
            Close(tol, c.Rstudent.Se[i], r.Studentized?.StandardError, $"{at} rstudent se");
            Close(tol, c.Rstudent.Z[i], r.Studentized?.Z, $"{at} rstudent z");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Baujat_MatchesMetafor(string id)
    {
        var (d, c) = SensitivityFixtures.Case(id);
        var result = SensitivityAnalysis.Baujat(d.Yi, d.Vi, c.Options);
        var tol = Tol(c);
        if (c.Baujat!.Error is not null)
        {
            // metafor cannot plot (identical effects under knha: every deleted fit has variance 0, so y is 0/0);
            // Evident's x is 0 and y null.
            Assert.All(result.X, x => Assert.Equal(0, x));
            Assert.All(result.Y, Assert.Null);
            return;
        }

        for (var i = 0; i < d.K; i++)
        {
            Close(tol, c.Baujat.X[i], result.X[i], $"{id} study {i + 1} x");
            Close(tol, c.Baujat.Y[i], result.Y[i], $"{id} study {i + 1} y");
        }
    }

    private static void CompareRows(string id, SensitivityCase c, SensitivityDataset d, RowsFixture expected, IReadOnlyList<FitRow> rows, bool pi)
    {
        var tol = Tol(c);
        var tau2Tol = tol.ScaledTo(Median(d.Vi));
        Assert.Equal(expected.Estimate.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{id} row {i + 1}");
            Close(tol, expected.Estimate[i], r.Estimate, $"{at} estimate");
            Close(tol, expected.Se[i], r.StandardError, $"{at} se");
            if (expected.Stat[i] is null)
            {
                // metafor's Inf (knha with a zero scale) is stored as null; Evident's statistic is null there.
                Assert.Null(r.Statistic);
            }
            else
            {
                Close(tol, expected.Stat[i], r.Statistic, $"{at} stat");
            }

            Close(tol, expected.Pval[i], r.PValue, $"{at} pval");
            Close(tol, expected.CiLb[i], r.ConfidenceInterval.Lower, $"{at} ci.lb");
            Close(tol, expected.CiUb[i], r.ConfidenceInterval.Upper, $"{at} ci.ub");
            Close(tol, expected.Q[i], r.Q, $"{at} Q");
            Close(tol, expected.Qp[i], r.QPValue, $"{at} Qp");
            if (c.Method is not "EE")
            {
                Close(tau2Tol, expected.Tau2[i], r.Tau2, $"{at} tau2");
            }

            Close(Percent(tol), expected.I2[i], r.I2, $"{at} I2");
            Close(tol, expected.H2[i], r.H2, $"{at} H2");
            if (pi && expected.PiLb?[i] is { } lb)
            {
                Close(tol, lb, r.PredictionInterval.Lower, $"{at} pi.lb");
                Close(tol, expected.PiUb![i], r.PredictionInterval.Upper, $"{at} pi.ub");
            }
        }
    }

    internal static Tolerance Tol(SensitivityCase c) => c.Iterative ? Tolerances.Iterative : Tolerances.ClosedForm;

    /// <summary>The tolerance for a quantity in percent (I²): its absolute floor × 100, as a fraction's would be.</summary>
    internal static Tolerance Percent(Tolerance tol) => tol.ScaledTo(100);

    internal static double Median(double[] x)
    {
        var s = x.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[(s.Length / 2) - 1] + s[s.Length / 2]) / 2;
    }

    internal static void Close(Tolerance tol, double? expected, double? actual, string what)
    {
        if (expected is null)
        {
            Assert.True(actual is null, $"{what}: metafor has NA, Evident {actual}");
            return;
        }

        Assert.True(actual is not null, $"{what}: Evident null, metafor {expected}");
        tol.AssertClose(expected.Value, actual.Value, what);
    }
}
