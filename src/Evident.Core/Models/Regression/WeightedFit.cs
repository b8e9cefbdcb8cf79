namespace Evident.Core.Models.Regression;

/// <summary>
/// Weighted least squares of y on X with weights aᵢ, by a Householder QR of A^{1/2}X (Golub &amp; Van Loan 2013, ch. 5):
/// the coefficients, (XᵀAX)⁻¹, the residual sums and the traces of P = A − AX(XᵀAX)⁻¹XᵀA that the τ² estimators and
/// likelihoods need (Raudenbush 2009; Viechtbauer 2005). Memory and time O(k·p²); P itself (k×k) is never formed.
/// </summary>
/// <remarks>
/// With H = A^{1/2}X(XᵀAX)⁻¹XᵀA^{1/2} (leverages hᵢ) and uᵢ = R⁻ᵀ aᵢ^{1/2} xᵢ its factor (H = UUᵀ):
/// tr P = Σaᵢ(1 − hᵢ); for a diagonal D and eᵢ = aᵢdᵢ, tr(PDPD) = Σeᵢ²(1 − hᵢ)² + Σ_{i≠j} eᵢeⱼhᵢⱼ², where the second sum is
/// ‖Σeᵢuᵢuᵢᵀ‖²_F − Σeᵢ²hᵢ² (a p×p matrix). yᵀPy is the squared norm of the last k − p elements of Qᵀ(A^{1/2}y), free of
/// cancellation, and yᵀPPy = Σaᵢ²rᵢ² with rᵢ = yᵢ − xᵢᵀβ̂.
/// </remarks>
internal sealed class WeightedFit
{
    private const double Epsilon = 2.220446049250313e-16;

    private readonly RegressionData _data;
    private readonly double[] _rInverse;
    private readonly double[] _weights;

    private WeightedFit(RegressionData data, double[] weights, double[] beta, double[] rInverse, double rss, double[] residuals,
        double[] leverage, double logDet)
    {
        _data = data;
        _weights = weights;
        Beta = beta;
        _rInverse = rInverse;
        Rss = rss;
        Residuals = residuals;
        Leverage = leverage;
        LogDetXtAX = logDet;
        var p = data.P;
        Covariance = new double[p * p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                // (XᵀAX)⁻¹ = R⁻¹R⁻ᵀ; R⁻¹ is upper triangular.
                double sum = 0;
                for (var m = Math.Max(i, j); m < p; m++)
                {
                    sum += rInverse[(i * p) + m] * rInverse[(j * p) + m];
                }

                Covariance[(i * p) + j] = sum;
                Covariance[(j * p) + i] = sum;
            }
        }

