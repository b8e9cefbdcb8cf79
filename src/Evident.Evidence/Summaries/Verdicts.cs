using System.Collections.Immutable;
using Evident.Evidence.Sources;

namespace Evident.Evidence.Summaries;

/// <summary>What a summary says about one outcome: the one verdict its headline, key takeaway and "In practice" word.</summary>
internal enum Verdict
{
    /// <summary>No estimate.</summary>
    NotReported,

    /// <summary>Very low certainty: the evidence is very uncertain (GRADE guidelines 26, very low row).</summary>
    VeryUncertain,

    /// <summary>The CI includes no effect, or neither a CI nor a p is given: the effect is uncertain (Altman &amp; Bland 1995).</summary>
    Uncertain,

    /// <summary>The CI excludes no effect, but the estimate is trivial or exactly no effect.</summary>
    LittleDifference,

    /// <summary>A change in the better direction.</summary>
    Better,

    /// <summary>A change in the worse direction.</summary>
    Worse,

    /// <summary>A change whose desirability is not known (the outcome's better direction is not given).</summary>
    Changed,
}

/// <summary>What the writer concluded about one outcome, before wording it.</summary>
internal sealed record Assessment(OutcomeEvidence Outcome)
{
    /// <summary>Which way the estimate points.</summary>
    public EffectDirection Direction { get; init; }

    /// <summary>The size word of the estimate, when a scale applies.</summary>
    public Magnitude? Magnitude { get; init; }

    /// <summary>Whether the CI includes no effect (without a CI: p ≥ 0.05); null when neither a CI nor p is given.</summary>
    public bool? IncludesNull { get; init; }

    /// <summary>Signed bands of the CI's bounds (<see cref="Wording.SignedBand"/>), when a scale applies and the CI is given.</summary>
    public (int Lower, int Upper)? CiBands { get; init; }

    /// <summary>Whether the CI spans two or more bands, so that the size is uncertain.</summary>
    public bool SizeUncertain => CiBands is { } b && b.Lower != b.Upper;

    /// <summary>The I² bands, empty when I² is not given.</summary>
    public ImmutableArray<I2Band> I2Bands { get; init; } = [];

    /// <summary>True when the change is in the better direction, false when worse, null when that is not known.</summary>
    public bool? Favourable { get; init; }

    /// <summary>The verdict.</summary>
    public Verdict Verdict { get; init; }

    /// <summary>Assesses one outcome's result on a size scale.</summary>
    public static Assessment Of(OutcomeEvidence o, MagnitudeScale scale)
    {
        if (o.Estimate is not { } estimate)
        {
            return new Assessment(o) { Verdict = Verdict.NotReported };
        }

        var nullValue = o.NullValue;
        var direction = estimate.Value > nullValue ? EffectDirection.Increase : estimate.Value < nullValue ? EffectDirection.Decrease : EffectDirection.None;
        var scaled = Wording.HasMagnitudeScale(o.Measure);
        bool? includesNull = (o.CiLower, o.CiUpper) switch
        {
            ({ } lo, { } hi) => lo.Value <= nullValue && nullValue <= hi.Value,
            _ => o.P switch
            {
                { Relation: PRelation.Less } p => p.Value.Value > Wording.Alpha,
                { Relation: PRelation.Greater } => true,
                { } p => p.Value.Value >= Wording.Alpha,
                null => null,
            },
        };
        var magnitude = scaled ? Wording.MagnitudeOf(estimate.Value, scale) : (Magnitude?)null;
        bool? favourable = o.HigherIsBetter is { } higher && direction != EffectDirection.None ? (direction == EffectDirection.Increase) == higher : null;
        var verdict = o.Certainty == Certainty.VeryLow ? Verdict.VeryUncertain
            : includesNull != false ? Verdict.Uncertain
            : direction == EffectDirection.None || magnitude == Summaries.Magnitude.Trivial ? Verdict.LittleDifference
            : favourable switch { true => Verdict.Better, false => Verdict.Worse, null => Verdict.Changed };
        return new Assessment(o)
        {
            Direction = direction,
            Magnitude = magnitude,
            IncludesNull = includesNull,
            CiBands = scaled && o.CiLower is { } l && o.CiUpper is { } u ? (Wording.SignedBand(l.Value, scale), Wording.SignedBand(u.Value, scale)) : null,
            I2Bands = o.I2 is { } i2 ? Wording.I2Bands(SummaryNumbers.PrintedI2(i2)) : [],
            Favourable = favourable,
            Verdict = verdict,
        };
    }
}

/// <summary>Outcomes with one verdict (and, for a change of unknown desirability, one direction), in source order.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Direction">The direction, for <see cref="Verdict.Changed"/>; none otherwise.</param>
/// <param name="Members">The outcomes' assessments.</param>
internal sealed record VerdictGroup(Verdict Verdict, EffectDirection Direction, ImmutableArray<Assessment> Members)
{
    /// <summary>The weakest certainty of the group (not assessed counts as low; very low is below both), for its hedge.</summary>
    public Certainty? Weakest => Members.Any(a => a.Outcome.Certainty is null) ? null : Members.Min(a => a.Outcome.Certainty);

