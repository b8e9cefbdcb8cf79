namespace Evident.Core.Models;

/// <summary>What a τ² estimator returns.</summary>
/// <param name="Tau2">The estimate (≥ 0).</param>
/// <param name="StandardError">Its standard error by the estimator's own formula, or null when undefined.</param>
/// <param name="Iterations">Iterations used (0 for closed forms).</param>
/// <param name="Converged">Whether an iterative estimator met its tolerance.</param>
/// <param name="Note">An issue worth reporting (e.g. the bracketed fallback was needed), or null.</param>
internal readonly record struct Tau2Estimate(double Tau2, double? StandardError, int Iterations = 0, bool Converged = true, Issue? Note = null);

/// <summary>The studies of one analysis as the estimators see them.</summary>
internal sealed class StudyData
{
    /// <summary>Wraps validated effect sizes and sampling variances (all vᵢ &gt; 0).</summary>
    public StudyData(double[] y, double[] v, int maxIterations)
    {
        Y = y;
        V = v;
        MaxIterations = maxIterations;
        (SumV, SumOfSquares, Scale) = Summarize(y, v);
    }

    /// <summary>
    /// Σvᵢ, Σ(yᵢ − ȳ)² and the scale of the data, (Σvᵢ + Σ(yᵢ − ȳ)²)/k (1 when that is 0 or not finite): what the
    /// estimators use for starting values and tolerances.
    /// </summary>
    internal static (double SumV, double SumOfSquares, double Scale) Summarize(double[] y, double[] v)
    {
        double sumV = 0, meanY = 0;
        for (var i = 0; i < y.Length; i++)
        {
            sumV += v[i];
            meanY += y[i];
        }

        meanY /= y.Length;
        double ss = 0;
        for (var i = 0; i < y.Length; i++)
        {
            ss += (y[i] - meanY) * (y[i] - meanY);
        }

        var scale = (sumV + ss) / y.Length;
        return (sumV, ss, scale > 0 && double.IsFinite(scale) ? scale : 1);
    }

    /// <summary>Effect sizes.</summary>
    public double[] Y { get; }

    /// <summary>Sampling variances.</summary>
    public double[] V { get; }

    /// <summary>Iteration cap for iterative estimators.</summary>
    public int MaxIterations { get; }

    /// <summary>Number of studies.</summary>
    public int K => Y.Length;

    /// <summary>
    /// A natural scale for τ² in these data (the mean sampling variance plus the spread of the effects), used for
    /// stopping rules and initial brackets so that they behave the same whatever the units of yᵢ.
    /// </summary>
    public double Scale { get; }

    /// <summary>Σvᵢ.</summary>
    public double SumV { get; }

    /// <summary>Σ(yᵢ − ȳ)² about the unweighted mean (used by the Hedges and Sidik-Jonkman estimators).</summary>
    public double SumOfSquares { get; }

    /// <summary>Sums at τ² (with Σlog(vᵢ + τ²) when <paramref name="withLog"/>).</summary>
    public WeightedSums At(double tau2, bool withLog = false) => WeightedSums.At(Y, V, tau2, withLog);
}
