namespace Evident.Core;

/// <summary>
/// The stable issue codes Core emits. Codes never change meaning once released; the README lists them all.
/// </summary>
public static class IssueCodes
{
    // ---- per-study input problems (the study is skipped) ----

    /// <summary>A value the measure needs is empty or absent.</summary>
    public const string MissingValue = "missing-value";

    /// <summary>A standard deviation is zero or negative where the measure needs it positive.</summary>
    public const string NonPositiveSd = "nonpositive-sd";

    /// <summary>A sample size is below 1 (or below what the measure needs, e.g. n ≤ 3 for ZCOR).</summary>
    public const string SampleSizeTooSmall = "sample-size-too-small";

    /// <summary>A count is negative or not a whole number.</summary>
    public const string InvalidCount = "invalid-count";

    /// <summary>Events exceed the group size (ai &gt; n1i, xi &gt; ni, …).</summary>
    public const string EventsExceedN = "events-exceed-n";

    /// <summary>A sampling variance (or SE) is zero or negative.</summary>
    public const string NonPositiveVariance = "nonpositive-variance";

    /// <summary>A value is outside the range the measure allows (a correlation outside [-1, 1], a mean ≤ 0 for a log measure, …).</summary>
    public const string OutOfRange = "out-of-range";

    /// <summary>The effect size is not defined for these data (e.g. log of zero with no continuity correction).</summary>
    public const string EffectUndefined = "effect-undefined";

    /// <summary>A study with no events (or only events) in both groups was dropped because drop00 was requested.</summary>
    public const string DroppedDoubleZero = "dropped-double-zero";

    /// <summary>Both vi and sei were given and disagree (√vi ≠ sei beyond rounding); vi was used.</summary>
    public const string ViSeiMismatch = "vi-sei-mismatch";

    // ---- conversions and conventions (info: recorded, not silent) ----

    /// <summary>A continuity correction was added to a study's cells.</summary>
    public const string ContinuityCorrection = "continuity-correction";

    /// <summary>The standard error was derived from a confidence interval.</summary>
    public const string SeFromCi = "se-from-ci";

    /// <summary>An estimate and its CI were log-transformed (ratio given on its natural scale).</summary>
    public const string LogTransformed = "log-transformed";

    /// <summary>The CI given is not symmetric about the estimate on the analysis scale (wrong scale or a typo?).</summary>
    public const string AsymmetricCi = "asymmetric-ci";

    /// <summary>A mean and/or SD was estimated from a median with IQR and/or range.</summary>
    public const string MeanSdFromMedian = "mean-sd-from-median";

    // ---- analysis level ----

    /// <summary>An analysis has no usable study at all.</summary>
    public const string NoUsableStudies = "no-usable-studies";

    /// <summary>The Knapp-Hartung adjustment cannot be used (k = 1); the z test was used instead.</summary>
    public const string KnhaFallbackToZ = "knha-fallback-z";

    /// <summary>Knapp-Hartung with Q = 0: the scaling factor is zero, the SE collapses to 0, the statistic is undefined.</summary>
    public const string KnhaZeroScale = "knha-zero-scale";

    /// <summary>The iterative τ² estimator did not converge; the result is the best point found.</summary>
    public const string NotConverged = "not-converged";

    /// <summary>The likelihood has more than one local maximum; the global one is reported (info).</summary>
    public const string LocalMaximum = "local-maximum";

    /// <summary>A quantity is undefined for this analysis (e.g. prediction interval with too few studies); printed as null.</summary>
    public const string Undefined = "undefined";

    /// <summary>A confidence-interval bound for τ² could not be located.</summary>
    public const string Tau2CiNotFound = "tau2-ci-not-found";

    // ---- subgroup analyses (SubgroupAnalysis) ----

    /// <summary>A subgroup has one usable study: it is pooled as k = 1 (with separate τ² its τ² is 0, so it weighs more in the test).</summary>
    public const string SubgroupSingleStudy = "subgroup-single-study";

    /// <summary>No study of a subgroup can be used; the subgroup has no fit and is left out of the test for differences.</summary>
    public const string SubgroupNoUsableStudies = "subgroup-no-usable-studies";

    /// <summary>The test for subgroup differences was not computed (fewer than 2 subgroups with a fit, or a subgroup SE of 0).</summary>
    public const string SubgroupTestNotComputed = "subgroup-test-not-computed";

    /// <summary>A study has no subgroup label; it is in the overall fit but in no subgroup.</summary>
    public const string SubgroupMissing = "subgroup-missing";

    // ---- multi-arm trials (SharedControl) ----

    /// <summary>The same control group (same study label, identical control-arm data) is used by several comparisons.</summary>
    public const string SharedControl = "shared-control";

    /// <summary>Two comparisons have the same study label and identical data in both arms (entered twice?).</summary>
    public const string DuplicateComparison = "duplicate-comparison";

    /// <summary>A shared control group was divided equally among its comparisons (info: the new n and events are recorded).</summary>
    public const string SharedControlSplit = "shared-control-split";

    // ---- Mantel-Haenszel and Peto (pooled from the tables) ----

