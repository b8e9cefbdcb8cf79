using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Evident.Evidence.Sources;

namespace Evident.Evidence.Checking;

/// <summary>The scale size words are checked against.</summary>
public enum SizeScale
{
    /// <summary>Either Cohen's or Cochrane's (a word passes if it fits one of them).</summary>
    Any,

    /// <summary>Cohen (1988): |SMD| 0.2 small, 0.5 moderate, 0.8 large (below 0.2 trivial).</summary>
    Cohen,

    /// <summary>Cochrane Handbook 5.1 §12.6.2 variant: below 0.40 small, 0.40–0.70 moderate, above 0.70 large (below 0.2 trivial).</summary>
    Cochrane,
}

/// <summary>Options of the accuracy review.</summary>
public sealed record CheckOptions
{
    /// <summary>The scale for size words.</summary>
    public SizeScale Scale { get; init; } = SizeScale.Any;
}

/// <summary>What the accuracy review found.</summary>
/// <param name="Findings">Findings in file order.</param>
/// <param name="Claims">Every number read, with its role.</param>
/// <param name="Readability">Flesch–Kincaid grade of the prose, or null when there is none.</param>
public sealed record CheckResult(ImmutableArray<Finding> Findings, ImmutableArray<NumericClaim> Claims, Readability? Readability)
{
    /// <summary>Number of findings of a severity.</summary>
    public int Count(FindingSeverity severity) => Findings.Count(f => f.Severity == severity);

    /// <summary>Whether any finding is an error or a decision error.</summary>
    public bool HasErrors => Findings.Any(f => f.IsErrorLevel);

    /// <summary>Numbers that are claims (not years, dates, ages, references).</summary>
    public int NumbersChecked => Claims.Count(c => c.Role != ClaimRole.NotAClaim);
}

/// <summary>
/// The automated accuracy review of a plain-language summary against the evidence it was written from: every number
/// traced to a source value, CIs well formed, p consistent with the CI, significance, direction, size and hedging words
/// consistent with the results and their certainty, counts, heterogeneity words, evidence level kept apart from
/// certainty, no recommendation in the key takeaway, and claims without a source (the checks of
/// <c>shared/reference/summary.md</c> §3, after statcheck's error and decision-error grading, Nuijten et al. 2016).
/// </summary>
public static class SummaryCheck
{
    /// <summary>Checks <paramref name="document"/> against <paramref name="source"/>.</summary>
    public static CheckResult Run(SummaryDocument document, EvidenceSource source, CheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(source);
        return new Checker(document, source, options ?? new CheckOptions()).Run();
    }

    private sealed class Checker(SummaryDocument document, EvidenceSource source, CheckOptions options)
    {
        private readonly List<Finding> _findings = [];
        private readonly HashSet<NumericClaim> _traced = [];
        private readonly SourceValueIndex _values = new(SourceValues(source));
        private readonly HashSet<int> _outcomeStudies = [.. source.Outcomes.Select(o => o.Studies).OfType<int>()];
        private readonly HashSet<int> _outcomeParticipants = [.. source.Outcomes.Select(o => o.Participants).OfType<int>()];
        private readonly Dictionary<string, OutcomeEvidence> _outcomes = source.Outcomes.ToDictionary(o => o.Id);
        private readonly List<OutcomeEvidence> _allOutcomes = [.. source.Outcomes];
        private readonly List<OutcomeEvidence> _smdOutcomes = [.. source.Outcomes.Where(o => NormalMeasure(o.Measure) == "SMD" && o.Estimate is not null)];
        private readonly OutcomeEvidence? _mostCertain = source.Outcomes.MaxBy(Allowed);

        // Each outcome's names as a text shows them (normalised), and full names, for the mislabel check.
        private readonly Dictionary<string, HashSet<string>> _names = NameIndex(source, full: false);
        private readonly Dictionary<string, HashSet<string>> _fullNameIds = NameIndex(source, full: true);
        private readonly int _longestName = source.Outcomes.SelectMany(o => o.Names).Select(n => n.Length).DefaultIfEmpty(0).Max();

        // Answers that depend only on a sentence or a block, computed once for it.
        private readonly Dictionary<int, bool> _sizeUncertainInBlock = [];
        private readonly Dictionary<int, bool> _veryUncertainInSentence = [];
        private readonly HashSet<(string, string)> _labelsSeen = [];

        public CheckResult Run()
        {
            var r = source.Review;
            var names = new[] { r.Intervention, r.InterventionShort, r.Comparator, r.Condition, r.ConditionShort, r.Population, r.FollowUp, r.Title, r.Citation }
                .Concat(r.Databases);
            var sentences = ClaimReader.Read(document, new OutcomeNames(source.Outcomes, names), source.Outcomes);
            var quoted = QuotedBlocks();
            var checkedSentences = sentences.Where(s => !quoted.Contains(s.BlockIndex)).ToList();
            foreach (var s in checkedSentences)
            {
                foreach (var claim in s.Claims)
                {
                    CheckNumber(s, claim);
                }

                foreach (var group in s.Groups)
                {
                    CheckInterval(s, group);
                }

                CheckWording(s);
            }

            _findings.AddRange(Finding.Of(document.Notes, document));
            var claims = checkedSentences.SelectMany(s => s.Claims).ToImmutableArray();
            var prose = checkedSentences.Where(s => s.Block.Kind is BlockKind.Paragraph or BlockKind.ListItem).ToList();
            var findings = _findings.Distinct().OrderBy(f => f.Offset).ThenBy(f => f.Code, StringComparer.Ordinal).ToImmutableArray();
            return new CheckResult(findings, claims, Readability.Of(prose.Select(s => s.Text)));
        }

        private HashSet<int> QuotedBlocks()
        {
            var quoted = new HashSet<int>();
            var inQuote = false;
            for (var b = 0; b < document.Blocks.Length; b++)
            {
                var block = document.Blocks[b];
                if (CheckWords.QuotedSource().IsMatch(block.Text))
                {
                    inQuote = true;
                }
                else if (block.Kind == BlockKind.Heading && inQuote)
                {
                    inQuote = false;
                }

                if (inQuote)
                {
                    quoted.Add(b);
                }
            }

            return quoted;
        }

        private void Add(string code, Sentence s, int start, int end, string message, SourceEntry? value = null)
        {
            var offset = s.Offset(start);
            var (line, column) = document.Locate(offset);
            var length = Math.Max(0, Math.Min(end, s.Block.Text.Length) - start);
            var quote = OneLine.Clip(s.Block.Text.Substring(start, Math.Min(length, 101)), 100);

            _findings.Add(new Finding(FindingCodes.SeverityOf(code), code, line, column, quote, value?.Display, value?.Path, message) { Offset = offset });
        }

