using Evident.Core.Models;
using Evident.Core.Models.Estimators;

namespace Evident.Core.Validation;

/// <summary>
/// Infers how RevMan weighted an analysis's studies from the percent weights it printed, and which rows agree: every
/// <see cref="RevManWeightModel"/> (Mantel-Haenszel ones only for OR, RR and RD) relative to the whole analysis or to each
/// subgroup, and "no totals" when every printed weight is 0. Weights are those of the estimable studies under the analysis's
/// effect, in percent of their total, compared to RevMan's 6 decimals (<see cref="RevManRounding"/>); a study that is not
/// estimable has weight 0 (RevMan prints 0 or nothing).
/// </summary>
/// <remarks>
/// Formulas (Deeks &amp; Higgins 2010, "Statistical algorithms in Review Manager 5"): inverse variance wᵢ = 1/vᵢ; Mantel-Haenszel
/// wᵢ = bᵢcᵢ/Nᵢ (OR), cᵢn₁ᵢ/Nᵢ (RR), n₁ᵢn₂ᵢ/Nᵢ (RD) on the table RevMan analyses (0.5 added to every cell of a table with a
/// zero cell; events and non-events swapped when the effect says so); random effects wᵢ = 1/(vᵢ + τ²) with
/// τ² = max(0, (Q − (k − 1))/(Σwᵢ − Σwᵢ²/Σwᵢ)), wᵢ = 1/vᵢ and Q = Σwᵢ(yᵢ − θ)² about the inverse-variance estimate θ
/// (DerSimonian &amp; Laird 1986) or, for a Mantel-Haenszel outcome, about the Mantel-Haenszel estimate
/// θ = log(Σaᵢdᵢ/Nᵢ / Σbᵢcᵢ/Nᵢ) (OR), log(Σaᵢn₂ᵢ/Nᵢ / Σcᵢn₁ᵢ/Nᵢ) (RR), Σ(aᵢn₂ᵢ − cᵢn₁ᵢ)/Nᵢ / Σn₁ᵢn₂ᵢ/Nᵢ (RD)
/// (Mantel &amp; Haenszel 1959; Greenland &amp; Robins 1985); or τ² by REML (Viechtbauer 2005). Ties between weightings that
/// reproduce the same rows are broken in the order of <see cref="RevManWeightScope"/> (whole analysis first), then of
/// <see cref="RevManWeightModel"/> (fixed effect before random effects).
/// </remarks>
internal static class RevManWeights
{
    /// <summary>The inferred weighting and, per row, the computed percent weight and whether it agrees.</summary>
    internal sealed record Outcome(RevManWeighting Weighting, double[] Percent, bool[] Agrees);

    /// <summary>The best weighting, or null when RevMan printed no weight at all.</summary>
    public static Outcome? Infer(IReadOnlyList<RevManRow> rows, RevManEffect effect, RevManComputation.RowEffect[] effects)
    {
        var printed = rows.Select(r => r.Weight is { } w && !double.IsNaN(w) ? w : (double?)null).ToArray();
        if (printed.All(p => p is null))
        {
            return null;
        }

        if (printed.All(p => p is null or 0))
        {
            var zero = new double[rows.Count];
            return new Outcome(new RevManWeighting(RevManWeightScope.NoTotals, null), zero, Compare(printed, zero));
        }

        var groups = new List<int[]> { Enumerable.Range(0, rows.Count).ToArray() };
        var subgroups = rows.Select((r, i) => (r.Subgroup ?? string.Empty, i)).GroupBy(p => p.Item1, StringComparer.Ordinal)
            .Select(g => g.Select(p => p.i).ToArray()).ToList();
        var binary = effect.Measure is RevManMeasure.OR or RevManMeasure.RR or RevManMeasure.RD;
        Outcome? best = null;
        var bestScore = -1;
        foreach (var scope in new[] { RevManWeightScope.Overall, RevManWeightScope.Subgroup })
        {
            if (scope == RevManWeightScope.Subgroup && subgroups.Count < 2)
            {
                continue;
            }

            foreach (var model in Enum.GetValues<RevManWeightModel>())
            {
                if (!binary && model is RevManWeightModel.MantelHaenszel or RevManWeightModel.MantelHaenszelDerSimonianLaird)
                {
                    continue;
                }

                var percent = new double[rows.Count];
                foreach (var group in scope == RevManWeightScope.Overall ? groups : subgroups)
                {
                    Percent(rows, effect, effects, model, group.Where(i => effects[i].IsEstimable).ToArray(), percent);
                }

                var agrees = Compare(printed, percent);
                var score = agrees.Count(a => a);
                if (score > bestScore)
                {
                    (best, bestScore) = (new Outcome(new RevManWeighting(scope, model), percent, agrees), score);
                }
            }
        }

        return best;
    }

