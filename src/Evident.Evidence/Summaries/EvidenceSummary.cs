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
/// a CI that includes no effect); the headline, key takeaway and "In practice" state one verdict per outcome
/// (<see cref="VerdictWords"/>); every number is a run linked to its source value. Sentences are kept short and words
/// plain, so that the text reads at the grade the accuracy review aims at (Flesch–Kincaid 8 or below).
/// </summary>
public static class EvidenceSummary
{
    private static readonly string[] MonthNames =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];

    /// <summary>Writes the summary of <paramref name="source"/>.</summary>
    public static Summary Write(EvidenceSource source, SummaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Writer(source, options ?? SummaryOptions.Default).Write();
    }

    /// <summary>
    /// An ISO 8601 date ("2026-01", "2026-01-06") in words ("January 2026", "6 January 2026"); the text itself otherwise.
    /// English month names are the writer's own, so no culture data is needed (it works under invariant globalization).
    /// </summary>
    public static string DateInWords(string iso)
    {
        ArgumentNullException.ThrowIfNull(iso);
        if (DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{day.Day} {MonthNames[day.Month - 1]} {day.Year}");
        }

        return DateOnly.TryParseExact(iso + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? string.Create(CultureInfo.InvariantCulture, $"{MonthNames[month.Month - 1]} {month.Year}")
            : iso;
    }
}

/// <summary>Builds one summary.</summary>
internal sealed partial class Writer(EvidenceSource source, SummaryOptions options)
{
    private readonly ReviewFacts _review = source.Review;
    private readonly HashSet<string> _measuresNamed = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Assessment> _assessed = [.. source.Outcomes.Select(o => Assessment.Of(o, options.Scale))];