        private void Add(string code, Sentence s, NumericClaim claim, string message, SourceEntry? value = null)
            => Add(code, s, claim.Start, claim.End, message, value);

        // ---------------------------------------------------------------- numbers (check 1 and 8)

        private void CheckNumber(Sentence s, NumericClaim claim)
        {
            if (claim.Role == ClaimRole.NotAClaim)
            {
                return;
            }

            if (claim.Link is { } link)
            {
                var linked = _values.At(link);
                if (linked is null)
                {
                    Add(FindingCodes.LinkMismatch, s, claim, $"The number links to \"{link}\", which is not a value of the source.");
                }
                else if (!(Matches(claim, linked) || (linked.Role == ClaimRole.P && Intervals.Agrees(claim.Value, claim.Decimals, linked.Number))))
                {
                    Add(FindingCodes.LinkMismatch, s, claim, $"The text says {claim.Text} but the value it links to is {linked.Display}.", linked);
                }
                else
                {
                    _traced.Add(claim);
                }

                return;
            }

            switch (claim.Role)
            {
                case ClaimRole.Studies or ClaimRole.Participants or ClaimRole.Records or ClaimRole.Databases:
                    CheckCount(s, claim);
                    return;
                case ClaimRole.CiLevel:
                    var level = claim.OutcomeId is { } id && _outcomes.TryGetValue(id, out var o) ? o.Level : source.Outcomes.FirstOrDefault()?.Level ?? 95;
                    if (Math.Abs(claim.Value - level) > claim.HalfUnit + 1e-9)
                    {
                        Add(FindingCodes.UntracedNumber, s, claim, $"A {claim.Text} interval, but the source's intervals are {Format(level)}%.");
                    }
                    else
                    {
                        _traced.Add(claim);
                    }

                    return;
                case ClaimRole.EvidenceLevel:
                    CheckEvidenceLevel(s, claim);
                    return;
                case ClaimRole.Other:
                    if (_values.Candidates(claim).Any(v => Matches(claim, v)))
                    {
                        _traced.Add(claim);
                    }
                    else
                    {
                        Add(FindingCodes.UntracedNumber, s, claim, $"{claim.Text} is not a value of the source (no new results should appear in a summary).");
                    }

                    return;
            }

            var role = claim.Role;
            var own = claim.OutcomeId is { } outcome ? _values.Of(role, outcome) : [];
            if (own.Any(v => Matches(claim, v)) || (claim.OutcomeId is null && _values.Candidates(claim).Any(v => v.Role == role && Matches(claim, v))))
            {
                _traced.Add(claim);
                CheckMeasure(s, claim);
                return;
            }

            var other = _values.Candidates(claim).FirstOrDefault(v => v.Role == role && v.OutcomeId != claim.OutcomeId && Matches(claim, v));
            var expected = own.Count > 0 ? own[0] : null;
            var what = RoleName(role);
            if (other is not null && claim.OutcomeId is not null)
            {
                Add(FindingCodes.WrongOutcome, s, claim,
                    $"{claim.Text} is the {what} of {OutcomeName(other.OutcomeId)}, not of {OutcomeName(claim.OutcomeId)}"
                    + (expected is null ? " (the source gives none for it)." : $" ({expected.Display})."), expected ?? other);
                return;
            }

            if (expected is null)
            {
                Add(FindingCodes.UntracedNumber, s, claim,
                    claim.OutcomeId is null
                        ? $"{claim.Text} is not the {what} of any outcome of the source."
                        : $"The source gives no {what} for {OutcomeName(claim.OutcomeId)}; {claim.Text} is not from the source.");
                return;
            }

            Add(FindingCodes.UntracedNumber, s, claim, $"The text's {what} {claim.Text} for {OutcomeName(claim.OutcomeId)} is not the source's {expected.Display} (allowing for rounding).", expected);
        }

        private void CheckMeasure(Sentence s, NumericClaim claim)
        {
            if (claim.Role != ClaimRole.Estimate || string.IsNullOrEmpty(claim.Measure) || claim.OutcomeId is null || !_outcomes.TryGetValue(claim.OutcomeId, out var o))
            {
                return;
            }

            if (NormalMeasure(o.Measure) is { } m && m != claim.Measure)
            {
                Add(FindingCodes.MeasureMismatch, s, claim, $"The estimate is labelled {claim.Measure}, but the source's measure for {o.Name} is {o.Measure}.",
                    new SourceEntry(SourcePath.Of(o, "measure"), default, ClaimRole.Other, o.Id) { Text = o.Measure });
            }
        }

        private static string? NormalMeasure(string measure) => measure.ToUpperInvariant() switch
        {
            "SMD" or "SMDH" or "SMD1" or "SMCC" or "SMCR" => "SMD",
            "MD" => "MD",
            "OR" or "PETO" => "OR",
            "RR" => "RR",
            "HR" => "HR",
            "RD" => "RD",
            "IRR" => "IRR",
            _ => null,
        };

        private void CheckCount(Sentence s, NumericClaim claim)
        {
            var review = source.Review;
            var value = claim.Value;
            int? expected;
            string path;
            var matches = false;
            switch (claim.Role)
            {
                case ClaimRole.Participants:
                    expected = review.Participants;
                    path = SourcePath.Review("participants");
                    matches = value == review.Participants || (value == Math.Floor(value) && value is >= 0 and <= int.MaxValue && _outcomeParticipants.Contains((int)value));
                    if (!matches && value == review.RecordsFound)
                    {
                        Add(FindingCodes.RecordsAsParticipants, s, claim,
                            $"{claim.Text} is the number of records the search found, not of participants ({(review.Participants is { } n ? n.ToString(CultureInfo.InvariantCulture) : "not given")}).",
                            Value(SourcePath.Review("records")));
                        return;
                    }

                    if (!matches && claim.OutcomeId is not null && review.Participants is { } total && value > total)
                    {
                        Add(FindingCodes.OutcomeNExceedsTotal, s, claim, $"{claim.Text} participants for {OutcomeName(claim.OutcomeId)} is more than the review's {total}.", Value(path));
                        return;
                    }

                    break;
                case ClaimRole.Studies:
                    expected = review.Studies;
                    path = SourcePath.Review("studies");
                    matches = value == review.Studies || (value == Math.Floor(value) && value is >= 0 and <= int.MaxValue && _outcomeStudies.Contains((int)value));
                    break;
                case ClaimRole.Records:
                    expected = review.RecordsFound;
                    path = SourcePath.Review("records");
                    matches = value == review.RecordsFound;
                    break;
                default:
                    expected = review.Databases.Length > 0 ? review.Databases.Length : null;
                    path = SourcePath.Review("databases");
                    matches = value == expected;
                    break;
            }

            if (matches)
            {
                _traced.Add(claim);
                return;
            }

            var what = RoleName(claim.Role);
            if (expected is null)
            {
                Add(FindingCodes.UntracedNumber, s, claim, $"The source does not give the number of {what}; {claim.Text} is not from the source.");
                return;
            }

            Add(FindingCodes.CountMismatch, s, claim, $"The text says {claim.Text} {what}; the source says {expected}.", Value(path));
        }

