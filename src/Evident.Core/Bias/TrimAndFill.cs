using System.Globalization;
using Evident.Core.Models;
using Evident.Core.Models.Regression;

namespace Evident.Core.Bias;

/// <summary>The estimator of the number of missing studies (Duval &amp; Tweedie 2000a, 2000b).</summary>
public enum TrimAndFillEstimator
{
    /// <summary>The linear estimator L0 = (4Tₙ − n(n + 1))/(2n − 1), from Wilcoxon's signed-rank statistic Tₙ (metafor's default).</summary>
    L0,
    /// <summary>The run estimator R0 = γ* − 1, γ* the length of the rightmost run of positive centred effects in rank order; it comes with a test of k0 = 0.</summary>
    R0,
    /// <summary>The quadratic estimator Q0 = n − 1/2 − √(2n² − 4Tₙ + 1/4).</summary>
    Q0,
}

/// <summary>The side of the funnel plot where studies are missing.</summary>
public enum FunnelSide
{
    /// <summary>Studies are missing on the left (low effects); the largest effects are trimmed and mirrored to the left.</summary>
    Left,
    /// <summary>Studies are missing on the right (high effects); the smallest effects are trimmed and mirrored to the right.</summary>
    Right,
}

/// <summary>Options of <see cref="TrimAndFill.Run"/>, with metafor's defaults.</summary>
public sealed record TrimAndFillOptions
{
    /// <summary>The estimator of k0; default L0.</summary>
    public TrimAndFillEstimator Estimator { get; init; } = TrimAndFillEstimator.L0;

    /// <summary>The side where studies are missing, or null (default) to choose it from the data as metafor does.</summary>
    public FunnelSide? Side { get; init; }

    /// <summary>The model used while trimming and for the final fit (τ² estimator, test, level); default REML, z, 95 %.</summary>
    public FitOptions Fit { get; init; } = FitOptions.Default;

    /// <summary>The iteration cap of the trimming (metafor's <c>maxiter</c>, 100).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>The default options.</summary>
    public static TrimAndFillOptions Default { get; } = new();
}

/// <summary>An imputed ("filled") study: the mirror image of a trimmed study about the trimmed estimate.</summary>
/// <param name="Source">0-based index of the observed study it mirrors.</param>
/// <param name="Yi">The imputed effect size, 2θ̂ − y_source.</param>
/// <param name="Vi">Its sampling variance (the source's).</param>
public readonly record struct FilledStudy(int Source, double Yi, double Vi);

