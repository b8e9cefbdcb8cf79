using Evident.Core.Models;
using Evident.Core.Models.Estimators;
using Evident.Core.Numerics;

namespace Evident.Core.Sensitivity;

/// <summary>
/// Weighted sums over a set of studies at one τ², kept about a fixed centre c so that studies can be added and
/// removed in O(1): Σw, Σw², Σw³, Σw·d, Σw²·d, Σw·d², Σw²·d² with wᵢ = 1/(vᵢ + τ²) and dᵢ = yᵢ − c.
/// </summary>
/// <remarks>
/// Everything an intercept-only fit needs follows from them (Hedges &amp; Vevea 1998; Viechtbauer 2005): μ̂ = c + Σwd/Σw,
/// Σwᵢ(yᵢ − μ̂)² = Σwd² − (Σwd)²/Σw, Σwᵢ²(yᵢ − μ̂)² = Σw²d² − 2mΣw²d + m²Σw² (m = μ̂ − c), tr P = Σw − Σw²/Σw and
/// tr(PP) = Σw² − 2Σw³/Σw + (Σw²/Σw)². Removing study i subtracts its terms, so the sums of the k leave-one-out sets
/// at the full fit's τ² cost O(1) each.
/// </remarks>
internal struct Moments
{
    public double Centre;
    public int Count;
    public double W;
    public double W2;
    public double W3;
    public double Wd;
    public double W2d;
    public double Wdd;
    public double W2dd;

    public Moments(double centre)
    {
        Centre = centre;
    }

    public void Add(double y, double w)
    {
        var d = y - Centre;
        var w2 = w * w;
        Count++;
        W += w;
        W2 += w2;
        W3 += w2 * w;
        Wd += w * d;
        W2d += w2 * d;
        Wdd += w * d * d;
        W2dd += w2 * d * d;
    }

    public readonly Moments Without(double y, double w)
    {
        var copy = this;
        var d = y - Centre;
        var w2 = w * w;
        copy.Count--;
        copy.W -= w;
        copy.W2 -= w2;
        copy.W3 -= w2 * w;
        copy.Wd -= w * d;
        copy.W2d -= w2 * d;
        copy.Wdd -= w * d * d;
        copy.W2dd -= w2 * d * d;
        return copy;
    }

    /// <summary>m = μ̂ − c.</summary>
    public readonly double Shift => Wd / W;

    public readonly double Mu => Centre + Shift;

    public readonly double Rss => Math.Max(0, Wdd - (Wd * Shift));

    public readonly double Rss2
    {
        get
        {
            var m = Shift;
            return Math.Max(0, W2dd - (2 * m * W2d) + (m * m * W2));
        }
    }

    public readonly double TraceP => W - (W2 / W);

    public readonly double TracePP
    {
        get
        {
            var r = W2 / W;
            return W2 - (2 * W3 / W) + (r * r);
        }
    }

    /// <summary>
    /// Whether tr P = Σw − Σw²/Σw has lost more than about three digits to cancellation (one study carries nearly all
    /// the weight); the caller then recomputes the traces in cancellation-free form.
    /// </summary>
    public readonly bool TracesUnreliable => !(TraceP > 1e-3 * W);
}

/// <summary>The intercept-only sums a fit needs at one τ².</summary>
internal readonly record struct SubsetSums(double SumW, double SumW2, double Mu, double Rss, double Rss2, double TraceP, double TracePP)
{
    public static SubsetSums From(in Moments m) => new(m.W, m.W2, m.Mu, m.Rss, m.Rss2, m.TraceP, m.TracePP);

    public static SubsetSums From(in WeightedSums s) => new(s.SumW, s.SumW2, s.Mu, s.Rss, s.Rss2, s.TraceP, s.TracePP);
}

/// <summary>One fit to a subset of the studies: what a leave-one-out, cumulative or GOSH row is built from.</summary>
/// <param name="K">Number of studies in the subset.</param>
/// <param name="Tau2">τ̂² of the subset (0 for EE/FE; the given value when τ² is fixed).</param>
/// <param name="AtTau2">Sums at τ̂².</param>
/// <param name="Q">Cochran's Q of the subset.</param>
/// <param name="TraceP0">tr P at τ² = 0 (for the typical within-study variance (k − 1)/tr P).</param>
/// <param name="Converged">Whether the τ² estimator converged.</param>
internal readonly record struct SubsetFit(int K, double Tau2, SubsetSums AtTau2, double Q, double TraceP0, bool Converged);