        private void CheckEvidenceLevel(Sentence s, NumericClaim claim)
        {
            int? level = source.Review.Design switch
            {
                IncludedDesign.RandomisedTrials => 1,
                IncludedDesign.NonRandomised => 3,
                IncludedDesign.CaseSeriesOrCaseControl => 4,
                _ => null,
            };
            var value = new SourceEntry(SourcePath.Review("design"), new SourceNumber(level ?? 0, 0), ClaimRole.EvidenceLevel, null)
            {
                Text = level is { } l ? $"level {l} ({Describe(source.Review.Design)})" : "design not given",
            };
            if (level is null)
            {
                Add(FindingCodes.UntracedNumber, s, claim, "The source does not give the design of the included studies, so an evidence level cannot be traced.", value);
            }
            else if (claim.Value != level)
            {
                Add(FindingCodes.EvidenceLevelMismatch, s, claim, $"OCEBM 2011 gives a review of {Describe(source.Review.Design)} level {level}, not {claim.Text}.", value);
            }
            else
            {
                _traced.Add(claim);
            }

            static string Describe(IncludedDesign d) => d switch
            {
                IncludedDesign.RandomisedTrials => "randomised trials",
                IncludedDesign.NonRandomised => "non-randomised studies",
                _ => "case series or case-control studies",
            };
        }

        private SourceEntry? Value(string path) => _values.At(path);

        private static bool Matches(NumericClaim claim, SourceEntry v)
        {
            if (v.Role == ClaimRole.P && claim.Role is ClaimRole.P or ClaimRole.Other)
            {
                return PMatches(claim, v);
            }

            if (claim.Percent && v.Role is not (ClaimRole.I2 or ClaimRole.CiLevel or ClaimRole.Other))
            {
                return false;
            }

            return Intervals.Agrees(claim.Value, claim.Decimals, v.Number);
        }

        /// <summary>A p in the text matches the source's when both say the same within rounding, or the text's bound is true of it.</summary>
        private static bool PMatches(NumericClaim claim, SourceEntry v)
        {
            var s = v.Number;
            var y = claim.Value;
            return (claim.Relation, v.Relation) switch
            {
                (PRelation.Equal, PRelation.Equal) => Intervals.Agrees(y, claim.Decimals, s),
                (PRelation.Less, PRelation.Equal) => s.Lowest < y,
                (PRelation.Less, PRelation.Less) => s.Value <= y,
                (PRelation.Greater, PRelation.Equal) => s.Highest > y,
                (PRelation.Greater, PRelation.Greater) => s.Value >= y,
                _ => false,
            };
        }

        // ---------------------------------------------------------------- CI and p (checks 2 and 3)

        private void CheckInterval(Sentence s, ResultGroup g)
        {
            if (g.Lower is not { } l || g.Upper is not { } u)
            {
                return;
            }

            var outcome = g.OutcomeId is { } id ? _outcomes.GetValueOrDefault(id) : null;
            var isRatio = outcome?.IsRatio ?? (g.Estimate?.Measure is { } m && Measures.IsRatio(m));
            var nullValue = isRatio ? 1.0 : 0.0;
            var e = g.Estimate;
            var malformed = Intervals.Problem(e, l, u, isRatio);
            if (malformed is not null)
            {
                Add(FindingCodes.CiMalformed, s, l.Start, u.End, malformed);
                return;
            }

            if (e is not null && Intervals.SymmetricScale(outcome?.Measure ?? e.Measure) && !Intervals.Symmetric(e.AsNumber, l.AsNumber, u.AsNumber, isRatio)
                && !(outcome is { Estimate: { } se, CiLower: { } sl, CiUpper: { } su } && _traced.Contains(l) && _traced.Contains(u) && !Intervals.Symmetric(se, sl, su, isRatio)))
            {
                Add(FindingCodes.CiAsymmetric, s, l.Start, u.End,
                    $"The CI {l.Text} to {u.Text} is not symmetric about {e.Text}{(isRatio ? " on the log scale" : "")}, beyond rounding (a Wald CI is).");
            }

            if (e is null || g.P is not { } p)
            {
                return;
            }

            var df = outcome is { Test: TestKind.T, Df: { } d } ? d : (double?)null;
            var level = g.Level?.Value ?? outcome?.Level ?? 95;
            if (Intervals.PFromCi(e.AsNumber, l.AsNumber, u.AsNumber, isRatio, level, df) is not var (range, point))
            {
                return;
            }

            var reported = new ReportedP(p.AsNumber, p.Relation);
            var agrees = Intervals.PAgrees(reported, range);
            var significant = Intervals.PSignificant(reported);
            var excludes = Intervals.ExcludesNull(l.AsNumber, u.AsNumber, nullValue);
            var implied = $"the CI implies p = {FormatP(point)} (between {FormatP(range.Low)} and {FormatP(range.High)} allowing for rounding{(df is { } dd ? $", t with {Format(dd)} df" : "")})";
            // statcheck: a decision error is an inconsistency that also changes significance at 0.05.
            if (!agrees && significant is { } sig && excludes is { } ex && sig != ex)
            {
                Add(FindingCodes.PCiDecisionError, s, p, $"p {Relation(p.Relation)} {p.Text} is {(sig ? "" : "not ")}significant at 0.05 but the CI {(ex ? "excludes" : "includes")} {Format(nullValue)}; {implied}.");
            }
            else if (!agrees)
            {
                Add(FindingCodes.PCiInconsistent, s, p, $"p {Relation(p.Relation)} {p.Text} does not agree with the CI: {implied}.");
            }
        }

        // ---------------------------------------------------------------- wording (checks 4–9, 11)

