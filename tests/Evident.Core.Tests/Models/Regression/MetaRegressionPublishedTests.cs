using Evident.Core.Models;
using Evident.Core.Models.Regression;

namespace Evident.Core.Tests.Models.Regression;

/// <summary>
/// Published meta-regression values (metafor.md §2.3, items 7, 11, 14, 18, 28 and the [C] BCG values) at
/// <see cref="Tolerances.Published"/>. Expected numbers are typed here; only the data (yi, vi, moderator columns) come
/// from the R-written fixtures.
/// </summary>
public sealed class MetaRegressionPublishedTests
{
    private static MetaRegressionResult Fit(string dataset, string formula, Tau2Method method, TestMethod test = TestMethod.Z,
        CoefficientSelection? btt = null)
    {
        var d = MetaregFixtures.Dataset(dataset);
        var built = DesignMatrix.Build(formula, d.K, d.ModeratorColumns());
        Assert.True(built.Success, string.Join(" | ", built.Issues.Select(i => i.Message)));
        return MetaRegression.Fit(d.Yi.ToArray(), d.Vi.ToArray(), built.Design!, new FitOptions { Method = method, Test = test },
            new RegressionOptions { Btt = btt });
    }

    private static void Near(double expected, double? actual, string what)
    {
        Assert.True(actual.HasValue, what + ": expected a value, got null");
        Tolerances.Published.AssertClose(expected, actual.Value, what);
    }

    private static void Coefficients(MetaRegressionResult r, double[] estimates, double[]? se = null, double[]? z = null)
    {
        Assert.Equal(estimates.Length, r.P);
        for (var j = 0; j < r.P; j++)
        {
            Near(estimates[j], r.Coefficients[j].Estimate, $"coef[{r.Coefficients[j].Name}]");
            if (se is not null)
            {
                Near(se[j], r.Coefficients[j].StandardError, $"se[{r.Coefficients[j].Name}]");
            }

            if (z is not null)
            {
                Near(z[j], r.Coefficients[j].Statistic, $"z[{r.Coefficients[j].Name}]");
            }
        }
    }

    // ---- item 7: Raudenbush (1985/2009), teacher expectancy, weeks.c = min(weeks, 3) ----

    [Fact]
    public void Raudenbush1985_WeeksOfContact_RemovesAllHeterogeneity()
    {
        var r = Fit("raudenbush1985", "~ weeks.c", Tau2Method.REML);

        Near(0, r.Tau2, "tau2");
        Coefficients(r, [0.4072, -0.1572], z: [4.6782, -4.3884]);
        Near(16.5708, r.QE, "QE");
    }

    // ---- item 11: Viechtbauer (2007b), St John's wort, DL meta-regression with an interaction ----

    [Fact]
    public void Linde2005_DosageByBaselineInteraction_Dl()
    {
        var r = Fit("linde2005", "~ I(dosage * duration - 34) * I(baseline - 20)", Tau2Method.DL);

        Assert.Equal(["intrcpt", "I(dosage * duration - 34)", "I(baseline - 20)", "I(dosage * duration - 34):I(baseline - 20)"], r.Coefficients.Select(c => c.Name));
        Near(0.0475, r.Tau2, "tau2");
        Near(47.3778, r.R2, "R2");
        Coefficients(r, [0.47625885, -0.0058448, -0.06722782, -0.00156996], [0.08764097, 0.00999872, 0.03522283, 0.00344659]);
    }

    // ---- item 14: van Houwelingen et al. (2002), dat.colditz1994, ML meta-regression on latitude ----

    [Fact]
    public void Colditz1994_MlMetaRegressionOnLatitude()
    {
        var r = Fit("colditz1994", "~ ablat", Tau2Method.ML);

        Coefficients(r, [0.3710, -0.0327], [0.1061, 0.0034]);
        Near(0.0040, r.Tau2, "tau2");
        Near(98.6691, r.R2, "R2");
    }

    // ---- item 18: Lipsey & Wilson (2001), random assignment and intensity ----

    [Fact]
    public void Lipsey2001_FixedEffectsByRandomAssignment_GroupPredictionsAndTests()
    {
        var r = Fit("lipsey2001", "~ random", Tau2Method.FE);
        var groups = MetaRegression.Predict(r, [[0.0], [1.0]]).Predictions;

        Near(0.2984, groups[0].Estimate, "nonrandom prediction");
        Near(0.0813, groups[0].StandardError, "nonrandom SE");
        Near(-0.0277, groups[1].Estimate, "random prediction");
        Near(0.0917, groups[1].StandardError, "random SE");
        Near(7.0739, r.ModeratorTest!.Statistic, "QM");
        Near(0.0078, r.ModeratorTest.PValue, "QM p");
        Near(7.6901, r.QE, "QE");
        Near(0.4643, r.QEPValue, "QE p");
    }

