using MathNet.Numerics;

namespace Evident.Core.EffectSizes;

/// <summary>
/// Correlation coefficients ri from samples of ni:
/// <list type="bullet">
/// <item>COR: r, vi = (1 − r²)²/(n − 1) (large-sample variance; Olkin &amp; Pratt 1958; Borenstein et al. 2009, ch. 6);
/// metafor 3.8-1 gives vi only for n &gt; 3, and so do we.</item>
/// <item>UCOR: the Olkin-Pratt unbiased estimator r·₂F₁(½, ½; (n − 2)/2; 1 − r²) (Olkin &amp; Pratt 1958, eq. 2.3),
/// vi = (1 − yi²)²/(n − 1); needs n &gt; 4 (as metafor).</item>
/// <item>ZCOR: Fisher's z = atanh r, vi = 1/(n − 3) (Fisher 1921); needs n &gt; 3 for vi and |r| &lt; 1.</item>
/// </list>
/// </summary>
internal static class Correlations
{
    public static StudyEffect[] Compute(EffectMeasure measure, IReadOnlyList<StudyInput> studies, List<Issue> issues)
    {
        var result = new StudyEffect[studies.Count];
        for (var i = 0; i < studies.Count; i++)
        {
            var s = studies[i];
            var scope = new StudyScope(i, s, issues);
            var r = scope.Need(s.Ri, "ri");
            var n = scope.Need(s.Ni, "ni");
            scope.CheckCorrelation(r, "ri");
            scope.CheckSize(n, "ni");
            if (scope.Failed)
            {
                result[i] = scope.Finish(double.NaN, double.NaN, "ri", n: StudyScope.Optional(s.Ni));
                continue;
            }

            var rv = r!.Value;
            var nv = n!.Value;
            double yi;
            double vi;
            switch (measure)
            {
                case EffectMeasure.COR:
                    yi = rv;
                    vi = VarianceOrReport(scope, nv, 3, (1 - (rv * rv)) * (1 - (rv * rv)) / (nv - 1));
                    break;
                case EffectMeasure.UCOR:
                    if (nv <= 4)
                    {
                        scope.Fail(IssueCodes.SampleSizeTooSmall, "ni", StudyScope.Inv($"the unbiased correlation needs ni > 4 (got {nv})"));
                        yi = vi = double.NaN;
                        break;
                    }

                    yi = Unbiased(rv, nv);
                    vi = (1 - (yi * yi)) * (1 - (yi * yi)) / (nv - 1);
                    break;
                default:
                    if (Math.Abs(rv) == 1)
                    {
                        scope.Fail(IssueCodes.EffectUndefined, "ri", "Fisher's z is infinite for a correlation of ±1");
                        yi = vi = double.NaN;
                        break;
                    }

                    yi = Math.Atanh(rv);
                    vi = VarianceOrReport(scope, nv, 3, 1 / (nv - 3));
                    break;
            }

            result[i] = scope.Finish(yi, vi, "ri", n: nv);
        }

        return result;
    }

    /// <summary>The variance when n exceeds <paramref name="minus"/>; otherwise NaN with an error (yi is still given, as metafor gives it).</summary>
    private static double VarianceOrReport(StudyScope scope, double n, double minus, double vi)
    {
        if (n > minus)
        {
            return vi;
        }

        scope.Error(IssueCodes.SampleSizeTooSmall, "ni", StudyScope.Inv($"the sampling variance needs ni > {minus} (got {n})"));
        return double.NaN;
    }

    /// <summary>Olkin &amp; Pratt (1958) unbiased correlation r·₂F₁(½, ½; (n − 2)/2; 1 − r²).</summary>
    public static double Unbiased(double r, double n)
    {
        if (r == 0)
        {
            return 0;
        }

        return r * HypergeometricHalfHalf((n - 2) / 2, r);
    }

    /// <summary>
    /// ₂F₁(½, ½; c; 1 − r²) for c &gt; ½. The power series (Abramowitz &amp; Stegun 15.1.1) is used while its tail, bounded by a
    /// geometric series with ratio z (each term ratio (k + ½)²z/((k + c)(k + 1)) increases towards z when c ≥ 1), is provably
    /// below double precision; otherwise Euler's integral (A&amp;S 15.3.1) with t = sin²θ,
    /// Γ(c)/(Γ(½)Γ(c − ½)) ∫₀^{π/2} 2 cos^{2c−2}θ / √(cos²θ + r² sin²θ) dθ, by Gauss-Legendre quadrature on a geometric mesh.
    /// </summary>
    /// <remarks>
    /// Implementation note: near r = 0 (z near 1) the series converges like k^{−(c − ½)} and is useless for small n, while the
    /// integral form written with cos²θ + r² sin²θ has no cancellation there; for large n or |r| not small the series is exact
    /// and fast.
    /// </remarks>
    internal static double HypergeometricHalfHalf(double c, double r)
    {
        var z = 1 - (r * r);
        if (z < 1)
        {
            var sum = 1.0;
            var term = 1.0;
            var geometric = z / (1 - z);
            for (var k = 0; k < 20000; k++)
            {
                term *= (k + 0.5) * (k + 0.5) * z / ((c + k) * (k + 1));
                sum += term;
                if (term * geometric < 1e-17 * sum)
                {
                    return sum;
                }
            }
        }

        // In φ = π/2 − θ the integrand 2 sin^{2c−2}φ / √(sin²φ + r² cos²φ) has a feature of width |r| at φ = 0, so the
        // interval is split geometrically towards 0 and each piece integrated with 32-point Gauss-Legendre.
        var r2 = r * r;
        var scale = Math.Exp(SpecialFunctions.GammaLn(c) - SpecialFunctions.GammaLn(0.5) - SpecialFunctions.GammaLn(c - 0.5));
        double F(double phi)
        {
            var sin = Math.Sin(phi);
            var cos = Math.Cos(phi);
            return 2 * Math.Pow(sin, (2 * c) - 2) / Math.Sqrt((sin * sin) + (r2 * cos * cos));
        }

        var integral = 0.0;
        var upper = Math.PI / 2;
        var floor = Math.Abs(r) * 1e-10;
        for (var j = 0; j < 80 && upper > floor; j++)
        {
            integral += Integrate.GaussLegendre(F, upper / 2, upper, 32);
            upper /= 2;
        }

        integral += Integrate.GaussLegendre(F, 0, upper, 32);
        return scale * integral;
    }
}
