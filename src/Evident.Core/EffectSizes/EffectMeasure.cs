namespace Evident.Core.EffectSizes;

/// <summary>Effect-size measures, named as metafor's <c>escalc</c> names them.</summary>
public enum EffectMeasure
{
    /// <summary>Raw mean difference.</summary>
    MD,
    /// <summary>Standardized mean difference, Hedges' g with the exact bias correction (Hedges 1981).</summary>
    SMD,
    /// <summary>Standardized mean difference without assuming equal variances (Bonett 2009).</summary>
    SMDH,
    /// <summary>Glass's delta: mean difference standardized by the control-group SD.</summary>
    SMD1,
    /// <summary>Log ratio of means (Hedges, Gurevitch &amp; Curtis 1999).</summary>
    ROM,
    /// <summary>Log odds ratio.</summary>
    OR,
    /// <summary>Log risk ratio.</summary>
    RR,
    /// <summary>Risk difference.</summary>
    RD,
    /// <summary>Log odds ratio by Peto's one-step method (Yusuf et al. 1985).</summary>
    PETO,
    /// <summary>Log incidence rate ratio.</summary>
    IRR,
    /// <summary>Incidence rate difference.</summary>
    IRD,
    /// <summary>Raw correlation coefficient.</summary>
    COR,
    /// <summary>Unbiased estimate of the correlation (Olkin &amp; Pratt 1958).</summary>
    UCOR,
    /// <summary>Fisher's r-to-z transformed correlation.</summary>
    ZCOR,
    /// <summary>Raw proportion.</summary>
    PR,
    /// <summary>Log proportion.</summary>
    PLN,
    /// <summary>Logit proportion.</summary>
    PLO,
    /// <summary>Arcsine square-root transformed proportion.</summary>
    PAS,
    /// <summary>Freeman-Tukey double-arcsine transformed proportion.</summary>
    PFT,
    /// <summary>Raw incidence rate.</summary>
    IR,
    /// <summary>Log incidence rate.</summary>
    IRLN,
    /// <summary>Raw mean.</summary>
    MN,
    /// <summary>Log mean.</summary>
    MNLN,
    /// <summary>Raw mean change (pre-post).</summary>
    MC,
    /// <summary>Standardized mean change using the change-score SD (Gibbons et al. 1993).</summary>
    SMCC,
    /// <summary>Standardized mean change using the raw-score (pre) SD (Becker 1988).</summary>
    SMCR,
    /// <summary>Generic inverse variance: yi given with vi or sei.</summary>
    GEN,
}
