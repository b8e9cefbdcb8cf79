namespace Evident.Core.Models.Regression;

/// <summary>
/// The little dense linear algebra meta-regression needs: a Householder QR of a k×p matrix (k·p memory, stored
/// column-major) and p×p triangular and symmetric routines. Nothing here is O(k²).
/// </summary>
internal static class DenseAlgebra
{
    /// <summary>
    /// The columns of the k×p column-major matrix <paramref name="x"/> that are linearly independent of the columns kept
    /// before them, in order: a column is dropped when the norm of its part orthogonal to the kept columns is at most
    /// <paramref name="tolerance"/> times its own norm (Householder QR with limited pivoting, Golub &amp; Van Loan 2013,
    /// ch. 5; tolerance 1e-7 as R's <c>lm</c>, which metafor uses to drop redundant predictors).
    /// </summary>
    public static List<int> IndependentColumns(ReadOnlySpan<double> x, int k, int p, double tolerance = 1e-7)
    {
        var work = x[..(k * p)].ToArray();
        var kept = new List<int>();
        var rank = 0;
        for (var j = 0; j < p; j++)
        {
            var column = work.AsSpan(j * k, k);
            var original = Norm(x.Slice(j * k, k));
            var trailing = Norm(column[rank..]);
            if (original == 0 || rank >= k || trailing <= tolerance * original)
            {
                continue;
            }

            // Reflect rows rank.. of this column onto the rank-th axis and apply the same reflection to later columns.
            var v = column[rank..].ToArray();
            var alpha = v[0] >= 0 ? -trailing : trailing;
            v[0] -= alpha;
            var vNorm2 = Dot(v, v);
            if (vNorm2 > 0)
            {
                for (var c = j + 1; c < p; c++)
                {
                    var target = work.AsSpan((c * k) + rank, k - rank);
                    var s = 2 * Dot(v, target) / vNorm2;
                    for (var i = 0; i < v.Length; i++)
                    {
                        target[i] -= s * v[i];
                    }
                }
            }

            kept.Add(j);
            rank++;
        }

        return kept;
    }

    /// <summary>Euclidean norm, scaled against overflow.</summary>
    public static double Norm(ReadOnlySpan<double> v)
    {
        double scale = 0;
        foreach (var a in v)
        {
            scale = Math.Max(scale, Math.Abs(a));
        }

        if (scale == 0 || !double.IsFinite(scale))
        {
            return scale;
        }

        double sum = 0;
        foreach (var a in v)
        {
            var r = a / scale;
            sum += r * r;
        }

        return scale * Math.Sqrt(sum);
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>
    /// The inverse of the p×p upper-triangular <paramref name="r"/> (row-major), by back substitution; null if a
    /// diagonal element is zero.
    /// </summary>
    public static double[]? InvertUpperTriangular(ReadOnlySpan<double> r, int p)
    {
        var inv = new double[p * p];
        for (var j = 0; j < p; j++)
        {
            if (r[(j * p) + j] == 0)
            {
                return null;
            }
        }

        for (var col = 0; col < p; col++)
        {
            // Solve R x = e_col.
            for (var i = col; i >= 0; i--)
            {
                var sum = i == col ? 1.0 : 0.0;
                for (var m = i + 1; m <= col; m++)
                {
                    sum -= r[(i * p) + m] * inv[(m * p) + col];
                }

                inv[(i * p) + col] = sum / r[(i * p) + i];
            }
        }

        return inv;
    }

    /// <summary>
    /// The inverse of a symmetric positive-definite m×m matrix (row-major) by Cholesky decomposition; null if it is not
    /// positive definite.
    /// </summary>
    public static double[]? InvertPositiveDefinite(ReadOnlySpan<double> a, int m)
    {
        var l = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[(i * m) + j];
                for (var t = 0; t < j; t++)
                {
                    sum -= l[(i * m) + t] * l[(j * m) + t];
                }

                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                    {
                        return null;
                    }

                    l[(i * m) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * m) + j] = sum / l[(j * m) + j];
                }
            }
        }

        // inv = L⁻ᵀ L⁻¹: invert L (lower) column by column.
        var li = new double[m * m];
        for (var col = 0; col < m; col++)
        {
            for (var i = col; i < m; i++)
            {
                var sum = i == col ? 1.0 : 0.0;
                for (var t = col; t < i; t++)
                {
                    sum -= l[(i * m) + t] * li[(t * m) + col];
                }

                li[(i * m) + col] = sum / l[(i * m) + i];
            }
        }

        var inv = new double[m * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                double sum = 0;
                for (var t = i; t < m; t++)
                {
                    sum += li[(t * m) + i] * li[(t * m) + j];
                }

                inv[(i * m) + j] = sum;
                inv[(j * m) + i] = sum;
            }
        }

        return inv;
    }
}