/// <summary>
/// Fits the intercept-only model to subsets of one set of studies (all but one, a prefix, any subset), warm-starting
/// the τ² iteration and evaluating each τ² in one O(k) pass with no copies and no k×k matrices.
/// </summary>
/// <remarks>
/// REML and ML solve the score equation of the (restricted) likelihood (Viechtbauer 2005, eqs. 7–8), PM and EB the
/// generalized Q equation Σwᵢ(yᵢ − μ̂)² = k − 1 (Paule &amp; Mandel 1982; DerSimonian &amp; Kacker 2007), DL and HE their
/// closed forms (DerSimonian &amp; Laird 1986; Hedges 1983), all as <see cref="MetaAnalysis.Fit"/> does. Other estimators
/// (SJ, HS, HSk, PMM, DLIT) run the same estimator classes as <see cref="MetaAnalysis.Fit"/> on a copy of the subset.
/// Implementation note: a root is bracketed from the warm start (typically τ̂² of the full data, which the root of a
/// leave-one-out set is close to) by steps of twice the Fisher-scoring step, then solved by Brent's method (Brent 1973),
/// so each fit costs about a dozen passes whatever the data. When the score at τ² = 0 is ≤ 0 the boundary is a local
/// maximum and an interior one may exist too (and be higher); such a fit is handed to <see cref="Likelihood.Maximize"/>
/// from the Hedges start, which locates the global one exactly as the full fit does.
/// </remarks>
internal sealed class SubsetFitter
{
    private readonly double[] _y;
    private readonly double[] _v;
    private readonly FitOptions _options;
    private readonly double[] _scratchY;
    private readonly double[] _scratchV;
    private readonly double _scale;

    /// <param name="y">Effects, in the order subsets refer to them.</param>
    /// <param name="v">Sampling variances (all &gt; 0).</param>
    /// <param name="options">The fit's options.</param>
    public SubsetFitter(double[] y, double[] v, FitOptions options)
    {
        _y = y;
        _v = v;
        _options = options;
        _scratchY = new double[y.Length];
        _scratchV = new double[y.Length];
        _scale = new StudyData(y, v, 1).Scale;
    }

    public FitOptions Options => _options;

    /// <summary>
    /// The sums of all studies as series in τ² about the full fit's τ̂² (<see cref="MomentSeries"/>), used for the sets
    /// that leave one study out; null: every τ² is an exact pass.
    /// </summary>
    public MomentSeries? Series { get; init; }

    /// <summary>
    /// The sums of the prefixes as series in τ² (<see cref="PrefixSeries"/>), used for the sets of a cumulative analysis
    /// (the first <c>count</c> studies); null: every τ² is an exact pass.
    /// </summary>
    public PrefixSeries? Prefix { get; init; }

    private bool IsCommon => _options.Method is Tau2Method.EE or Tau2Method.FE;

    /// <summary>Moments of the studies in [0, count) except <paramref name="excluded"/> at τ² about <paramref name="centre"/>.</summary>
    public Moments Pass(int count, int excluded, double tau2, double centre)
    {
        var m = new Moments(centre);
        for (var j = 0; j < count; j++)
        {
            if (j != excluded)
            {
                m.Add(_y[j], 1 / (_v[j] + tau2));
            }
        }

        return m;
    }

    /// <summary>Moments of the studies listed in <paramref name="members"/> at τ².</summary>
    public Moments Pass(ReadOnlySpan<int> members, double tau2, double centre)
    {
        var m = new Moments(centre);
        foreach (var j in members)
        {
            m.Add(_y[j], 1 / (_v[j] + tau2));
        }

        return m;
    }

    /// <summary>
    /// Fits the studies in [0, count) except <paramref name="excluded"/> (−1 for none).
    /// <paramref name="atZero"/> are their moments at τ² = 0; <paramref name="atStart"/>, if known, their moments at
    /// <paramref name="start"/>, the warm start for an iterative τ² estimator.
    /// </summary>
    public SubsetFit Fit(int count, int excluded, in Moments atZero, double start, Moments? atStart = null)
    {
        var k = atZero.Count;
        var centre = atZero.Mu;
        var zeroSums = Reliable(atZero, count, excluded, 0);
        var q = k > 1 ? zeroSums.Rss : 0;
        var traceP0 = k > 1 ? zeroSums.TraceP : 0;
        var tau2 = 0.0;
        var converged = true;
        if (!IsCommon)
        {
            if (_options.Tau2 is { } given)
            {
                tau2 = given;
            }
            else if (k > 1)
            {
                (tau2, converged) = EstimateTau2(count, excluded, k, atZero, zeroSums, start, atStart);
            }
        }

        SubsetSums sums;
        if (tau2 == 0)
        {
            sums = zeroSums;
        }
        else if (atStart is { } s && tau2 == start)
        {
            sums = Reliable(s, count, excluded, tau2);
        }
        else
        {
            sums = SumsAt(count, excluded, tau2, centre, atZero, start, atStart);
        }

        return new SubsetFit(k, tau2, sums, q, traceP0, converged);
    }