/// <summary>
/// The trim-and-fill analysis. Values that do not exist are null, never NaN; <see cref="Issues"/> says why.
/// </summary>
public sealed record TrimAndFillResult
{
    /// <summary>The estimator used.</summary>
    public required TrimAndFillEstimator Estimator { get; init; }
    /// <summary>Number of observed studies.</summary>
    public required int K { get; init; }
    /// <summary>The estimated number of missing studies (the estimator rounded, at least 0); null when not computed.</summary>
    public int? K0 { get; init; }
    /// <summary>The estimator before rounding (can be negative).</summary>
    public double? K0Unrounded { get; init; }
    /// <summary>Standard error of k0 (Duval &amp; Tweedie 2000a), evaluated at the unrounded estimate as metafor does.</summary>
    public double? K0StandardError { get; init; }
    /// <summary>For R0: the p-value of the test that no studies are missing on the side, P(R0 ≥ r) = 2^−(r+1); null otherwise.</summary>
    public double? K0PValue { get; init; }
    /// <summary>The side where studies were imputed.</summary>
    public FunnelSide? Side { get; init; }
    /// <summary>Whether the side was chosen from the data (not given).</summary>
    public bool SideEstimated { get; init; }
    /// <summary>The imputed studies (for a funnel plot, drawn as open points).</summary>
    public IReadOnlyList<FilledStudy> Filled { get; init; } = [];
    /// <summary>The estimate from the trimmed data about which the studies were mirrored.</summary>
    public double? TrimmedEstimate { get; init; }
    /// <summary>The pooled fit on the observed plus imputed studies (the observed fit when k0 = 0).</summary>
    public MetaAnalysisResult? Fit { get; init; }
    /// <summary>Iterations of trimming until k0 repeated.</summary>
    public int Iterations { get; init; }
    /// <summary>Whether k &lt; 10, below the Cochrane Handbook's minimum for asymmetry methods (an info issue says so).</summary>
    public bool FewStudies => K < BiasInput.RecommendedMinimumStudies;
    /// <summary>Errors, warnings and notes.</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}

/// <summary>The nonparametric trim-and-fill method (Duval &amp; Tweedie 2000a, 2000b), as metafor 3.8's <c>trimfill</c>.</summary>
public static class TrimAndFill
{
    /// <summary>
    /// Estimates the number k0 of studies missing on one side of the funnel plot, imputes them and refits.
    /// With the effects turned so that studies are missing on the left, sorted, iterate until k0 repeats: fit the model to
    /// the n − k0 smallest effects (θ̂), centre all n effects at θ̂, rank |yᵢ − θ̂| (ties get average ranks), Tₙ = the sum of
    /// the ranks of positive deviations, and k0 = max(0, round(estimator)) with L0, R0 or Q0 (Duval &amp; Tweedie 2000a, eq.
    /// 2–4). The k0 largest effects are then mirrored about θ̂ (yᵢ* = 2θ̂ − yᵢ, same vᵢ) and the model refitted to the n +
    /// k0 studies. Var(Tₙ) = [n(n+1)(2n+1) + 10k0³ + 27k0² + 17k0 − 18nk0² − 18nk0 + 6n²k0]/24, Var(L0) = 16Var(Tₙ)/(2n − 1)²,
    /// Var(Q0) = 4Var(Tₙ)/((n − 1/2)² − k0(2n − k0 − 1)), Var(R0) = 2k0 + 2 (Duval &amp; Tweedie 2000a, §3). Unless given,
    /// the side is chosen from the slope of the meta-regression of yᵢ on √vᵢ with the same model: studies are taken to be
    /// missing on the right when it is negative, on the left otherwise (as metafor). Needs 3 studies.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static TrimAndFillResult Run(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, TrimAndFillOptions? options = null)
    {
        options ??= TrimAndFillOptions.Default;
        const string Method = "Trim and fill";
        var n = yi.Length;
        var issues = BiasInput.Check(yi, vi, 3, Method);
        var result = new TrimAndFillResult { Estimator = options.Estimator, K = n };
        if (issues.Count > 0)
        {
            return result with { Issues = issues };
        }

        if (BiasInput.FewStudies(n, Method) is { } few)
        {
            issues.Add(few);
        }

        if (BiasInput.AllEqual(yi))
        {
            // The funnel is a vertical line: nothing is asymmetric (the centred effects would only be rounding noise).
            issues.Add(new Issue(IssueCodes.IdenticalEffects, IssueSeverity.Info, "All effects are identical: no studies are missing (k0 = 0)."));
            return result with
            {
                K0 = 0,
                K0Unrounded = 0,
                Side = options.Side ?? FunnelSide.Left,
                SideEstimated = options.Side is null,
                TrimmedEstimate = yi[0],
                Fit = MetaAnalysis.Fit(yi, vi, options.Fit),
                Issues = issues,
            };
        }

        var side = options.Side ?? ChooseSide(yi, vi, options.Fit, issues);
        var sign = side == FunnelSide.Right ? -1.0 : 1.0;
        var yArray = yi.ToArray();
        var vArray = vi.ToArray();
        var order = Enumerable.Range(0, n).OrderBy(i => sign * yArray[i]).ToArray();
        var y = order.Select(i => sign * yArray[i]).ToArray();
        var v = order.Select(i => vArray[i]).ToArray();

        int k0 = 0, previous = -1, iterations = 0;
        double theta = 0, raw = 0, tn = 0;
        while (k0 != previous)
        {
            previous = k0;
            if (++iterations > Math.Max(1, options.MaxIterations))
            {
                issues.Add(new Issue(IssueCodes.NotConverged, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                    $"Trim and fill did not converge in {options.MaxIterations} iterations (k0 alternates); it was not computed.")));
                return result with { Side = side, SideEstimated = options.Side is null, Iterations = iterations - 1, Issues = issues };
            }

            theta = MetaAnalysis.Fit(y.AsSpan(0, n - k0), v.AsSpan(0, n - k0), options.Fit).Estimate;
            (tn, var rightmostRun) = SignedRanks(y, theta);
            var disc = (2.0 * n * n) - (4 * tn) + 0.25;
            double? estimate = options.Estimator switch
            {
                TrimAndFillEstimator.L0 => ((4 * tn) - (n * (n + 1.0))) / ((2.0 * n) - 1),
                TrimAndFillEstimator.R0 => rightmostRun - 1,
                _ => disc >= 0 ? n - 0.5 - Math.Sqrt(disc) : null,
            };
            if (estimate is not { } value)
            {
                issues.Add(new Issue(IssueCodes.Undefined, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                    $"The Q0 estimator is undefined (Tn = {tn} exceeds n²/2 + 1/16 with n = {n}); use L0 or R0.")));
                return result with { Side = side, SideEstimated = options.Side is null, Iterations = iterations, Issues = issues };
            }

