using Evident.Core.EffectSizes;
using Evident.Core.Models;

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
/// wᵢ = bᵢcᵢ/Nᵢ (OR), cᵢn₁ᵢ/Nᵢ (RR), n₁ᵢn₂ᵢ/Nᵢ (RD) on the table RevMan analyses (0.5 added to every cell of an OR or RR
/// table with a zero cell, RD tables as given; events and non-events swapped when the effect says so; see
/// <see cref="MantelHaenszel"/> with <see cref="EffectConventions.RevMan5"/>); random effects wᵢ = 1/(vᵢ + τ²) with
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

    private static readonly TableFitOptions RevManTables = new() { Conventions = EffectConventions.RevMan5 };

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
        var mantelHaenszel = model is RevManWeightModel.MantelHaenszel or RevManWeightModel.MantelHaenszelDerSimonianLaird
            ? MantelHaenszel.Fit(Enum.Parse<EffectMeasure>(effect.Measure.ToString()), [.. index.Select(i => Table(rows[i], effect.NonEvents))], RevManTables)
            : null;
        IReadOnlyList<double?> w = model switch
        {
            RevManWeightModel.MantelHaenszel => mantelHaenszel!.WeightsPercent,
            RevManWeightModel.InverseVariance => Weights(y, v, new FitOptions { Method = Tau2Method.FE }),
            RevManWeightModel.DerSimonianLaird => Weights(y, v, new FitOptions { Method = Tau2Method.DL }),
            RevManWeightModel.MantelHaenszelDerSimonianLaird => Weights(y, v, new FitOptions { Method = Tau2Method.DL, QCentre = mantelHaenszel!.Estimate }),
            _ => Weights(y, v, new FitOptions { Method = Tau2Method.REML }),
        };
        for (var j = 0; j < index.Length; j++)
        {
            percent[index[j]] = w[j] ?? 0;
        }
    }

    private static double?[] Weights(double[] y, double[] v, FitOptions options)
        => [.. MetaAnalysis.Fit(y, v, options).WeightsPercent.Select(w => (double?)w)];

    /// <summary>The 2×2 table RevMan analyses, events and non-events swapped when asked.</summary>
    private static StudyInput Table(RevManRow row, bool nonEvents)
    {
        var s = row.Study;
        var (a, c) = (s.Ai, s.Ci);
        var b = s.Bi ?? (s.N1i - a);
        var d = s.Di ?? (s.N2i - c);
        return nonEvents ? new StudyInput { Ai = b, Bi = a, Ci = d, Di = c } : new StudyInput { Ai = a, Bi = b, Ci = c, Di = d };
    }
}
