namespace Evident.Core.Sensitivity;

/// <summary>
/// The weighted sums of the first j studies at any τ², for a cumulative meta-analysis that adds the studies one at a
/// time: power series in δ = τ² − c about centres c on a geometric grid, each kept as running sums of the studies
/// added so far, so a step's sums cost O(M) instead of an O(j) pass and the whole analysis is linear in k.
/// </summary>
/// <remarks>
/// The series are <see cref="MomentSeries"/>'s (the binomial series of wⱼ(δ)ⁿ = (vⱼ + c + δ)⁻ⁿ, used only for
/// |δ|·W₊ ≤ ¼ with W₊ = 1/(min v + c), where 30 terms leave a remainder below 1e-16 of the leading one). A centre is
/// made the first time a τ² near it is asked for, from the studies added by then (one O(j·M) pass), and brought up to
/// date as the prefix grows. Implementation note: the centres are c = m·1.4ⁿ − m (m = min v), so that every τ² ≥ 0 is
/// within radius of one (|g − gₙ| ≤ (√1.4 − 1)·gₙ &lt; ¼·gₙ with g = m + τ²); the steps of a cumulative analysis
/// settle near the full τ̂², so only a few centres are ever made.
/// </remarks>
internal sealed class PrefixSeries
{
    private const int Terms = MomentSeries.Terms;
    private const double Radius = 0.25;
    private const double Ratio = 1.4;

    private readonly double[] _y;
    private readonly double[] _v;
    private readonly double _dataCentre;
    private readonly double _minV;
    private readonly Dictionary<int, Centre> _centres = [];

    /// <param name="y">Effects in the order they are added.</param>
    /// <param name="v">Their sampling variances (all &gt; 0).</param>
    /// <param name="dataCentre">The centre of the effects the moments are kept about (dⱼ = yⱼ − centre).</param>
    public PrefixSeries(double[] y, double[] v, double dataCentre)
    {
        _y = y;
        _v = v;
        _dataCentre = dataCentre;
        _minV = v.Min();
    }

    /// <summary>The moments at <paramref name="tau2"/> of the first <paramref name="count"/> studies; false if none can be given.</summary>
    public bool TryAt(double tau2, int count, out Moments moments)
    {
        moments = default;
        if (!(tau2 > 0) || !double.IsFinite(tau2))
        {
            return false;
        }

        var n = Math.Max(0, (int)Math.Round(Math.Log((_minV + tau2) / _minV) / Math.Log(Ratio)));
        if (!_centres.TryGetValue(n, out var centre))
        {
            var tau0 = (_minV * Math.Pow(Ratio, n)) - _minV;
            _centres[n] = centre = new Centre(tau0, 1 / (_minV + tau0));
        }

        var rho = (tau2 - centre.Tau0) * centre.MaxWeight;
        if (!(Math.Abs(rho) <= Radius) || centre.Count > count)
        {
            return false;
        }

        while (centre.Count < count)
        {
            centre.Add(_y[centre.Count], _v[centre.Count], _dataCentre);
        }

        var w = centre.MaxWeight;
        moments = new Moments(_dataCentre)
        {
            Count = count,
            W = w * centre.Sum(1, 0, rho),
            W2 = w * w * centre.Sum(2, 0, rho),
            W3 = w * w * w * centre.Sum(3, 0, rho),
            Wd = w * centre.Sum(1, 1, rho),
            W2d = w * w * centre.Sum(2, 1, rho),
            Wdd = w * centre.Sum(1, 2, rho),
            W2dd = w * w * centre.Sum(2, 2, rho),
        };
        return true;
    }

    private sealed class Centre(double tau0, double maxWeight)
    {
        private readonly double[][] _u = [new double[Terms + 4], new double[Terms + 4], new double[Terms + 4]];

        public double Tau0 { get; } = tau0;

        public double MaxWeight { get; } = maxWeight;

        public int Count { get; private set; }

        public void Add(double y, double v, double dataCentre)
        {
            var u = 1 / (v + Tau0) / MaxWeight;
            var d = y - dataCentre;
            var dd = d * d;
            var power = 1.0;
            for (var p = 0; p < Terms + 4; p++)
            {
                _u[0][p] += power;
                _u[1][p] += power * d;
                _u[2][p] += power * dd;
                power *= u;
                if (power == 0)
                {
                    break;
                }
            }

            Count++;
        }

        public double Sum(int n, int a, double rho) => MomentSeries.Series(_u[a], n, rho);
    }
}
