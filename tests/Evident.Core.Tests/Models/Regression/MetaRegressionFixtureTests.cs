using System.Globalization;
using Evident.Core.Models;
using Evident.Core.Models.Regression;
using Evident.Core.Tests.Support;

namespace Evident.Core.Tests.Models.Regression;

/// <summary>
/// Every case in <c>tests/fixtures/metareg/*.json</c> (metafor 3.8-1 <c>rma(yi, vi, mods = formula)</c>: dataset ×
/// formula × method × test × level × btt) against <see cref="MetaRegression.Fit"/>, with the design built from the
/// formula text and the raw columns; its predictions (newmods rows and raw new data, three PI types) and every
/// likelihood-ratio test (<c>anova(full, reduced)</c>). Where Evident's contract deliberately differs from metafor the
/// contract is asserted instead (see <c>tests/fixtures/README.md</c>).
/// </summary>
public sealed class MetaRegressionFixtureTests
{
    private static readonly Tau2Method[] IterativeMethods = [Tau2Method.REML, Tau2Method.ML, Tau2Method.PM, Tau2Method.EB];

    public static IEnumerable<TheoryDataRow<string>> Cases() =>
        MetaregFixtures.All.SelectMany(d => d.Cases).Select(c => new TheoryDataRow<string>(c.Id));

    public static IEnumerable<TheoryDataRow<string, int>> Lrts() =>
        MetaregFixtures.All.SelectMany(d => d.Lrts.Select((l, i) => new TheoryDataRow<string, int>(d.Name, i) { TestDisplayName = l.Id }));

