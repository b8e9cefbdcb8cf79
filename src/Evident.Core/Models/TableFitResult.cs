using Evident.Core.EffectSizes;

namespace Evident.Core.Models;

/// <summary>The fixed-effect methods that pool tables directly.</summary>
public enum TableMethod
{
    /// <summary>Mantel-Haenszel (Mantel &amp; Haenszel 1959; metafor's <c>rma.mh</c>).</summary>
    MH,

    /// <summary>Peto's one-step odds ratio (Yusuf et al. 1985; metafor's <c>rma.peto</c>).</summary>
    PETO,
}

/// <summary>A χ² test: statistic, degrees of freedom and upper-tail p-value.</summary>
/// <param name="Statistic">The χ² statistic.</param>
/// <param name="Df">Degrees of freedom.</param>
/// <param name="PValue">P(χ²(df) ≥ statistic); 1 when df = 0.</param>
public readonly record struct ChiSquareTest(double Statistic, int Df, double PValue)
{
    /// <summary>The test of <paramref name="statistic"/> against χ²(<paramref name="df"/>); p = 1 when df = 0.</summary>
    public static ChiSquareTest Of(double statistic, int df) => new(statistic, df, df > 0 ? Numerics.Probability.ChiSquareUpperTail(statistic, df) : 1);
}

/// <summary>
/// A Mantel-Haenszel or Peto fixed-effect analysis. Values that do not exist for these data are null (never NaN) and
/// <see cref="Issues"/> says why; in particular, when the tables hold no information on the effect (e.g. no events at
/// all) <see cref="Estimate"/> is null, <see cref="IsEstimable"/> is false and there is a <c>pooled-not-estimable</c>
/// error. Estimates are on the analysis scale (log for OR, RR, IRR and PETO); <see cref="BackTransform.For"/> with
/// <see cref="Measure"/> gives the back-transformation.
/// </summary>
public sealed record TableFitResult
{
    /// <summary>Mantel-Haenszel or Peto.</summary>
    public required TableMethod Method { get; init; }
    /// <summary>The measure pooled: OR, RR, RD, IRR, IRD (Mantel-Haenszel) or PETO.</summary>
    public required EffectMeasure Measure { get; init; }
    /// <summary>The options used.</summary>
    public required TableFitOptions Options { get; init; }
    /// <summary>Confidence level in percent.</summary>
    public double Level => Options.Level;
    /// <summary>Number of tables used (valid input), double-zero tables included; metafor's <c>k</c>.</summary>
    public required int K { get; init; }
    /// <summary>Number of studies with a per-study estimate yi (what Q uses); metafor's <c>k.yi</c>.</summary>
    public required int KWithEstimate { get; init; }
    /// <summary>Pooled estimate; null when not estimable.</summary>
    public double? Estimate { get; init; }
    /// <summary>Its standard error; null when not estimable.</summary>
    public double? StandardError { get; init; }
    /// <summary>z = estimate / SE; null when not estimable or when the SE is 0.</summary>
    public double? Statistic { get; init; }
    /// <summary>Two-sided p-value of z; null with <see cref="Statistic"/>.</summary>
    public double? PValue { get; init; }
    /// <summary>Wald-type confidence interval at <see cref="Level"/>; null when not estimable.</summary>
    public Interval? ConfidenceInterval { get; init; }
    /// <summary>Whether a pooled estimate exists.</summary>
    public bool IsEstimable => Estimate is not null;
    /// <summary>
    /// Cochran's Q: for Mantel-Haenszel Σ(yᵢ − μ̂)²/vᵢ over the per-study estimates around the MH estimate, for Peto
    /// from the raw tables. 0 with one (or no) per-study estimate; null when the pooled estimate does not exist.
    /// </summary>
    public double? Q { get; init; }
    /// <summary>Degrees of freedom of Q: studies with a per-study estimate − 1, at least 0.</summary>
    public required int QDf { get; init; }
    /// <summary>p-value of Q; 1 when <see cref="QDf"/> is 0.</summary>
    public double? QPValue { get; init; }
    /// <summary>I² in percent, max(0, (Q − df)/Q)·100 (Higgins &amp; Thompson 2002); 0 when df = 0.</summary>
    public double? I2 { get; init; }
    /// <summary>H² = Q/df; 1 when df = 0.</summary>
    public double? H2 { get; init; }
    /// <summary>
    /// Cochran-Mantel-Haenszel test of no association (metafor's <c>MH</c>): for OR with the hypergeometric variance
    /// (N − 1 denominator; Mantel &amp; Haenszel 1959), for IRR with the binomial variance of the events given their
    /// total; with the ½ continuity correction when <see cref="TableFitOptions.Correct"/>. Null for other measures or
    /// when the tables carry no information (zero variance).
    /// </summary>
    public ChiSquareTest? CochranMantelHaenszel { get; init; }
    /// <summary>Cochran's (1954) test (metafor's <c>CO</c>): as the CMH test with N instead of N − 1; OR only.</summary>
    public ChiSquareTest? Cochran { get; init; }
    /// <summary>Tarone's (1985) test for heterogeneity of the odds ratios (metafor's <c>TA</c>); OR only.</summary>
    public ChiSquareTest? Tarone { get; init; }
    /// <summary>The Breslow-Day (1980) test for heterogeneity of the odds ratios, uncorrected (metafor's <c>BD</c>); OR only.</summary>
    public ChiSquareTest? BreslowDay { get; init; }
    /// <summary>
    /// One entry per input study, in input order: the per-study yi/vi as metafor's <c>rma.mh</c>/<c>rma.peto</c> report
    /// them (continuity-corrected by <see cref="TableFitOptions.Add"/>/<see cref="TableFitOptions.To"/>, null for
    /// double-zero studies under drop00 and for invalid rows).
    /// </summary>
    public required IReadOnlyList<StudyEffect> Studies { get; init; }
    /// <summary>
    /// Each study's share of the pooled estimate's weight in percent, in input order (Mantel-Haenszel weights bᵢcᵢ/nᵢ
    /// for OR, cᵢn1ᵢ/nᵢ for RR, n1ᵢn2ᵢ/nᵢ for RD, x2ᵢt1ᵢ/tᵢ for IRR, t1ᵢt2ᵢ/tᵢ for IRD; Peto: the hypergeometric
    /// variance Vᵢ); null for invalid rows, all null when the weights sum to 0.
    /// </summary>
    public required IReadOnlyList<double?> WeightsPercent { get; init; }
    /// <summary>Problems with studies (located by <see cref="Issue.StudyIndex"/>) and with the analysis.</summary>
    public IReadOnlyList<Issue> Issues { get; init; } = [];
}
