using System.Globalization;
using Evident.Evidence.Sources;

namespace Evident.Evidence.Summaries;

/// <summary>The limitations, "In practice", the study-details box and the words the writer shares.</summary>
internal sealed partial class Writer
{
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
            p.Text(n == 1 ? " person in total. " : " people in total. ");
            p.Text("That is fewer than ");
            p.Reference(Wording.OptimalInformationSizeRule);
            p.Text(". So the results are imprecise.");
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
            p.Text(k == 1 ? " study was pooled. " : " studies were pooled. ");
            p.Text("That is too few to check for publication bias and other small-study effects. Such ");
            p.Reference(Wording.SmallStudyRule);
            p.Text(".");
            yield return p.Build();
        }

        // A very-low-certainty result is already "very uncertain" (GRADE-26); these limitations are about the others.
        var wide = _assessed.Where(a => a.SizeUncertain && a.IncludesNull == false && a.Verdict != Verdict.VeryUncertain).ToList();
        if (wide.Count > 0)
        {
            yield return Plain($"For {JoinAnd(wide.Select(a => Ref(a.Outcome)))}, the confidence interval runs across more than one size band. "
                + $"So how large {(wide.Count == 1 ? "the effect is" : "the effects are")} is uncertain.");
        }

        var crossing = _assessed.Where(a => a.IncludesNull == true && a.Outcome.CiLower is not null && a.Verdict != Verdict.VeryUncertain).ToList();
        if (crossing.Count > 0)
        {
            yield return Plain($"For {JoinAnd(crossing.Select(a => Ref(a.Outcome)))}, the confidence interval includes no effect and effects "
                + "in both directions, so the direction is uncertain.");
        }

        foreach (var a in _assessed.Where(a => a.Outcome.Estimate is not null && (a.Outcome.CiLower is null || a.Outcome.CiUpper is null)))
        {
            var p = new ParagraphBuilder();
            p.Text($"For {Ref(a.Outcome)}, the confidence interval is not reported");
            if (a.Outcome.P is { } pValue)
            {
                var (before, run) = SummaryNumbers.P(pValue, SourcePath.Of(a.Outcome, SourcePath.Fields.P));
                p.Text(a.IncludesNull == true ? ", and its p value (p " + before : " (p " + before);
                p.Number(run);
                p.Text(a.IncludesNull == true ? ") is compatible with no effect." : "). So the precision of the estimate is unknown.");
            }
            else
            {
                p.Text(", nor is a p value. So the precision of the estimate is unknown.");
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
                p.Text((i == 0 ? "" : i == heterogeneous.Count - 1 ? " and " : ", ") + Ref(o) + " (I² = ");
                p.Number(SummaryNumbers.I2(o.I2!.Value, SourcePath.Of(o, SourcePath.Fields.I2)));
                p.Text("%)");
            }

            p.Text(". So one pooled result may not fit every setting (");
            p.Reference(Wording.I2Rule);
            p.Text(").");
            yield return p.Build();
        }

        if (_review.AdverseEventsReported == false)
        {
            yield return Plain("Harms, such as side effects, are not reported. So they cannot be weighed against the results.");
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
            p.Text("The certainty of the evidence was not rated with GRADE. So this summary words every result as \"may\" at most (");
            p.Reference(Wording.Grade26);
            p.Text(").");
            yield return p.Build();
        }

        if (source.Kind == SourceKind.Published)
        {
            yield return Plain("The numbers are the review's pooled results as published. The data of each study were not available to check them.");
        }
    }

    /// <summary>
    /// "In practice": the verdict sentence of the headline and key takeaway (<see cref="VerdictWords"/>), what is not
    /// known about a change whose better direction is not given, and the gaps that limit how far the results carry over.
    /// </summary>
    private Paragraph InPractice()
    {
        var parts = new List<string>();
        var population = PopulationShort is { } pop ? " in " + pop : "";
        var verdict = VerdictWords.Sentence(Verdicts, InterventionShort, Refs, population);
        parts.Add("In practice, " + LowerFirst(verdict) + ".");
        var unknownDirection = _assessed.Where(a => a.Verdict == Verdict.Changed).Select(a => Ref(a.Outcome)).ToList();
        if (unknownDirection.Count > 0)
        {
            parts.Add($"The source does not say whether higher or lower values of {JoinOr(unknownDirection)} are better.");
        }

        var gaps = new List<string>();
        if (_review.AdverseEventsReported == false)
        {
            gaps.Add("the harms");
        }

        if (!AnyCertaintyRated)
        {
            gaps.Add("the certainty");
        }

        if (_review.Comparator is null)
        {
            gaps.Add("what it was compared with");
        }

        if (_review.FollowUp is null)
        {
            gaps.Add("how long the effects last");
        }

        if (gaps.Count > 0)
        {
            parts.Add($"Some things are not known: {JoinAnd(gaps)}. So it is unclear how far the results apply to a given patient.");
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
                p.Text(" " + Wording.DesignNoun(_review.Design, k));
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
                p.Text(string.Join("; ", source.Outcomes.Select(o => $"{Name(o, full: false)}: {Wording.CertaintyWord(o.Certainty)}")));
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

    /// <summary>
    /// "maximal expiratory pressure (MEP)" in full, "MEP" short (the name itself when there is no full name). A name
    /// that is a capitalised ordinary word ("All-cause mortality") is written in lower case, as it stands inside a
    /// sentence; abbreviations and names with capitals inside ("HbA1c", "FEV1") are kept.
    /// </summary>
    private static string Name(OutcomeEvidence o, bool full)
    {
        var (name, fullName) = (Collapse(o.Name), o.FullName is { } f ? Collapse(f) : null);
        return LowerFirst(fullName is not null && !string.Equals(fullName, name, StringComparison.OrdinalIgnoreCase)
            ? (full ? $"{LowerFirst(fullName)} ({name})" : name)
            : name);
    }

    /// <summary>
    /// An outcome as named after its first mention: its short name, or "this outcome" for a long name (as the names of
    /// Cochrane analyses often are) when it is the source's only outcome, so that a long name is not repeated in every
    /// paragraph.
    /// </summary>
    private string Ref(OutcomeEvidence o) => source.Outcomes.Length == 1 && IsLong(o) ? "this outcome" : Name(o, full: false);

    /// <summary>Whether an outcome's short name is long: more than five words, 30 characters or six syllables (counted as the accuracy review counts them).</summary>
    private static bool IsLong(OutcomeEvidence o) => Name(o, full: false) is var name
        && (name.Length > 30 || WordCount(name) > 5 || name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Sum(Checking.Readability.Syllables) > 6);

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>A count in words up to twenty ("three"), else in digits.</summary>
    private static string CountWord(int n) => n is >= 0 and < 21 ? CountWords[n] : n.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] CountWords =
    [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ];

    /// <summary>The text with runs of white space (tabs, line breaks, no-break spaces) as one space, trimmed.</summary>
    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The text with its first letter in lower case when its first word is an ordinary capitalised word.</summary>
    private static string LowerFirst(string text)
    {
        var end = 0;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        var ordinary = end >= 2 && char.IsUpper(text[0]) && text.AsSpan(1, end - 1).ToString().All(char.IsLower)
            && (end == text.Length || !char.IsAsciiDigit(text[end]));
        return ordinary ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

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

    private static string JoinAnd(IEnumerable<string> items) => Join(items, " and ");

    private static string JoinOr(IEnumerable<string> items) => Join(items, " or ");

    private static string Join(IEnumerable<string> items, string last)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + last + list[^1],
        };
    }

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
