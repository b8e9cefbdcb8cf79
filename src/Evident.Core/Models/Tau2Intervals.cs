using Evident.Core.Numerics;

namespace Evident.Core.Models;

/// <summary>Confidence intervals for τ².</summary>
internal static class Tau2Intervals
{
    /// <summary>
    /// Q-profile interval (Viechtbauer 2007): the τ² values at which the generalized Q equals the upper and lower
    /// α/2 quantiles of χ²(k − 1). A bound whose equation has no root on [0, ∞) because Q(0) is already below its
    /// quantile is 0, so Q(0) below the lower quantile gives [0, 0]. Roots are found to full precision with no cap.
    /// </summary>
    public static Interval? QProfile(StudyData data, double alpha)
    {
        var df = data.K - 1;
        var lower = GeneralizedQ.Solve(data, Probability.ChiSquareQuantile(1 - (alpha / 2), df));
        var upper = GeneralizedQ.Solve(data, Probability.ChiSquareQuantile(alpha / 2, df));
        return lower.Converged && upper.Converged ? new Interval(lower.Root, upper.Root) : null;
    }

    /// <summary>
    /// Profile-likelihood interval (Hardy &amp; Thompson 1996): the τ² at which twice the drop in log-likelihood from the
    /// fitted τ̂² equals the χ²(1) quantile at the confidence level. REML fits use the restricted likelihood, all
    /// others the ordinary likelihood, each measured from the likelihood at the fitted τ̂² (as metafor does).
    /// </summary>
    public static Interval? ProfileLikelihood(StudyData data, double tau2, bool restricted, double alpha)
    {
        var reference = Likelihood.LogLikelihood(data.At(tau2, withLog: true), restricted);
        var half = Probability.ChiSquareQuantile(1 - alpha, 1) / 2;
        double Drop(double t) => reference - Likelihood.LogLikelihood(data.At(t, withLog: true), restricted) - half;

        double lower = 0;
        if (tau2 > 0 && Drop(0) > 0)
        {
            var root = RootFinder.Brent(Drop, 0, tau2);
            if (!root.Converged)
            {
                return null;
            }

            lower = root.Root;
        }

        var upper = RootFinder.BracketUpward(t => -Drop(t), tau2, Math.Max(tau2, data.Scale));
        return upper.Converged ? new Interval(lower, upper.Root) : null;
    }
}