    [Fact]
    public void Lipsey2001_WithinGroupHeterogeneity()
    {
        var d = MetaregFixtures.Dataset("lipsey2001");
        var random = d.ModeratorColumns().Single(c => c.Name == "random").Numbers!;
        double[] expected = [6.4382, 1.2519];
        for (var group = 0; group <= 1; group++)
        {
            var rows = Enumerable.Range(0, d.K).Where(i => random[i] == group).ToArray();
            var r = MetaRegression.Fit(rows.Select(i => d.Yi[i]).ToArray(), rows.Select(i => d.Vi[i]).ToArray(),
                DesignMatrix.InterceptOnly(rows.Length), new FitOptions { Method = Tau2Method.FE });
            Near(expected[group], r.QE, $"QE within random = {group}");
        }
    }

    [Fact]
    public void Lipsey2001_DlWithRandomAndIntensity()
    {
        var full = Fit("lipsey2001", "~ random + intensity", Tau2Method.DL);
        var reduced = Fit("lipsey2001", "~ 1", Tau2Method.DL);
        var comparison = MetaRegression.Compare(full, reduced);

        Near(5.5711, full.ModeratorTest!.Statistic, "QM");
        Near(0.0617, full.ModeratorTest.PValue, "QM p");
        Near(0.00488, full.Tau2, "tau2");
        Near(81.2023, comparison.R2, "R2 from anova(RE, ME)");
        Near(81.2023, full.R2, "R2");
    }

    // ---- item 28: model comparison and fit statistics, dat.bcg (log RR) ----

    [Fact]
    public void Bcg_LikelihoodRatioTestOfLatitude()
    {
        var ml = MetaRegression.Compare(Fit("bcg", "~ ablat", Tau2Method.ML), Fit("bcg", "~ 1", Tau2Method.ML));
        var reml = MetaRegression.Compare(Fit("bcg", "~ 1", Tau2Method.REML), Fit("bcg", "~ ablat", Tau2Method.REML));

        Near(9.9588, ml.Statistic, "LRT (ML)");
        Assert.Equal(1, ml.Df);
        Near(8.2301, reml.Statistic, "LRT (REML)");
        Assert.Contains(reml.Issues, i => i.Code == IssueCodes.LrtRemlFixedEffects);
        Assert.DoesNotContain(ml.Issues, i => i.Code == IssueCodes.LrtRemlFixedEffects);
    }

    [Fact]
    public void Bcg_OmnibusTestOfAllocation()
    {
        var z = Fit("bcg", "~ ablat + alloc", Tau2Method.REML, btt: CoefficientSelection.Parse("3:4"));
        var knha = Fit("bcg", "~ ablat + alloc", Tau2Method.REML, TestMethod.KNHA, CoefficientSelection.Parse("3:4"));

        Near(1.2850, z.ModeratorTest!.Statistic, "QM");
        Near(0.5260, z.ModeratorTest.PValue, "QM p");
        Assert.Equal(["allocrandom", "allocsystematic"], z.ModeratorTest.Names);
        Near(0.6007, knha.ModeratorTest!.Statistic, "F");
        Near(0.5690, knha.ModeratorTest.PValue, "F p");
        Assert.Equal(9, knha.ModeratorTest.Df2);
    }

    [Fact]
    public void Bcg_FitStatisticsOfTheMlModel()
    {
        var r = Fit("bcg", "~ 1", Tau2Method.ML);
        var withLatitude = Fit("bcg", "~ ablat", Tau2Method.ML);

        Near(-12.6651, r.FitStatistics.LogLikelihood, "logLik");
        Near(37.1160, r.FitStatistics.Deviance, "deviance");
        Near(29.3302, r.FitStatistics.Aic, "AIC");
        Near(30.4601, r.FitStatistics.Bic, "BIC");
        Near(30.5302, r.FitStatistics.Aicc, "AICc");
        Near(30.73309, withLatitude.QE, "QE with ablat");
        Near(0.001214, withLatitude.QEPValue, "QE p with ablat");
    }

    // ---- [C]: BCG REML meta-regression on latitude (metafor 3.8-1) ----

    [Fact]
    public void Bcg_RemlMetaRegressionOnLatitude()
    {
        var r = Fit("bcg", "~ ablat", Tau2Method.REML);

        Coefficients(r, [0.2515, -0.0291], [0.2491, 0.0072]);
        Near(0.0764, r.Tau2, "tau2");
        Near(16.3571, r.ModeratorTest!.Statistic, "QM");
        Near(30.7331, r.QE, "QE");
        Near(75.6245, r.R2, "R2");
        Near(68.3931, r.I2, "I2");
    }
}
