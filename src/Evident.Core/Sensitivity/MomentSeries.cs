namespace Evident.Core.Sensitivity;

/// <summary>
/// The weighted sums of all k studies as power series in δ = τ² − τ₀², so that the sums of any leave-one-out set at any
/// τ² near τ₀² cost O(M) instead of an O(k) pass. With wⱼ = 1/(vⱼ + τ₀²), W₊ = max wⱼ, uⱼ = wⱼ/W₊ ≤ 1 and ρ = δW₊:
/// wⱼ(δ)ⁿ = W₊ⁿuⱼⁿ(1 + ρuⱼ)⁻ⁿ = W₊ⁿ Σₘ C(n + m − 1, m)(−ρ)ᵐuⱼⁿ⁺ᵐ (the binomial series, |ρ| &lt; 1), hence
/// Σⱼ wⱼ(δ)ⁿdⱼᵃ = W₊ⁿ Σₘ C(n + m − 1, m)(−ρ)ᵐ Uₙ₊ₘ,ₐ with the moments Uq,a = Σⱼ uⱼ^q dⱼᵃ computed once (O(k·M)).
/// </summary>
/// <remarks>
/// Implementation note: the series is used only for |ρ| ≤ ¼, where with M = 30 terms the remainder is below
/// C(33, 31)·¼³¹ ≈ 1e-16 of the leading term; for δ &gt; 0 the terms alternate and shrink, for δ &lt; 0 they are all
/// positive, so nothing cancels. Farther from τ₀² the caller makes an exact pass. For large k the leave-one-out roots
/// lie within O(τ₀²/k) of τ₀², so the whole leave-one-out analysis costs O(k·M) plus O(M) per iteration of each fit.
/// </remarks>
internal sealed class MomentSeries
{
    /// <summary>Terms of the series (also <see cref="PrefixSeries"/>'s).</summary>
    internal const int Terms = 30;
    private const double Radius = 0.25;

    private readonly double _tau0;
    private readonly double _centre;
    private readonly double _maxWeight;
    private readonly int _count;

    // _u[a][q] = Σⱼ uⱼ^q dⱼᵃ for q = 0 … Terms + 3.
    private readonly double[][] _u;

    // Binomial coefficients C(n + m − 1, m) for n = 1, 2, 3.
    private static readonly double[][] Binomial = BuildBinomial();

    public MomentSeries(ReadOnlySpan<double> y, ReadOnlySpan<double> v, double tau0, double centre)
    {
        _tau0 = tau0;
        _centre = centre;
        _count = y.Length;
        double max = 0;
        for (var j = 0; j < v.Length; j++)
        {
            max = Math.Max(max, 1 / (v[j] + tau0));
        }

        _maxWeight = max;
        var q = Terms + 4;
        _u = [new double[q], new double[q], new double[q]];
        for (var j = 0; j < y.Length; j++)
        {
            var u = 1 / (v[j] + tau0) / max;
            var d = y[j] - centre;
            var power = 1.0;
            for (var p = 0; p < q; p++)
            {
                _u[0][p] += power;
                _u[1][p] += power * d;
                _u[2][p] += power * d * d;
                power *= u;
                if (power == 0)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// The moments at <paramref name="tau2"/> of all studies but the one with <paramref name="yExcluded"/>, <paramref name="vExcluded"/>, or
    /// false when τ² is outside the series' radius.
    /// </summary>
    public bool TryAt(double tau2, double yExcluded, double vExcluded, out Moments moments)
    {
        var rho = (tau2 - _tau0) * _maxWeight;
        if (!(Math.Abs(rho) <= Radius))
        {
            moments = default;
            return false;
        }

        var w = _maxWeight;
        moments = new Moments(_centre)
        {
            Count = _count,
            W = w * Sum(1, 0, rho),
            W2 = w * w * Sum(2, 0, rho),
            W3 = w * w * w * Sum(3, 0, rho),
            Wd = w * Sum(1, 1, rho),
            W2d = w * w * Sum(2, 1, rho),
            Wdd = w * Sum(1, 2, rho),
            W2dd = w * w * Sum(2, 2, rho),
        };
        moments = moments.Without(yExcluded, 1 / (vExcluded + tau2));
        return true;
    }

    private double Sum(int n, int a, double rho) => Series(_u[a], n, rho);

    /// <summary>
    /// Σₘ C(n + m − 1, m) (−ρ)ᵐ u[n + m] for m = 0 … <see cref="Terms"/>: the binomial series of
    /// Σⱼ uⱼⁿ / (1 + ρ uⱼ)ⁿ from the power sums <paramref name="u"/> (u[q] = Σⱼ uⱼ^q, weighted); also used by
    /// <see cref="PrefixSeries"/>.
    /// </summary>
    internal static double Series(double[] u, int n, double rho)
    {
        var b = Binomial[n - 1];
        if (rho == 0)
        {
            return u[n];
        }

        double sum = 0, power = 1;
        for (var m = 0; m <= Terms; m++)
        {
            sum += b[m] * power * u[n + m];
            power *= -rho;
        }

        return sum;
    }

    private static double[][] BuildBinomial()
    {
        var table = new double[3][];
        for (var n = 1; n <= 3; n++)
        {
            var row = new double[Terms + 1];
            row[0] = 1;
            for (var m = 1; m <= Terms; m++)
            {
                row[m] = row[m - 1] * (n + m - 1) / m;
            }

            table[n - 1] = row;
        }

        return table;
    }
}
