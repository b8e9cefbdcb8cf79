using System.Globalization;
using Evident.Core.Models;
using Evident.Core.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Evident.Core.Bias;

/// <summary>Options of <see cref="StepFunctionSelectionModel.Fit"/>, with metafor's defaults.</summary>
public sealed record SelectionModelOptions
{
    /// <summary>
    /// The p-value cut points α₁ &lt; … &lt; α_c of the step function, each in (0, 1]; 1 is added when missing (metafor's
    /// <c>steps</c>). Default (0.05, 1): one step at p = .05.
    /// </summary>
    public IReadOnlyList<double> Steps { get; init; } = [0.05, 1];

    /// <summary>How the studies' p-values are computed from zᵢ = yᵢ/√vᵢ; default one-sided, greater (pᵢ = 1 − Φ(zᵢ)).</summary>
    public TestAlternative Alternative { get; init; } = TestAlternative.Greater;

    /// <summary>
    /// The model the selection model adjusts: EE/FE fits τ² = 0, any other method a random-effects model whose τ² is
    /// estimated by maximum likelihood together with μ and the δs (as metafor). The level is used for the CIs.
    /// </summary>
    public FitOptions Fit { get; init; } = FitOptions.Default;

    /// <summary>
    /// The upper bound of each δ estimate (metafor's <c>delta.max</c>, 100); the lower bound is 0. It bounds the estimate
    /// only: the confidence interval's upper limit is not truncated, as metafor's.
    /// </summary>
    public double DeltaMaximum { get; init; } = 100;

    /// <summary>The default options.</summary>
    public static SelectionModelOptions Default { get; } = new();
}

/// <summary>The relative likelihood of selection in one p-value interval.</summary>
/// <param name="Lower">α_{j−1}, the interval's lower p-value (exclusive).</param>
/// <param name="Upper">α_j, its upper p-value (inclusive).</param>
/// <param name="K">Observed studies whose p-value is in the interval.</param>
/// <param name="Delta">δ_j (1 for the first interval, which is fixed).</param>
/// <param name="StandardError">SE of δ_j from the inverse Hessian; null for the first interval or at a bound.</param>
/// <param name="Statistic">z = (δ_j − 1)/SE, the test of δ_j = 1 (no selection).</param>
/// <param name="PValue">Its two-sided p-value.</param>
/// <param name="ConfidenceInterval">
/// δ_j ± z·SE with the lower limit floored at 0 (δ's lower bound) and the upper limit not truncated, as metafor (whose
/// upper bound for δ is ∞: <c>delta.max</c> bounds the estimate, not the interval), so it may exceed the δ maximum.
/// </param>
public sealed record SelectionWeight(double Lower, double Upper, int K, double Delta, double? StandardError, double? Statistic,
    double? PValue, Interval? ConfidenceInterval);

