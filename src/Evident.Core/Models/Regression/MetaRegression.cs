using System.Globalization;

namespace Evident.Core.Models.Regression;

/// <summary>
/// Entry point for mixed-effects meta-regression: metafor's <c>rma(yi, vi, mods = …)</c>, its <c>predict</c> and
/// <c>anova</c>. Time O(k·p²) per τ² evaluation and memory O(k·p): weighted least squares by a QR decomposition of
/// W^{1/2}X; no k×k hat or projection matrix is ever formed.
/// </summary>
/// <remarks>
/// β̂ = (XᵀWX)⁻¹XᵀWy with wᵢ = 1/(vᵢ + τ̂²) and Var(β̂) = (XᵀWX)⁻¹ (Raudenbush 2009; Thompson &amp; Sharp 1999); Knapp &amp;
/// Hartung (2003) multiply it by yᵀPy/(k − p) and use t(k − p) for the coefficients and F(m, k − p) for the omnibus
/// test ("adhoc": the factor truncated below at 1). τ² estimators of the residual heterogeneity: DL, HE, HS, HSk, SJ,
/// ML, REML, EB, PM, PMM (DLIT as its PM fixed point), one class each under Regression/Estimators. Q_E = yᵀPy with wᵢ = 1/vᵢ tests the
/// residual heterogeneity on k − p df; I² = 100·τ̂²/(τ̂² + s²) and H² = τ̂²/s² + 1 with s² = (k − p)/tr P
/// (Higgins &amp; Thompson 2002, as metafor generalizes them).
/// </remarks>
public static class MetaRegression
{
    /// <summary>
    /// Fits the meta-regression of <paramref name="yi"/> (sampling variances <paramref name="vi"/>) on
    /// <paramref name="design"/>. <paramref name="yi"/> and <paramref name="vi"/> hold one value per input row of the
    /// design (<see cref="DesignMatrix.InputRows"/>); rows the design left out are ignored. <see cref="FitOptions"/> gives the
    /// τ² estimator, the test, the level, the iteration cap and the prediction-interval type used by <see cref="Predict(MetaRegressionResult, IReadOnlyList{IReadOnlyList{double}})"/>;
    /// its <see cref="FitOptions.Tau2Ci"/> is not used (no confidence interval for the residual τ² yet).
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ from the design's input rows, the level is outside (0, 100), or a used row has a non-finite yᵢ or a vᵢ that is not a positive finite number.</exception>
    public static MetaRegressionResult Fit(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, DesignMatrix design,
        FitOptions? options = null, RegressionOptions? regression = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        options ??= FitOptions.Default;
        regression ??= RegressionOptions.Default;
        if (yi.Length != vi.Length)
        {
            throw new ArgumentException("yi and vi must have the same length.", nameof(vi));
        }

        if (yi.Length != design.InputRows)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"yi has {yi.Length} values but the design was built from {design.InputRows} rows."), nameof(yi));
        }

        if (!(options.Level > 0 && options.Level < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Level must be between 0 and 100 (percent).");
        }

        var k = design.K;
        var y = new double[k];
        var v = new double[k];
        for (var i = 0; i < k; i++)
        {
            var row = design.Rows[i];
            y[i] = yi[row];
            v[i] = vi[row];
            if (!double.IsFinite(y[i]) || !double.IsFinite(v[i]) || v[i] <= 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Study {row}: yi must be finite and vi a positive finite number."), nameof(vi));
            }
        }

        return RegressionFitter.Fit(y, v, design, options, regression);
    }

    /// <summary>
    /// The meta-regression on one categorical column, <c>~ factor(group)</c>: its τ̂² is the common (pooled) residual
    /// heterogeneity of subgroups, e.g. <c>MetaRegression.FitGroups(yi, vi, subgroup, options).Tau2</c> with REML.
    /// A study with a null group is left out (<c>missing-moderator</c>); one group only gives the model without moderators.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Fit"/>, or no study has a group.</exception>
    public static MetaRegressionResult FitGroups(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, IReadOnlyList<string?> groups,
        FitOptions? options = null)
    {
        var design = DesignMatrix.ForGroups(groups);
        if (design.Design is null)
        {
            throw new ArgumentException(string.Join(" ", design.Issues.Select(i => i.Message)), nameof(groups));
        }

        return Fit(yi, vi, design.Design, options);
    }

    /// <summary>
    /// The same fit with the omnibus test on other coefficients (metafor's <c>anova(fit, btt = …)</c>); nothing is refitted.
    /// An invalid selection gives a null <see cref="MetaRegressionResult.ModeratorTest"/> and an <c>invalid-btt</c> issue.
    /// </summary>
    public static MetaRegressionResult TestCoefficients(MetaRegressionResult fit, CoefficientSelection btt)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(btt);
        var beta = fit.Coefficients.Select(c => c.Estimate).ToArray();
        var (test, problem) = RegressionFitter.ModeratorTestFor(fit.Design, beta, fit.Covariance, btt, fit.Test, fit.ResidualDf);
        var issues = fit.Issues.Where(i => i.Code != IssueCodes.InvalidBtt).ToList();
        if (problem is not null)
        {
            issues.Add(problem);
        }

        return fit with { ModeratorTest = test, Issues = issues };
    }

    /// <summary>
    /// Predictions for new moderator values (metafor's <c>predict(fit, newmods = …)</c>): each row holds the values of the
    /// non-intercept columns in design order (all columns when the model has no intercept). Estimate x₀ᵀβ̂, SE √(x₀ᵀVx₀),
    /// CI with the fit's test distribution, PI x₀ᵀβ̂ ± c·√(SE² + τ̂²) with c from <see cref="FitOptions.PredictionInterval"/>:
    /// normal for test z and t(k − p) otherwise (metafor), t(k − p − 1) (Riley; at least 1 df), or t(k − p).
    /// A row of the wrong length or with a non-finite value is left out with a <c>newmods-mismatch</c> issue.
    /// </summary>
    public static PredictionResult Predict(MetaRegressionResult fit, IReadOnlyList<IReadOnlyList<double>> newmods)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(newmods);
        var p = fit.P;
        var offset = fit.Design.HasIntercept ? 1 : 0;
        var expected = p - offset;
        var issues = new List<Issue>();
        var rows = new List<(int Row, double[] X)>();
        for (var r = 0; r < newmods.Count; r++)
        {
            var values = newmods[r];
            if (values.Count != expected || values.Any(x => !double.IsFinite(x)))
            {
                issues.Add(new Issue(IssueCodes.NewmodsMismatch, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                    $"Row {r + 1} of the new moderator values needs {expected} finite values ({string.Join(", ", fit.Design.ColumnNames.Skip(offset))}); it has {values.Count}{(values.Any(x => !double.IsFinite(x)) ? " with a non-finite one" : string.Empty)}."),
                    r));
                continue;
            }

            var x = new double[p];
            if (offset == 1)
            {
                x[0] = 1;
            }

            for (var j = 0; j < expected; j++)
            {
                x[j + offset] = values[j];
            }

            rows.Add((r, x));
        }

        return new PredictionResult(rows.Select(r => PredictRow(fit, r.Row, r.X)).ToList(), issues);
    }

    /// <summary>
    /// Predictions for new raw variable values (the columns the formula reads), run through the fit's formula with its
    /// factor levels and coding (<see cref="DesignMatrix.ForNewData"/>); otherwise as
    /// <see cref="Predict(MetaRegressionResult, IReadOnlyList{IReadOnlyList{double}})"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The fit's design was given as a matrix, not built from a formula.</exception>
    public static PredictionResult Predict(MetaRegressionResult fit, int rows, IReadOnlyList<ModeratorColumn> newdata)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var built = fit.Design.ForNewData(rows, newdata);
        if (built.Design is not { } design)
        {
            return new PredictionResult([], built.Issues);
        }

        var predictions = new List<RegressionPrediction>(design.K);
        var x = new double[design.P];
        for (var i = 0; i < design.K; i++)
        {
            for (var j = 0; j < design.P; j++)
            {
                x[j] = design[i, j];
            }

            predictions.Add(PredictRow(fit, design.Rows[i], x));
        }

        return new PredictionResult(predictions, built.Issues);
    }

    /// <summary>
    /// The likelihood-ratio test of two nested models fitted to the same data (metafor's <c>anova(full, reduced)</c>; the
    /// order of the arguments does not matter). ML fits are compared by their ML likelihoods, REML fits by their REML
    /// likelihoods (an <c>lrt-reml-fixed-effects</c> warning when the fixed effects differ, as metafor warns), other
    /// methods by the ML likelihood at their τ̂² (<c>lrt-not-likelihood</c>). Not computed (<c>lrt-not-meaningful</c>) for
    /// different data, equal numbers of parameters or REML against a non-REML fit; a <c>models-not-nested</c> warning
    /// when the reduced model's columns are not in the span of the full model's.
    /// </summary>
    public static ModelComparison Compare(MetaRegressionResult first, MetaRegressionResult second) => ModelComparer.Compare(first, second);

    private static RegressionPrediction PredictRow(MetaRegressionResult fit, int row, double[] x)
    {
        var p = fit.P;
        double estimate = 0, variance = 0;
        for (var a = 0; a < p; a++)
        {
            estimate += x[a] * fit.Coefficients[a].Estimate;
            for (var b = 0; b < p; b++)
            {
                variance += x[a] * fit.CovarianceAt(a, b) * x[b];
            }
        }

        var se = Math.Sqrt(Math.Max(0, variance));
        var alpha = 1 - (fit.Level / 100);
        var crit = RegressionFitter.Critical(alpha, fit.Df);
        var ci = new Interval(estimate - (crit * se), estimate + (crit * se));
        var isCommon = fit.Method is Tau2Method.EE or Tau2Method.FE;
        if (isCommon)
        {
            return new RegressionPrediction(row, estimate, se, ci, ci, fit.Df, null);
        }

        var residualDf = fit.ResidualDf;
        double? piDf = fit.Options.PredictionInterval switch
        {
            PredictionIntervalType.Riley => residualDf > 0 ? Math.Max(1, residualDf - 1) : null,
            PredictionIntervalType.T => residualDf > 0 ? residualDf : null,
            _ => fit.Df,
        };
        var piCrit = RegressionFitter.Critical(alpha, piDf);
        var half = piCrit * Math.Sqrt((se * se) + fit.Tau2);
        return new RegressionPrediction(row, estimate, se, ci, new Interval(estimate - half, estimate + half), fit.Df, piDf);
    }
}
