using System.Collections.Immutable;
using System.Globalization;
using Evident.Evidence.Sources;

namespace Evident.Evidence.Summaries;

/// <summary>
/// Writes a plain-language evidence summary from an <see cref="EvidenceSource"/>, deterministically, in the structure
/// of a clinician-facing summary page (a headline, a key takeaway, design and population, results per outcome,
/// limitations derived from the data, "in practice", and a study-details box), following Cochrane's plain-language
/// summary guidance (Pitcher, Mitchell &amp; Hughes 2021: give the number of studies and participants, comment on
/// harms and limitations, add no new results, make no recommendations). Every statement's wording comes from
/// <see cref="Wording"/> (GRADE guidelines 26 by certainty, size words from a stated scale, I² bands, no "no effect" for
/// a CI that includes no effect); every number is a run linked to its source value.
/// </summary>
public static class EvidenceSummary
{
    /// <summary>Writes the summary of <paramref name="source"/>.</summary>
    public static Summary Write(EvidenceSource source, SummaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Writer(source, options ?? SummaryOptions.Default).Write();
    }

    /// <summary>An ISO 8601 date ("2026-01", "2026-01-06") in words ("January 2026", "6 January 2026"); the text itself otherwise.</summary>
    public static string DateInWords(string iso)
    {
        ArgumentNullException.ThrowIfNull(iso);
        var english = CultureInfo.GetCultureInfo("en-GB");
        if (DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.ToString("d MMMM yyyy", english);
        }

        return DateOnly.TryParseExact(iso + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? month.ToString("MMMM yyyy", english)
            : iso;
    }
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

    /// <summary>The outcome's category for the key takeaway and headline.</summary>
    public Finding Finding { get; init; }
}

/// <summary>What a result shows, in the terms a headline and key takeaway use.</summary>
internal enum Finding
{
    /// <summary>No estimate.</summary>
    NotReported,

    /// <summary>Very low certainty: the evidence is very uncertain.</summary>
    VeryUncertain,

    /// <summary>The CI includes no effect, or no CI or p is given.</summary>
    Uncertain,

    /// <summary>The CI excludes no effect, but the estimate is trivial.</summary>
    LittleDifference,

    /// <summary>A change in the better direction.</summary>
    Better,

    /// <summary>A change in the worse direction.</summary>
    Worse,

    /// <summary>A change of unknown desirability (the outcome's better direction is not given).</summary>
    Changed,
}

/// <summary>Builds one summary.</summary>
internal sealed class Writer(EvidenceSource source, SummaryOptions options)
{
    private readonly ReviewFacts _review = source.Review;
    private readonly HashSet<string> _measuresNamed = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Assessment> _assessed = [.. source.Outcomes.Select(o => Assess(o, options.Scale))];

    /// <summary>The intervention's name in full, or "the intervention".</summary>
    private string InterventionFull => _review.Intervention ?? "the intervention";

    /// <summary>The intervention's abbreviation, or its name.</summary>
    private string InterventionShort => _review.InterventionShort ?? InterventionFull;

    /// <summary>The intervention at first mention: "respiratory muscle training (RMT)".</summary>
    private string InterventionFirst => _review.Intervention is { } i && _review.InterventionShort is { } s && s != i ? $"{i} ({s})" : InterventionFull;

    /// <summary>Who took part: the population, else "people with" the condition, else null.</summary>
    private string? Population => _review.Population ?? (_review.Condition is { } c ? "people with " + c : null);

    /// <summary>The population at first mention, with the condition's abbreviation after the condition.</summary>
    private string? PopulationFirst
    {
        get
        {
            if (Population is not { } p)
            {
                return null;
            }

            return _review.Condition is { } c && _review.ConditionShort is { } s && s != c && p.Contains(c, StringComparison.Ordinal)
                ? p.Replace(c, $"{c} ({s})", StringComparison.Ordinal)
                : p;
        }
    }

    /// <summary>The population after its first mention, with the condition abbreviated.</summary>
    private string? PopulationShort
        => Population is { } p && _review.Condition is { } c && _review.ConditionShort is { } s ? p.Replace(c, s, StringComparison.Ordinal) : Population;

    private bool AnyCertaintyRated => source.Outcomes.Any(o => o.Certainty is not null);