        double sumA = 0, sumA2 = 0, rss2 = 0, traceP = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var a = weights[i];
            sumA += a;
            sumA2 += a * a;
            rss2 += a * a * residuals[i] * residuals[i];
            traceP += a * (1 - leverage[i]);
        }

        SumWeights = sumA;
        SumWeights2 = sumA2;
        Rss2 = rss2;
        TraceP = traceP;
    }

    /// <summary>β̂ = (XᵀAX)⁻¹XᵀAy.</summary>
    public double[] Beta { get; }

    /// <summary>(XᵀAX)⁻¹, p×p row-major.</summary>
    public double[] Covariance { get; }

    /// <summary>yᵀPy = Σaᵢrᵢ² (the generalized Q when aᵢ = 1/(vᵢ + τ²)).</summary>
    public double Rss { get; }

    /// <summary>yᵀPPy = Σaᵢ²rᵢ².</summary>
    public double Rss2 { get; }

    /// <summary>Residuals yᵢ − xᵢᵀβ̂.</summary>
    public double[] Residuals { get; }

    /// <summary>Leverages hᵢ of the weighted fit.</summary>
    public double[] Leverage { get; }

    /// <summary>Σaᵢ.</summary>
    public double SumWeights { get; }

    /// <summary>Σaᵢ².</summary>
    public double SumWeights2 { get; }

    /// <summary>tr P.</summary>
    public double TraceP { get; }

    /// <summary>log det(XᵀAX).</summary>
    public double LogDetXtAX { get; }

    /// <summary>tr(PP) (the REML information, ×2).</summary>
    public double TracePP() => TracePDPD(null);

    /// <summary>tr(PDPD) for D = diag(<paramref name="d"/>) (all ones when null); Var(yᵀPy) = 2 tr(PΣPΣ) when Var(y) = Σ.</summary>
    public double TracePDPD(double[]? d)
    {
        var p = _data.P;
        var k = _data.K;
        var s = new double[p * p];
        var u = new double[p];
        double diagonal = 0, selfTerms = 0;
        for (var i = 0; i < k; i++)
        {
            var e = _weights[i] * (d is null ? 1 : d[i]);
            var h = Leverage[i];
            diagonal += e * e * (1 - h) * (1 - h);
            selfTerms += e * e * h * h;
            RowFactor(_data, _rInverse, _weights[i], i, u);
            for (var a = 0; a < p; a++)
            {
                var ua = e * u[a];
                for (var b = 0; b <= a; b++)
                {
                    s[(a * p) + b] += ua * u[b];
                }
            }
        }

        double frobenius = 0;
        for (var a = 0; a < p; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var v = s[(a * p) + b];
                frobenius += a == b ? v * v : 2 * v * v;
            }
        }

        return Math.Max(0, diagonal + Math.Max(0, frobenius - selfTerms));
    }

    /// <summary>uᵢ = R⁻ᵀ aᵢ^{1/2} xᵢ (row i of the thin Q), into <paramref name="u"/>.</summary>
    private static void RowFactor(RegressionData data, double[] rInverse, double weight, int i, double[] u)
    {
        var p = data.P;
        var k = data.K;
        var x = data.X;
        var sqrtA = Math.Sqrt(weight);
        for (var a = 0; a < p; a++)
        {
            // (R⁻ᵀx)_a = Σ_m (R⁻¹)_{m a} x_m, m ≤ a.
            double sum = 0;
            for (var m = 0; m <= a; m++)
            {
                sum += rInverse[(m * p) + a] * x[(m * k) + i];
            }

            u[a] = sqrtA * sum;
        }
    }

    /// <summary>Fits with weights <paramref name="weights"/> (all &gt; 0); null if XᵀAX is singular.</summary>
    public static WeightedFit? Compute(RegressionData data, double[] weights)
    {
        var k = data.K;
        var p = data.P;
        var x = data.X;
        var y = data.Y;
        var z = new double[k * p];
        var zy = new double[k];
        for (var i = 0; i < k; i++)
        {
            var s = Math.Sqrt(weights[i]);
            zy[i] = s * y[i];
            for (var j = 0; j < p; j++)
            {
                z[(j * k) + i] = s * x[(j * k) + i];
            }
        }

        // Householder QR in place: R (p×p, row-major) and Qᵀ applied to A^{1/2}y.
        var r = new double[p * p];
        var v = new double[k];
        for (var j = 0; j < p; j++)
        {
            var column = z.AsSpan(j * k, k);
            var norm = DenseAlgebra.Norm(column[j..]);
            if (norm == 0 || !double.IsFinite(norm))
            {
                return null;
            }

            var alpha = column[j] >= 0 ? -norm : norm;
            var len = k - j;
            var vj = v.AsSpan(0, len);
            column[j..].CopyTo(vj);
            vj[0] -= alpha;
            var vNorm2 = DenseAlgebra.Dot(vj, vj);
            r[(j * p) + j] = alpha;
            for (var c = j + 1; c < p; c++)
            {
                var target = z.AsSpan((c * k) + j, len);
                var f = 2 * DenseAlgebra.Dot(vj, target) / vNorm2;
                for (var i = 0; i < len; i++)
                {
                    target[i] -= f * vj[i];
                }

                r[(j * p) + c] = target[0];
            }

            var ty = zy.AsSpan(j, len);
            var g = 2 * DenseAlgebra.Dot(vj, ty) / vNorm2;
            for (var i = 0; i < len; i++)
            {
                ty[i] -= g * vj[i];
            }
        }

        var rInverse = DenseAlgebra.InvertUpperTriangular(r, p);
        if (rInverse is null)
        {
            return null;
        }

        var beta = new double[p];
        for (var i = 0; i < p; i++)
        {
            double sum = 0;
            for (var m = i; m < p; m++)
            {
                sum += rInverse[(i * p) + m] * zy[m];
            }

            beta[i] = sum;
        }

        double rss = 0;
        for (var i = p; i < k; i++)
        {
            rss += zy[i] * zy[i];
        }

        // A residual sum below the rounding noise of the QR (about (k·ε)²·yᵀAy) is an exact fit: report 0, as the
        // exact arithmetic would (all yᵢ equal under an intercept, or k = p), so that knha's zero scale is recognized.
        double yAy = 0;
        for (var i = 0; i < k; i++)
        {
            yAy += weights[i] * y[i] * y[i];
        }

        var noise = k * Epsilon;
        if (rss <= noise * noise * yAy)
        {
            rss = 0;
        }

        var residuals = new double[k];
        for (var i = 0; i < k; i++)
        {
            var fitted = 0.0;
            for (var j = 0; j < p; j++)
            {
                fitted += x[(j * k) + i] * beta[j];
            }

            residuals[i] = y[i] - fitted;
        }

        double logDet = 0;
        for (var j = 0; j < p; j++)
        {
            logDet += 2 * Math.Log(Math.Abs(r[(j * p) + j]));
        }

        var leverage = new double[k];
        var u = new double[p];
        for (var i = 0; i < k; i++)
        {
            RowFactor(data, rInverse, weights[i], i, u);
            leverage[i] = Math.Min(1, DenseAlgebra.Dot(u, u));
        }

        return new WeightedFit(data, weights, beta, rInverse, rss, residuals, leverage, logDet);
    }
}
