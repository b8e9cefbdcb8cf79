using Evident.Core.Models;
using Evident.Core.Models.Regression;
using Evident.Core.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Evident.Core.Sensitivity;

/// <summary>
/// Influence diagnostics of a meta-regression (Viechtbauer &amp; Cheung 2010; Belsley, Kuh &amp; Welsch 1980; Cook 1977),
/// from the model refitted without each study with the same estimator and test. Only p×p matrices are formed: k refits
/// of O(k·p²) each.
/// </summary>
/// <remarks>
/// With W = diag(1/(vᵢ + τ̂²)), C = (XᵀWX)⁻¹, Var(β̂) = s²C (s² the Knapp-Hartung factor under knha/adhoc, else 1) and
/// deleted fit i giving β̂₍₋ᵢ₎, τ̂²₍₋ᵢ₎, s²₍₋ᵢ₎ and Var(β̂₍₋ᵢ₎): hᵢ = wᵢxᵢᵀCxᵢ; rstandard (yᵢ − xᵢᵀβ̂)/√(vᵢ + τ̂² − xᵢᵀCxᵢ);
/// rstudent (yᵢ − xᵢᵀβ̂₍₋ᵢ₎)/√(s²₍₋ᵢ₎(vᵢ + τ̂²₍₋ᵢ₎) + xᵢᵀVar(β̂₍₋ᵢ₎)xᵢ); DFFITS xᵢᵀ(β̂ − β̂₍₋ᵢ₎)/√(s²₍₋ᵢ₎hᵢ(τ̂²₍₋ᵢ₎ + vᵢ));
/// Cook's D (β̂ − β̂₍₋ᵢ₎)ᵀVar(β̂)⁻¹(β̂ − β̂₍₋ᵢ₎); cov.r det Var(β̂₍₋ᵢ₎)/det Var(β̂); DFBETASⱼ (β̂ⱼ − β̂ⱼ₍₋ᵢ₎)/√(s²₍₋ᵢ₎[(XᵀW̃X)⁻¹]ⱼⱼ)
/// with W̃ the weights of all k studies at τ̂²₍₋ᵢ₎ (as metafor 3.8-1 evaluates them).
/// </remarks>
internal static class ModeratorInfluence
{
    public static InfluenceResult Compute(MetaRegressionResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var design = fit.Design;
        var k = fit.K;
        var p = fit.P;
        var names = design.ColumnNames.ToArray();
        var issues = new List<Issue>();
        if (k - p < 1)
        {
            issues.Add(new Issue(IssueCodes.SensitivityTooFewStudies, IssueSeverity.Warning,
                "Influence diagnostics need more studies than coefficients (k > p): without one study the model cannot be fitted."));
            return new InfluenceResult { K = k, P = p, CoefficientNames = names, Tau2 = fit.Tau2, Q = fit.QE, Rows = [], Issues = issues };
        }

        var y = fit.Yi.ToArray();
        var v = fit.Vi.ToArray();
        var x = design.Values.ToArray();
        var beta = fit.Coefficients.Select(c => c.Estimate).ToArray();
        var variance = Matrix<double>.Build.DenseOfRowMajor(p, p, fit.Covariance);
        var varianceDeterminant = variance.Determinant();
        var weights = v.Select(vi => 1 / (vi + fit.Tau2)).ToArray();
        var crossProduct = CrossProduct(x, k, p, weights, -1);
        var c = crossProduct.Inverse();
        // Var(β̂)⁻¹ = XᵀWX/s², taken from XᵀWX rather than by inverting Var(β̂) (better conditioned).
        var scale = Scale(fit, y, v, x, k, p, -1, beta);
        var varianceInverse = crossProduct / scale;
        var dffitsCut = 3 * Math.Sqrt(p / (double)(k - p));
        var cookCut = Probability.ChiSquareQuantile(0.5, p);
        var hatCut = 3.0 * p / k;
        var rows = new InfluenceRow[k];
        var undefined = new List<int>();
        var xi = new double[p];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < p; j++)
            {
                xi[j] = x[(j * k) + i];
            }

            var xCx = Quadratic(c, xi);
            var hat = weights[i] * xCx;
            var resid = y[i] - Dot(xi, beta);
            var seStandard = Math.Sqrt(Math.Max(0, v[i] + fit.Tau2 - xCx));
            var standardized = new StandardizedResidual(resid, seStandard > 0 ? seStandard : null, Influence.Ratio(resid, seStandard));

            var deleted = Refit(fit, y, v, x, k, p, i);
            var finite = deleted is not null && deleted.Coefficients.All(b => double.IsFinite(b.Estimate)) && deleted.Covariance.All(double.IsFinite);
            if (!finite)
            {
                undefined.Add(i);
                rows[i] = new InfluenceRow
                {
                    Study = i,
                    Standardized = standardized,
                    Studentized = null,
                    Hat = hat,
                    WeightPercent = 100 * weights[i] / weights.Sum(),
                    Dfbetas = new double?[p],
                    IsInfluential = hat > hatCut,
                };
                continue;
            }