    /// <summary>Fits the studies listed in <paramref name="members"/> (GOSH subsets), warm-started at <paramref name="start"/>.</summary>
    public SubsetFit Fit(ReadOnlySpan<int> members, double start)
    {
        // Gather the subset into the scratch arrays and fit it as a prefix of them.
        var n = members.Length;
        for (var j = 0; j < n; j++)
        {
            _scratchY[j] = _y[members[j]];
            _scratchV[j] = _v[members[j]];
        }

        var prefix = new SubsetFitter(_scratchY, _scratchV, _options, _scale);
        var atZero = prefix.Pass(n, -1, 0, 0);
        atZero.Centre = atZero.Mu;
        atZero = prefix.Pass(n, -1, 0, atZero.Centre);
        return prefix.Fit(n, -1, atZero, start);
    }

    private SubsetFitter(double[] y, double[] v, FitOptions options, double scale)
    {
        _y = y;
        _v = v;
        _options = options;
        _scratchY = [];
        _scratchV = [];
        _scale = scale;
    }

    /// <summary>The sums from moments, recomputed in cancellation-free form when one study dominates the weights.</summary>
    private SubsetSums Reliable(in Moments m, int count, int excluded, double tau2)
    {
        if (m.Count <= 1 || !m.TracesUnreliable)
        {
            return SubsetSums.From(m);
        }

        var (y, v) = Copy(count, excluded);
        return SubsetSums.From(WeightedSums.At(y, v, tau2));
    }

    private (double[] Y, double[] V) Copy(int count, int excluded)
    {
        var n = 0;
        var y = new double[count - (excluded >= 0 && excluded < count ? 1 : 0)];
        var v = new double[y.Length];
        for (var j = 0; j < count; j++)
        {
            if (j != excluded)
            {
                y[n] = _y[j];
                v[n] = _v[j];
                n++;
            }
        }

        return (y, v);
    }

    private (double Tau2, bool Converged) EstimateTau2(int count, int excluded, int k, in Moments atZero, in SubsetSums zeroSums,
        double start, Moments? atStart)
    {
        switch (_options.Method)
        {
            case Tau2Method.DL:
                return (Math.Max(0, (zeroSums.Rss - (k - 1)) / zeroSums.TraceP), true);
            case Tau2Method.HE:
                return (Hedges(count, excluded, k), true);
            case Tau2Method.REML:
            case Tau2Method.ML:
                return Likelihood(count, excluded, k, atZero, zeroSums, start, atStart, _options.Method == Tau2Method.REML);
            case Tau2Method.PM:
            case Tau2Method.EB:
                return GeneralizedQ(count, excluded, k, atZero, zeroSums, start, atStart);
            default:
                var (y, v) = Copy(count, excluded);
                var estimate = Other(new StudyData(y, v, Math.Max(1, _options.MaxIterations)), _options.Method);
                return (estimate.Tau2, estimate.Converged);
        }
    }

    /// <summary>The estimators with no fast path, exactly as <see cref="MetaAnalysis.Fit"/> runs them.</summary>
    private static Tau2Estimate Other(StudyData data, Tau2Method method) => method switch
    {
        Tau2Method.HS => HunterSchmidt.Estimate(data),
        Tau2Method.HSk => HunterSchmidtSmallK.Estimate(data),
        Tau2Method.SJ => SidikJonkman.Estimate(data),
        Tau2Method.PMM => PauleMandelMedian.Estimate(data),
        Tau2Method.DLIT => IteratedDerSimonianLaird.Estimate(data),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a τ² estimator."),
    };

    /// <summary>Hedges (1983): max(0, Σ(yᵢ − ȳ)²/(k − 1) − Σvᵢ/k), two passes about the unweighted mean.</summary>
    private double Hedges(int count, int excluded, int k)
    {
        double sumY = 0, sumV = 0;
        for (var j = 0; j < count; j++)
        {
            if (j != excluded)
            {
                sumY += _y[j];
                sumV += _v[j];
            }
        }

        var mean = sumY / k;
        double ss = 0;
        for (var j = 0; j < count; j++)
        {
            if (j != excluded)
            {
                var d = _y[j] - mean;
                ss += d * d;
            }
        }

        return Math.Max(0, (ss / (k - 1)) - (sumV / k));
    }

    private SubsetSums SumsAt(int count, int excluded, double tau2, double centre, in Moments atZero, double start, Moments? atStart)
    {
        if (tau2 == 0)
        {
            return Reliable(atZero, count, excluded, 0);
        }

        if (atStart is { } s && tau2 == start)
        {
            return Reliable(s, count, excluded, tau2);
        }

        if (Series is { } series && excluded >= 0 && count == _y.Length && series.TryAt(tau2, _y[excluded], _v[excluded], out var m))
        {
            return Reliable(m, count, excluded, tau2);
        }

        if (Prefix is { } prefix && excluded < 0 && prefix.TryAt(tau2, count, out var p))
        {
            return Reliable(p, count, excluded, tau2);
        }

        return Reliable(Pass(count, excluded, tau2, centre), count, excluded, tau2);
    }