/// <summary>A fitted step-function selection model. Values that do not exist are null, never NaN; <see cref="Issues"/> says why.</summary>
public sealed record SelectionModelResult
{
    /// <summary>Number of studies.</summary>
    public required int K { get; init; }
    /// <summary>The cut points used (ending with 1).</summary>
    public IReadOnlyList<double> Steps { get; init; } = [];
    /// <summary>Whether τ² was estimated (random effects) or fixed at 0 (EE/FE).</summary>
    public bool RandomEffects { get; init; }
    /// <summary>The adjusted estimate of μ.</summary>
    public double? Estimate { get; init; }
    /// <summary>Its standard error (inverse Hessian).</summary>
    public double? StandardError { get; init; }
    /// <summary>z statistic of μ = 0.</summary>
    public double? Statistic { get; init; }
    /// <summary>Two-sided p-value.</summary>
    public double? PValue { get; init; }
    /// <summary>Normal CI of μ.</summary>
    public Interval? ConfidenceInterval { get; init; }
    /// <summary>The adjusted τ² (0 for EE/FE).</summary>
    public double? Tau2 { get; init; }
    /// <summary>SE of τ̂²; null for EE/FE or at the bound 0.</summary>
    public double? Tau2StandardError { get; init; }
    /// <summary>The selection weights, one per interval.</summary>
    public IReadOnlyList<SelectionWeight> Weights { get; init; } = [];
    /// <summary>The maximized log-likelihood.</summary>
    public double? LogLikelihood { get; init; }
    /// <summary>The log-likelihood of the model without selection (all δ = 1) fitted by ML.</summary>
    public double? LogLikelihoodWithoutSelection { get; init; }
    /// <summary>Likelihood-ratio statistic of all δ = 1 (no selection).</summary>
    public double? Lrt { get; init; }
    /// <summary>Its degrees of freedom (the number of δs estimated).</summary>
    public int? LrtDf { get; init; }
    /// <summary>Its p-value against χ²(df).</summary>
    public double? LrtPValue { get; init; }
    /// <summary>Likelihood-ratio statistic of τ² = 0 within the selection model (random effects only).</summary>
    public double? LrtTau2 { get; init; }
    /// <summary>Its p-value against χ²(1).</summary>
    public double? LrtTau2PValue { get; init; }
    /// <summary>Newton iterations used.</summary>
    public int Iterations { get; init; }
    /// <summary>Whether the optimizer converged.</summary>
    public bool Converged { get; init; }
    /// <summary>Errors, warnings and notes.</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}

/// <summary>
/// The step-function selection model of Vevea &amp; Hedges (1995) (also Iyengar &amp; Greenhouse 1988; Hedges 1992), as
/// metafor 3.8's <c>selmodel(type = "stepfun")</c>.
/// </summary>
public static class StepFunctionSelectionModel
{
    /// <summary>
    /// Fits by maximum likelihood the model in which yᵢ ~ N(μ, vᵢ + τ²) is observed with relative probability
    /// w(pᵢ) = δ_j for α_{j−1} &lt; pᵢ ≤ α_j, δ₁ = 1 (Vevea &amp; Hedges 1995, eq. 3–5): the log-likelihood is
    /// Σ[log φ((yᵢ − μ)/sᵢ) − log sᵢ + log δ_{j(i)} − log Σ_j δ_j P_ij], sᵢ² = vᵢ + τ², where P_ij, the probability that a
    /// study's p-value falls in interval j, is a difference of normal CDFs at the effect sizes that give the cut points
    /// (yᵢ = √vᵢ·Φ⁻¹(1 − α) one-sided). The maximum is found by Newton's method on (μ, τ², δ₂ … δ_c) with the analytic
    /// gradient, a Hessian from central differences of it, Levenberg damping and a backtracking line search inside the
    /// bounds τ² ≥ 0, 0 ≤ δ ≤ δ max. SEs come from the inverse of the negative Hessian; the LRT compares with the ML fit
    /// without selection. As metafor 3.8's <c>selmodel</c>, the model is refused when k is below the number of
    /// parameters (μ, τ² unless EE/FE, and δ₂ … δ_c; <c>too-few-studies</c>) or when an interval other than the first
    /// holds no observed p-value (<c>empty-selection-interval</c> error); an empty first interval, whose δ₁ = 1 is fixed,
    /// is fitted (the other δs then rise to their bound; an <c>empty-selection-interval</c> warning says so).
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length, or the steps are not increasing values in (0, 1].</exception>
    public static SelectionModelResult Fit(ReadOnlySpan<double> yi, ReadOnlySpan<double> vi, SelectionModelOptions? options = null)
    {
        options ??= SelectionModelOptions.Default;
        var steps = options.Steps.ToList();
        if (steps.Count == 0 || steps.Any(s => !(s > 0 && s <= 1)) || steps.Zip(steps.Skip(1)).Any(p => p.Second <= p.First))
        {
            throw new ArgumentException("Steps must be increasing values in (0, 1].", nameof(options));
        }

        if (steps[^1] < 1)
        {
            steps.Add(1);
        }

        var k = yi.Length;
        var random = options.Fit.Method is not (Tau2Method.EE or Tau2Method.FE);
        var c = steps.Count;
        var issues = BiasInput.Check(yi, vi, 1, "The selection model");
        var result = new SelectionModelResult { K = k, Steps = steps, RandomEffects = random };
        if (issues.Count > 0)
        {
            return result with { Issues = issues };
        }

        var model = new Likelihood(yi.ToArray(), vi.ToArray(), steps, options.Alternative);
        var counts = new int[c];
        foreach (var j in model.Interval)
        {
            counts[j]++;
        }

        if (c < 2)
        {
            throw new ArgumentException("Steps must define at least two intervals (a cut point below 1).", nameof(options));
        }

        // As metafor: first k against the number of parameters, then the intervals. An empty interval with an estimated δ
        // stops (the likelihood rises as that δ falls to 0, so it is not estimable); an empty first interval, whose δ₁ = 1
        // is fixed, does not.
        var parameters = 1 + (random ? 1 : 0) + (c - 1);
        if (k < parameters)
        {
            issues.Add(BiasInput.TooFew(k, parameters, "The selection model"));
            return result with { Issues = issues };
        }

        var empty = Enumerable.Range(1, c - 1).Where(j => counts[j] == 0).ToList();
        if (empty.Count > 0)
        {
            issues.Add(new Issue(IssueCodes.EmptySelectionInterval, IssueSeverity.Error, string.Create(CultureInfo.InvariantCulture,
                $"No study has a p-value in {string.Join(", ", empty.Select(j => $"({steps[j - 1]}, {steps[j]}]"))}; the selection model cannot be fitted with these steps.")));
            return result with { Issues = issues };
        }

        if (counts[0] == 0)
        {
            issues.Add(new Issue(IssueCodes.EmptySelectionInterval, IssueSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
                $"No study has a p-value in (0, {steps[0]}], the interval the other selection weights are relative to, so the largest of them rises to its maximum ({options.DeltaMaximum}); treat the selection model with caution (metafor fits it too).")));
        }

