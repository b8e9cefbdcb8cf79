namespace Evident.Core.Sensitivity;

/// <summary>
/// Baujat et al. (2002) plot coordinates, generalized to random-effects models as Viechtbauer (2021) and metafor's
/// <c>baujat</c>: x is the squared Pearson residual (yᵢ − μ̂)²/(vᵢ + τ̂²) (study i's term of Cochran's Q when τ² = 0),
/// y the squared change of the estimate when study i is left out, standardized by the deleted fit's variance,
/// (μ̂ − μ̂₍₋ᵢ₎)²/Var(μ̂₍₋ᵢ₎) (Knapp-Hartung scaled under knha/adhoc). From the leave-one-out fits of <see cref="Deletions"/>.
/// </summary>
internal static class Baujat
{
    public static BaujatResult Compute(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, Models.FitOptions? options)
    {
        var deletions = Deletions.Compute(yi, vi, options, "The Baujat plot", out var issues);
        if (deletions is null)
        {
            return new BaujatResult { X = [], Y = [], Issues = issues };
        }

        var full = deletions.Full;
        var k = deletions.Fits.Length;
        var x = new double[k];
        var y = new double?[k];
        for (var i = 0; i < k; i++)
        {
            var r = deletions.Y[i] - full.Estimate;
            x[i] = r * r / (deletions.V[i] + full.Tau2);
            var delta = full.Estimate - deletions.Fits[i].AtTau2.Mu;
            y[i] = Influence.Ratio(delta * delta, deletions.DeletedVariance(i));
        }

        return new BaujatResult { Fit = full, X = x, Y = y, Issues = issues };
    }
}