        private void CheckWording(Sentence s)
        {
            // Words are read with names masked: an outcome called "Improvement of function" claims nothing.
            var text = s.Masked;
            var sentenceText = s.MaskedText;
            var clauses = Clauses(s);
            var (nextMention, nextClaim) = (0, 0);
            foreach (var (start, end) in clauses)
            {
                // Mentions and claims are in text order, and so are the clauses: each is visited once.
                while (nextMention < s.Mentions.Count && s.Mentions[nextMention].Start < start)
                {
                    nextMention++;
                }

                var mentioned = new List<OutcomeEvidence>();
                for (var m = nextMention; m < s.Mentions.Count && s.Mentions[m].Start < end; m++)
                {
                    if (s.Mentions[m].End <= end && _outcomes[s.Mentions[m].OutcomeId] is var o && !mentioned.Contains(o))
                    {
                        mentioned.Add(o);
                    }
                }

                while (nextClaim < s.Claims.Count && s.Claims[nextClaim].Start < start)
                {
                    nextClaim++;
                }

                var claims = new List<NumericClaim>();
                for (var c = nextClaim; c < s.Claims.Count && s.Claims[c].Start < end; c++)
                {
                    if (s.Claims[c].End <= end)
                    {
                        claims.Add(s.Claims[c]);
                    }
                }

                var clause = text[start..end];
                var hedge = Hedge(clause);
                CheckSignificance(s, start, clause, mentioned, hedge);
                CheckDirection(s, start, clause, mentioned);
                var sized = mentioned.Count == 0 && s.CarriedOutcome is { } carried ? [_outcomes[carried]] : mentioned;
                CheckSize(s, start, clause, sized);
                CheckHedging(s, start, clause, mentioned, hedge, sentenceText, s.Block.Text[start..end]);
                CheckHeterogeneity(s, start, clause, mentioned, claims);
            }

            if (CheckWords.Significance().Match(sentenceText) is { Success: true } sigWord)
            {
                Add(FindingCodes.SignificanceWording, s, s.Start + sigWord.Index, s.Start + sigWord.Index + sigWord.Length,
                    "Prefer the CI and the exact p to \"statistically (non-)significant\" (Cochrane Handbook ch. 15).");
            }

            foreach (Match mid in CheckWords.NeedsMid().Matches(sentenceText))
            {
                Add(FindingCodes.MidNotGiven, s, s.Start + mid.Index, s.Start + mid.Index + mid.Length,
                    $"\"{mid.Value}\" needs a minimal important difference, which the source does not give.");
            }

            if (s.Block.IsTakeaway)
            {
                foreach (Match rec in CheckWords.Recommendation().Matches(TakeawayText(sentenceText, out var skip)))
                {
                    var at = s.Start + skip + rec.Index;
                    Add(FindingCodes.RecommendationInTakeaway, s, at, at + rec.Length,
                        $"\"{rec.Value.Trim()}\" makes the key takeaway a recommendation; a summary of evidence does not recommend (Cochrane PLS guidance).");
                }
            }

            CheckLevelAsCertainty(s, sentenceText);

            foreach (Match over in CheckWords.Overgeneralisation().Matches(sentenceText))
            {
                if (!source.Outcomes.Any(o => o.Names.Any(n => n.Contains(over.Value, StringComparison.OrdinalIgnoreCase))))
                {
                    Add(FindingCodes.Overgeneralisation, s, s.Start + over.Index, s.Start + over.Index + over.Length,
                        $"\"{over.Value}\" goes beyond the outcomes measured ({string.Join(", ", source.Outcomes.Select(o => o.Name))}).");
                }
            }

            if (s.Mentions.Count == 0 && s.CarriedOutcome is null && s.Block.Kind != BlockKind.TableRow
                && !s.Claims.Any(c => c.Role != ClaimRole.NotAClaim) && CheckWords.Asserts().IsMatch(sentenceText))
            {
                Add(FindingCodes.UnsourcedClaim, s, s.Start, s.End, "The sentence asserts an effect but names no outcome and no number of the source.");
            }

            CheckMislabel(s);
        }

        private static string TakeawayText(string sentence, out int skip)
        {
            skip = 0;
            var m = CheckWords.TakeawayLabel().Match(sentence);
            if (m.Success)
            {
                skip = m.Length;
            }

            return sentence[skip..];
        }

        private static List<(int Start, int End)> Clauses(Sentence s)
        {
            var text = s.MaskedText;
            var list = new List<(int, int)>();
            var start = 0;
            foreach (Match m in CheckWords.ClauseBreak().Matches(text))
            {
                if (m.Index > start)
                {
                    list.Add((s.Start + start, s.Start + m.Index));
                }

                start = m.Index;
            }

            list.Add((s.Start + start, s.End));
            return list;
        }

        /// <summary>0 none, 1 "may", 2 "probably".</summary>
        private static int Hedge(string clause) => CheckWords.MayHedge().IsMatch(clause) ? 1 : CheckWords.ProbablyHedge().IsMatch(clause) ? 2 : 0;

        private static bool Negated(string clause, int index) => CheckWords.NegationBefore().IsMatch(Window.Before(clause, index, 80));

        /// <summary>Whether the source's result excludes no effect: its CI, else its p; null when it cannot tell.</summary>
        private static bool? Excludes(OutcomeEvidence o)
        {
            if (o.CiLower is { } l && o.CiUpper is { } u && Intervals.ExcludesNull(l, u, o.NullValue) is { } byCi)
            {
                return byCi;
            }

            return o.P is { } p ? Intervals.PSignificant(p) : null;
        }

        private static string Evidence(OutcomeEvidence o) =>
            o.CiLower is { } l && o.CiUpper is { } u
                ? $"its CI ({Show(l)} to {Show(u)})"
                : o.P is { } p ? $"its CI (not reported; p {p})" : "its CI";

        private SourceEntry? ResultValue(OutcomeEvidence o) =>
            o.CiLower is not null ? Value(SourcePath.Of(o, SourcePath.Fields.CiLower)) : Value(SourcePath.Of(o, SourcePath.Fields.P));