        // Start from the ML fit without selection (δ = 1).
        var ml = MetaAnalysis.Fit(yi, vi, options.Fit with { Method = random ? Tau2Method.ML : Tau2Method.EE, Tau2 = null });
        var ll0 = model.LogLikelihood(Start(ml.Estimate, random ? ml.Tau2 : 0, c, random), random);
        var lower = new double[parameters];
        var upper = new double[parameters];
        Array.Fill(lower, 0);
        Array.Fill(upper, options.DeltaMaximum);
        lower[0] = double.NegativeInfinity;
        upper[0] = double.PositiveInfinity;
        if (random)
        {
            upper[1] = double.PositiveInfinity;
        }

        var fit = Maximize(x => model.LogLikelihood(x, random), x => model.Gradient(x, random),
            Start(ml.Estimate, random ? ml.Tau2 : 0, c, random), lower, upper);
        if (!fit.Converged)
        {
            issues.Add(new Issue(IssueCodes.NotConverged, IssueSeverity.Warning,
                "The selection model's likelihood maximization did not converge; the result is the best point found."));
        }

        var x = fit.X;
        var hessian = Hessian(x => model.Gradient(x, random), x, lower, upper);
        var free = Enumerable.Range(0, parameters).Where(i => x[i] > lower[i] && x[i] < upper[i]).ToArray();
        var se = new double?[parameters];
        var negH = Matrix<double>.Build.Dense(free.Length, free.Length, (a, b) => -hessian[free[a], free[b]]);
        var cov = negH.Inverse();
        for (var a = 0; a < free.Length; a++)
        {
            var variance = cov[a, a];
            se[free[a]] = variance > 0 && double.IsFinite(variance) ? Math.Sqrt(variance) : null;
        }

        if (free.Length < parameters)
        {
            issues.Add(new Issue(IssueCodes.Undefined, IssueSeverity.Warning,
                "A parameter of the selection model is at a bound (τ² = 0 or a δ at 0 or its maximum); its SE and test are not given."));
        }

        var zCrit = Probability.NormalQuantile(1 - ((1 - (options.Fit.Level / 100)) / 2));
        var mu = x[0];
        var muSe = se[0];
        var weights = new List<SelectionWeight>(c)
        {
            new(0, steps[0], counts[0], 1, null, null, null, null),
        };
        var offset = random ? 2 : 1;
        for (var j = 1; j < c; j++)
        {
            var delta = x[offset + j - 1];
            var s = se[offset + j - 1];
            double? z = s is { } sv ? (delta - 1) / sv : null;
            weights.Add(new SelectionWeight(steps[j - 1], steps[j], counts[j], delta, s, z,
                z is { } zv ? Probability.NormalTwoSided(zv) : null,
                s is { } sd ? new Interval(Math.Max(0, delta - (zCrit * sd)), delta + (zCrit * sd)) : null));
        }

