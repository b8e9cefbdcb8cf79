using Evident.Core.EffectSizes;
using Evident.Core.Numerics;

namespace Evident.Core.Validation;

/// <summary>
/// Computes every row's per-study effect for one RevMan measure the way Review Manager 5 does: the effect sizes under
/// <see cref="EffectConventions.RevMan5"/>, with Wald intervals yi ± z·√vi (z the normal quantile of the level, RevMan uses the
/// exact quantile, 1.959964 for 95 %), exponentiated for ratio measures (Deeks &amp; Higgins 2010).
/// </summary>
internal static class RevManComputation
{
    private static readonly EscalcOptions RevMan5 = new() { Conventions = EffectConventions.RevMan5 };

    /// <summary>One row's effect on the analysis scale, or why it is not estimable.</summary>
    internal readonly record struct RowEffect(double Yi, double Vi, string? NotEstimableBecause)
    {
        public bool IsEstimable => NotEstimableBecause is null;
    }

    /// <summary>The effects of all rows for <paramref name="measure"/>, events and non-events swapped when asked.</summary>
    public static RowEffect[] Compute(RevManMeasure measure, bool nonEvents, IReadOnlyList<RevManRow> rows)
    {
        var inputs = new StudyInput[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            inputs[i] = Project(measure, nonEvents, rows[i].Study);
        }

        var set = EffectSizes.EffectSizes.Compute(measure.EscalcMeasure(), inputs, RevMan5);
        var cause = new string?[rows.Count];
        foreach (var issue in set.Issues)
        {
            if (issue.StudyIndex is { } i && issue.Severity != IssueSeverity.Info)
            {
                cause[i] ??= issue.Code;
            }
        }

        var result = new RowEffect[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var s = set.Studies[i];
            result[i] = s.Yi is { } yi && s.Vi is { } vi && double.IsFinite(yi) && vi > 0 && double.IsFinite(vi)
                ? new RowEffect(yi, vi, null)
                : new RowEffect(double.NaN, double.NaN, cause[i] ?? (s.Vi is <= 0 ? IssueCodes.NonPositiveVariance : IssueCodes.EffectUndefined));
        }

        return result;
    }

    /// <summary>The normal quantile for a two-sided interval at <paramref name="level"/> percent.</summary>
    public static double Critical(double level) => Probability.NormalQuantile(0.5 + (level / 200));

    /// <summary>The effect as RevMan prints it: estimate and CI limits, exponentiated for ratio measures.</summary>
    public static RevManValue Printable(RowEffect effect, RevManMeasure measure, double critical)
    {
        var half = critical * Math.Sqrt(effect.Vi);
        var (y, lower, upper) = (effect.Yi, effect.Yi - half, effect.Yi + half);
        return measure.IsRatio() ? new RevManValue(Math.Exp(y), Math.Exp(lower), Math.Exp(upper)) : new RevManValue(y, lower, upper);
    }

    /// <summary>
    /// The row's values the measure reads and nothing else (so, e.g., RevMan's printed CI is never taken for a GIV input),
    /// with events and non-events swapped for <paramref name="nonEvents"/>.
    /// </summary>
    private static StudyInput Project(RevManMeasure measure, bool nonEvents, StudyInput s)
    {
        switch (measure.DataType())
        {
            case DataType.Continuous:
                return new StudyInput { Study = s.Study, M1i = s.M1i, Sd1i = s.Sd1i, N1i = s.N1i, M2i = s.M2i, Sd2i = s.Sd2i, N2i = s.N2i };
            case DataType.Binary when nonEvents:
                {
                    var bi = s.Bi ?? Minus(s.N1i, s.Ai);
                    var di = s.Di ?? Minus(s.N2i, s.Ci);
                    return new StudyInput { Study = s.Study, Ai = bi, Bi = s.Ai, Ci = di, Di = s.Ci };
                }

            case DataType.Binary:
                return new StudyInput { Study = s.Study, Ai = s.Ai, Bi = s.Bi, Ci = s.Ci, Di = s.Di, N1i = s.N1i, N2i = s.N2i };
            case DataType.GenericInverseVariance:
                return new StudyInput { Study = s.Study, Yi = s.Yi, Vi = s.Vi, Sei = s.Sei };
            case DataType.ObservedMinusExpected:
                return new StudyInput { Study = s.Study, Oei = s.Oei, Vari = s.Vari };
            default:
                throw new ArgumentOutOfRangeException(nameof(measure));
        }
    }

    private static double? Minus(double? n, double? x) => n is { } a && x is { } b ? a - b : null;
}
