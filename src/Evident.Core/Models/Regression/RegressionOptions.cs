namespace Evident.Core.Models.Regression;

/// <summary>Settings of a meta-regression beyond <see cref="FitOptions"/> (which gives the method, test, level and iteration cap).</summary>
public sealed record RegressionOptions
{
    /// <summary>
    /// The coefficients tested together by the omnibus test QM (metafor's <c>btt</c>); null for metafor's default, every
    /// coefficient but the intercept (all of them when there is no intercept, the intercept alone when it is the only one).
    /// </summary>
    public CoefficientSelection? Btt { get; init; }

    /// <summary>The default settings.</summary>
    public static RegressionOptions Default { get; } = new();
}
