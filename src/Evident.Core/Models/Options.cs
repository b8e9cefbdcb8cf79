namespace Evident.Core.Models;

/// <summary>How τ² is estimated (metafor's <c>method</c>), or EE/FE for no τ².</summary>
public enum Tau2Method
{
    /// <summary>Equal-effects model (τ² = 0).</summary>
    EE,
    /// <summary>Fixed-effects model (τ² = 0; same numbers as EE, a different interpretation).</summary>
    FE,
    /// <summary>DerSimonian &amp; Laird (1986) method of moments.</summary>
    DL,
    /// <summary>Restricted maximum likelihood (Viechtbauer 2005).</summary>
    REML,
    /// <summary>Maximum likelihood (Hardy &amp; Thompson 1996).</summary>
    ML,
    /// <summary>Paule &amp; Mandel (1982) generalized Q estimator.</summary>
    PM,
    /// <summary>Hedges (1983) unweighted method of moments.</summary>
    HE,
    /// <summary>Sidik &amp; Jonkman (2005) estimator.</summary>
    SJ,
    /// <summary>Hunter &amp; Schmidt (2004) estimator.</summary>
    HS,
    /// <summary>Empirical Bayes (Morris 1983; Berkey et al. 1995).</summary>
    EB,
    /// <summary>Hunter-Schmidt with small-sample correction (Brannick et al. 2019).</summary>
    HSk,
    /// <summary>Median-unbiased Paule-Mandel (Viechtbauer 2021).</summary>
    PMM,
    /// <summary>Iterated DerSimonian-Laird (DerSimonian &amp; Kacker 2007).</summary>
    DLIT,
}

/// <summary>How the pooled estimate is tested and its CI built (metafor's <c>test</c>).</summary>
public enum TestMethod
{
    /// <summary>Wald-type z test and normal CI.</summary>
    Z,
    /// <summary>t test with k − 1 df, same SE.</summary>
    T,
    /// <summary>Hartung-Knapp-Sidik-Jonkman: t test with k − 1 df and a rescaled SE (Hartung &amp; Knapp 2001; Sidik &amp; Jonkman 2002).</summary>
    KNHA,
    /// <summary>Knapp-Hartung with the scaling factor truncated below at 1 (Knapp &amp; Hartung 2003, "ad hoc").</summary>
    ADHOC,
}

/// <summary>Which distribution the prediction interval uses.</summary>
public enum PredictionIntervalType
{
    /// <summary>As metafor's <c>predict()</c>: normal quantile with test z, t(k − 1) with t/knha/adhoc.</summary>
    Metafor,
    /// <summary>t(k − 2) as Higgins, Thompson &amp; Spiegelhalter (2009) and Riley et al. (2011).</summary>
    Riley,
    /// <summary>t(k − 1) whatever the test (meta 8's default).</summary>
    T,
}

/// <summary>How the CI for τ² (and I², H²) is computed.</summary>
public enum Tau2CiMethod
{
    /// <summary>Q-profile method (Viechtbauer 2007).</summary>
    QProfile,
    /// <summary>Profile likelihood (Hardy &amp; Thompson 1996).</summary>
    ProfileLikelihood,
}

/// <summary>What I² and H² of a random-effects model are computed from.</summary>
public enum HeterogeneityBasis
{
    /// <summary>
    /// From τ̂² and the typical within-study variance s²: I² = τ̂²/(τ̂² + s²), H² = τ̂²/s² + 1, with CIs from the τ² CI
    /// (Higgins &amp; Thompson 2002; metafor, and RevMan since 2025).
    /// </summary>
    Tau2,
    /// <summary>
    /// From Cochran's Q: I² = max(0, (Q − df)/Q), H² = Q/df, with the test-based CI of H (Higgins &amp; Thompson 2002,
    /// appendix; R's meta with <c>method.I2 = "Q"</c>, RevMan 5).
    /// </summary>
    Q,
}

/// <summary>Options of a pooled model, with metafor's defaults.</summary>
public sealed record FitOptions
{
    /// <summary>τ² estimator; default REML.</summary>
    public Tau2Method Method { get; init; } = Tau2Method.REML;
    /// <summary>Test and CI method; default z.</summary>
    public TestMethod Test { get; init; } = TestMethod.Z;
    /// <summary>Confidence level in percent; default 95.</summary>
    public double Level { get; init; } = 95;
    /// <summary>Prediction interval convention; default as metafor.</summary>
    public PredictionIntervalType PredictionInterval { get; init; } = PredictionIntervalType.Metafor;
    /// <summary>CI method for τ²; default Q-profile.</summary>
    public Tau2CiMethod Tau2Ci { get; init; } = Tau2CiMethod.QProfile;
    /// <summary>Maximum iterations of an iterative estimator before the bracketed fallback.</summary>
    public int MaxIterations { get; init; } = 1000;
    /// <summary>
    /// A τ² to use instead of estimating one (metafor's <c>tau2 =</c> argument); null (the default) estimates it with
    /// <see cref="Method"/>. Must be finite and ≥ 0. Ignored by EE and FE, whose τ² is 0 by definition (as in metafor).
    /// With a given τ² the fit has no τ² standard error or CI and 0 iterations; I², H², weights, the test and the
    /// prediction interval use the given value.
    /// </summary>
    public double? Tau2 { get; init; }
    /// <summary>What I² and H² of a random-effects model come from; default τ̂² (as metafor). EE/FE always use Q.</summary>
    public HeterogeneityBasis Heterogeneity { get; init; } = HeterogeneityBasis.Tau2;
    /// <summary>
    /// Cochran's Q taken around this value instead of the inverse-variance estimate: RevMan 5 (and meta's
    /// <c>Q.Cochrane</c>) take it around the Mantel-Haenszel estimate for binary data. Q, its p-value, Q-based I² and H²,
    /// and DerSimonian-Laird's τ² use it; null (the default) is the usual Q.
    /// </summary>
    public double? QCentre { get; init; }

    /// <summary>The default options.</summary>
    public static FitOptions Default { get; } = new();
}
