namespace Evident.Core;

/// <summary>A closed interval [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
public readonly record struct Interval(double Lower, double Upper);