        private void CheckSignificance(Sentence s, int start, string clause, List<OutcomeEvidence> outcomes, int hedge)
        {
            if (outcomes.Count == 0)
            {
                return;
            }

            var absence = CheckWords.Absence().Match(clause);
            var notSignificant = CheckWords.NotSignificant().Match(clause);
            var significant = CheckWords.Significance().Matches(clause).FirstOrDefault(m => !m.Value.Contains("non", StringComparison.OrdinalIgnoreCase)
                && !m.Value.StartsWith("in", StringComparison.OrdinalIgnoreCase) && !Negated(clause, m.Index) && !(notSignificant.Success && Math.Abs(notSignificant.Index - m.Index) < 40));
            var found = hedge == 0 ? CheckWords.EffectFound().Matches(clause).FirstOrDefault(m => !Negated(clause, m.Index)) : null;
            foreach (var o in outcomes)
            {
                if (Excludes(o) is not { } excludes)
                {
                    continue;
                }

                if (absence.Success && !notSignificant.Success)
                {
                    Add(excludes ? FindingCodes.SignificanceMismatch : FindingCodes.AbsenceAsNoEffect, s, start + absence.Index, start + absence.Index + absence.Length,
                        excludes
                            ? $"\"{absence.Value.Trim()}\" for {o.Name}, but {Evidence(o)} excludes no effect."
                            : $"\"{absence.Value.Trim()}\" for {o.Name}, but {Evidence(o)} includes no effect without showing there is none (absence of evidence is not evidence of absence).",
                        ResultValue(o));
                }
                else if (notSignificant.Success && excludes)
                {
                    Add(FindingCodes.SignificanceMismatch, s, start + notSignificant.Index, start + notSignificant.Index + notSignificant.Length,
                        $"\"{notSignificant.Value.Trim()}\" for {o.Name}, but {Evidence(o)} excludes no effect.", ResultValue(o));
                }
                else if (!excludes && (significant is not null || found is not null) && !notSignificant.Success && !absence.Success)
                {
                    var m = significant ?? found!;
                    Add(FindingCodes.SignificanceMismatch, s, start + m.Index, start + m.Index + m.Length,
                        $"\"{m.Value}\" for {o.Name}, but {Evidence(o)} includes no effect.", ResultValue(o));
                }
            }
        }

        private void CheckDirection(Sentence s, int start, string clause, List<OutcomeEvidence> outcomes)
        {
            // A clause about the interval, or one naming both directions ("a benefit or a harm"), claims no direction.
            if (outcomes.Count == 0 || CheckWords.IntervalWord().IsMatch(clause))
            {
                return;
            }

            var both = (CheckWords.Up().IsMatch(clause) && CheckWords.Down().IsMatch(clause), CheckWords.Better().IsMatch(clause) && CheckWords.Worse().IsMatch(clause));
            foreach (var (regex, kind) in new[] { (CheckWords.Up(), 1), (CheckWords.Down(), -1), (CheckWords.Better(), 2), (CheckWords.Worse(), -2) })
            {
                if (Math.Abs(kind) == 1 ? both.Item1 : both.Item2)
                {
                    continue;
                }

                foreach (Match m in regex.Matches(clause))
                {
                    if (Negated(clause, m.Index))
                    {
                        continue;
                    }

                    foreach (var o in outcomes)
                    {
                        if (o.Estimate is not { } est || est.Value == o.NullValue)
                        {
                            continue;
                        }

                        var sign = est.Value > o.NullValue ? 1 : -1;
                        int says;
                        if (Math.Abs(kind) == 1)
                        {
                            says = kind;
                        }
                        else if (o.HigherIsBetter is { } higher)
                        {
                            says = Math.Sign(kind) * (higher ? 1 : -1);
                        }
                        else
                        {
                            continue;
                        }

                        if (says != sign)
                        {
                            var meaning = Math.Abs(kind) == 1 ? (kind > 0 ? "an increase" : "a decrease")
                                : kind > 0 ? "a benefit" : "a harm";
                            Add(FindingCodes.DirectionMismatch, s, start + m.Index, start + m.Index + m.Length,
                                $"\"{m.Value}\" says {meaning} in {o.Name}, but the estimate {Show(est)} is {(sign > 0 ? "above" : "below")} {Format(o.NullValue)}"
                                + (Math.Abs(kind) == 2 ? $" and {(o.HigherIsBetter == true ? "higher" : "lower")} is better." : "."),
                                Value(SourcePath.Of(o, SourcePath.Fields.Estimate)));
                        }
                    }
                }
            }
        }

        private static bool IsSmd(OutcomeEvidence o) => NormalMeasure(o.Measure) == "SMD";

        /// <summary>The bands |SMD| is in: Cohen's, Cochrane's (whose variant has no trivial band: below 0.2 is small or trivial), or both.</summary>
        private int[] Bands(double abs) => options.Scale switch
        {
            SizeScale.Cohen => [CohenBand(abs)],
            SizeScale.Cochrane => abs < 0.2 ? [0, 1] : [CochraneBand(abs)],
            _ => abs < 0.2 ? [0, 1] : [CohenBand(abs), CochraneBand(abs)],
        };

        private static int CohenBand(double d) => d < 0.2 ? 0 : d < 0.5 ? 1 : d < 0.8 ? 2 : 3;

        private static int CochraneBand(double d) => d < 0.2 ? 0 : d < 0.4 ? 1 : d <= 0.7 ? 2 : 3;

        private static readonly string[] BandNames = ["trivial", "small", "moderate", "large"];

        private void CheckSize(Sentence s, int start, string clause, List<OutcomeEvidence> outcomes)
        {
            // A clause about the interval describes its bounds, not the estimate.
            if (CheckWords.IntervalWord().IsMatch(clause))
            {
                return;
            }

            var sizeWords = CheckWords.SizeWord().Matches(clause).ToList();
            for (var w = 0; w < sizeWords.Count; w++)
            {
                var m = sizeWords[w];
                var words = CheckWords.SizeBands(m.Value);

                // A range of sizes: "small to moderate", "small-to-moderate", "from a trivial to a large increase".
                if (w + 1 < sizeWords.Count && sizeWords[w + 1].Index - (m.Index + m.Length) <= 40
                    && CheckWords.SizeRangeJoin().IsMatch(clause[(m.Index + m.Length)..sizeWords[w + 1].Index]))
                {
                    var second = sizeWords[w + 1];
                    var all = words.Concat(CheckWords.SizeBands(second.Value)).ToList();
                    words = [.. Enumerable.Range(all.Min(), all.Max() - all.Min() + 1)];
                    m = second;
                    w++;
                }

                if (!NearEffect(clause, m) || CheckWords.HowAsBefore().IsMatch(Window.Before(clause, sizeWords[w - (m == sizeWords[w] ? 0 : 1)].Index, 12)))
                {
                    continue;
                }

                var targets = outcomes.Count > 0 ? outcomes.Where(o => IsSmd(o) && o.Estimate is not null).ToList() : _smdOutcomes;
                if (targets.Count == 0)
                {
                    continue;
                }

                bool Fits(OutcomeEvidence o)
                {
                    var e = o.Estimate!.Value;
                    var low = Math.Max(0, Math.Abs(e.Value) - e.HalfUnit);
                    var high = Math.Abs(e.Value) + e.HalfUnit;
                    return Bands(low).Concat(Bands(high)).Any(b => words.Contains(b)) || words.Any(w => Bands(low).Min() < w && w < Bands(high).Max());
                }

                var misfits = targets.Where(o => !Fits(o)).ToList();
                if (outcomes.Count > 0 ? misfits.Count > 0 : misfits.Count == targets.Count)
                {
                    var o = misfits[0];
                    var abs = Math.Abs(o.Estimate!.Value.Value);
                    Add(FindingCodes.MagnitudeMismatch, s, start + m.Index, start + m.Index + m.Length,
                        $"\"{m.Value}\" for {(outcomes.Count > 0 ? o.Name : "the results")}, but |SMD| = {Show(o.Estimate.Value)} is {ScaleText(abs)}.",
                        Value(SourcePath.Of(o, SourcePath.Fields.Estimate)));
                    continue;
                }

                if (outcomes.Count > 0 && !SizeUncertainInBlock(s))
                {
                    foreach (var o in outcomes.Where(o => IsSmd(o) && o.CiLower is not null && o.CiUpper is not null))
                    {
                        var (l, u) = (o.CiLower!.Value.Value, o.CiUpper!.Value.Value);
                        var lowAbs = l <= 0 && u >= 0 ? 0 : Math.Min(Math.Abs(l), Math.Abs(u));
                        var highAbs = Math.Max(Math.Abs(l), Math.Abs(u));
                        // The writer's bands (Wording): Cochrane's variant has no trivial band, so below 0.40 is one band.
                        var scale = options.Scale == SizeScale.Cochrane
                            ? (Func<double, int>)(d => (int)Summaries.Wording.MagnitudeOf(d, Summaries.MagnitudeScale.Cochrane))
                            : CohenBand;
                        if (scale(highAbs) - scale(lowAbs) >= 1)
                        {
                            Add(FindingCodes.MagnitudeUncertain, s, start + m.Index, start + m.Index + m.Length,
                                $"\"{m.Value}\" for {o.Name}, whose CI {Show(o.CiLower.Value)} to {Show(o.CiUpper.Value)} spans {BandNames[scale(lowAbs)]} to {BandNames[scale(highAbs)]} effects; say the size is uncertain.",
                                Value(SourcePath.Of(o, SourcePath.Fields.CiLower)));
                        }
                    }
                }
            }
        }