    [Fact]
    public void Fixtures_LoadWithTheExpectedShape()
    {
        var all = MetaregFixtures.All;
        Assert.True(all.Count >= 8, $"expected at least 8 metareg fixture files, found {all.Count}");
        var ids = all.SelectMany(d => d.Cases).Select(c => c.Id).ToList();
        Assert.True(ids.Count >= 900, $"expected at least 900 cases, found {ids.Count}");
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.True(all.Sum(d => d.Lrts.Count) >= 35);
        foreach (var d in all)
        {
            Assert.Equal("3.8.1", d.MetaforVersion);
            Assert.Equal(d.K, d.Yi.Count);
            Assert.Equal(d.K, d.Vi.Count);
            Assert.All(d.ModeratorColumns(), c => Assert.Equal(d.K, c.Count));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_MatchesMetafor(string caseId)
    {
        var (dataset, c) = MetaregFixtures.Case(caseId);
        var m = new Mismatches(caseId);
        var built = DesignMatrix.Build(c.Formula, dataset.K, dataset.ModeratorColumns());

        if (c.Fit is not { } fit)
        {
            CheckMetaforError(m, dataset, c, built);
            m.ThrowIfAny();
            return;
        }

        Assert.True(built.Success, $"no design: {string.Join(" | ", built.Issues.Select(i => i.Message))}");
        var design = built.Design!;
        var method = RmaFixtures.ParseMethod(c.Method);
        var options = c.Options();
        var regression = new RegressionOptions { Btt = c.Selection };
        var r = MetaRegression.Fit(dataset.Yi.ToArray(), dataset.Vi.ToArray(), design, options, regression);
        var tol = IterativeMethods.Contains(method) ? Tolerances.Iterative : Tolerances.ClosedForm;
        var scale = Median(dataset.Vi);
        var noResidualDf = fit.K == fit.P;

        m.True(design.ColumnNames.SequenceEqual(fit.ColumnNames), $"columns: expected [{string.Join(", ", fit.ColumnNames)}], got [{string.Join(", ", design.ColumnNames)}]");
        m.True(design.Rows.SequenceEqual(fit.Rows), "rows used differ");
        m.True(r.K == fit.K, $"K: expected {fit.K}, got {r.K}");
        m.True(r.Converged, "Converged is false");
        if (c.RmaMv is { } reference)
        {
            // rma.uni 3.8-1 centres yi before its quadratic forms, wrong for a design that does not span the constant;
            // its coefficients (EE), and rma.mv's fit of the same model, are the reference (fixtures README).
            CheckAgainstRmaMv(m, c, fit, reference, r, scale);
            m.ThrowIfAny();
            return;
        }

        var testUsed = RmaFixtures.ParseTest(fit.TestUsed);
        if (noResidualDf && testUsed != TestMethod.Z)
        {
            // Contract: without residual df, t-type tests fall back to z with an issue (metafor returns NaN tests).
            m.True(r.Test == TestMethod.Z && r.Issues.Any(i => i.Code == IssueCodes.KnhaFallbackToZ), "expected the z fallback with knha-fallback-z");
        }
        else
        {
            m.True(r.Test == testUsed, $"Test: expected {testUsed}, got {r.Test}");
        }

        if (r.P == fit.P && !(noResidualDf && testUsed != TestMethod.Z))
        {
            for (var j = 0; j < r.P; j++)
            {
                var name = fit.ColumnNames[j];
                var coefficient = r.Coefficients[j];
                m.Close($"coef[{name}]", fit.Coef[j], coefficient.Estimate, tol);
                m.Close($"se[{name}]", fit.Se[j], coefficient.StandardError, tol);
                m.Close($"zval[{name}]", fit.Zval[j], coefficient.Statistic, tol);
                m.Close($"pval[{name}]", fit.Pval[j], coefficient.PValue, tol);
                CloseBounds(m, $"ci[{name}]", fit.CiLb[j], fit.CiUb[j], coefficient.ConfidenceInterval, tol, Math.Abs(coefficient.Estimate));
                for (var l = 0; l < r.P; l++)
                {
                    m.Close(string.Create(CultureInfo.InvariantCulture, $"vcov[{j},{l}]"), fit.Vcov[(j * fit.P) + l], r.CovarianceAt(j, l), tol);
                }
            }

            m.Close("Df", fit.Ddf, r.Df, Tolerances.ClosedForm);
            CheckModeratorTest(m, fit, r, tol);
        }

        m.Close("QE", fit.QE, r.QE, Tolerances.ClosedForm);
        m.True(r.QEDf == fit.QEdf, $"QEDf: expected {fit.QEdf}, got {r.QEDf}");
        m.Close("QEp", fit.QEp, r.QEPValue, Tolerances.ClosedForm);
        m.Close("tau2", fit.Tau2, r.Tau2, tol.ScaledTo(scale));
        m.Close("se_tau2", fit.SeTau2, r.Tau2StandardError, tol.ScaledTo(scale));
        m.Close("I2", fit.I2, r.I2, tol);
        m.Close("H2", fit.H2, r.H2, tol);
        m.Close("R2", fit.R2, r.R2, tol);
        CheckFitStatistics(m, "ML", fit.FitStats["ML"], r.MaximumLikelihoodFit, tol);
        CheckFitStatistics(m, "REML", fit.FitStats["REML"], r.RestrictedFit, tol);
        m.Close("sum of weights", 100, r.WeightsPercent.Sum(), Tolerances.ClosedForm);
        CheckWarnings(m, c, r);

        if (c.Predict is { } predict)
        {
            CheckPredictions(m, dataset, c, predict, design, tol);
        }

        m.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(Lrts))]
    public void LikelihoodRatioTest_MatchesMetafor(string datasetName, int index)
    {
        var dataset = MetaregFixtures.Dataset(datasetName);
        var lrt = dataset.Lrts[index];
        var m = new Mismatches(lrt.Id);
        var full = FitCase(dataset, lrt.Full);
        var reduced = FitCase(dataset, lrt.Reduced);
        var comparison = MetaRegression.Compare(full, reduced);

        if (lrt.Result is not { } expected)
        {
            // metafor refuses: "same number of parameters" or "mismatch between ML and REML".
            m.True(comparison.Statistic is null, $"metafor refused ({lrt.Error}); Evident gave a statistic");
            m.True(comparison.Issues.Any(i => i.Code == IssueCodes.LrtNotMeaningful), "lrt-not-meaningful issue missing");
            m.ThrowIfAny();
            return;
        }

        var tol = new[] { full.Method, reduced.Method }.Any(IterativeMethods.Contains) ? Tolerances.Iterative : Tolerances.ClosedForm;
        m.Close("LRT", expected.Lrt, comparison.Statistic, tol);
        m.Close("df", expected.Df, comparison.Df, Tolerances.ClosedForm);
        m.Close("pval", expected.Pval, comparison.PValue, tol);
        m.Close("parms_f", expected.ParmsF, comparison.FullFit.Parameters, Tolerances.ClosedForm);
        m.Close("parms_r", expected.ParmsR, comparison.ReducedFit.Parameters, Tolerances.ClosedForm);
        CheckFitStatistics(m, "full", expected.FitF!, comparison.FullFit, tol);
        CheckFitStatistics(m, "reduced", expected.FitR!, comparison.ReducedFit, tol);
        m.Close("QE_f", expected.QEf, comparison.Full.QE, Tolerances.ClosedForm);
        m.Close("QE_r", expected.QEr, comparison.Reduced.QE, Tolerances.ClosedForm);
        m.Close("tau2_f", expected.Tau2F, comparison.Full.Tau2, tol.ScaledTo(Median(dataset.Vi)));
        m.Close("tau2_r", expected.Tau2R, comparison.Reduced.Tau2, tol.ScaledTo(Median(dataset.Vi)));
        m.Close("R2", expected.R2, comparison.R2, tol);
        var remlWarning = lrt.Warnings.Any(w => w.Contains("REML comparisons", StringComparison.Ordinal));
        m.True(remlWarning == comparison.Issues.Any(i => i.Code == IssueCodes.LrtRemlFixedEffects), $"lrt-reml-fixed-effects: metafor warned {remlWarning}");
        var likelihoodWarning = lrt.Warnings.Any(w => w.Contains("ML/REML", StringComparison.Ordinal));
        m.True(likelihoodWarning == comparison.Issues.Any(i => i.Code == IssueCodes.LrtNotLikelihood), $"lrt-not-likelihood: metafor warned {likelihoodWarning}");
        m.ThrowIfAny();
    }

    private static MetaRegressionResult FitCase(MetaregDataset dataset, string id)
    {
        var c = dataset.Cases.Single(x => x.Id == id);
        var design = DesignMatrix.Build(c.Formula, dataset.K, dataset.ModeratorColumns()).Design!;
        return MetaRegression.Fit(dataset.Yi.ToArray(), dataset.Vi.ToArray(), design, c.Options(), new RegressionOptions { Btt = c.Selection });
    }

    /// <summary>metafor stopped with an error: Evident must answer with the contract's issues instead.</summary>
    private static void CheckMetaforError(Mismatches m, MetaregDataset dataset, MetaregCase c, DesignResult built)
    {
        if (c.Error!.Contains("contrasts can be applied only to factors with 2 or more levels", StringComparison.Ordinal))
        {
            m.True(built.Success, "a one-level factor must still give a design");
            m.True(built.Issues.Any(i => i.Code == IssueCodes.SingleLevelFactor), "single-level-factor issue missing");
            if (built.Design is { } d)
            {
                m.True(!d.ColumnNames.Any(n => n.Contains("factor(g1)", StringComparison.Ordinal)), "the one-level factor must add no column");
                var r = MetaRegression.Fit(dataset.Yi.ToArray(), dataset.Vi.ToArray(), d, c.Options());
                m.True(double.IsFinite(r.Tau2) && r.Coefficients.All(x => double.IsFinite(x.Estimate)), "fit must be finite");
            }

            return;
        }

        if (c.Error.Contains("Number of parameters to be estimated is larger than the number of observations", StringComparison.Ordinal))
        {
            m.True(built.Success, "k = p must still give a design");
            var r = MetaRegression.Fit(dataset.Yi.ToArray(), dataset.Vi.ToArray(), built.Design!, c.Options());
            m.True(r.Tau2 == 0 && r.Tau2StandardError is null, "k = p: τ² must be 0 without an SE");
            m.True(r.Issues.Any(i => i.Code == IssueCodes.NoResidualDf), "no-residual-df issue missing");
            m.True(r.QE == 0 && r.QEPValue == 1 && r.I2 == 0 && r.H2 == 1 && r.R2 is null, "k = p: QE 0, p 1, I² 0, H² 1, R² null");
            m.True(r.Coefficients.All(x => double.IsFinite(x.Estimate) && double.IsFinite(x.StandardError)), "coefficients must be finite");
            return;
        }

        m.Add("unexpected metafor error: " + c.Error);
    }

    private static void CheckModeratorTest(Mismatches m, MetaregFit fit, MetaRegressionResult r, Tolerance tol)
    {
        if (r.ModeratorTest is not { } qm)
        {
            m.Add("ModeratorTest is null");
            return;
        }

        m.True(qm.Coefficients.SequenceEqual(fit.Btt), $"btt: expected [{string.Join(", ", fit.Btt)}], got [{string.Join(", ", qm.Coefficients)}]");
        m.Close("QM", fit.QM, qm.Statistic, tol);
        m.Close("QMdf", fit.QMdf[0], qm.Df, Tolerances.ClosedForm);
        m.Close("QMdf2", fit.QMdf.Count > 1 ? fit.QMdf[1] : null, qm.Df2, Tolerances.ClosedForm);
        m.Close("QMp", fit.QMp, qm.PValue, tol);
    }

    /// <summary>
    /// An interval estimate ± half-width compared with an absolute floor of the tolerance times |estimate| + half-width:
    /// a bound is a difference of two computed numbers and near zero keeps only their absolute precision.
    /// </summary>
    private static void CloseBounds(Mismatches m, string label, double? lower, double? upper, Interval? actual, Tolerance tol, double estimate)
    {
        var half = actual is { } a ? (a.Upper - a.Lower) / 2 : 0;
        m.Close(label, lower, upper, actual, tol with { Absolute = Math.Max(tol.Absolute, tol.Relative * (estimate + half)) });
    }

    private static void CheckAgainstRmaMv(Mismatches m, MetaregCase c, MetaregFit fit, MetaregReference reference, MetaRegressionResult r, double scale)
    {
        Assert.Null(reference.Error);
        var method = RmaFixtures.ParseMethod(c.Method);
        for (var j = 0; j < r.P; j++)
        {
            // rma.mv's optimizer (BFGS) gives τ² to about 1e-7, so iterative fits are compared at Iterative.
            var tol = method == Tau2Method.EE ? Tolerances.ClosedForm : Tolerances.Iterative;
            m.Close($"coef[{j}] (rma.mv)", reference.Coef[j], r.Coefficients[j].Estimate, tol);
            if (method == Tau2Method.EE)
            {
                // metafor's rma.uni coefficients do not use the centred yi: they must agree too.
                m.Close($"coef[{j}] (rma.uni)", fit.Coef[j], r.Coefficients[j].Estimate, Tolerances.ClosedForm);
            }

            if (r.Test == TestMethod.Z)
            {
                m.Close($"se[{j}] (rma.mv)", reference.Se[j], r.Coefficients[j].StandardError, tol);
            }
        }

        m.Close("QE (rma.mv)", reference.QE, r.QE, Tolerances.ClosedForm);
        m.Close("QEp (rma.mv)", reference.QEp, r.QEPValue, Tolerances.ClosedForm);
        m.Close("tau2 (rma.mv)", reference.Tau2, r.Tau2, Tolerances.Iterative.ScaledTo(scale));
        var ll = method == Tau2Method.REML ? r.RestrictedFit.LogLikelihood : r.MaximumLikelihoodFit.LogLikelihood;
        m.Close("logLik (rma.mv)", reference.LogLik, ll, Tolerances.Iterative);
    }

    private static void CheckFitStatistics(Mismatches m, string label, MetaregFitStats expected, FitStatistics actual, Tolerance tol)
    {
        // A log-likelihood is a sum of k logarithms and log-determinants; near 0 only its absolute precision is left
        // (metafor's is about 1e-10 there), hence the absolute floor of the iterative tolerance.
        tol = tol with { Absolute = Math.Max(tol.Absolute, Tolerances.Iterative.Absolute) };
        m.Close(label + ".ll", expected.LogLik, actual.LogLikelihood, tol);
        m.Close(label + ".dev", expected.Deviance, actual.Deviance, tol);
        m.Close(label + ".AIC", expected.Aic, actual.Aic, tol);
        m.Close(label + ".BIC", expected.Bic, actual.Bic, tol);
        m.Close(label + ".AICc", expected.Aicc, actual.Aicc, tol);
    }

    private static void CheckWarnings(Mismatches m, MetaregCase c, MetaRegressionResult r)
    {
        var redundant = c.Warnings.Any(w => w.Contains("Redundant predictors", StringComparison.Ordinal));
        m.True(redundant == r.Issues.Any(i => i.Code == IssueCodes.RedundantModerator), $"redundant-moderator: metafor warned {redundant}");
        var omitted = c.Warnings.Any(w => w.Contains("NAs omitted", StringComparison.Ordinal));
        m.True(omitted == r.Issues.Any(i => i.Code == IssueCodes.MissingModerator), $"missing-moderator: metafor warned {omitted}");
    }

    private static void CheckPredictions(Mismatches m, MetaregDataset dataset, MetaregCase c, MetaregPredict predict, DesignMatrix design, Tolerance tol)
    {
        var yi = dataset.Yi.ToArray();
        var vi = dataset.Vi.ToArray();
        var fixedEffects = RmaFixtures.ParseMethod(c.Method) is Tau2Method.EE or Tau2Method.FE;
        foreach (var (type, expected) in new[]
                 {
                     (PredictionIntervalType.Metafor, predict.Metafor), (PredictionIntervalType.Riley, predict.Riley), (PredictionIntervalType.T, predict.T),
                 })
        {
            var fit = MetaRegression.Fit(yi, vi, design, c.Options(type), new RegressionOptions { Btt = c.Selection });
            var byRows = MetaRegression.Predict(fit, predict.Newmods);
            var rows = predict.Newmods.Count;
            var byData = MetaRegression.Predict(fit, rows, MetaregFixtures.Columns(predict.NewData));
            m.True(byRows.Issues.Count == 0 && byRows.Predictions.Count == rows, $"{type}: newmods rows gave issues or too few predictions");
            m.True(byData.Issues.Count == 0 && byData.Predictions.Count == rows,
                $"{type}: raw new data gave issues ({string.Join(" | ", byData.Issues.Select(i => i.Message))}) or too few predictions");
            if (expected is null || byRows.Predictions.Count != rows || byData.Predictions.Count != rows)
            {
                continue;
            }

            for (var i = 0; i < rows; i++)
            {
                var label = string.Create(CultureInfo.InvariantCulture, $"predict[{type}][{i}]");
                foreach (var (source, p) in new[] { ("newmods", byRows.Predictions[i]), ("newdata", byData.Predictions[i]) })
                {
                    m.Close($"{label}.{source}.pred", expected.Pred![i], p.Estimate, tol);
                    m.Close($"{label}.{source}.se", expected.Se![i], p.StandardError, tol);
                    CloseBounds(m, $"{label}.{source}.ci", expected.CiLb![i], expected.CiUb![i], p.ConfidenceInterval, tol, Math.Abs(p.Estimate));
                    m.Close($"{label}.{source}.ddf", expected.Ddf?[i], p.Df, Tolerances.ClosedForm);
                    if (fixedEffects)
                    {
                        // Contract: the PI of an EE/FE model equals its CI (metafor gives none).
                        m.Close($"{label}.{source}.pi (= CI)", p.ConfidenceInterval.Lower, p.ConfidenceInterval.Upper, p.PredictionInterval, Tolerances.ClosedForm);
                    }
                    else
                    {
                        CloseBounds(m, $"{label}.{source}.pi", expected.PiLb![i], expected.PiUb![i], p.PredictionInterval, tol, Math.Abs(p.Estimate));
                        m.Close($"{label}.{source}.pi_ddf", expected.PiDdf?[i], p.PredictionDf, Tolerances.ClosedForm);
                    }
                }
            }
        }
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
