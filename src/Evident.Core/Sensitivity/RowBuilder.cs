using Evident.Core.Models;
using Evident.Core.Numerics;

namespace Evident.Core.Sensitivity;

/// <summary>
/// Turns a <see cref="SubsetFit"/> into the <see cref="FitRow"/> <see cref="MetaAnalysis.Fit"/> would report for those
/// studies: the same formulas (Hedges &amp; Vevea 1998; Hartung &amp; Knapp 2001; Higgins &amp; Thompson 2002; Higgins,
/// Thompson &amp; Spiegelhalter 2009), without the τ² confidence interval, which no sensitivity table prints.
/// </summary>
internal static class RowBuilder
{
    /// <summary>The factor that multiplies 1/Σw in Var(μ̂): 1 for z and t, the Knapp-Hartung scale otherwise.</summary>
    public static double Scale(TestMethod test, in SubsetFit fit)
    {
        if (fit.K < 2 || test is TestMethod.Z or TestMethod.T)
        {
            return 1;
        }

        var factor = fit.AtTau2.Rss / (fit.K - 1);
        return test == TestMethod.ADHOC ? Math.Max(1, factor) : factor;
    }

    /// <summary>The test a fit of <paramref name="k"/> studies uses (knha/t/adhoc need k ≥ 2).</summary>
    public static TestMethod TestFor(TestMethod test, int k) => k == 1 ? TestMethod.Z : test;

    public static FitRow Build(FitOptions options, in SubsetFit fit)
    {
        var k = fit.K;
        var alpha = 1 - (options.Level / 100);
        var isCommon = options.Method is Tau2Method.EE or Tau2Method.FE;
        var test = TestFor(options.Test, k);
        var mu = fit.AtTau2.Mu;
        var se = Math.Sqrt(Scale(test, fit) / fit.AtTau2.SumW);
        double? df = test == TestMethod.Z ? null : k - 1;
        double? statistic;
        double p;
        Interval ci;
        if (se == 0)
        {
            statistic = null;
            p = 0;
            ci = new Interval(mu, mu);
        }
        else
        {
            var crit = df is { } d ? Probability.TQuantile(1 - (alpha / 2), d) : Probability.NormalQuantile(1 - (alpha / 2));
            statistic = mu / se;
            p = df is { } d2 ? Probability.TTwoSided(statistic.Value, d2) : Probability.NormalTwoSided(statistic.Value);
            ci = new Interval(mu - (crit * se), mu + (crit * se));
        }

        var q = fit.Q;
        var qDf = k - 1;
        var (i2, h2) = k == 1 || isCommon || options.Heterogeneity == HeterogeneityBasis.Q
            ? HeterogeneityMeasures.FromQ(q, qDf)
            : HeterogeneityMeasures.FromTau2(fit.Tau2, (k - 1) / fit.TraceP0);

        var tau2Given = !isCommon && options.Tau2 is not null;
        Interval pi = ci;
        double? piDf = null;
        if (!(isCommon || (k == 1 && !tau2Given)))
        {
            piDf = options.PredictionInterval switch
            {
                PredictionIntervalType.Riley => Math.Max(1, tau2Given ? k - 1 : k - 2),
                PredictionIntervalType.T => Math.Max(1, k - 1),
                _ => test == TestMethod.Z ? null : k - 1,
            };
            var crit = piDf is { } d ? Probability.TQuantile(1 - (alpha / 2), d) : Probability.NormalQuantile(1 - (alpha / 2));
            var half = crit * Math.Sqrt((se * se) + fit.Tau2);
            pi = new Interval(mu - half, mu + half);
        }

        return new FitRow
        {
            K = k,
            Estimate = mu,
            StandardError = se,
            Test = test,
            Statistic = statistic,
            Df = df,
            PValue = p,
            ConfidenceInterval = ci,
            Q = q,
            QDf = qDf,
            QPValue = k > 1 ? Probability.ChiSquareUpperTail(q, qDf) : 1,
            Tau2 = fit.Tau2,
            I2 = i2,
            H2 = h2,
            PredictionInterval = pi,
            PredictionDf = piDf,
            Converged = fit.Converged,
        };
    }
}
