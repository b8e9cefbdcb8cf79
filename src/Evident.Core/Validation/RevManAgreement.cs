using Evident.Core.EffectSizes;

namespace Evident.Core.Validation;

/// <summary>
/// Checks the per-study results Review Manager 5 printed in an analysis (estimate and CI, as in Cochrane data packages and
/// the Pairwise70 collection) against the same results computed the RevMan way (<see cref="EffectConventions.RevMan5"/>),
/// inferring the analysis's measure, which the data do not store.
/// </summary>
/// <remarks>
/// Every candidate effect is tried: each <see cref="RevManMeasure"/> (a row may carry values of several data types, e.g. a
/// GIV row with group sizes and 0 in the event columns, so the candidates are not limited to the rows' inferred type), at
/// each CI level RevMan offers (95, 99, 90 %), dichotomous measures also with events and non-events swapped. A row agrees
/// with an effect when RevMan's printed estimate and CI equal the computed ones to their rounding
/// (<see cref="RevManRounding"/>), or when RevMan printed nothing and the study is not estimable under the effect.
/// <para>
/// The inferred effect is the one agreeing with most rows; the analysis is <see cref="AnalysisAgreement.Matched"/> when it
/// agrees with all. Ties (several effects agreeing equally) are broken deterministically, in this order: the measure's data
/// type is the most common <see cref="RevManRow.DataType"/> of the rows; 95 % before 99 % before 90 % (RevMan's default
/// first); events before non-events; then the order of <see cref="RevManMeasure"/> (MD, SMD, OR, RR, RD, PETO, O − E, GIV,
/// GIV ratio: RevMan's default measure of each data type first). The others are listed in
/// <see cref="RevManAnalysisResult.Alternatives"/>.
/// </para>
/// <para>
/// The weighting (pooling model, and whether weights are relative to the analysis or to each subgroup) is then inferred from
/// RevMan's printed weights the same way (<see cref="RevManWeighting"/>), for the rows estimable under the inferred effect.
/// </para>
/// An analysis with no printed value at all gets no effect (<see cref="AnalysisAgreement.NoPrintedValues"/>); each of its
/// rows is then <see cref="RowAgreement.NotEstimable"/> when some measure of the row's own data type (or any measure, for a
/// row without one) makes it not estimable, and <see cref="RowAgreement.ValueMissing"/> otherwise.
/// </remarks>
public static class RevManAgreement
{
    /// <summary>The confidence levels RevMan 5 offers for per-study intervals, in order of preference.</summary>
    public static IReadOnlyList<double> CiLevels { get; } = [95, 99, 90];

    private static readonly bool[] EventsThenNonEvents = [false, true];

    private static readonly bool[] EventsOnly = [false];

