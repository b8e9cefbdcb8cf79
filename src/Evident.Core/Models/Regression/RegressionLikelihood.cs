namespace Evident.Core.Models.Regression;

/// <summary>
/// The (restricted) log-likelihood of the mixed-effects model yᵢ ~ N(xᵢᵀβ, vᵢ + τ²) profiled over β, its score and
/// Fisher information in τ² (Raudenbush 2009, ch. 16; Viechtbauer 2005; Harville 1977), and their maximization.
/// </summary>
/// <remarks>
/// ML: ℓ = −½[k log 2π + Σlog(vᵢ + τ²) + yᵀPy], score ½[yᵀPPy − Σwᵢ], information ½Σwᵢ².
/// REML: ℓ = −½[(k − p) log 2π + Σlog(vᵢ + τ²) + log|XᵀWX| − log|XᵀX| + yᵀPy], score ½[yᵀPPy − tr P], information
/// ½ tr(PP). The log|XᵀX| term makes the REML likelihood invariant to a reparameterization of X (it is the form metafor
/// reports).
/// </remarks>
internal static class RegressionLikelihood
{
    /// <summary>The full log-likelihood (with constants) of a fit at τ².</summary>
    public static double LogLikelihood(RegressionData data, WeightedFit fit, double tau2, bool restricted, double logDetXtX)
    {
        var n = restricted ? data.ResidualDf : data.K;
        var ll = -0.5 * ((n * Math.Log(2 * Math.PI)) + data.SumLogV(tau2) + fit.Rss);
        return restricted ? ll - (0.5 * (fit.LogDetXtAX - logDetXtX)) : ll;
    }

    /// <summary>
    /// Maximizes the (restricted) likelihood over τ² ≥ 0 from <paramref name="start"/> (see
    /// <see cref="LikelihoodMaximizer.Maximize"/>).
    /// </summary>
    public static Tau2Estimate Maximize(RegressionData data, bool restricted, double start)
        => LikelihoodMaximizer.Maximize(new Surface(data, restricted), restricted, start, gridPoints: 200);

    /// <summary>The log-likelihood without its constant terms (what the maximization compares).</summary>
    private static double Objective(RegressionData data, WeightedFit fit, double tau2, bool restricted) =>
        -0.5 * (data.SumLogV(tau2) + fit.Rss + (restricted ? fit.LogDetXtAX : 0));

    private static double Score2(WeightedFit fit, bool restricted) => fit.Rss2 - (restricted ? fit.TraceP : fit.SumWeights);

    private static double Information2(WeightedFit fit, bool restricted) => restricted ? fit.TracePP() : fit.SumWeights2;

    /// <summary>The likelihood of the meta-regression from the weighted least-squares fit at τ² (p×p algebra).</summary>
    private readonly struct Surface(RegressionData data, bool restricted) : ILikelihoodSurface
    {
        public int K => data.K;

        public double Scale => data.Scale;

        public int MaxIterations => data.MaxIterations;

        public LikelihoodPoint Point(double tau2)
        {
            var fit = data.At(tau2);
            return new(Objective(data, fit, tau2, restricted), RegressionLikelihood.Score2(fit, restricted), Information2(fit, restricted));
        }

        public double Score2(double tau2) => RegressionLikelihood.Score2(data.At(tau2), restricted);
    }
}
