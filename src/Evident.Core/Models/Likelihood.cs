namespace Evident.Core.Models;

/// <summary>
/// The (restricted) log-likelihood of the random-effects model yᵢ ~ N(μ, vᵢ + τ²) profiled over μ, its score and
/// Fisher information in τ², and their maximization (Hardy &amp; Thompson 1996; Viechtbauer 2005, eqs. 5–8).
/// Constants that do not depend on τ² are dropped.
/// </summary>
/// <remarks>
/// ML: ℓ = −½[Σlog(vᵢ+τ²) + Σwᵢ(yᵢ−μ̂)²], score ½[Σwᵢ²(yᵢ−μ̂)² − Σwᵢ], information ½Σwᵢ².
/// REML: ℓ = −½[Σlog(vᵢ+τ²) + log Σwᵢ + Σwᵢ(yᵢ−μ̂)²], score ½[Σwᵢ²(yᵢ−μ̂)² − tr P], information ½ tr(PP).
/// </remarks>
internal static class Likelihood
{
    /// <summary>Log-likelihood from sums at τ².</summary>
    public static double LogLikelihood(in WeightedSums s, bool restricted) =>
        -0.5 * (s.SumLogV + s.Rss + (restricted ? Math.Log(s.SumW) : 0));

    /// <summary>Twice the score.</summary>
    public static double Score2(in WeightedSums s, bool restricted) => s.Rss2 - (restricted ? s.TraceP : s.SumW);

    /// <summary>Twice the Fisher information.</summary>
    public static double Information2(in WeightedSums s, bool restricted) => restricted ? s.TracePP : s.SumW2;

    /// <summary>
    /// Maximizes the (restricted) likelihood over τ² ≥ 0 from <paramref name="start"/> (see
    /// <see cref="LikelihoodMaximizer.Maximize"/>).
    /// </summary>
    public static Tau2Estimate Maximize(StudyData data, bool restricted, double start)
        => LikelihoodMaximizer.Maximize(new Surface(data, restricted), restricted, start, gridPoints: 400);

    /// <summary>The likelihood of the model without moderators from the O(k) weighted sums.</summary>
    private readonly struct Surface(StudyData data, bool restricted) : ILikelihoodSurface
    {
        public int K => data.K;

        public double Scale => data.Scale;

        public int MaxIterations => data.MaxIterations;

        public LikelihoodPoint Point(double tau2)
        {
            var sums = data.At(tau2, withLog: true);
            return new(LogLikelihood(sums, restricted), Likelihood.Score2(sums, restricted), Information2(sums, restricted));
        }

        public double Score2(double tau2) => Likelihood.Score2(data.At(tau2), restricted);
    }
}