    /// <summary>Checks one analysis: its rows in order (a RevMan analysis is keyed by review, analysis group and number).</summary>
    public static RevManAnalysisResult Check(IReadOnlyList<RevManRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        for (var i = 0; i < rows.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(rows[i], nameof(rows));
            ArgumentNullException.ThrowIfNull(rows[i].Study, nameof(rows));
        }

        var printed = rows.Select(Printed).ToArray();
        var effects = new Dictionary<(RevManMeasure, bool), RevManComputation.RowEffect[]>();
        RevManComputation.RowEffect[] EffectsOf(RevManMeasure measure, bool nonEvents)
        {
            if (!effects.TryGetValue((measure, nonEvents), out var computed))
            {
                computed = RevManComputation.Compute(measure, nonEvents, rows);
                effects[(measure, nonEvents)] = computed;
            }

            return computed;
        }

        if (printed.All(p => p is null))
        {
            return WithoutPrintedValues(rows, EffectsOf);
        }

        var majority = rows.Where(r => r.DataType is not null).GroupBy(r => r.DataType!.Value)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => (DataType?)g.Key).FirstOrDefault();
        var scored = Candidates()
            .Select(effect => (Effect: effect, Score: Score(effect, rows, printed, EffectsOf(effect.Measure, effect.NonEvents))))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Effect.Measure.DataType() == majority ? 0 : 1)
            .ThenBy(c => LevelRank(c.Effect.CiLevel))
            .ThenBy(c => c.Effect.NonEvents)
            .ThenBy(c => c.Effect.Measure)
            .ToArray();
        var best = scored[0];
        var chosen = best.Effect;
        var rowEffects = EffectsOf(chosen.Measure, chosen.NonEvents);
        var critical = RevManComputation.Critical(chosen.CiLevel);
        var weights = RevManWeights.Infer(rows, chosen, rowEffects);
        var results = new RevManRowResult[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            results[i] = RowResult(i, rows[i], printed[i], rowEffects[i], chosen, critical) with
            {
                ComputedWeight = weights?.Percent[i],
                WeightAgrees = weights?.Agrees[i],
            };
        }

        var matched = best.Score == rows.Count;
        return new RevManAnalysisResult
        {
            Agreement = matched ? AnalysisAgreement.Matched : AnalysisAgreement.NotFullyMatched,
            Code = matched ? null : RevManCodes.NoMatchingMeasure,
            Effect = chosen,
            Alternatives = scored.Skip(1).TakeWhile(c => c.Score == best.Score).Select(c => c.Effect).ToArray(),
            Weighting = weights?.Weighting,
            Rows = results,
        };
    }

    /// <summary>Every candidate effect: each measure at each level, dichotomous measures also with events swapped.</summary>
    private static IEnumerable<RevManEffect> Candidates() =>
        from measure in RevManMeasures.All
        from level in CiLevels
        from nonEvents in measure.DataType() == DataType.Binary ? EventsThenNonEvents : EventsOnly
        select new RevManEffect(measure, level, nonEvents);

    private static int LevelRank(double level)
    {
        for (var i = 0; i < CiLevels.Count; i++)
        {
            if (CiLevels[i] == level)
            {
                return i;
            }
        }

        return CiLevels.Count;
    }

    private static int Score(RevManEffect effect, IReadOnlyList<RevManRow> rows, RevManValue?[] printed, RevManComputation.RowEffect[] rowEffects)
    {
        var critical = RevManComputation.Critical(effect.CiLevel);
        var score = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var e = rowEffects[i];
            var agrees = printed[i] is { } p
                ? e.IsEstimable && RevManRounding.Agrees(RevManComputation.Printable(e, effect.Measure, critical), p)
                : !e.IsEstimable;
            score += agrees ? 1 : 0;
        }

        return score;
    }

    private static RevManRowResult RowResult(int index, RevManRow row, RevManValue? printed, RevManComputation.RowEffect effect, RevManEffect chosen, double critical)
    {
        RevManValue? computed = effect.IsEstimable ? RevManComputation.Printable(effect, chosen.Measure, critical) : null;
        var agreement = (printed, computed) switch
        {
            ({ } p, { } c) => RevManRounding.Agrees(c, p) ? RowAgreement.Matched : RowAgreement.Mismatch,
            (not null, null) => RowAgreement.PrintedButNotEstimable,
            (null, null) => RowAgreement.NotEstimable,
            (null, not null) => RowAgreement.ValueMissing,
        };
        return new RevManRowResult
        {
            Index = index,
            Agreement = agreement,
            Code = CodeOf(agreement),
            Printed = printed,
            Computed = computed,
            NotEstimableBecause = effect.NotEstimableBecause,
            DataTypeAgrees = row.DataType is { } type ? type == chosen.Measure.DataType() : null,
        };
    }

    private static RevManAnalysisResult WithoutPrintedValues(
        IReadOnlyList<RevManRow> rows, Func<RevManMeasure, bool, RevManComputation.RowEffect[]> effectsOf)
    {
        var results = new RevManRowResult[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var type = rows[i].DataType;
            var because = RevManMeasures.All
                .Where(m => type is null || m.DataType() == type)
                .Select(m => effectsOf(m, false)[i].NotEstimableBecause)
                .FirstOrDefault(b => b is not null);
            var agreement = because is null ? RowAgreement.ValueMissing : RowAgreement.NotEstimable;
            results[i] = new RevManRowResult
            {
                Index = i,
                Agreement = agreement,
                Code = CodeOf(agreement),
                NotEstimableBecause = because,
            };
        }

        return new RevManAnalysisResult
        {
            Agreement = AnalysisAgreement.NoPrintedValues,
            Code = RevManCodes.NoPrintedValues,
            Rows = results,
        };
    }

    private static string? CodeOf(RowAgreement agreement) => agreement switch
    {
        RowAgreement.Matched => null,
        RowAgreement.NotEstimable => RevManCodes.RevManNotEstimable,
        RowAgreement.ValueMissing => RevManCodes.RevManValueMissing,
        RowAgreement.PrintedButNotEstimable => RevManCodes.PrintedButNotEstimable,
        _ => RevManCodes.RowMismatch,
    };

    /// <summary>RevMan's printed estimate and CI, or null unless all three are given (NaN counts as not given).</summary>
    private static RevManValue? Printed(RevManRow row) =>
        row.Mean is { } m && row.CiStart is { } l && row.CiEnd is { } u && !double.IsNaN(m) && !double.IsNaN(l) && !double.IsNaN(u)
            ? new RevManValue(m, l, u)
            : null;
}
