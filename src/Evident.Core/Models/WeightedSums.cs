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
    double Mu,
    double Rss,
    double Rss2,
    double SumLogV,
    double TraceP,
    double TracePP)
{
    /// <summary>
    /// Computes the sums at <paramref name="tau2"/>; Σlog(vᵢ + τ²) only when <paramref name="withLog"/> is set
    /// (the likelihood needs it, nothing else does, and the logarithm dominates the cost of a pass).
    /// </summary>
    /// <remarks>
    /// Implementation note: tr P = Σw − Σw²/Σw and tr(PP) = Σw² − 2Σw³/Σw + (Σw²/Σw)² cancel catastrophically
    /// when one study carries nearly all the weight. They are summed instead in the cancellation-free forms
    /// tr P = Σᵢ wᵢ(1 − pᵢ) and tr(PP) = Σᵢ wᵢ²(1 − pᵢ)² + Σ_{i≠j} wᵢ²wⱼ²/(Σw)², pᵢ = wᵢ/Σw, where 1 − pₘ for the
    /// heaviest study m is computed as (Σ_{j≠m} wⱼ)/Σw.
    /// </remarks>
    public static WeightedSums At(ReadOnlySpan<double> y, ReadOnlySpan<double> v, double tau2, bool withLog = false)
    {
        double sumW = 0, sumWy = 0, maxW = 0;
        var heaviest = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var w = 1 / (v[i] + tau2);
            sumW += w;
            sumWy += w * y[i];
            if (w > maxW)
            {
                maxW = w;
                heaviest = i;
            }
        }

        var mu = sumWy / sumW;
        double rss = 0, rss2 = 0, sumW2 = 0;
        double rest = 0, rest2 = 0, rest4 = 0, restTrace = 0, restTrace2 = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var w = 1 / (v[i] + tau2);
            var r = y[i] - mu;
            var w2 = w * w;
            rss += w * r * r;
            rss2 += w2 * r * r;
            sumW2 += w2;
            if (i != heaviest)
            {
                var complement = 1 - (w / sumW);
                rest += w;
                rest2 += w2;
                rest4 += w2 * w2;
                restTrace += w * complement;
                restTrace2 += w2 * complement * complement;
            }
        }

        double sumLogV = 0;
        if (withLog)
        {
            for (var i = 0; i < v.Length; i++)
            {
                sumLogV += Math.Log(v[i] + tau2);
            }
        }

        var heavyComplement = rest / sumW;
        var traceP = (maxW * heavyComplement) + restTrace;
        var cross = (2 * maxW * maxW * rest2) + Math.Max(0, (rest2 * rest2) - rest4);
        var tracePP = (maxW * maxW * heavyComplement * heavyComplement) + restTrace2 + (cross / sumW / sumW);
        return new WeightedSums(tau2, sumW, sumW2, mu, rss, rss2, sumLogV, traceP, tracePP);
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

        return Math.Max(0, sumAs2 - (2 * sumA3s2 / sumA) + (sumA2s / sumA * (sumA2s / sumA)));
    }
}
