namespace Evident.Core.Models.Regression;

/// <summary>The studies and design of one meta-regression as the estimators see them (validated: all vᵢ &gt; 0, X of full rank).</summary>
internal sealed class RegressionData
{
    public RegressionData(double[] y, double[] v, double[] x, int p, int maxIterations)
    {
        Y = y;
        V = v;
        X = x;
        P = p;
        MaxIterations = maxIterations;
        (SumV, SumOfSquares, Scale) = StudyData.Summarize(y, v);
    }

    /// <summary>Effect sizes.</summary>
    public double[] Y { get; }

    /// <summary>Sampling variances.</summary>
    public double[] V { get; }

    /// <summary>Design, k×p column-major.</summary>
    public double[] X { get; }

    /// <summary>Number of studies.</summary>
    public int K => Y.Length;

    /// <summary>Number of coefficients.</summary>
    public int P { get; }

    /// <summary>Residual degrees of freedom k − p.</summary>
    public int ResidualDf => K - P;

    /// <summary>Iteration cap for iterative estimators.</summary>
    public int MaxIterations { get; }

    /// <summary>Σvᵢ.</summary>
    public double SumV { get; }

    /// <summary>Σ(yᵢ − ȳ)² about the unweighted mean.</summary>
    public double SumOfSquares { get; }

    /// <summary>A natural scale for τ² (mean vᵢ plus the spread of yᵢ), for stopping rules and initial brackets.</summary>
    public double Scale { get; }

    /// <summary>The weighted fit with weights 1/(vᵢ + τ²).</summary>
    public WeightedFit At(double tau2)
    {
        var w = new double[K];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = 1 / (V[i] + tau2);
        }

        return Fit(w);
    }

    /// <summary>The ordinary (unweighted) least-squares fit.</summary>
    public WeightedFit Unweighted()
    {
        var w = new double[K];
        Array.Fill(w, 1.0);
        return Fit(w);
    }

    /// <summary>Σ log(vᵢ + τ²).</summary>
    public double SumLogV(double tau2)
    {
        double sum = 0;
        foreach (var v in V)
        {
            sum += Math.Log(v + tau2);
        }

        return sum;
    }

    /// <summary>The vector vᵢ + τ² (the marginal variances).</summary>
    public double[] MarginalVariances(double tau2) => V.Select(v => v + tau2).ToArray();

    private WeightedFit Fit(double[] weights) =>
        WeightedFit.Compute(this, weights)
        ?? throw new InvalidOperationException("The weighted design is numerically singular although the design has full rank.");
}