    private static bool[] Compare(double?[] printed, double[] percent) =>
        printed.Select((p, i) => p is { } w ? RevManRounding.Agrees(percent[i], w) : percent[i] == 0).ToArray();

    /// <summary>Fills the percent weights of the rows <paramref name="index"/> (estimable ones) under the model.</summary>
    private static void Percent(
        IReadOnlyList<RevManRow> rows, RevManEffect effect, RevManComputation.RowEffect[] effects, RevManWeightModel model, int[] index, double[] percent)
    {
        if (index.Length == 0)
        {
            return;
        }

        var y = index.Select(i => effects[i].Yi).ToArray();
        var v = index.Select(i => effects[i].Vi).ToArray();
        var tables = model is RevManWeightModel.MantelHaenszel or RevManWeightModel.MantelHaenszelDerSimonianLaird
            ? index.Select(i => Table(rows[i], effect.NonEvents)).ToArray()
            : [];
        var w = model switch
        {
            RevManWeightModel.MantelHaenszel => tables.Select(t => MantelHaenszelWeight(effect.Measure, t)).ToArray(),
            RevManWeightModel.InverseVariance => v.Select(vi => 1 / vi).ToArray(),
            RevManWeightModel.DerSimonianLaird => RandomEffects(v, DerSimonianLaird(y, v, InverseVarianceEstimate(y, v))),
            RevManWeightModel.MantelHaenszelDerSimonianLaird =>
                RandomEffects(v, DerSimonianLaird(y, v, MantelHaenszelEstimate(effect.Measure, tables))),
            _ => RandomEffects(v, RestrictedMaximumLikelihood.Estimate(new StudyData(y, v, FitOptions.Default.MaxIterations)).Tau2),
        };
        var total = w.Sum();
        for (var j = 0; j < index.Length; j++)
        {
            percent[index[j]] = 100 * w[j] / total;
        }
    }

    private static double[] RandomEffects(double[] v, double tau2) => v.Select(vi => 1 / (vi + tau2)).ToArray();

    private static double InverseVarianceEstimate(double[] y, double[] v)
    {
        double sw = 0, swy = 0;
        for (var i = 0; i < y.Length; i++)
        {
            sw += 1 / v[i];
            swy += y[i] / v[i];
        }

        return swy / sw;
    }

    /// <summary>DerSimonian-Laird τ² with Q about <paramref name="centre"/>.</summary>
    private static double DerSimonianLaird(double[] y, double[] v, double centre)
    {
        double sw = 0, sw2 = 0, q = 0;
        for (var i = 0; i < y.Length; i++)
        {
            var w = 1 / v[i];
            sw += w;
            sw2 += w * w;
            q += w * (y[i] - centre) * (y[i] - centre);
        }

        var c = sw - (sw2 / sw);
        return c > 0 ? Math.Max(0, (q - (y.Length - 1)) / c) : 0;
    }

    private readonly record struct Cells(double A, double B, double C, double D)
    {
        public double N1 => A + B;

        public double N2 => C + D;

        public double N => A + B + C + D;
    }

    /// <summary>The 2×2 table RevMan analyses: events swapped when asked, 0.5 added to every cell when one is 0.</summary>
    private static Cells Table(RevManRow row, bool nonEvents)
    {
        var s = row.Study;
        var (a, c) = (s.Ai ?? double.NaN, s.Ci ?? double.NaN);
        var b = s.Bi ?? ((s.N1i ?? double.NaN) - a);
        var d = s.Di ?? ((s.N2i ?? double.NaN) - c);
        var t = nonEvents ? new Cells(b, a, d, c) : new Cells(a, b, c, d);
        return t.A == 0 || t.B == 0 || t.C == 0 || t.D == 0 ? new Cells(t.A + 0.5, t.B + 0.5, t.C + 0.5, t.D + 0.5) : t;
    }

    private static double MantelHaenszelWeight(RevManMeasure measure, Cells t) => measure switch
    {
        RevManMeasure.OR => t.B * t.C / t.N,
        RevManMeasure.RR => t.C * t.N1 / t.N,
        _ => t.N1 * t.N2 / t.N,
    };

    private static double MantelHaenszelEstimate(RevManMeasure measure, Cells[] tables)
    {
        double numerator = 0, denominator = 0;
        foreach (var t in tables)
        {
            numerator += measure switch
            {
                RevManMeasure.OR => t.A * t.D / t.N,
                RevManMeasure.RR => t.A * t.N2 / t.N,
                _ => ((t.A * t.N2) - (t.C * t.N1)) / t.N,
            };
            denominator += MantelHaenszelWeight(measure, t);
        }

        return measure == RevManMeasure.RD ? numerator / denominator : Math.Log(numerator / denominator);
    }
}
