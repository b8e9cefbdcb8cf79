namespace Evident.Core.Models;

/// <summary>What a τ² estimator returns.</summary>
/// <param name="Tau2">The estimate (≥ 0).</param>
/// <param name="StandardError">Its standard error by the estimator's own formula, or null when undefined.</param>
/// <param name="Iterations">Iterations used (0 for closed forms).</param>
/// <param name="Converged">Whether an iterative estimator met its tolerance.</param>
/// <param name="Note">An issue worth reporting (e.g. the bracketed fallback was needed), or null.</param>
internal readonly record struct Tau2Estimate(double Tau2, double? StandardError, int Iterations = 0, bool Converged = true, Issue? Note = null);

/// <summary>The studies of one analysis as the estimators see them.</summary>
/// <param name="Y">Effect sizes.</param>
/// <param name="V">Sampling variances (all &gt; 0).</param>
/// <param name="MaxIterations">Iteration cap for iterative estimators.</param>
internal sealed record StudyData(double[] Y, double[] V, int MaxIterations)
{
    /// <summary>Number of studies.</summary>
    public int K => Y.Length;

    /// <summary>Sums at τ².</summary>
    public WeightedSums At(double tau2) => WeightedSums.At(Y, V, tau2);

    /// <summary>
    /// A natural scale for τ² in these data (the mean sampling variance plus the spread of the effects), used for
    /// stopping rules and initial brackets so that they behave the same whatever the units of yᵢ.
    /// </summary>
    public double Scale
    {
        get
        {
            double meanV = 0, meanY = 0;
            for (var i = 0; i < K; i++)
            {
                meanV += V[i];
                meanY += Y[i];
            }

            meanV /= K;
            meanY /= K;
            double ss = 0;
            for (var i = 0; i < K; i++)
            {
                ss += (Y[i] - meanY) * (Y[i] - meanY);
            }

            var scale = meanV + (ss / K);
            return scale > 0 ? scale : 1;
        }
    }
}
