namespace Evident.Core.Models;

/// <summary>
/// The sums over studies that every intercept-only quantity needs, at one value of τ², with weights
/// wᵢ = 1/(vᵢ + τ²). Two passes (the weighted mean first, then residual sums) so large effects do not cancel.
/// </summary>
/// <remarks>
/// Implementation note: the intercept-only model needs only traces and quadratic forms of
/// P = W − w wᵀ/Σw, and each is a short sum (e.g. tr P = Σw − Σw²/Σw), so nothing here is O(k²).
/// </remarks>
internal readonly record struct WeightedSums(
    double Tau2,
    double SumW,
    double SumW2,
    double SumW3,
    double Mu,
    double Rss,
    double Rss2,
    double SumLogV)
{
    /// <summary>tr(P) = Σw − Σw²/Σw.</summary>
    public double TraceP => SumW - (SumW2 / SumW);

    /// <summary>tr(PP) = Σw² − 2Σw³/Σw + (Σw²/Σw)².</summary>
    public double TracePP => SumW2 - (2 * SumW3 / SumW) + (SumW2 / SumW * (SumW2 / SumW));

    /// <summary>
    /// Computes the sums at <paramref name="tau2"/>; Σlog(vᵢ + τ²) only when <paramref name="withLog"/> is set
    /// (the likelihood needs it, nothing else does, and the logarithm dominates the cost of a pass).
    /// </summary>
    public static WeightedSums At(ReadOnlySpan<double> y, ReadOnlySpan<double> v, double tau2, bool withLog = false)
    {
        double sumW = 0, sumWy = 0, sumW2 = 0, sumW3 = 0, sumLogV = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var total = v[i] + tau2;
            var w = 1 / total;
            sumW += w;
            sumWy += w * y[i];
            sumW2 += w * w;
            sumW3 += w * w * w;
        }

        if (withLog)
        {
            for (var i = 0; i < v.Length; i++)
            {
                sumLogV += Math.Log(v[i] + tau2);
            }
        }

        var mu = sumWy / sumW;
        double rss = 0, rss2 = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var w = 1 / (v[i] + tau2);
            var r = y[i] - mu;
            rss += w * r * r;
            rss2 += w * w * r * r;
        }

        return new WeightedSums(tau2, sumW, sumW2, sumW3, mu, rss, rss2, sumLogV);
    }

    /// <summary>
    /// tr(P Σ P Σ) for P built from weights aᵢ = <paramref name="weight"/>(vᵢ) and Σ = diag(<paramref name="sigma"/>(vᵢ)):
    /// Σ(aᵢsᵢ)² − 2Σaᵢ³sᵢ²/Σa + (Σaᵢ²sᵢ)²/(Σa)². Var(yᵀPy) = 2 tr(PΣPΣ) when Var(y) = Σ (Searle 1971, Theorem 1 of ch. 2).
    /// </summary>
    public static double TracePSigmaPSigma(ReadOnlySpan<double> v, Func<double, double> weight, Func<double, double> sigma)
    {
        double sumA = 0, sumAs2 = 0, sumA3s2 = 0, sumA2s = 0;
        for (var i = 0; i < v.Length; i++)
        {
            var a = weight(v[i]);
            var s = sigma(v[i]);
            sumA += a;
            sumAs2 += a * s * (a * s);
            sumA3s2 += a * a * a * s * s;
            sumA2s += a * a * s;
        }

        return sumAs2 - (2 * sumA3s2 / sumA) + (sumA2s / sumA * (sumA2s / sumA));
    }
}