    private (double Tau2, bool Converged) Likelihood(int count, int excluded, int k, Moments atZero, SubsetSums zeroSums,
        double start, Moments? atStart, bool restricted)
    {
        var centre = atZero.Mu;
        double Score(in SubsetSums s) => s.Rss2 - (restricted ? s.TraceP : s.SumW);
        double Information(in SubsetSums s) => restricted ? s.TracePP : s.SumW2;
        var scoreAtZero = Score(zeroSums);
        if (scoreAtZero <= 0)
        {
            // τ² = 0 is a local maximum, and an interior one may also exist (and be higher): let the full-fit logic
            // (from the Hedges start, compared with the boundary) decide, as MetaAnalysis.Fit would.
            return Fallback(count, excluded, restricted);
        }

        var startSums = SumsAt(count, excluded, start, centre, atZero, start, atStart);
        var root = SolveFromStart(start, startSums, s => Score(s), s => Information(s), scoreAtZero,
            t => SumsAt(count, excluded, t, centre, atZero, start, atStart));
        if (root is not { } tau2)
        {
            return Fallback(count, excluded, restricted);
        }

        return (tau2, true);
    }

    private (double Tau2, bool Converged) Fallback(int count, int excluded, bool restricted)
    {
        var (y, v) = Copy(count, excluded);
        var data = new StudyData(y, v, Math.Max(1, _options.MaxIterations));
        var estimate = Models.Likelihood.Maximize(data, restricted, Models.Estimators.Hedges.Estimate(data).Tau2);
        return (estimate.Tau2, estimate.Converged);
    }

    private (double Tau2, bool Converged) GeneralizedQ(int count, int excluded, int k, Moments atZero, SubsetSums zeroSums,
        double start, Moments? atStart)
    {
        double target = k - 1;
        if (zeroSums.Rss <= target)
        {
            return (0, true);
        }

        var centre = atZero.Mu;
        // Q(τ²) − (k − 1) falls in τ²; its derivative is −Σwᵢ²(yᵢ − μ̂)², so the Newton step is (Q − target)/Σw²r².
        var startSums = SumsAt(count, excluded, start, centre, atZero, start, atStart);
        var root = SolveFromStart(start, startSums, s => s.Rss - target, s => s.Rss2, zeroSums.Rss - target,
            t => SumsAt(count, excluded, t, centre, atZero, start, atStart));
        return root is { } tau2 ? (tau2, true) : (0, false);
    }

    /// <summary>
    /// The root of a function f(τ²) that is positive below it and negative above (a score, or Q − target), on τ² ≥ 0,
    /// bracketed from <paramref name="start"/> by doubling steps of twice the scoring step f/I and solved by Brent's
    /// method; 0 when f(0) ≤ 0 and the bracket reaches 0. Null if no bracket is found.
    /// </summary>
    private double? SolveFromStart(double start, in SubsetSums startSums, Func<SubsetSums, double> f, Func<SubsetSums, double> information,
        double fAtZero, Func<double, SubsetSums> sumsAt)
    {
        var t0 = Math.Max(0, double.IsFinite(start) ? start : 0);
        var f0 = t0 == 0 ? fAtZero : f(startSums);
        if (f0 == 0)
        {
            return t0;
        }

        if (t0 == 0 && f0 < 0)
        {
            return 0;
        }

        double Value(double t) => t == 0 ? fAtZero : f(sumsAt(t));
        var info = information(startSums);
        var width = Math.Abs(f0 / info) * 2;
        if (!(width > 0) || !double.IsFinite(width))
        {
            width = 0.1 * (t0 + _scale);
        }

        width = Math.Max(width, 1e-10 * (t0 + _scale));
        var near = t0;
        for (var doubling = 0; doubling < 200; doubling++)
        {
            var far = f0 > 0 ? t0 + width : Math.Max(0, t0 - width);
            var value = Value(far);
            if (f0 > 0 ? value <= 0 : value >= 0)
            {
                if (value == 0)
                {
                    return far;
                }

                var (lo, hi) = f0 > 0 ? (near, far) : (far, near);
                var root = RootFinder.Brent(Value, lo, hi, absoluteTolerance: 1e-16 * (t0 + _scale));
                return root.Converged ? Math.Max(0, root.Root) : null;
            }

            if (f0 < 0 && far == 0)
            {
                return 0;
            }

            near = far;
            width *= 2;
        }

        return null;
    }
}