        private string ScaleText(double abs) => options.Scale switch
        {
            SizeScale.Cohen => $"{BandNames[CohenBand(abs)]} on Cohen's scale",
            SizeScale.Cochrane => $"{BandNames[CochraneBand(abs)]} on Cochrane's scale",
            _ => $"{BandNames[CohenBand(abs)]} on Cohen's scale and {BandNames[CochraneBand(abs)]} on Cochrane's",
        };

        /// <summary>Whether a size word describes an effect: an effect word within three words after it, or before it for an adverb.</summary>
        private static bool NearEffect(string clause, Match m)
        {
            var after = Window.After(clause, m.Index + m.Length, 100);
            var next = CheckWords.WordsAfter().Match(after);
            if (next.Success && CheckWords.EffectWord().IsMatch(next.Value))
            {
                return true;
            }

            if (m.Value.EndsWith("ly", StringComparison.OrdinalIgnoreCase))
            {
                var before = Window.Before(clause, m.Index, 120);
                var prev = CheckWords.WordsBefore().Match(before);
                return prev.Success && CheckWords.EffectWord().IsMatch(prev.Value);
            }

            return false;
        }

        private void CheckHedging(Sentence s, int start, string clause, List<OutcomeEvidence> outcomes, int hedge, string sentenceText, string rawClause)
        {
            var asserted = CheckWords.AssertedEffect().Matches(clause).FirstOrDefault(m => !Conditional(clause, m.Index)) ?? Match.Empty;
            if (asserted.Success && (outcomes.Count > 0 ? outcomes : _allOutcomes).Count > 0 && (outcomes.Count > 0 || AboutIntervention(rawClause)))
            {
                // The strongest statement the certainty allows: 1 "may", 2 "probably", 3 "results in"; about the
                // intervention in general, the most certain outcome's.
                var o = outcomes.Count > 0 ? outcomes.MinBy(Allowed)! : _mostCertain!;
                var allowed = Allowed(o);
                var hedgeBefore = hedge == 0 ? 3 : Hedge(clause[..Math.Min(clause.Length, asserted.Index + asserted.Length)]) is var h and > 0 ? h : 3;
                if (hedgeBefore > allowed)
                {
                    var certainty = o.Certainty switch
                    {
                        null => "not assessed",
                        Certainty.VeryLow => "very low",
                        var c => c.ToString()!.ToLowerInvariant(),
                    };
                    Add(FindingCodes.OverstatedCertainty, s, start + asserted.Index, start + asserted.Index + asserted.Length,
                        $"\"{asserted.Value}\" states the effect {(hedgeBefore == 2 ? "as probable" : "as fact")}, but the certainty of the evidence{(outcomes.Count > 0 ? $" for {o.Name}" : "")} is {certainty}: "
                        + (allowed == 1 ? "GRADE-26 allows \"may\" at most." : "GRADE-26 allows \"probably\" or \"likely\" at most."),
                        new SourceEntry(outcomes.Count > 0 ? SourcePath.Of(o, "certainty") : "outcomes/*/certainty", default, ClaimRole.Other, o.Id) { Text = certainty });
                }
            }

            if (outcomes.Any(o => o.Certainty == Certainty.VeryLow) && (asserted.Success || hedge > 0) && !VeryUncertainSentence(s, sentenceText))
            {
                var o = outcomes.First(o => o.Certainty == Certainty.VeryLow);
                Add(FindingCodes.VeryLowCertaintyWording, s, start, start + clause.Length,
                    $"The certainty for {o.Name} is very low: GRADE-26 says \"the evidence is very uncertain about the effect\".");
            }
        }

        /// <summary>Whether <paramref name="text"/> holds <paramref name="word"/> (case-insensitive) not inside a longer word: one linear scan.</summary>
        private static bool ContainsWord(string text, string word)
        {
            for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0 && word.Length > 0;
                at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + word.Length;
                if ((at == 0 || !IsWordChar(text[at - 1]) || !IsWordChar(word[0])) && (end == text.Length || !IsWordChar(text[end]) || !IsWordChar(word[^1])))
                {
                    return true;
                }
            }

            return false;

            static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
        }

        /// <summary>The strongest statement a certainty allows: 1 "may" (low, very low, not assessed), 2 "probably" (moderate), 3 "results in" (high).</summary>
        private static int Allowed(OutcomeEvidence o) => o.Certainty switch
        {
            Certainty.High => 3,
            Certainty.Moderate => 2,
            _ => 1,
        };

        /// <summary>Whether the words before an index make it a question or condition ("if this works", "whether it helps").</summary>
        private static bool Conditional(string clause, int index) => CheckWords.ConditionBefore().IsMatch(Window.Before(clause, index, 80));