    public Summary Write()
    {
        var sections = ImmutableArray.Create(
            new SummarySection("design", "What did the review study?", [Design()], IsList: false),
            new SummarySection("results", "What did it find?", [.. _assessed.Select(Result)], IsList: true),
            new SummarySection("limitations", "What are the limitations of the evidence?", [.. Limitations()], IsList: true),
            new SummarySection("in-practice", "In practice", [InPractice()], IsList: false));
        return new Summary(Headline(), KeyTakeaway(), sections, [.. Details()], options.Generator, source.Origin);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Assessment

    private static Assessment Assess(OutcomeEvidence o, MagnitudeScale scale)
    {
        if (o.Estimate is not { } estimate)
        {
            return new Assessment(o) { Finding = Finding.NotReported };
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
        var finding = o.Certainty == Certainty.VeryLow ? Finding.VeryUncertain
            : includesNull != false ? Finding.Uncertain
            : direction == EffectDirection.None || magnitude == Magnitude.Trivial ? Finding.LittleDifference
            : favourable switch { true => Finding.Better, false => Finding.Worse, null => Finding.Changed };
        return new Assessment(o)
        {
            Direction = direction,
            Magnitude = magnitude,
            IncludesNull = includesNull,
            CiBands = scaled && o.CiLower is { } l && o.CiUpper is { } u ? (Wording.SignedBand(l.Value, scale), Wording.SignedBand(u.Value, scale)) : null,
            I2Bands = o.I2 is { } i2 ? Wording.I2Bands(SummaryNumbers.PrintedI2(i2)) : [],
            Favourable = favourable,
            Finding = finding,
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Headline and key takeaway

    private string Headline()
    {
        var subject = Capitalise(InterventionFull);
        var where = _review.Condition is { } c && !InterventionFull.Contains(c, StringComparison.OrdinalIgnoreCase) ? " in " + c : "";
        var groups = _assessed.GroupBy(a => a.Finding).ToDictionary(g => g.Key, g => g.ToList());
        var reported = _assessed.Count(a => a.Finding != Finding.NotReported);
        if (reported == 0)
        {
            return $"{subject}: the source reports no pooled results{where}";
        }

        if (groups.TryGetValue(Finding.Better, out var better))
        {
            var hedge = Wording.Hedge(Weakest(better));
            var which = better.Count == reported ? (reported == 1 ? OutcomeName(better[0].Outcome, full: true) : "the measured outcomes")
                : better.Count * 2 > reported ? "most measured outcomes" : "some measured outcomes";
            var worse = groups.TryGetValue(Finding.Worse, out var w) ? $", but {Hedged(Wording.Hedge(Weakest(w)), "worsen", "worsens")} {(w.Count == 1 ? OutcomeName(w[0].Outcome, full: true) : "others")}" : "";
            return $"{subject} {Hedged(hedge, "improve", "improves")} {which}{where}{worse}";
        }

        if (groups.TryGetValue(Finding.Worse, out var worseOnly))
        {
            var hedge = Wording.Hedge(Weakest(worseOnly));
            var which = worseOnly.Count == reported ? (reported == 1 ? OutcomeName(worseOnly[0].Outcome, full: true) : "the measured outcomes") : "some measured outcomes";
            return $"{subject} {Hedged(hedge, "worsen", "worsens")} {which}{where}";
        }

        if (reported == 1 && _assessed.First(a => a.Finding != Finding.NotReported) is var only)
        {
            var name = OutcomeName(only.Outcome, full: true);
            return only.Finding switch
            {
                Finding.Uncertain when only.Direction != EffectDirection.None => $"{subject} {Hedged("may", only.Direction == EffectDirection.Increase ? "increase" : "reduce", "")} {name}{where}, but the evidence is uncertain",
                Finding.LittleDifference => $"{subject} {Wording.Statement(only.Outcome.Certainty, EffectDirection.None, null, name)}{where}",
                Finding.Changed => $"{subject} {Wording.Statement(only.Outcome.Certainty, only.Direction, null, name)}{where}",
                _ => $"The effect of {InterventionFull} on {name}{where} is uncertain",
            };
        }

        return groups.TryGetValue(Finding.Changed, out var changed)
            ? $"{subject} {Hedged(Wording.Hedge(Weakest(changed)), "change", "changes")} some measured outcomes{where}"
            : $"The effects of {InterventionFull} on the measured outcomes{where} are uncertain";
    }

    private Paragraph KeyTakeaway()
    {
        var p = new ParagraphBuilder();
        var subject = Capitalise(InterventionFirst);
        var population = PopulationFirst is { } pop ? " in " + pop : "";
        var clauses = new List<string>();
        var groups = _assessed.GroupBy(a => a.Finding).ToDictionary(g => g.Key, g => g.ToList());
        var full = source.Outcomes.Length <= 2;
        string Names(List<Assessment> list) => JoinAnd(list.Select(a => OutcomeName(a.Outcome, full)));

        if (groups.TryGetValue(Finding.Better, out var better))
        {
            clauses.Add($"{Hedged(Wording.Hedge(Weakest(better)), "improve", "improves")} {Names(better)}{population}{SizeRange(better)}");
            population = "";
        }

        if (groups.TryGetValue(Finding.Worse, out var worse))
        {
            clauses.Add($"{Hedged(Wording.Hedge(Weakest(worse)), "worsen", "worsens")} {Names(worse)}{population}{SizeRange(worse)}");
            population = "";
        }

        if (groups.TryGetValue(Finding.Changed, out var changed))
        {
            foreach (var a in changed)
            {
                clauses.Add(Wording.Statement(a.Outcome.Certainty, a.Direction, a.Magnitude, OutcomeName(a.Outcome, full)) + population);
                population = "";
            }
        }

        if (groups.TryGetValue(Finding.LittleDifference, out var little))
        {
            clauses.Add(Wording.Statement(Weakest(little), EffectDirection.None, null, Names(little)) + population);
            population = "";
        }

        var tail = new List<string>();
        if (groups.TryGetValue(Finding.Uncertain, out var uncertain) && clauses.Count == 0 && uncertain.Count == 1 && uncertain[0].Direction != EffectDirection.None)
        {
            var a = uncertain[0];
            clauses.Add(Wording.UncertainStatement(a.Outcome.Certainty, a.Direction, a.Magnitude, OutcomeName(a.Outcome, full))
                + (a.Outcome.Certainty is Certainty.High or Certainty.Moderate ? "" : ", but " + Wording.EvidenceUncertain));
        }
        else if (uncertain is not null)
        {
            tail.Add($"{(clauses.Count > 0 ? "its effect" : "The effect of " + InterventionFirst)} on {Names(uncertain)}{population} is uncertain");
            population = "";
        }

        if (groups.TryGetValue(Finding.VeryUncertain, out var veryUncertain))
        {
            var v = Wording.VeryUncertain(clauses.Count > 0 || tail.Count > 0 ? InterventionShort : InterventionFirst, Names(veryUncertain) + population);
            tail.Add(clauses.Count > 0 || tail.Count > 0 ? v : Capitalise(v));
        }

        var sentence = clauses.Count > 0 ? subject + " " + JoinClauses(clauses) : "";
        if (sentence.Length == 0 && tail.Count == 0)
        {
            p.Text("The source reports no pooled results.");
        }
        else
        {
            var text = sentence.Length > 0
                ? sentence + (tail.Count > 0 ? "; " + string.Join("; ", tail) : "")
                : Capitalise(string.Join("; ", tail));
            p.Text(text + ". ");
        }

        // The second sentence: how much evidence, and how certain.
        p.Text("The evidence comes from ");
        if (_review.Studies is { } k)
        {
            p.Number(SummaryNumbers.Count(k, SourcePath.Review(ReviewFieldStudies)));
            p.Text(" " + Wording.DesignNoun(_review.Design));
        }
        else
        {
            p.Text("a " + _review.StudyType);
        }

        if (_review.Participants is { } n)
        {
            p.Text(" with ");
            p.Number(SummaryNumbers.Count(n, SourcePath.Review(ReviewFieldParticipants)));
            p.Text(" participants");
        }

        p.Text(CertaintyClause() + ".");
        return p.Build();
    }

    /// <summary>", and its certainty was not rated" or ", with low certainty (GRADE)".</summary>
    private string CertaintyClause()
    {
        var rated = source.Outcomes.Select(o => o.Certainty).OfType<Certainty>().Distinct().Order().ToList();
        if (rated.Count == 0)
        {
            return ", and its certainty was not rated (GRADE)";
        }

        var some = rated.Count < source.Outcomes.Length && source.Outcomes.Any(o => o.Certainty is null) ? " where rated" : "";
        return rated.Count == 1
            ? $", with {Wording.CertaintyWord(rated[0])} certainty (GRADE){some}"
            : $", with {Wording.CertaintyWord(rated[0])} to {Wording.CertaintyWord(rated[^1])} certainty (GRADE){some}";
    }

    /// <summary>" by a small to moderate amount, though how much is uncertain" for a group of outcomes.</summary>
    private static string SizeRange(List<Assessment> group)
    {
        if (group.Any(a => a.Magnitude is null))
        {
            return "";
        }

        var bands = group.Select(a => a.Magnitude!.Value).Distinct().Order().ToList();
        var size = bands.Count == 1 ? Wording.Word(bands[0]) : $"{Wording.Word(bands[0])} to {Wording.Word(bands[^1])}";
        var uncertain = group.Any(a => a.SizeUncertain || a.CiBands is null) ? ", though how much is uncertain" : "";
        return $" by a {size} amount{uncertain}";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Body

    private Paragraph Design()
    {
        var p = new ParagraphBuilder();
        var population = PopulationFirst is { } pop ? " in " + pop : "";
        p.Text($"This {_review.StudyType} looked at the effects of {InterventionFirst}{population}. ");
        if (_review.Studies is { } k)
        {
            p.Text("It pooled ");
            p.Number(SummaryNumbers.Count(k, SourcePath.Review(ReviewFieldStudies)));
            p.Text(" " + Wording.DesignNoun(_review.Design));
            if (_review.Participants is { } n)
            {
                p.Text(" with ");
                p.Number(SummaryNumbers.Count(n, SourcePath.Review(ReviewFieldParticipants)));
                p.Text(" participants");
            }
        }
        else if (_review.Participants is { } n)
        {
            p.Text("It pooled studies with ");
            p.Number(SummaryNumbers.Count(n, SourcePath.Review(ReviewFieldParticipants)));
            p.Text(" participants");
        }
        else
        {
            p.Text("The number of studies and participants is not reported");
        }

        if (_review.RecordsFound is { } records)
        {
            p.Text(", selected from ");
            p.Number(SummaryNumbers.Count(records, SourcePath.Review(ReviewFieldRecords)));
            p.Text(" records");
            if (_review.Databases.Length > 0)
            {
                p.Text(" found in " + JoinAnd(_review.Databases));
            }
        }
        else if (_review.Databases.Length > 0)
        {
            p.Text(", found by searching " + JoinAnd(_review.Databases));
        }

        if (_review.SearchDate is { } searched)
        {
            p.Text(" up to ");
            p.Date(searched);
        }

        p.Text(". ");
        var named = source.Outcomes.Where(o => o.FullName is not null).ToList();
        if (source.Outcomes.Length > 0)
        {
            p.Text($"It reports {(source.Outcomes.Length == 1 ? "one outcome:" : "results for")} "
                + JoinAnd(source.Outcomes.Select(o => OutcomeName(o, full: true))) + ". ");
        }

        p.Text(_review.Comparator is { } comparator
            ? $"{Capitalise(InterventionShort)} was compared with {comparator}. "
            : $"The source does not report what {InterventionShort} was compared with. ");
        p.Text(_review.FollowUp is { } followUp
            ? $"Participants were followed up for {followUp}."
            : "It does not report how long participants were followed up.");
        p.Text(source.Kind == SourceKind.Published
            ? " The results below are the pooled results as the review reports them."
            : " The results below come from Evident's analysis of the per-study data.");
        return p.Build();
    }

    private Paragraph Result(Assessment a)
    {
        var o = a.Outcome;
        var p = new ParagraphBuilder();
        p.Strong(Capitalise(OutcomeName(o, full: true)));
        p.Text(o.HigherIsBetter == false ? " (lower is better)." : ".");

        p.Text(" ");
        var name = OutcomeName(o, full: false);
        if (o.Estimate is not { } estimate)
        {
            p.Text($"The source reports no pooled estimate for {name}.");
            return p.Build();
        }

        // The statement (GRADE-26 wording by certainty).
        var subject = Capitalise(InterventionShort);
        var statement = a.Finding switch
        {
            Finding.VeryUncertain => Capitalise(Wording.VeryUncertain(InterventionShort, name)) + ".",
            _ when a.IncludesNull == false => $"{subject} {Wording.Statement(o.Certainty, a.Direction, a.Magnitude, name)}{(a.Favourable == false ? $", a change that favours {_review.Comparator ?? "the comparison group"}" : "")}.",
            _ when a.IncludesNull == true => $"{subject} {Wording.UncertainStatement(o.Certainty, a.Direction, a.Magnitude, name)}{(o.Certainty is Certainty.High or Certainty.Moderate ? "" : "; " + Wording.EvidenceUncertain)}.",
            _ => $"{subject} {Wording.UncertainStatement(o.Certainty, a.Direction, a.Magnitude, name)}; {Wording.EvidenceUncertain}, as neither a confidence interval nor a p value is reported.",
        };
        p.Text(statement + " ");

        // The numbers.
        p.Text("The " + MeasureName(o.Measure) + " was ");
        p.Number(SummaryNumbers.Value(estimate, SourcePath.Of(o, SourcePath.Fields.Estimate)));
        var inner = new List<Action>();
        if (o.CiLower is { } lo && o.CiUpper is { } hi)
        {
            inner.Add(() =>
            {
                p.Text($"{Level(o.Level)}% CI ");
                p.Number(SummaryNumbers.Value(lo, SourcePath.Of(o, SourcePath.Fields.CiLower)));
                p.Text(" to ");
                p.Number(SummaryNumbers.Value(hi, SourcePath.Of(o, SourcePath.Fields.CiUpper)));
            });
        }

        if (o.P is { } pValue)
        {
            inner.Add(() =>
            {
                var (before, run) = SummaryNumbers.P(pValue, SourcePath.Of(o, SourcePath.Fields.P));
                p.Text("p " + before);
                p.Number(run);
            });
        }

        if (o.CiLower is null || o.CiUpper is null)
        {
            inner.Add(() => p.Text("the confidence interval was not reported"));
        }

        p.Text(" (");
        for (var i = 0; i < inner.Count; i++)
        {
            if (i > 0)
            {
                p.Text("; ");
            }

            inner[i]();
        }

        p.Text(")");
        if (o.Studies is { } k)
        {
            p.Text(", from ");
            p.Number(SummaryNumbers.Count(k, SourcePath.Of(o, SourcePath.Fields.Studies)));
            p.Text(k == 1 ? " study" : " studies");
            if (o.Participants is { } n)
            {
                p.Text(" with ");
                p.Number(SummaryNumbers.Count(n, SourcePath.Of(o, SourcePath.Fields.Participants)));
                p.Text(" participants");
            }
        }

        p.Text(".");

        // The size, on the stated scale.
        if (a.Magnitude is { } magnitude)
        {
            p.Text($" By {Wording.ScaleShortName(options.Scale)} the estimate is {Article(Wording.Word(magnitude))} {Wording.Word(magnitude)} effect");
            p.Text(a.CiBands switch
            {
                null => "; without a confidence interval, how precise it is cannot be told.",
                { } b when b.Lower == b.Upper => ", and the whole confidence interval lies in that band.",
                { } b => $", but the confidence interval runs from {BandRange(b.Lower, b.Upper)}, so the size of the effect is uncertain.",
            });
        }

        // Heterogeneity and the prediction interval.
        if (o.I2 is { } i2)
        {
            p.Text(" I² = ");
            p.Number(SummaryNumbers.I2(i2, SourcePath.Of(o, SourcePath.Fields.I2)));
            p.Text("%: " + Wording.I2Phrase(a.I2Bands) + ".");
        }
        else
        {
            p.Text(" I² was not reported.");
        }

        if (o.PiLower is { } piLo && o.PiUpper is { } piHi)
        {
            p.Text($" In a new setting the effect could lie anywhere from ");
            p.Number(SummaryNumbers.Value(piLo, SourcePath.Of(o, SourcePath.Fields.PiLower)));
            p.Text(" to ");
            p.Number(SummaryNumbers.Value(piHi, SourcePath.Of(o, SourcePath.Fields.PiUpper)));
            p.Text($" ({Level(o.Level)}% prediction interval).");
        }

        return p.Build();
    }

    private IEnumerable<Paragraph> Limitations()
    {
        var continuous = source.Outcomes.Any(o => !o.IsRatio && o.Measure.ToUpperInvariant() is "SMD" or "SMDH" or "SMD1" or "MD" or "ROM" or "SMCC" or "SMCR" or "MC");
        var participants = _review.Participants ?? source.Outcomes.Select(o => o.Participants).Max();
        if (continuous && participants is { } n && n < Wording.OptimalInformationSize)
        {
            var p = new ParagraphBuilder();
            p.Text("The evidence is small: ");
            p.Number(_review.Participants is not null
                ? SummaryNumbers.Count(n, SourcePath.Review(ReviewFieldParticipants))
                : SummaryNumbers.Count(n, SourcePath.Of(source.Outcomes.First(o => o.Participants == n), SourcePath.Fields.Participants)));
            p.Text(" participants in total, fewer than ");
            p.Reference(Wording.OptimalInformationSizeRule);
            p.Text(", so the results are imprecise.");
            yield return p.Build();
        }

        var studies = _review.Studies ?? source.Outcomes.Select(o => o.Studies).Max();
        if (studies is { } k && k < Wording.StudiesForSmallStudyTests)
        {
            var p = new ParagraphBuilder();
            p.Text("Only ");
            p.Number(_review.Studies is not null
                ? SummaryNumbers.Count(k, SourcePath.Review(ReviewFieldStudies))
                : SummaryNumbers.Count(k, SourcePath.Of(source.Outcomes.First(o => o.Studies == k), SourcePath.Fields.Studies)));
            p.Text(k == 1 ? " study was" : " studies were");
            p.Text(" pooled, too few to check for small-study effects such as publication bias: ");
            p.Reference(Wording.SmallStudyRule);
            p.Text(".");
            yield return p.Build();
        }

        var wide = _assessed.Where(a => a.SizeUncertain && a.IncludesNull == false).ToList();
        if (wide.Count > 0)
        {
            yield return Plain($"The confidence interval{(wide.Count == 1 ? "" : "s")} for {JoinAnd(wide.Select(a => OutcomeName(a.Outcome, full: false)))} "
                + $"{(wide.Count == 1 ? "runs" : "run")} across more than one size band of {Wording.ScaleShortName(options.Scale)}, so how large "
                + $"{(wide.Count == 1 ? "the effect is" : "the effects are")} is uncertain.");
        }

        var crossing = _assessed.Where(a => a.IncludesNull == true && a.Outcome.CiLower is not null).ToList();
        if (crossing.Count > 0)
        {
            yield return Plain($"For {JoinAnd(crossing.Select(a => OutcomeName(a.Outcome, full: false)))} the confidence interval includes no effect as well as "
                + "a benefit or a harm, so the direction of the effect is uncertain.");
        }

        foreach (var a in _assessed.Where(a => a.Outcome.Estimate is not null && (a.Outcome.CiLower is null || a.Outcome.CiUpper is null)))
        {
            var p = new ParagraphBuilder();
            p.Text($"For {OutcomeName(a.Outcome, full: false)} the confidence interval is not reported");
            if (a.Outcome.P is { } pValue)
            {
                var (before, run) = SummaryNumbers.P(pValue, SourcePath.Of(a.Outcome, SourcePath.Fields.P));
                p.Text(a.IncludesNull == true ? ", and its p value (p " + before : " (p " + before);
                p.Number(run);
                p.Text(a.IncludesNull == true ? ") is compatible with no effect." : "), so the precision of the estimate is unknown.");
            }
            else
            {
                p.Text(", nor is a p value, so the precision of the estimate is unknown.");
            }

            yield return p.Build();
        }

        var heterogeneous = _assessed.Where(a => Wording.IsHighHeterogeneity(a.I2Bands)).ToList();
        if (heterogeneous.Count > 0)
        {
            var p = new ParagraphBuilder();
            p.Text("The studies' results differ a lot for ");
            for (var i = 0; i < heterogeneous.Count; i++)
            {
                var o = heterogeneous[i].Outcome;
                p.Text((i == 0 ? "" : i == heterogeneous.Count - 1 ? " and " : ", ") + OutcomeName(o, full: false) + " (I² = ");
                p.Number(SummaryNumbers.I2(o.I2!.Value, SourcePath.Of(o, SourcePath.Fields.I2)));
                p.Text("%)");
            }

            p.Text(", so a single pooled estimate may not describe every setting (");
            p.Reference(Wording.I2Rule);
            p.Text(").");
            yield return p.Build();
        }

        if (_review.AdverseEventsReported == false)
        {
            yield return Plain("Harms (adverse events, serious adverse events, withdrawals) are not reported, so the balance of benefits and harms is unknown.");
        }

        var unreported = new List<string>();
        if (_review.FundingReported == false)
        {
            unreported.Add("funding");
        }

        if (_review.ConflictsReported == false)
        {
            unreported.Add("conflicts of interest");
        }

        if (unreported.Count > 0)
        {
            yield return Plain($"{Capitalise(JoinAnd(unreported))} {(unreported.Count == 1 ? "is" : "are")} not reported.");
        }

        if (!AnyCertaintyRated)
        {
            var p = new ParagraphBuilder();
            p.Text("The certainty of the evidence was not rated with GRADE, so this summary words every result as \"may\" at most (");
            p.Reference(Wording.Grade26);
            p.Text(").");
            yield return p.Build();
        }

        if (source.Kind == SourceKind.Published)
        {
            yield return Plain("The numbers are the review's pooled results as published; the per-study data were not available to check them.");
        }
    }

    private Paragraph InPractice()
    {
        var groups = _assessed.GroupBy(a => a.Finding).ToDictionary(g => g.Key, g => g.ToList());
        var parts = new List<string>();
        var population = PopulationShort is { } pop ? " in " + pop : "";
        if (groups.TryGetValue(Finding.Better, out var better))
        {
            parts.Add($"In practice, these results suggest that {InterventionShort} {Hedged(Wording.Hedge(Weakest(better)), "improve", "improves")} "
                + $"{JoinAnd(better.Select(a => OutcomeName(a.Outcome, full: false)))}{population}"
                + (better.Any(a => a.SizeUncertain || a.CiBands is null) && better.All(a => a.Magnitude is not null) ? ", by an amount that is not yet known precisely." : "."));
        }
        else if (groups.TryGetValue(Finding.Worse, out var worseOnly))
        {
            parts.Add($"In practice, these results suggest that {InterventionShort} {Hedged(Wording.Hedge(Weakest(worseOnly)), "worsen", "worsens")} "
                + $"{JoinAnd(worseOnly.Select(a => OutcomeName(a.Outcome, full: false)))}{population}.");
        }
        else
        {
            parts.Add($"In practice, these results do not show clearly whether {InterventionShort} helps{population}.");
        }

        if (groups.TryGetValue(Finding.Worse, out var worse) && better is not null)
        {
            parts.Add($"It {Hedged(Wording.Hedge(Weakest(worse)), "worsen", "worsens")} {JoinAnd(worse.Select(a => OutcomeName(a.Outcome, full: false)))}.");
        }

        if (groups.TryGetValue(Finding.Uncertain, out var uncertain) && (better is not null || groups.ContainsKey(Finding.Worse)))
        {
            parts.Add($"Its effect on {JoinAnd(uncertain.Select(a => OutcomeName(a.Outcome, full: false)))} is uncertain.");
        }

        var gaps = new List<string>();
        if (_review.AdverseEventsReported == false)
        {
            gaps.Add("harms were not reported");
        }

        if (!AnyCertaintyRated)
        {
            gaps.Add("the certainty of the evidence was not rated");
        }

        if (_review.Comparator is null)
        {
            gaps.Add($"the comparison {InterventionShort} was tested against is not described");
        }

        if (_review.FollowUp is null)
        {
            gaps.Add("how long the effects last is not known");
        }

        if (gaps.Count > 0)
        {
            parts.Add($"{Capitalise(JoinAnd(gaps))}. Because of these gaps, how far the results carry over to a particular patient or setting is unclear.");
        }

        parts.Add("The source reports no outcomes beyond those above.");
        return Plain(string.Join(" ", parts));
    }

    private IEnumerable<DetailRow> Details()
    {
        DetailRow Row(string id, string label, Action<ParagraphBuilder> fill)
        {
            var p = new ParagraphBuilder();
            fill(p);
            return new DetailRow(id, label, p.Build());
        }

        yield return Row("study-type", "Study type", p => p.Text(Capitalise(_review.StudyType)));
        yield return Row("studies", "Studies", p =>
        {
            if (_review.Studies is { } k)
            {
                p.Number(SummaryNumbers.Count(k, SourcePath.Review(ReviewFieldStudies)));
                p.Text(" " + Wording.DesignNoun(_review.Design));
            }
            else
            {
                p.Text("Not reported");
            }
        });
        yield return Row("participants", "Participants", p =>
        {
            if (_review.Participants is { } n)
            {
                p.Text("n = ");
                p.Number(SummaryNumbers.Count(n, SourcePath.Review(ReviewFieldParticipants)));
            }
            else
            {
                p.Text("Not reported");
            }
        });
        yield return Row("evidence-level", "Evidence level", p =>
        {
            if (Wording.OcebmLevel(_review.Design) is { } level)
            {
                p.Text($"Level {level.ToString(CultureInfo.InvariantCulture)}: {Wording.OcebmDescription(_review.Design)} (");
            }
            else
            {
                p.Text("Not stated: the design of the included studies is not given (");
            }

            p.Reference(Wording.OcebmRule);
            p.Text("; a ranking of study designs, not a rating of certainty)");
        });
        yield return Row("certainty", "Certainty of evidence (GRADE)", p =>
        {
            if (!AnyCertaintyRated)
            {
                p.Text("Not assessed");
            }
            else
            {
                p.Text(string.Join("; ", source.Outcomes.Select(o => $"{OutcomeName(o, full: false)}: {Wording.CertaintyWord(o.Certainty)}")));
            }
        });
        yield return Row("size-words", "Effect-size words", p =>
        {
            if (source.Outcomes.Any(o => Wording.HasMagnitudeScale(o.Measure)))
            {
                p.Reference(Capitalise(Wording.ScaleName(options.Scale)));
            }
            else
            {
                p.Text("None: size words are given only for standardized mean differences");
            }
        });
        yield return Row("published", "Published", p => DateOrNotReported(p, _review.Published));
        yield return Row("databases", "Databases searched", p => p.Text(_review.Databases.Length > 0 ? string.Join(", ", _review.Databases) : "Not reported"));
        yield return Row("records", "Records found", p =>
        {
            if (_review.RecordsFound is { } r)
            {
                p.Number(SummaryNumbers.Count(r, SourcePath.Review(ReviewFieldRecords)));
            }
            else
            {
                p.Text("Not reported");
            }
        });
        yield return Row("search-date", "Searched up to", p => DateOrNotReported(p, _review.SearchDate));
        yield return Row("comparator", "Comparator", p => p.Text(_review.Comparator is { } c ? Capitalise(c) : "Not reported"));
        yield return Row("follow-up", "Follow-up", p => p.Text(_review.FollowUp is { } f ? Capitalise(f) : "Not reported"));
        yield return Row("source", "Source", p =>
        {
            if (_review.Citation is { } citation)
            {
                if (Uri.TryCreate(citation, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                {
                    p.Link(_review.Title ?? citation, citation);
                }
                else
                {
                    p.Reference(_review.Title is { } t ? $"{t}. {citation}" : citation);
                }
            }
            else if (_review.Title is { } title)
            {
                p.Reference(title);
            }
            else
            {
                p.Text("Not given");
            }
        });

        static void DateOrNotReported(ParagraphBuilder p, string? date)
        {
            if (date is { } d)
            {
                p.Date(d);
            }
            else
            {
                p.Text("Not reported");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Words

    /// <summary>The review-level field names in addresses (the counts).</summary>
    internal const string ReviewFieldStudies = "studies";

    /// <inheritdoc cref="ReviewFieldStudies"/>
    internal const string ReviewFieldParticipants = "participants";

    /// <inheritdoc cref="ReviewFieldStudies"/>
    internal const string ReviewFieldRecords = "records";

    /// <summary>The measure in words at its first mention ("standardized mean difference (SMD)"), its code afterwards.</summary>
    private string MeasureName(string measure)
    {
        var described = Measures.Describe(measure);
        var code = measure.ToUpperInvariant();
        var first = _measuresNamed.Add(measure);
        if (described == measure)
        {
            return first ? $"pooled estimate ({code})" : "pooled estimate";
        }

        return first ? $"{described} ({code})" : code;
    }

    /// <summary>"maximal expiratory pressure (MEP)" in full, "MEP" short (the name itself when there is no full name).</summary>
    private static string OutcomeName(OutcomeEvidence o, bool full)
        => o.FullName is { } f && !string.Equals(f, o.Name, StringComparison.OrdinalIgnoreCase) ? (full ? $"{f} ({o.Name})" : o.Name) : o.Name;

    /// <summary>The weakest certainty of a group (not assessed counts as low; very low is below both).</summary>
    private static Certainty? Weakest(IEnumerable<Assessment> group)
    {
        var list = group.Select(a => a.Outcome.Certainty).ToList();
        return list.Contains(null) ? null : list.Min();
    }

    /// <summary>A verb with its hedge: "may improve", "probably improves", "improves".</summary>
    private static string Hedged(string hedge, string bare, string third) => hedge switch
    {
        "" => third,
        "may" => "may " + bare,
        _ => hedge + " " + third,
    };

    /// <summary>"from a trivial to a moderate increase", "from a large reduction to a trivial effect".</summary>
    private static string BandRange(int lower, int upper)
    {
        static string Word(int band) => Wording.Word((Magnitude)Math.Abs(band));
        static string Describe(int band) => band == 0 ? "a trivial effect" : $"{Article(Word(band))} {Word(band)} {(band > 0 ? "increase" : "reduction")}";
        if (lower != 0 && upper != 0 && Math.Sign(lower) == Math.Sign(upper))
        {
            return $"{Article(Word(lower))} {Word(lower)} to {Article(Word(upper))} {Word(upper)} {(upper > 0 ? "increase" : "reduction")}";
        }

        if (lower == 0 && upper > 0)
        {
            return $"a trivial to {Article(Word(upper))} {Word(upper)} increase";
        }

        if (upper == 0 && lower < 0)
        {
            return $"{Article(Word(lower))} {Word(lower)} reduction to a trivial effect";
        }

        return $"{Describe(lower)} to {Describe(upper)}";
    }

    private static string Level(double level) => level.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Article(string word) => word.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(word[0]), StringComparison.Ordinal) ? "an" : "a";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string JoinAnd(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
        };
    }

    /// <summary>Clauses after one subject: "may improve A; it may worsen B".</summary>
    private static string JoinClauses(List<string> clauses) => clauses[0] + string.Concat(clauses.Skip(1).Select(c => "; it " + c));

    private static Paragraph Plain(string text) => new([new Run(text)]);
}

/// <summary>Collects runs, merging neighbouring plain text.</summary>
internal sealed class ParagraphBuilder
{
    private readonly List<Run> _runs = [];

    public void Text(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (_runs.Count > 0 && _runs[^1].Kind == RunKind.Text)
        {
            _runs[^1] = _runs[^1] with { Text = _runs[^1].Text + text };
        }
        else
        {
            _runs.Add(new Run(text));
        }
    }

    public void Number(Run run) => _runs.Add(run);

    public void Strong(string text) => _runs.Add(new Run(text, RunKind.Strong));

    public void Reference(string text) => _runs.Add(new Run(text, RunKind.Reference));

    public void Date(string iso) => _runs.Add(new Run(EvidenceSummary.DateInWords(iso), RunKind.Date) { Target = iso });

    public void Link(string text, string target) => _runs.Add(new Run(text, RunKind.Link) { Target = target });

    public Paragraph Build() => new([.. _runs]);
}
