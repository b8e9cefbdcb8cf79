namespace Evident.Core.Validation;

/// <summary>A per-study result as RevMan prints it: the estimate and its confidence limits, ratio measures on the ratio scale.</summary>
/// <param name="Estimate">The effect estimate.</param>
/// <param name="Lower">The lower confidence limit.</param>
/// <param name="Upper">The upper confidence limit.</param>
public readonly record struct RevManValue(double Estimate, double Lower, double Upper);