        private bool AboutIntervention(string clause)
        {
            if (CheckWords.EvidenceSubject().IsMatch(clause))
            {
                return true;
            }

            var names = new[] { source.Review.Intervention, source.Review.InterventionShort }.OfType<string>();
            return names.Any(n => ContainsWord(clause, n));
        }

        private void CheckHeterogeneity(Sentence s, int start, string clause, List<OutcomeEvidence> outcomes, List<NumericClaim> claims)
        {
            foreach (var claim in claims.Where(c => c.Role == ClaimRole.I2))
            {
                if (claim.Value is < 0 or > 100)
                {
                    Add(FindingCodes.I2OutOfRange, s, claim, $"I² = {claim.Text} is outside 0–100%.");
                }
            }

            var q = claims.FirstOrDefault(c => c.Role == ClaimRole.Q);
            var df = claims.FirstOrDefault(c => c.Role == ClaimRole.Df);
            var i2 = claims.FirstOrDefault(c => c.Role == ClaimRole.I2);
            if (q is not null && df is not null && i2 is not null && q.Value > 0)
            {
                var expected = Math.Max(0, (q.Value - df.Value) / q.Value) * 100;
                var qLow = Math.Max(0, (q.Value - q.HalfUnit - df.Value) / (q.Value - q.HalfUnit)) * 100;
                var qHigh = Math.Max(0, (q.Value + q.HalfUnit - df.Value) / (q.Value + q.HalfUnit)) * 100;
                if (i2.Value + i2.HalfUnit < Math.Min(qLow, qHigh) - 1e-9 || i2.Value - i2.HalfUnit > Math.Max(qLow, qHigh) + 1e-9)
                {
                    Add(FindingCodes.I2QInconsistent, s, i2, $"I² = {i2.Text} but (Q − df)/Q = {expected.ToString("0.#", CultureInfo.InvariantCulture)}% for Q = {q.Text} on {df.Text} df (I² from τ², as REML gives it, can differ).");
                }
            }

            var het = CheckWords.Heterogeneity().Match(clause);
            if (!het.Success)
            {
                return;
            }

            var values = i2 is not null ? [(i2.Value, i2.HalfUnit, (OutcomeEvidence?)null)]
                : (outcomes.Count > 0 ? outcomes : _allOutcomes).Where(o => o.I2 is not null).Select(o => (o.I2!.Value.Value, o.I2.Value.HalfUnit, (OutcomeEvidence?)o)).ToList();
            if (values.Count == 0)
            {
                return;
            }

            foreach (Match band in CheckWords.HeterogeneityBand().Matches(clause))
            {
                if (Math.Abs(band.Index - het.Index) > 40)
                {
                    continue;
                }

                var (low, high) = CheckWords.HeterogeneityRange(band.Value);
                var fits = values.Where(v => v.Item1 + v.Item2 >= low && v.Item1 - v.Item2 <= high).ToList();
                var bad = outcomes.Count > 0 || i2 is not null ? values.Count != fits.Count : fits.Count == 0;
                if (bad)
                {
                    var v = values.First(v => !(v.Item1 + v.Item2 >= low && v.Item1 - v.Item2 <= high));
                    Add(FindingCodes.I2BandMismatch, s, start + band.Index, start + band.Index + band.Length,
                        $"\"{band.Value}\" heterogeneity, but I² = {Format(v.Item1)}%{(v.Item3 is { } o ? $" for {o.Name}" : "")}: the Cochrane Handbook's range for \"{band.Value}\" is {low}–{high}%.",
                        v.Item3 is { } oo ? Value(SourcePath.Of(oo, SourcePath.Fields.I2)) : null);
                }

                break;
            }
        }

        private void CheckLevelAsCertainty(Sentence s, string sentenceText)
        {
            if (!CheckWords.EvidenceLevel().IsMatch(sentenceText))
            {
                return;
            }

            foreach (Match m in CheckWords.CertaintyWord().Matches(sentenceText))
            {
                if (CheckWords.CertaintyNegation().IsMatch(Window.Before(sentenceText, m.Index, 120)))
                {
                    continue;
                }

                Add(FindingCodes.LevelAsCertainty, s, s.Start + m.Index, s.Start + m.Index + m.Length,
                    $"An OCEBM level of evidence ranks the design, not the certainty of the evidence; \"{m.Value}\" presents it as {m.Value.ToLowerInvariant()} (GRADE certainty is {(source.Outcomes.Any(o => o.Certainty is not null) ? "rated per outcome" : "not assessed")}).");
                return;
            }
        }

        private void CheckMislabel(Sentence s)
        {
            var text = s.Block.Text;
            foreach (var mention in s.Mentions)
            {
                if (mention.Start == 0 || text[mention.Start - 1] != '(' || mention.End >= text.Length || text[mention.End] != ')')
                {
                    continue;
                }

                var outcome = _outcomes[mention.OutcomeId];

                // The words just before the parenthesis: enough of them to hold any outcome's name, no more. A phrase
                // already found to name the outcome (as a summary repeats "MEP (MEP)") is not read again.
                var from = Math.Max(s.Start, mention.Start - 1 - (Math.Min(_longestName, 300) + 40));
                var before = Window.Before(text, mention.Start - 1, mention.Start - 1 - from).TrimEnd();
                if (!_labelsSeen.Add((outcome.Id, before)))
                {
                    continue;
                }

                var words = CheckWords.NameWord().Matches(before).Select(m => m.Value.ToLowerInvariant()).ToList();
                if (words.Count == 0)
                {
                    continue;
                }

                // The phrase's endings at word starts, longest first: "maximal expiratory pressure", "expiratory pressure", "pressure".
                var endings = new List<string>();
                var ending = "";
                for (var k = words.Count - 1; k >= 0; k--)
                {
                    ending = ending.Length == 0 ? words[k] : words[k] + " " + ending;
                    endings.Add(ending);
                }

                endings.Reverse();
                if (endings.Any(e => _names.TryGetValue(e, out var ids) && ids.Contains(outcome.Id)))
                {
                    continue;
                }

                var other = endings.Select(e => _fullNameIds.TryGetValue(e, out var ids) ? ids.FirstOrDefault(id => id != outcome.Id) : null)
                    .OfType<string>().Select(id => _outcomes[id]).FirstOrDefault();
                var fullWords = (outcome.FullName ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3).ToHashSet();
                var last = words.TakeLast(Math.Max(2, fullWords.Count)).ToList();
                var shared = last.Any(fullWords.Contains);
                if (other is not null || (shared && outcome.FullName is not null))
                {
                    var start = text.LastIndexOf(last[0], mention.Start, mention.Start - from, StringComparison.OrdinalIgnoreCase);
                    start = start < 0 ? mention.Start - 1 : start;
                    Add(FindingCodes.OutcomeMislabelled, s, start, mention.End + 1,
                        $"{outcome.Name} is {outcome.FullName ?? outcome.Name}, not \"{string.Join(' ', last)}\"{(other is not null ? $" (that is {other.Name})" : "")}.",
                        new SourceEntry(SourcePath.Of(outcome, "full_name"), default, ClaimRole.Other, outcome.Id) { Text = outcome.FullName ?? outcome.Name });
                }
            }
        }

        // ---------------------------------------------------------------- helpers

        /// <summary>Normalised names (or full names) → the outcomes they name.</summary>
        private static Dictionary<string, HashSet<string>> NameIndex(EvidenceSource source, bool full)
        {
            var index = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var o in source.Outcomes)
            {
                foreach (var name in full ? [.. o.FullName is { } f ? new[] { f } : []] : o.Names)
                {
                    var key = OutcomeNames.NormaliseName(name);
                    (index.TryGetValue(key, out var ids) ? ids : index[key] = []).Add(o.Id);
                }
            }

            return index;
        }