            var betaDeleted = deleted!.Coefficients.Select(b => b.Estimate).ToArray();
            var varianceDeleted = Matrix<double>.Build.DenseOfRowMajor(p, p, deleted.Covariance);
            var tau2Deleted = deleted.Tau2;
            var s2 = Scale(deleted, y, v, x, k, p, i, betaDeleted);
            var delta = Vector<double>.Build.Dense(p, j => beta[j] - betaDeleted[j]);
            var deletedResid = y[i] - Dot(xi, betaDeleted);
            var seStudent = Math.Sqrt((s2 * (v[i] + tau2Deleted)) + Quadratic(varianceDeleted, xi));
            var dffits = Influence.Ratio(Dot(xi, delta.AsArray()), Math.Sqrt(s2 * hat * (tau2Deleted + v[i])));
            double? cook = scale > 0 && double.IsFinite(scale) ? delta * varianceInverse * delta : null;
            var covRatio = Influence.Ratio(varianceDeleted.Determinant(), varianceDeterminant);
            var tilde = CrossProduct(x, k, p, [.. v.Select(vi => 1 / (vi + tau2Deleted))], -1).Inverse();
            var dfbetas = new double?[p];
            for (var j = 0; j < p; j++)
            {
                dfbetas[j] = Influence.Ratio(delta[j], Math.Sqrt(s2 * tilde[j, j]));
            }

            var studentized = new StandardizedResidual(deletedResid, seStudent > 0 ? seStudent : null, Influence.Ratio(deletedResid, seStudent));
            if (dffits is null || cook is null || covRatio is null || dfbetas.Any(d => d is null) || studentized.Z is null)
            {
                undefined.Add(i);
            }

            rows[i] = new InfluenceRow
            {
                Study = i,
                Standardized = standardized,
                Studentized = studentized,
                Dffits = dffits,
                CooksDistance = cook,
                CovarianceRatio = covRatio,
                Tau2Deleted = tau2Deleted,
                QDeleted = deleted.QE,
                Hat = hat,
                WeightPercent = 100 * weights[i] / weights.Sum(),
                Dfbetas = dfbetas,
                IsInfluential = Math.Abs(dffits ?? 0) > dffitsCut || (cook ?? 0) > cookCut || hat > hatCut || dfbetas.Any(d => Math.Abs(d ?? 0) > 1),
            };
        }

        if (undefined.Count > 0)
        {
            issues.Add(Influence.Undefined(undefined));
        }

        return new InfluenceResult { K = k, P = p, CoefficientNames = names, Tau2 = fit.Tau2, Q = fit.QE, Rows = rows, Issues = issues };
    }

    /// <summary>The model refitted without study <paramref name="omit"/> (same columns, estimator, test and level).</summary>
    private static MetaRegressionResult? Refit(MetaRegressionResult fit, double[] y, double[] v, double[] x, int k, int p, int omit)
    {
        var n = k - 1;
        var yd = new double[n];
        var vd = new double[n];
        var xd = new double[n * p];
        for (int i = 0, r = 0; i < k; i++)
        {
            if (i == omit)
            {
                continue;
            }

            yd[r] = y[i];
            vd[r] = v[i];
            for (var j = 0; j < p; j++)
            {
                xd[(j * n) + r] = x[(j * k) + i];
            }

            r++;
        }

        if (DenseAlgebra.IndependentColumns(xd, n, p).Count < p)
        {
            return null;
        }

        var design = new DesignMatrix(n, [.. Enumerable.Range(0, n)], [.. fit.Design.ColumnNames], xd, fit.Design.HasIntercept, [], [], null, null);
        return RegressionFitter.Fit(yd, vd, design, fit.Options, RegressionOptions.Default);
    }

    /// <summary>
    /// A fit's Knapp-Hartung factor Σwⱼ(yⱼ − xⱼᵀβ̂)²/(n − p) over its n studies (all but <paramref name="omit"/>; 1 for z and t;
    /// at least 1 for adhoc).
    /// </summary>
    private static double Scale(MetaRegressionResult deleted, double[] y, double[] v, double[] x, int k, int p, int omit, double[] beta)
    {
        if (deleted.Test is TestMethod.Z or TestMethod.T)
        {
            return 1;
        }

        double rss = 0;
        for (var i = 0; i < k; i++)
        {
            if (i == omit)
            {
                continue;
            }

            double fitted = 0;
            for (var j = 0; j < p; j++)
            {
                fitted += x[(j * k) + i] * beta[j];
            }

            rss += (y[i] - fitted) * (y[i] - fitted) / (v[i] + deleted.Tau2);
        }

        var factor = rss / (k - (omit >= 0 ? 1 : 0) - p);
        return deleted.Test == TestMethod.ADHOC ? Math.Max(1, factor) : factor;
    }

    /// <summary>XᵀWX (p×p) over the studies except <paramref name="omit"/>.</summary>
    private static Matrix<double> CrossProduct(double[] x, int k, int p, double[] w, int omit)
    {
        var m = Matrix<double>.Build.Dense(p, p);
        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                double sum = 0;
                for (var i = 0; i < k; i++)
                {
                    if (i != omit)
                    {
                        sum += w[i] * x[(a * k) + i] * x[(b * k) + i];
                    }
                }

                m[a, b] = sum;
                m[b, a] = sum;
            }
        }

        return m;
    }

    private static double Quadratic(Matrix<double> m, double[] xi)
    {
        double sum = 0;
        for (var a = 0; a < xi.Length; a++)
        {
            for (var b = 0; b < xi.Length; b++)
            {
                sum += xi[a] * m[a, b] * xi[b];
            }
        }

        return sum;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var j = 0; j < a.Length; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }
}
