using Evident.Core.Models.Regression.Estimators;

namespace Evident.Core.Models.Regression;

/// <summary>Dispatches a τ² estimator: the residual-heterogeneity versions with moderators, the pooled ones without.</summary>
internal static class ResidualHeterogeneity
{
    /// <summary>
    /// τ̂² of the residual heterogeneity for a random-effects method (not EE/FE), with k − p ≥ 1.
    /// </summary>
    /// <remarks>
    /// Implementation note: for the intercept-only design the estimators of <see cref="MetaAnalysis"/> are used, so that
    /// a model without moderators gives exactly what <see cref="MetaAnalysis.Fit"/> gives (their sums avoid the
    /// cancellation a general design cannot avoid when one study carries nearly all the weight).
    /// </remarks>
    public static Tau2Estimate Estimate(RegressionData data, bool interceptOnly, Tau2Method method) =>
        interceptOnly ? Fitter.EstimateTau2(new StudyData(data.Y, data.V, data.MaxIterations), method) : WithModerators(data, method);

    private static Tau2Estimate WithModerators(RegressionData data, Tau2Method method) => method switch
    {
        Tau2Method.DL => ResidualDerSimonianLaird.Estimate(data),
        Tau2Method.HE => ResidualHedges.Estimate(data),
        Tau2Method.HS => ResidualHunterSchmidt.Estimate(data),
        Tau2Method.HSk => ResidualHunterSchmidtSmallK.Estimate(data),
        Tau2Method.SJ => ResidualSidikJonkman.Estimate(data),
        Tau2Method.ML => ResidualMaximumLikelihood.Estimate(data),
        Tau2Method.REML => ResidualRestrictedMaximumLikelihood.Estimate(data),
        Tau2Method.PM => ResidualPauleMandel.Estimate(data),
        Tau2Method.EB => ResidualEmpiricalBayes.Estimate(data),
        Tau2Method.PMM => ResidualPauleMandelMedian.Estimate(data),
        // The iterated DL steps τ² ← τ² + (Q(τ²) − (k − p))/tr P(τ²) have the Paule-Mandel root as their fixed point
        // (DerSimonian & Kacker 2007); it is found directly.
        Tau2Method.DLIT => ResidualPauleMandel.Estimate(data),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a τ² estimator."),
    };
}