            raw = value;
            k0 = Math.Min(n - 1, Math.Max(0, (int)Math.Round(raw, MidpointRounding.ToEven)));
        }

        var filled = new FilledStudy[k0];
        for (var j = 0; j < k0; j++)
        {
            var s = n - 1 - j;
            filled[j] = new FilledStudy(order[s], sign * ((2 * theta) - y[s]), v[s]);
        }

        var allY = new double[n + k0];
        var allV = new double[n + k0];
        yi.CopyTo(allY);
        vi.CopyTo(allV);
        for (var j = 0; j < k0; j++)
        {
            allY[n + j] = filled[j].Yi;
            allV[n + j] = filled[j].Vi;
        }

        var fit = MetaAnalysis.Fit(allY, allV, options.Fit);
        var varT = (n * (n + 1.0) * ((2.0 * n) + 1) + (10 * raw * raw * raw) + (27 * raw * raw) + (17 * raw)
            - (18 * n * raw * raw) - (18 * n * raw) + (6.0 * n * n * raw)) / 24;
        var variance = options.Estimator switch
        {
            TrimAndFillEstimator.L0 => 16 * varT / (((2.0 * n) - 1) * ((2.0 * n) - 1)),
            TrimAndFillEstimator.R0 => (2 * Math.Max(0, raw)) + 2,
            _ => 4 * varT / (((n - 0.5) * (n - 0.5)) - (raw * ((2.0 * n) - raw - 1))),
        };

        return result with
        {
            K0 = k0,
            K0Unrounded = raw,
            K0StandardError = variance >= 0 && double.IsFinite(variance) ? Math.Sqrt(variance) : null,
            K0PValue = options.Estimator == TrimAndFillEstimator.R0 ? Math.Pow(0.5, Math.Max(0, raw) + 1) : null,
            Side = side,
            SideEstimated = options.Side is null,
            Filled = filled,
            TrimmedEstimate = sign * theta,
            Fit = fit,
            Iterations = iterations,
            Issues = issues,
        };
    }

    /// <summary>
    /// Wilcoxon's signed-rank sum Tₙ of y − θ (average ranks of |y − θ| for ties, Wilcoxon 1945) and γ*, the number of
    /// largest |y − θ| that are all positive.
    /// </summary>
    private static (double Tn, int RightmostRun) SignedRanks(double[] y, double theta)
    {
        var n = y.Length;
        var d = y.Select(x => x - theta).ToArray();
        var byAbs = Enumerable.Range(0, n).OrderBy(i => Math.Abs(d[i])).ToArray();
        double tn = 0;
        for (var start = 0; start < n;)
        {
            var end = start;
            while (end + 1 < n && Math.Abs(d[byAbs[end + 1]]) == Math.Abs(d[byAbs[start]]))
            {
                end++;
            }

            var rank = ((start + end) / 2.0) + 1;
            for (var j = start; j <= end; j++)
            {
                if (d[byAbs[j]] > 0)
                {
                    tn += rank;
                }
            }

            start = end + 1;
        }

        var run = 0;
        for (var j = n - 1; j >= 0 && d[byAbs[j]] > 0; j--)
        {
            run++;
        }

        return (tn, run);
    }

    /// <summary>metafor's rule: the slope of yᵢ on √vᵢ in the same model; negative means studies missing on the right.</summary>
    private static FunnelSide ChooseSide(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, FitOptions fit, List<Issue> issues)
    {
        var sei = new double[vi.Length];
        for (var i = 0; i < vi.Length; i++)
        {
            sei[i] = Math.Sqrt(vi[i]);
        }

        var design = BiasInput.AllEqual(sei) ? null : DesignMatrix.FromColumns(["sei"], [sei]).Design;
        if (design is null || design.P != 2)
        {
            issues.Add(new Issue(IssueCodes.NoPredictorSpread, IssueSeverity.Warning,
                "Every study has the same standard error, so the side cannot be chosen from the funnel's asymmetry; the left side was used."));
            return FunnelSide.Left;
        }

        var slope = MetaRegression.Fit(yi, vi, design, fit).Coefficients[1].Estimate;
        return slope < 0 ? FunnelSide.Right : FunnelSide.Left;
    }
}