        var lrt = Math.Max(0, 2 * (fit.Value - ll0));
        double? lrtTau2 = null;
        if (random)
        {
            var fixedLower = (double[])lower.Clone();
            var fixedUpper = (double[])upper.Clone();
            fixedUpper[1] = 0;
            var start = (double[])x.Clone();
            start[1] = 0;
            var atZero = Maximize(p => model.LogLikelihood(p, true), p => model.Gradient(p, true), start, fixedLower, fixedUpper);
            lrtTau2 = Math.Max(0, 2 * (fit.Value - atZero.Value));
        }

        return result with
        {
            Estimate = mu,
            StandardError = muSe,
            Statistic = muSe is { } m ? mu / m : null,
            PValue = muSe is { } m2 ? Probability.NormalTwoSided(mu / m2) : null,
            ConfidenceInterval = muSe is { } m3 ? new Interval(mu - (zCrit * m3), mu + (zCrit * m3)) : null,
            Tau2 = random ? x[1] : 0,
            Tau2StandardError = random ? se[1] : null,
            Weights = weights,
            LogLikelihood = fit.Value,
            LogLikelihoodWithoutSelection = ll0,
            Lrt = lrt,
            LrtDf = c - 1,
            LrtPValue = Probability.ChiSquareUpperTail(lrt, c - 1),
            LrtTau2 = lrtTau2,
            LrtTau2PValue = lrtTau2 is { } l ? Probability.ChiSquareUpperTail(l, 1) : null,
            Iterations = fit.Iterations,
            Converged = fit.Converged,
            Issues = issues,
        };
    }

    private static double[] Start(double mu, double tau2, int c, bool random)
    {
        var x = new double[1 + (random ? 1 : 0) + (c - 1)];
        x[0] = mu;
        if (random)
        {
            x[1] = tau2;
        }

        for (var i = random ? 2 : 1; i < x.Length; i++)
        {
            x[i] = 1;
        }

        return x;
    }

    private readonly record struct Maximum(double[] X, double Value, int Iterations, bool Converged);

    /// <summary>
    /// Maximizes f inside the box by damped Newton steps on the free coordinates: (−H + λI)d = g with λ raised until the
    /// matrix is positive definite and the step raises f (Levenberg 1944; Marquardt 1963), steps projected into the box.
    /// Stops when a step changes f by less than 1e-14 relative and no coordinate by more than 1e-11 (relative).
    /// </summary>
    private static Maximum Maximize(Func<double[], double> f, Func<double[], double[]> gradient, double[] start, double[] lower, double[] upper)
    {
        var n = start.Length;
        var x = Project((double[])start.Clone(), lower, upper);
        var fx = f(x);
        var lambda = 1e-3;
        for (var iteration = 1; iteration <= 500; iteration++)
        {
            var g = gradient(x);
            var h = Hessian(gradient, x, lower, upper);

            // Coordinates held at a bound by a gradient pointing outwards stay there.
            var free = Enumerable.Range(0, n).Where(i => !((x[i] <= lower[i] && g[i] < 0) || (x[i] >= upper[i] && g[i] > 0))).ToArray();
            if (free.Length == 0)
            {
                return new Maximum(x, fx, iteration, true);
            }

            // Converged when the Newton decrement gᵀ(−H)⁻¹g (the predicted gain, twice) is negligible.
            try
            {
                var negH = Matrix<double>.Build.Dense(free.Length, free.Length, (a, b) => -h[free[a], free[b]]);
                var newton = negH.Cholesky().Solve(Vector<double>.Build.Dense(free.Length, a => g[free[a]]));
                var decrement = Enumerable.Range(0, free.Length).Sum(a => g[free[a]] * newton[a]);
                if (decrement >= 0 && decrement < 1e-18 * Math.Max(1, Math.Abs(fx)))
                {
                    return new Maximum(x, fx, iteration, true);
                }
            }
            catch (ArgumentException)
            {
                // Not negative definite here: keep stepping.
            }

            var improved = false;
            double[] candidate = x;
            double fc = fx;
            for (var attempt = 0; attempt < 60 && !improved; attempt++)
            {
                var m = Matrix<double>.Build.Dense(free.Length, free.Length, (a, b) => -h[free[a], free[b]] + (a == b ? lambda * Math.Max(1e-8, Math.Abs(h[free[a], free[a]])) : 0));
                var rhs = Vector<double>.Build.Dense(free.Length, a => g[free[a]]);
                Vector<double> d;
                try
                {
                    d = m.Cholesky().Solve(rhs);
                }
                catch (ArgumentException)
                {
                    lambda *= 10;
                    continue;
                }

                if (d.Exists(double.IsNaN))
                {
                    lambda *= 10;
                    continue;
                }

                candidate = (double[])x.Clone();
                for (var a = 0; a < free.Length; a++)
                {
                    candidate[free[a]] += d[a];
                }

                candidate = Project(candidate, lower, upper);
                fc = f(candidate);
                if (double.IsFinite(fc) && fc >= fx)
                {
                    improved = true;
                    lambda = Math.Max(1e-12, lambda / 10);
                }
                else
                {
                    lambda *= 10;
                }
            }

            if (!improved)
            {
                // No step raises f any more: at the maximum up to rounding when the gradient is small relative to the curvature.
                return new Maximum(x, fx, iteration, GradientSmall(g, h, free));
            }

            x = candidate;
            fx = fc;
        }

        return new Maximum(x, fx, 500, false);
    }