        /// <summary>Whether the block says a size is uncertain anywhere (a size word in it then needs no warning).</summary>
        private bool SizeUncertainInBlock(Sentence s)
            => _sizeUncertainInBlock.TryGetValue(s.BlockIndex, out var v) ? v : _sizeUncertainInBlock[s.BlockIndex] = CheckWords.SizeUncertain().IsMatch(s.Masked);

        /// <summary>Whether the sentence says the evidence is very uncertain.</summary>
        private bool VeryUncertainSentence(Sentence s, string sentenceText)
            => _veryUncertainInSentence.TryGetValue(s.Index, out var v) ? v : _veryUncertainInSentence[s.Index] = CheckWords.VeryUncertain().IsMatch(sentenceText);

        private string OutcomeName(string? id) => id is not null && _outcomes.TryGetValue(id, out var o) ? o.Name : "an unnamed outcome";

        private static string RoleName(ClaimRole role) => role switch
        {
            ClaimRole.Estimate => "estimate",
            ClaimRole.CiLower => "CI lower bound",
            ClaimRole.CiUpper => "CI upper bound",
            ClaimRole.P => "p value",
            ClaimRole.I2 => "I²",
            ClaimRole.Tau2 => "τ²",
            ClaimRole.Q => "Q",
            ClaimRole.Df => "df",
            ClaimRole.PiLower => "prediction interval lower bound",
            ClaimRole.PiUpper => "prediction interval upper bound",
            ClaimRole.Studies => "studies",
            ClaimRole.Participants => "participants",
            ClaimRole.Records => "records",
            ClaimRole.Databases => "databases",
            _ => "value",
        };

        private static string Relation(PRelation r) => r switch { PRelation.Less => "<", PRelation.Greater => ">", _ => "=" };

        private static string Show(SourceNumber n) => n.Decimals is not null ? n.ToString() : Format(n.Value);

        internal static string Format(double v) => Math.Round(v, 4).ToString("0.####", CultureInfo.InvariantCulture);

        private static string FormatP(double p) => p < 0.0001 ? p.ToString("0.##E+0", CultureInfo.InvariantCulture) : p.ToString("0.####", CultureInfo.InvariantCulture);

        private static List<SourceEntry> SourceValues(EvidenceSource source)
        {
            var values = new List<SourceEntry>();
            foreach (var o in source.Outcomes)
            {
                void Add(string field, SourceNumber? n, ClaimRole role, PRelation relation = PRelation.Equal)
                {
                    if (n is { } v)
                    {
                        values.Add(new SourceEntry(SourcePath.Of(o, field), v, role, o.Id, relation));
                    }
                }

                Add(SourcePath.Fields.Estimate, o.Estimate, ClaimRole.Estimate);
                Add(SourcePath.Fields.CiLower, o.CiLower, ClaimRole.CiLower);
                Add(SourcePath.Fields.CiUpper, o.CiUpper, ClaimRole.CiUpper);
                Add(SourcePath.Fields.P, o.P?.Value, ClaimRole.P, o.P?.Relation ?? PRelation.Equal);
                Add(SourcePath.Fields.I2, o.I2, ClaimRole.I2);
                Add(SourcePath.Fields.Tau2, o.Tau2, ClaimRole.Tau2);
                Add("q", o.Q, ClaimRole.Q);
                Add("q_df", o.QDf is { } qdf ? new SourceNumber(qdf, 0) : null, ClaimRole.Df);
                Add("df", o.Df is { } df ? SourceNumber.Exact(df) : null, ClaimRole.Df);
                Add(SourcePath.Fields.PiLower, o.PiLower, ClaimRole.PiLower);
                Add(SourcePath.Fields.PiUpper, o.PiUpper, ClaimRole.PiUpper);
                Add(SourcePath.Fields.Studies, o.Studies is { } k ? new SourceNumber(k, 0) : null, ClaimRole.Studies);
                Add(SourcePath.Fields.Participants, o.Participants is { } n ? new SourceNumber(n, 0) : null, ClaimRole.Participants);
                Add("level", new SourceNumber(o.Level, 0), ClaimRole.CiLevel);
            }

            var r = source.Review;
            void Review(string field, int? n, ClaimRole role)
            {
                if (n is { } v)
                {
                    values.Add(new SourceEntry(SourcePath.Review(field), new SourceNumber(v, 0), role, null));
                }
            }

            Review("studies", r.Studies, ClaimRole.Studies);
            Review("participants", r.Participants, ClaimRole.Participants);
            Review("records", r.RecordsFound, ClaimRole.Records);
            Review("databases", r.Databases.Length > 0 ? r.Databases.Length : null, ClaimRole.Databases);
            return values;
        }
    }
}

/// <summary>A source value a number is checked against.</summary>
internal sealed record SourceEntry(string Path, SourceNumber Number, ClaimRole Role, string? OutcomeId, PRelation Relation = PRelation.Equal)
{
    /// <summary>A text to show instead of the number (a measure, a certainty).</summary>
    public string? Text { get; init; }

    /// <summary>The value as shown in findings: as printed in a published source, else to four decimals.</summary>
    public string Display => Text ?? (Relation switch { PRelation.Less => "< ", PRelation.Greater => "> ", _ => "" })
        + (Number.Decimals is not null ? Number.ToString() : Math.Round(Number.Value, 4).ToString("0.####", CultureInfo.InvariantCulture));
}