    /// <summary>
    /// The Mantel-Haenszel or Peto pooled estimate cannot be computed from these tables (e.g. no events in any table, or
    /// none in one group of every table); the result has no estimate.
    /// </summary>
    public const string PooledNotEstimable = "pooled-not-estimable";

    // ---- meta-regression (Models/Regression) ----

    /// <summary>A moderator formula cannot be parsed (the message names the position).</summary>
    public const string FormulaSyntax = "formula-syntax";

    /// <summary><c>x^2</c> in a formula crosses x with itself (= x, as in R); <c>I(x^2)</c> is the square (warning).</summary>
    public const string FormulaPower = "formula-power";

    /// <summary>A formula names a column that is not in the data.</summary>
    public const string UnknownColumn = "unknown-column";

    /// <summary>A text column is used in arithmetic (inside <c>I()</c> or a function).</summary>
    public const string TextAsNumber = "text-as-number";

    /// <summary>A study has no value (or a non-finite one) for a moderator; it is left out of the meta-regression.</summary>
    public const string MissingModerator = "missing-moderator";

    /// <summary>A design column is a linear combination of earlier ones (collinear or constant); it is dropped.</summary>
    public const string RedundantModerator = "redundant-moderator";

    /// <summary>A factor has only one level among the studies used; it adds no column.</summary>
    public const string SingleLevelFactor = "single-level-factor";

    /// <summary>The design has no columns at all (e.g. <c>~ 0</c>); nothing can be fitted.</summary>
    public const string NoCoefficients = "no-coefficients";

    /// <summary>There are as many coefficients as studies (k = p): τ² and the residual tests cannot be estimated.</summary>
    public const string NoResidualDf = "no-residual-df";

    /// <summary>The coefficients chosen for the omnibus test (btt) do not exist or match nothing.</summary>
    public const string InvalidBtt = "invalid-btt";

    /// <summary>A factor level in new data for prediction was not in the fitted data.</summary>
    public const string UnknownLevel = "unknown-level";

    /// <summary>A row of new moderator values has the wrong number of values or a non-finite one.</summary>
    public const string NewmodsMismatch = "newmods-mismatch";

    /// <summary>A likelihood-ratio test cannot be done (different data, equal numbers of parameters, ML against REML).</summary>
    public const string LrtNotMeaningful = "lrt-not-meaningful";

    /// <summary>REML likelihoods of models with different fixed effects are compared (not meaningful; refit with ML).</summary>
    public const string LrtRemlFixedEffects = "lrt-reml-fixed-effects";

    /// <summary>A likelihood-ratio test of models not fitted by ML or REML.</summary>
    public const string LrtNotLikelihood = "lrt-not-likelihood";

    /// <summary>The reduced model's columns are not in the span of the full model's: the models are not nested.</summary>
    public const string ModelsNotNested = "models-not-nested";

    // ---- sensitivity analyses (Sensitivity/) ----

    /// <summary>Leave-one-out, influence or Baujat with one study: there is nothing to leave out (no rows).</summary>
    public const string SensitivityTooFewStudies = "sensitivity-too-few-studies";

    /// <summary>With 2 studies each leave-one-out fit has one study: τ² = 0, Q = 0 on 0 df, and the z test (info).</summary>
    public const string LeaveOneOutSingleStudy = "leave-one-out-single-study";

    /// <summary>
    /// An influence diagnostic is undefined for a study (e.g. a deleted fit with zero Knapp-Hartung scale, when the other
    /// effects are identical); it is null.
    /// </summary>
    public const string InfluenceUndefined = "influence-undefined";

    /// <summary>GOSH: 2^k − 1 exceeds the number of subsets asked for, so that many random subsets were fitted (info).</summary>
    public const string GoshRandomSubsets = "gosh-random-subsets";

    // ---- small-study effects and publication bias (Bias/) ----

    /// <summary>The method needs more studies than the analysis has; it was not computed.</summary>
    public const string TooFewStudies = "too-few-studies";

    /// <summary>
    /// Fewer than 10 studies: tests for funnel plot asymmetry have too little power to tell chance from real asymmetry
    /// (Cochrane Handbook §13.3.5.4); the result is reported with this note (info).
    /// </summary>
    public const string FewStudiesForAsymmetry = "few-studies-for-asymmetry";

    /// <summary>The predictor of a regression test (or the variances of the rank test) has no spread: all studies have the same value.</summary>
    public const string NoPredictorSpread = "no-predictor-spread";

    /// <summary>All effect sizes are identical, so a statistic of the method is undefined (null).</summary>
    public const string IdenticalEffects = "identical-effects";

    /// <summary>A regression test on sample sizes was asked for without usable sample sizes.</summary>
    public const string MissingSampleSizes = "missing-sample-sizes";

    /// <summary>
    /// An interval of a step-function selection model holds no observed p-value: its δ is not identified and the model
    /// was not fitted (error); or, for the first interval, whose δ is fixed at 1, it was fitted as metafor fits it and the
    /// other δs rise to their bound (warning).
    /// </summary>
    public const string EmptySelectionInterval = "empty-selection-interval";

    /// <summary>Orwin's target has the opposite sign to the mean effect; its sign was flipped (info).</summary>
    public const string TargetSignFlipped = "target-sign-flipped";
}