    private static bool GradientSmall(double[] g, double[,] h, int[] free) =>
        free.All(i => Math.Abs(g[i]) <= 1e-6 * Math.Max(1, Math.Sqrt(Math.Abs(h[i, i]))));

    private static double[] Project(double[] x, double[] lower, double[] upper)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = Math.Clamp(x[i], lower[i], upper[i]);
        }

        return x;
    }

    /// <summary>The Hessian by central differences of the analytic gradient (one-sided at a bound), symmetrized.</summary>
    private static double[,] Hessian(Func<double[], double[]> gradient, double[] x, double[] lower, double[] upper)
    {
        var n = x.Length;
        var h = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            var step = 1e-5 * Math.Max(1e-2, Math.Abs(x[j]));
            var plus = (double[])x.Clone();
            var minus = (double[])x.Clone();
            var up = Math.Min(x[j] + step, upper[j]);
            var down = Math.Max(x[j] - step, lower[j]);
            plus[j] = up;
            minus[j] = down;
            var gp = gradient(plus);
            var gm = gradient(minus);
            for (var i = 0; i < n; i++)
            {
                h[i, j] = (gp[i] - gm[i]) / (up - down);
            }
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var mean = (h[i, j] + h[j, i]) / 2;
                h[i, j] = mean;
                h[j, i] = mean;
            }
        }

        return h;
    }

    /// <summary>The selection model's log-likelihood and its gradient in (μ, [τ²,] δ₂ … δ_c).</summary>
    private sealed class Likelihood
    {
        private readonly double[] _y;
        private readonly double[] _v;
        private readonly int _c;

        // Per study and interval: the y-ranges [lower, upper) whose p-values fall in the interval (two for two-sided p).
        private readonly (double Lower, double Upper)[][][] _ranges;

        public Likelihood(double[] y, double[] v, IReadOnlyList<double> steps, TestAlternative alternative)
        {
            _y = y;
            _v = v;
            _c = steps.Count;
            Interval = new int[y.Length];
            _ranges = new (double, double)[y.Length][][];
            for (var i = 0; i < y.Length; i++)
            {
                var sd = Math.Sqrt(v[i]);
                var z = y[i] / sd;
                var p = alternative switch
                {
                    TestAlternative.Greater => Normal.CDF(0, 1, -z),
                    TestAlternative.Less => Normal.CDF(0, 1, z),
                    _ => 2 * Normal.CDF(0, 1, -Math.Abs(z)),
                };
                var j0 = 0;
                while (j0 < _c - 1 && p > steps[j0])
                {
                    j0++;
                }

                Interval[i] = j0;
                _ranges[i] = new (double, double)[_c][];
                for (var j = 0; j < _c; j++)
                {
                    var a = j == 0 ? 0 : steps[j - 1];
                    var b = steps[j];
                    _ranges[i][j] = alternative switch
                    {
                        TestAlternative.Greater => [(sd * Quantile(1 - b), sd * Quantile(1 - a))],
                        TestAlternative.Less => [(sd * Quantile(a), sd * Quantile(b))],
                        _ => [(sd * Quantile(1 - (b / 2)), sd * Quantile(1 - (a / 2))), (-sd * Quantile(1 - (a / 2)), -sd * Quantile(1 - (b / 2)))],
                    };
                }
            }
        }

        /// <summary>The interval (0-based) of each study's p-value.</summary>
        public int[] Interval { get; }

        private static double Quantile(double p) => p <= 0 ? double.NegativeInfinity : p >= 1 ? double.PositiveInfinity : Normal.InvCDF(0, 1, p);

        private static double Delta(double[] x, bool random, int j) => j == 0 ? 1 : x[(random ? 2 : 1) + j - 1];

        public double LogLikelihood(double[] x, bool random)
        {
            var mu = x[0];
            var tau2 = random ? x[1] : 0;
            double ll = 0;
            for (var i = 0; i < _y.Length; i++)
            {
                var s2 = _v[i] + tau2;
                if (!(s2 > 0))
                {
                    return double.NegativeInfinity;
                }

                var s = Math.Sqrt(s2);
                var r = _y[i] - mu;
                double a = 0;
                for (var j = 0; j < _c; j++)
                {
                    a += Delta(x, random, j) * Mass(_ranges[i][j], mu, s).P;
                }

                ll += (-0.5 * Math.Log(2 * Math.PI * s2)) - (r * r / (2 * s2)) + Math.Log(Delta(x, random, Interval[i])) - Math.Log(a);
            }

            return double.IsNaN(ll) ? double.NegativeInfinity : ll;
        }

        public double[] Gradient(double[] x, bool random)
        {
            var mu = x[0];
            var tau2 = random ? x[1] : 0;
            var g = new double[x.Length];
            var first = random ? 2 : 1;
            for (var i = 0; i < _y.Length; i++)
            {
                var s2 = _v[i] + tau2;
                var s = Math.Sqrt(s2);
                var r = _y[i] - mu;
                double a = 0, dMu = 0, dTau2 = 0;
                var masses = new double[_c];
                for (var j = 0; j < _c; j++)
                {
                    var (p, pMu, pTau2) = Mass(_ranges[i][j], mu, s);
                    var delta = Delta(x, random, j);
                    masses[j] = p;
                    a += delta * p;
                    dMu += delta * pMu;
                    dTau2 += delta * pTau2;
                }

                g[0] += (r / s2) - (dMu / a);
                if (random)
                {
                    g[1] += (-0.5 / s2) + (r * r / (2 * s2 * s2)) - (dTau2 / a);
                }

                for (var j = 1; j < _c; j++)
                {
                    g[first + j - 1] += (Interval[i] == j ? 1 / Delta(x, random, j) : 0) - (masses[j] / a);
                }
            }

            return g;
        }

        /// <summary>
        /// P(l ≤ Y &lt; u) for Y ~ N(μ, s²) summed over the ranges, with its derivatives in μ and τ² (∂s/∂τ² = 1/(2s)):
        /// ∂P/∂μ = −(φ(b) − φ(a))/s and ∂P/∂τ² = −(bφ(b) − aφ(a))/(2s²) for a = (l − μ)/s, b = (u − μ)/s.
        /// </summary>
        private static (double P, double DMu, double DTau2) Mass((double Lower, double Upper)[] ranges, double mu, double s)
        {
            double p = 0, dMu = 0, dTau2 = 0;
            foreach (var (l, u) in ranges)
            {
                var a = (l - mu) / s;
                var b = (u - mu) / s;

                // Implementation note: the difference is taken in the tail away from the mean, where both CDFs are small,
                // so that a far interval keeps its relative precision.
                p += a > 0 ? Normal.CDF(0, 1, -a) - Normal.CDF(0, 1, -b) : Normal.CDF(0, 1, b) - Normal.CDF(0, 1, a);
                var phiA = double.IsInfinity(a) ? 0 : Normal.PDF(0, 1, a);
                var phiB = double.IsInfinity(b) ? 0 : Normal.PDF(0, 1, b);
                dMu -= (phiB - phiA) / s;
                dTau2 -= ((double.IsInfinity(b) ? 0 : b * phiB) - (double.IsInfinity(a) ? 0 : a * phiA)) / (2 * s * s);
            }

            return (p, dMu, dTau2);
        }
    }
}
