using System.Globalization;
using Evident.Core.Models;
using Evident.Core.Numerics;

namespace Evident.Core.Sensitivity;

/// <summary>
/// Outlier and influence diagnostics of the intercept-only model (Viechtbauer &amp; Cheung 2010, §§3.2–3.4; Belsley,
/// Kuh &amp; Welsch 1980 for DFFITS, DFBETAS and the covariance ratio; Cook 1977), from the k leave-one-out fits of
/// <see cref="Deletions"/>, in O(1) per study once those are known.
/// </summary>
/// <remarks>
/// With wᵢ = 1/(vᵢ + τ̂²), W = Σw and hᵢ = wᵢ/W; deleted fit i has τ̂²₍₋ᵢ₎, μ̂₍₋ᵢ₎, W₍₋ᵢ₎ = Σ_{j≠i} 1/(vⱼ + τ̂²₍₋ᵢ₎) and
/// Var(μ̂₍₋ᵢ₎) = s²₍₋ᵢ₎/W₍₋ᵢ₎, s² the Knapp-Hartung factor under knha/adhoc (1 otherwise); Var(μ̂) is the full fit's
/// (scaled likewise):
/// rstandard (yᵢ − μ̂)/√(vᵢ + τ̂² − 1/W); rstudent (yᵢ − μ̂₍₋ᵢ₎)/√(s²₍₋ᵢ₎(vᵢ + τ̂²₍₋ᵢ₎) + Var(μ̂₍₋ᵢ₎));
/// DFFITS (μ̂ − μ̂₍₋ᵢ₎)/√(s²₍₋ᵢ₎hᵢ(τ̂²₍₋ᵢ₎ + vᵢ)); Cook's D (μ̂ − μ̂₍₋ᵢ₎)²/Var(μ̂); cov.r Var(μ̂₍₋ᵢ₎)/Var(μ̂);
/// DFBETAS (μ̂ − μ̂₍₋ᵢ₎)/√(s²₍₋ᵢ₎/W̃), W̃ = Σ_all 1/(vⱼ + τ̂²₍₋ᵢ₎) = W₍₋ᵢ₎ + 1/(vᵢ + τ̂²₍₋ᵢ₎). These are the
/// definitions metafor 3.8-1 evaluates (checked against its output for z, knha and adhoc).
/// </remarks>
internal static class Influence
{
    public static InfluenceResult Compute(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, FitOptions? options)
    {
        var deletions = Deletions.Compute(yi, vi, options, "Influence diagnostics", out var issues);
        if (deletions is null)
        {
            return new InfluenceResult { K = yi.Length, P = 1, CoefficientNames = ["intrcpt"], Tau2 = 0, Q = 0, Rows = [], Issues = issues };
        }

        var full = deletions.Full;
        var k = deletions.K;
        var rows = new InfluenceRow[deletions.Fits.Length];
        if (rows.Length == 0)
        {
            return new InfluenceResult { K = k, P = 1, CoefficientNames = ["intrcpt"], Tau2 = full.Tau2, Q = full.Q, Rows = rows, Issues = issues };
        }

        var y = deletions.Y;
        var v = deletions.V;
        var tau2 = full.Tau2;
        double sumW = 0;
        for (var i = 0; i < k; i++)
        {
            sumW += 1 / (v[i] + tau2);
        }

        var variance = full.StandardError * full.StandardError;
        const int P = 1;
        var dffitsCut = 3 * Math.Sqrt(P / (double)(k - P));
        var cookCut = Probability.ChiSquareQuantile(0.5, P);
        var hatCut = 3.0 * P / k;
        var undefined = new List<int>();
        for (var i = 0; i < k; i++)
        {
            var fit = deletions.Fits[i];
            var w = 1 / (v[i] + tau2);
            var hat = w / sumW;
            var rstandardSe = Math.Sqrt(Math.Max(0, v[i] + tau2 - (1 / sumW)));
            var resid = y[i] - full.Estimate;
            var standardized = new StandardizedResidual(resid, Positive(rstandardSe), Ratio(resid, rstandardSe));

            var s2 = RowBuilder.Scale(RowBuilder.TestFor(deletions.Options.Test, fit.K), fit);
            var deletedVariance = s2 / fit.AtTau2.SumW;
            var delta = full.Estimate - fit.AtTau2.Mu;
            var deletedResid = y[i] - fit.AtTau2.Mu;
            var studentSe = Math.Sqrt((s2 * (v[i] + fit.Tau2)) + deletedVariance);
            var studentized = new StandardizedResidual(deletedResid, Positive(studentSe), Ratio(deletedResid, studentSe));
            var dffits = Ratio(delta, Math.Sqrt(s2 * hat * (fit.Tau2 + v[i])));
            var cook = variance > 0 ? delta * delta / variance : (double?)null;
            var covRatio = variance > 0 ? deletedVariance / variance : (double?)null;
            var allWeights = fit.AtTau2.SumW + (1 / (v[i] + fit.Tau2));
            var dfbetas = Ratio(delta, Math.Sqrt(s2 / allWeights));
            if (dffits is null || cook is null || covRatio is null || dfbetas is null || studentized.Z is null)
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
                Tau2Deleted = fit.Tau2,
                QDeleted = fit.Q,
                Hat = hat,
                WeightPercent = 100 * hat,
                Dfbetas = [dfbetas],
                IsInfluential = Math.Abs(dffits ?? 0) > dffitsCut || (cook ?? 0) > cookCut || hat > hatCut || Math.Abs(dfbetas ?? 0) > 1,
            };
        }

        if (undefined.Count > 0)
        {
            issues.Add(Undefined(undefined));
        }

        return new InfluenceResult { K = k, P = P, CoefficientNames = ["intrcpt"], Tau2 = tau2, Q = full.Q, Rows = rows, Issues = issues };
    }

    /// <summary>The issue naming the studies some of whose diagnostics are undefined.</summary>
    internal static Issue Undefined(List<int> studies) => new(IssueCodes.InfluenceUndefined, IssueSeverity.Warning,
        string.Create(CultureInfo.InvariantCulture,
            $"Some diagnostics are undefined (a zero standard error or scale, e.g. identical effects under the Knapp-Hartung test) for {(studies.Count == 1 ? "study" : "studies")} {string.Join(", ", studies.Select(s => s + 1))}; they are null."),
        studies.Count == 1 ? studies[0] : null);

    /// <summary>a/b when b &gt; 0 and the ratio is finite, else null.</summary>
    internal static double? Ratio(double a, double b)
    {
        var r = a / b;
        return b > 0 && double.IsFinite(r) ? r : null;
    }

    private static double? Positive(double x) => x > 0 && double.IsFinite(x) ? x : null;
}