    /// <summary>Whether the verdict states a change (or its absence) with the intervention as subject: "may improve A".</summary>
    public bool IsStatement => Verdict is Verdict.Better or Verdict.Worse or Verdict.Changed or Verdict.LittleDifference;
}

/// <summary>
/// The one place the verdicts are worded. The headline, the key takeaway and "In practice" all state the same sentence,
/// built here from the same groups of outcomes, so they cannot contradict each other; they differ only in how names
/// are written (full at first mention, short later), in the population, and, in the key takeaway, in the size of the
/// change. The verbs follow GRADE guidelines 26 (Santesso et al. 2020): "may" for low or unassessed certainty,
/// "probably" for moderate, none for high; very low certainty is "the evidence is very uncertain about the effect of
/// X on O"; a CI that includes no effect is "the effect … is uncertain", never "no effect" (Altman &amp; Bland 1995).
/// </summary>
internal static class VerdictWords
{
    /// <summary>The order the groups are stated in.</summary>
    private static readonly Verdict[] Order =
        [Verdict.Better, Verdict.Worse, Verdict.Changed, Verdict.LittleDifference, Verdict.Uncertain, Verdict.VeryUncertain];

    /// <summary>The reported outcomes grouped by verdict, in <see cref="Order"/>, each group in source order.</summary>
    public static ImmutableArray<VerdictGroup> Groups(IEnumerable<Assessment> assessed)
    {
        var list = assessed.Where(a => a.Verdict != Verdict.NotReported).ToList();
        var groups = new List<VerdictGroup>();
        foreach (var verdict in Order)
        {
            foreach (var direction in verdict == Verdict.Changed ? new[] { EffectDirection.Increase, EffectDirection.Decrease } : [EffectDirection.None])
            {
                var members = list.Where(a => a.Verdict == verdict && (verdict != Verdict.Changed || a.Direction == direction)).ToImmutableArray();
                if (members.Length > 0)
                {
                    groups.Add(new VerdictGroup(verdict, direction, members));
                }
            }
        }

        return [.. groups];
    }

    /// <summary>
    /// The verdict sentence (without its final full stop): "RMT may improve MEP and MIP in people with MS; its effect on
    /// FVC is uncertain". <paramref name="subject"/> is the intervention as written here (later clauses say "it"),
    /// <paramref name="names"/> writes a group's outcome names,
    /// <paramref name="population"/> (" in people with MS", or "") follows the first clause, and <paramref name="size"/>
    /// adds to a clause of a change (" by a small amount"), or is null.
    /// </summary>
    public static string Sentence(IReadOnlyList<VerdictGroup> groups, string subject, Func<VerdictGroup, string> names, string population,
        Func<VerdictGroup, string>? size = null)
    {
        if (groups.Count == 0)
        {
            return "The source reports no pooled results";
        }

        var clauses = new List<string>();
        var statements = groups.Where(g => g.IsStatement).ToList();
        foreach (var g in statements)
        {
            var clause = Statement(g, names(g)) + (clauses.Count == 0 ? population : "") + (size?.Invoke(g) ?? "");
            clauses.Add(clauses.Count == 0 ? Capitalise(subject) + " " + clause : "it " + clause);
        }

        foreach (var g in groups.Where(g => !g.IsStatement))
        {
            var first = clauses.Count == 0;
            var effect = first ? $"the effect of {subject} on {names(g)}{population}" : $"its effect on {names(g)}";
            var clause = g.Verdict == Verdict.VeryUncertain ? $"the evidence is very uncertain about {effect}" : $"{effect} is uncertain";
            clauses.Add(first ? Capitalise(clause) : clause);
        }

        return string.Join("; ", clauses);
    }

    /// <summary>A group's statement without its subject: "may improve A and B", "probably makes little or no difference to C".</summary>
    private static string Statement(VerdictGroup g, string names)
    {
        var hedge = Wording.Hedge(g.Weakest);
        return g.Verdict switch
        {
            Verdict.Better => Verb(hedge, "improve", "improves") + " " + names,
            Verdict.Worse => Verb(hedge, "worsen", "worsens") + " " + names,
            Verdict.Changed when g.Direction == EffectDirection.Increase => Verb(hedge, "increase", "increases") + " " + names,
            Verdict.Changed => Verb(hedge, "reduce", "reduces") + " " + names,
            _ => Verb(hedge, "make", "makes") + " little or no difference to " + names,
        };
    }

    /// <summary>A verb with its hedge: "may improve", "probably improves", "improves".</summary>
    public static string Verb(string hedge, string bare, string third) => hedge switch
    {
        "" => third,
        "may" => "may " + bare,
        _ => hedge + " " + third,
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