    /// <summary>The verdicts, grouped: what the headline, key takeaway and "In practice" all say.</summary>
    private ImmutableArray<VerdictGroup> Verdicts => VerdictWords.Groups(_assessed);

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
            new SummarySection("results", "What did it find?", [.. _assessed.Select(Result)], IsList: false)
            {
                Subheadings = [.. _assessed.Select(a => Capitalise(Name(a.Outcome, full: true)) + (a.Outcome.HigherIsBetter == false ? " (lower is better)" : ""))],
            },
            new SummarySection("limitations", "What are the limitations of the evidence?", [.. Limitations()], IsList: true),
            new SummarySection("in-practice", "In practice", [InPractice()], IsList: false));
        return new Summary(Headline(), KeyTakeaway(), sections, [.. Details()], options.Generator, source.Origin);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Headline and key takeaway: the verdict sentence

    private string Headline()
    {
        var where = _review.Condition is { } c && !InterventionFull.Contains(c, StringComparison.OrdinalIgnoreCase) ? " in " + c : "";
        return VerdictWords.Sentence(Verdicts, InterventionFull, g => Names(g, full: false), where);
    }

    private Paragraph KeyTakeaway()
    {
        var p = new ParagraphBuilder();
        var population = PopulationFirst is { } pop ? " in " + pop : "";
        var full = source.Outcomes.Length <= 2;
        p.Text(VerdictWords.Sentence(Verdicts, InterventionFirst, g => Names(g, full), population, SizeRange) + ". ");

        // How much evidence, and how certain.
        p.Text("The evidence comes from ");
        if (_review.Studies is { } k)
        {
            p.Number(SummaryNumbers.Count(k, SourcePath.Review(ReviewFieldStudies)));
            p.Text(" " + Wording.DesignNoun(_review.Design, k));
        }
        else
        {
            p.Text(Article(_review.StudyType) + " " + _review.StudyType);
        }

        if (_review.Participants is { } n)
        {
            p.Text(" with ");
            p.Number(SummaryNumbers.Count(n, SourcePath.Review(ReviewFieldParticipants)));
            p.Text(n == 1 ? " person" : " people");
        }

        p.Text(". " + CertaintySentence());
        return p.Build();
    }

    /// <summary>"Its certainty was not rated (GRADE)." or "Its certainty is low (GRADE)."</summary>
    private string CertaintySentence()
    {
        var rated = source.Outcomes.Select(o => o.Certainty).OfType<Certainty>().Distinct().Order().ToList();
        if (rated.Count == 0)
        {
            return "Its certainty was not rated (GRADE).";
        }

        var some = rated.Count < source.Outcomes.Length && source.Outcomes.Any(o => o.Certainty is null) ? ", where rated" : "";
        return rated.Count == 1
            ? $"Its certainty is {Wording.CertaintyWord(rated[0])} (GRADE){some}."
            : $"Its certainty is {Wording.CertaintyWord(rated[0])} to {Wording.CertaintyWord(rated[^1])} (GRADE){some}.";
    }

    /// <summary>" by a small to moderate amount, though how much is uncertain" for a group of changes of SMDs; else "".</summary>
    private static string SizeRange(VerdictGroup group)
    {
        if (group.Verdict is not (Verdict.Better or Verdict.Worse or Verdict.Changed) || group.Members.Any(a => a.Magnitude is null))
        {
            return "";
        }

        var bands = group.Members.Select(a => a.Magnitude!.Value).Distinct().Order().ToList();
        var size = bands.Count == 1 ? Wording.Word(bands[0]) : $"{Wording.Word(bands[0])} to {Wording.Word(bands[^1])}";
        var uncertain = group.Members.Any(a => a.SizeUncertain || a.CiBands is null) ? ", though how much is uncertain" : "";
        return $" by a {size} amount{uncertain}";
    }

    /// <summary>A group's outcome names: "MEP, MIP and FEV1".</summary>
    private static string Names(VerdictGroup group, bool full) => JoinAnd(group.Members.Select(a => Name(a.Outcome, full)));

    /// <summary>A group's outcomes as named after their first mention (<see cref="Ref"/>).</summary>
    private string Refs(VerdictGroup group) => JoinAnd(group.Members.Select(a => Ref(a.Outcome)));

    // ---------------------------------------------------------------------------------------------------------------
    // Body

    private Paragraph Design()
    {
        var p = new ParagraphBuilder();
        var population = PopulationFirst is { } pop ? " in " + pop : "";
        var it = "It";
        if (_review.Intervention is not null || Population is not null)
        {
            p.Text($"This {_review.StudyType} looked at {InterventionFirst}{population}. ");
        }
        else
        {
            it = $"This {_review.StudyType}";
        }

        if (_review.Studies is { } k)
        {
            p.Text(it + " pooled ");
            p.Number(SummaryNumbers.Count(k, SourcePath.Review(ReviewFieldStudies)));
            p.Text(" " + Wording.DesignNoun(_review.Design, k));
            if (_review.Participants is { } n)
            {
                p.Text(" with ");
                p.Number(SummaryNumbers.Count(n, SourcePath.Review(ReviewFieldParticipants)));
                p.Text(n == 1 ? " person" : " people");
            }
        }
        else if (_review.Participants is { } n)
        {
            p.Text(it + " pooled studies with ");
            p.Number(SummaryNumbers.Count(n, SourcePath.Review(ReviewFieldParticipants)));
            p.Text(n == 1 ? " person" : " people");
        }
        else
        {
            p.Text("The number of studies and people is not reported");
        }

        p.Text(". ");
        if (_review.RecordsFound is { } records)
        {
            p.Text("They were chosen from ");
            p.Number(SummaryNumbers.Count(records, SourcePath.Review(ReviewFieldRecords)));
            p.Text(" records");
            if (_review.Databases.Length > 0)
            {
                p.Text(" found in " + JoinAnd(_review.Databases));
            }

            Searched(p);
            p.Text(". ");
        }
        else if (_review.Databases.Length > 0)
        {
            p.Text("They were found by searching " + JoinAnd(_review.Databases));
            Searched(p);
            p.Text(". ");
        }
        else if (_review.SearchDate is not null)
        {
            p.Text("The search was");
            Searched(p);
            p.Text(". ");
        }

        // The outcomes by name when the names are short; otherwise by number, as each is named below.
        var count = source.Outcomes.Length;
        if (count > 0 && !source.Outcomes.Any(IsLong) && source.Outcomes.Sum(o => WordCount(Name(o, full: false))) <= 12)
        {
            p.Text(count == 1
                ? $"It reports one outcome: {Name(source.Outcomes[0], full: false)}. "
                : $"It reports results for {JoinAnd(source.Outcomes.Select(o => Name(o, full: false)))}. ");
        }
        else if (count > 0)
        {
            p.Text(count == 1 ? "It reports one outcome. " : $"It reports {CountWord(count)} outcomes. ");
        }

        p.Text(_review.Comparator is { } comparator
            ? $"{Capitalise(InterventionShort)} was compared with {comparator}. "
            : $"The source does not say what {InterventionShort} was compared with. ");
        p.Text(_review.FollowUp is { } followUp
            ? $"People were followed up for {followUp}. "
            : "It does not say how long people were followed up. ");
        p.Text(source.Kind == SourceKind.Published
            ? "The results below are the pooled results as the review reports them."
            : "The results below were worked out by Evident from each study's data.");
        return p.Build();

        void Searched(ParagraphBuilder b)
        {
            if (_review.SearchDate is { } searched)
            {
                b.Text(" up to ");
                b.Date(searched);
            }
        }
    }

    private Paragraph Result(Assessment a)
    {
        var o = a.Outcome;
        var p = new ParagraphBuilder();

        // Its sub-heading names it; a long name is then "this outcome" when it is the only one.
        var name = Ref(o);
        if (o.Estimate is not { } estimate)
        {
            p.Text($"The source reports no pooled estimate for {name}.");
            return p.Build();
        }

        // The statement (GRADE-26 wording by certainty).
        var subject = Capitalise(InterventionShort);
        var statement = a.Verdict switch
        {
            Verdict.VeryUncertain => Capitalise(Wording.VeryUncertain(InterventionShort, name)) + ".",
            _ when a.IncludesNull == false => $"{subject} {Wording.Statement(o.Certainty, a.Direction, a.Magnitude, name)}."
                + (a.Favourable == false ? $" This change favours {_review.Comparator ?? "the comparison group"}." : ""),
            _ when a.IncludesNull == true => $"{subject} {Wording.UncertainStatement(o.Certainty, a.Direction, a.Magnitude, name)}"
                + (o.Certainty is Certainty.High or Certainty.Moderate ? "." : "; " + Wording.EvidenceUncertain + "."),
            _ => $"{subject} {Wording.UncertainStatement(o.Certainty, a.Direction, a.Magnitude, name)}; {Wording.EvidenceUncertain}, as neither a confidence interval nor a p value is reported.",
        };
        p.Text(statement + " ");

        // The numbers: an estimate and its CI with the same decimals.
        var decimals = o.CiLower is { } cl && o.CiUpper is { } cu ? SummaryNumbers.Decimals(estimate, cl, cu) : SummaryNumbers.Decimals(estimate);
        p.Text("The " + MeasureName(o.Measure) + " was ");
        p.Number(SummaryNumbers.Value(estimate, SourcePath.Of(o, SourcePath.Fields.Estimate), decimals));
        var inner = new List<Action>();
        if (o.CiLower is { } lo && o.CiUpper is { } hi)
        {
            inner.Add(() =>
            {
                p.Text($"{Level(o.Level)}% CI ");
                p.Number(SummaryNumbers.Value(lo, SourcePath.Of(o, SourcePath.Fields.CiLower), decimals));
                p.Text(" to ");
                p.Number(SummaryNumbers.Value(hi, SourcePath.Of(o, SourcePath.Fields.CiUpper), decimals));
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

        p.Text(").");
        if (o.Studies is { } k)
        {
            p.Text(" It comes from ");
            p.Number(SummaryNumbers.Count(k, SourcePath.Of(o, SourcePath.Fields.Studies)));
            p.Text(k == 1 ? " study" : " studies");
            if (o.Participants is { } n)
            {
                p.Text(" with ");
                p.Number(SummaryNumbers.Count(n, SourcePath.Of(o, SourcePath.Fields.Participants)));
                p.Text(n == 1 ? " person" : " people");
            }

            p.Text(".");
        }

        // The size, on the stated scale.
        if (a.Magnitude is { } magnitude)
        {
            var word = $"{Article(Wording.Word(magnitude))} {Wording.Word(magnitude)} effect";
            p.Text(a.CiBands switch
            {
                null => $" By {Wording.ScaleShortName(options.Scale)} it is {word}. Without a confidence interval, its precision is unknown.",
                { } b when b.Lower == b.Upper => $" By {Wording.ScaleShortName(options.Scale)} it is {word}. The whole confidence interval lies in that band.",
                { } b => $" By {Wording.ScaleShortName(options.Scale)} it is {word}, but its size is uncertain. The confidence interval runs from {BandRange(b.Lower, b.Upper)}.",
            });
        }

        // Heterogeneity and the prediction interval.
        if (o.I2 is { } i2)
        {
            p.Text(" I² = ");
            p.Number(SummaryNumbers.I2(i2, SourcePath.Of(o, SourcePath.Fields.I2)));
            p.Text("%: " + Wording.I2Phrase(a.I2Bands) + ".");
        }
        else if (o.Studies is not 1)
        {
            p.Text(" I² was not reported.");
        }

        if (o.PiLower is { } piLo && o.PiUpper is { } piHi)
        {
            p.Text(" In a new setting, the effect could be anywhere from ");
            var piDecimals = SummaryNumbers.Decimals(piLo, piHi);
            p.Number(SummaryNumbers.Value(piLo, SourcePath.Of(o, SourcePath.Fields.PiLower), piDecimals));
            p.Text(" to ");
            p.Number(SummaryNumbers.Value(piHi, SourcePath.Of(o, SourcePath.Fields.PiUpper), piDecimals));
            p.Text($" ({Level(o.Level)}% prediction interval).");
        }

        return p.Build();
    }
}
