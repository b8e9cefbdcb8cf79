using System.Globalization;
using System.Text.RegularExpressions;
using Evident.Evidence.Checking;
using Evident.Evidence.Sources;

namespace Evident.Evidence.Tests.Checking;

/// <summary>The kinds of error seeded into correct summaries.</summary>
internal enum MutationKind
{
    NumberChanged,
    CiBoundsSwapped,
    DirectionFlipped,
    MayToDoes,
    NullAsNoEffect,
    PInconsistentWithCi,
    TotalChanged,
    SizeWordChanged,
    RecommendationInTakeaway,
}

/// <summary>
/// One seeded error: the mutated text, what was changed (for the report), and the range of the mutated sentence in the
/// mutated text, where a finding must point.
/// </summary>
internal sealed record Mutation(MutationKind Kind, string Item, string Text, string What, int SentenceStart, int SentenceEnd);

/// <summary>
/// Seeds errors into a correct summary, each where it is meaningful: numbers in result sentences (not in the
/// "Source values" appendix), direction words in a clause about one outcome whose estimate is not the null value,
/// "may" only where the certainty is below high, "no effect" only for a result whose CI includes no effect, a p made
/// inconsistent only where an estimate, a CI and an exact p are reported together.
/// </summary>
internal static class Mutations
{
    public static IEnumerable<Mutation> Of(CorpusItem item)
    {
        var document = SummaryDocument.Read(item.Text, item.Format);
        var outcomes = item.Source.Outcomes.ToDictionary(o => o.Id);
        var sentences = ClaimReader.Read(document, new OutcomeNames(item.Source.Outcomes), item.Source.Outcomes)
            .Where(s => !IsSourceValuesRow(s.Block))
            .ToList();
        var source = item.Text;

        foreach (var s in sentences)
        {
            var (sStart, sEnd) = SentenceSpan(s, source);

            // A number changed: every estimate and CI upper bound.
            foreach (var c in s.Claims.Where(c => c.Role is ClaimRole.Estimate or ClaimRole.CiUpper))
            {
                var (a, b) = ClaimSpan(s, c, source);
                var changed = Changed(source[a..b], c.Decimals == 0 ? 3 : 7);
                yield return Replace(MutationKind.NumberChanged, item, source, a, b, changed, sStart, sEnd, $"{source[a..b]} -> {changed}");
            }

            // A total changed: every count of studies or participants.
            foreach (var c in s.Claims.Where(c => c.Role is ClaimRole.Studies or ClaimRole.Participants))
            {
                var (a, b) = ClaimSpan(s, c, source);
                var old = source[a..b];
                var changed = char.IsDigit(old[0])
                    ? ((int)c.Value + 3).ToString(old.Contains(',', StringComparison.Ordinal) ? "N0" : "0", CultureInfo.InvariantCulture)
                    : Words[Math.Min(Words.Length - 1, (int)c.Value + 3)];
                yield return Replace(MutationKind.TotalChanged, item, source, a, b, changed, sStart, sEnd, $"{old} -> {changed}");
            }

            foreach (var g in s.Groups)
            {
                // CI bounds swapped.
                if (g.Lower is { } l && g.Upper is { } u)
                {
                    var (la, lb) = ClaimSpan(s, l, source);
                    var (ua, ub) = ClaimSpan(s, u, source);
                    var swapped = source[..la] + source[ua..ub] + source[lb..ua] + source[la..lb] + source[ub..];
                    yield return new Mutation(MutationKind.CiBoundsSwapped, item.Name, swapped, $"[{l.Text}, {u.Text}] -> [{u.Text}, {l.Text}]",
                        sStart, sEnd + (swapped.Length - source.Length));
                }

                // p made inconsistent with the CI (an exact p beside an estimate and a CI).
                if (g is { Estimate: not null, Lower: { } gl, Upper: { } gu, P: { Relation: PRelation.Equal } p })
                {
                    var outcome = g.OutcomeId is { } id ? outcomes[id] : null;
                    var excludes = Intervals.ExcludesNull(gl.AsNumber, gu.AsNumber, outcome?.NullValue ?? 0);
                    var (pa, pb) = ClaimSpan(s, p, source);
                    var changed = excludes == false ? "0.001" : "0.40";
                    yield return Replace(MutationKind.PInconsistentWithCi, item, source, pa, pb, changed, sStart, sEnd, $"p = {p.Text} -> p = {changed}");
                }
            }
        }

        foreach (var s in sentences.Where(s => s.Block.Kind is BlockKind.Paragraph or BlockKind.ListItem or BlockKind.Heading))
        {
            var (sStart, sEnd) = SentenceSpan(s, source);
            var text = s.Text;
            var single = s.Mentions.Select(m => m.OutcomeId).Distinct().ToList() is [var only] ? outcomes[only] : null;

            // A direction flipped, in a sentence about one outcome (not about its interval).
            if (single is { Estimate: { } est } && est.Value != single.NullValue && !Regex.IsMatch(text, @"\b(interval|CI|range)\b"))
            {
                var words = Regex.Matches(text, @"\b(increase|increases|increased|reduce|reduces|reduced|decrease|decreases|decreased|lower|higher)\b(?! is (better|worse))");
                if (words is [var m])
                {
                    var (a, b) = WordSpan(s, s.Start + m.Index, m.Length, source);
                    var flipped = Flip(m.Value);
                    yield return Replace(MutationKind.DirectionFlipped, item, source, a, b, flipped, sStart, sEnd, $"{m.Value} -> {flipped}");
                }
            }

            // "may" turned into a statement of fact, where the certainty is below high.
            var may = Regex.Match(text, @"\bmay (slightly )?(increase|reduce|decrease|improve|lower|raise|worsen)\b");
            // The outcomes named in the clause of the "may" (the checker's clauses: split at ";", ", but", "whereas" …).
            var breaks = CheckWords.ClauseBreak().Matches(text).Select(b => b.Index).Prepend(0).Append(text.Length).ToList();
            var clauseStart = breaks.Last(b => b <= may.Index);
            var clauseEnd = breaks.First(b => b > may.Index);
            var about = s.Mentions.Where(m => m.Start - s.Start >= clauseStart && m.End - s.Start <= clauseEnd).Select(m => outcomes[m.OutcomeId]).ToList();
            if (may.Success && (about.Count > 0 ? about.Min(Allowed) : item.Source.Outcomes.Max(Allowed)) < 3)
            {
                var (a, b) = WordSpan(s, s.Start + may.Index, may.Length, source);
                var does = (may.Groups[1].Success ? "slightly " : "") + may.Groups[2].Value + "s";
                yield return Replace(MutationKind.MayToDoes, item, source, a, b, does, sStart, sEnd, $"{may.Value} -> {does}");
            }

            // A size word changed to one outside every scale's band of the one outcome's |SMD|.
            if (single is { Estimate: { } e } && single.Measure.StartsWith("SMD", StringComparison.OrdinalIgnoreCase))
            {
                var size = Regex.Match(text, @"\b(a small|a moderate|a large|slightly|a trivial)\b(?= (effect|increase|reduction|decrease|improvement|benefit))|\b(increase|reduce|decrease|improve)\w* \w+ (slightly)\b");
                if (size.Success)
                {
                    var abs = Math.Abs(e.Value);
                    var target = abs >= 0.4 ? "a trivial" : "a large";
                    var group = size.Groups[1].Success ? size.Groups[1] : size.Groups[4];
                    var replacement = group.Value == "slightly" ? (abs >= 0.4 ? "trivially" : "greatly") : target;
                    if (replacement != "trivially")
                    {
                        var (a, b) = WordSpan(s, s.Start + group.Index, group.Length, source);
                        yield return Replace(MutationKind.SizeWordChanged, item, source, a, b, replacement, sStart, sEnd, $"{group.Value} -> {replacement}");
                    }
                }
            }
        }

        // A result whose CI includes no effect described as "no effect": a sentence put before the one with its estimate.
        foreach (var o in item.Source.Outcomes.Where(o => Includes(o)))
        {
            var s = sentences.FirstOrDefault(s => s.Block.Kind is BlockKind.Paragraph or BlockKind.ListItem
                && s.Claims.Any(c => c.Role == ClaimRole.Estimate && c.OutcomeId == o.Id));
            if (s is null)
            {
                continue;
            }

            var (sStart, sEnd) = SentenceSpan(s, source);
            var inserted = $"The intervention had no effect on {o.Name}. ";
            yield return new Mutation(MutationKind.NullAsNoEffect, item.Name, source[..sStart] + inserted + source[sStart..], $"inserted \"{inserted.Trim()}\"",
                sStart, sStart + inserted.Length);
        }

        // A recommendation put into the key takeaway.
        var takeaway = sentences.FirstOrDefault(s => s.Block.IsTakeaway && !Regex.IsMatch(s.Text, @"^\s*key (takeaway|message)s?\s*:?\s*$", RegexOptions.IgnoreCase));
        if (takeaway is not null)
        {
            var (sStart, _) = SentenceSpan(takeaway, source);
            var skip = Regex.Match(takeaway.Text, @"^\s*key takeaways?\s*[.:]\s*", RegexOptions.IgnoreCase);
            var first = takeaway.Start + skip.Length;
            while (first < takeaway.Block.Text.Length && takeaway.Block.Text[first] == ' ')
            {
                first++;
            }

            var at = skip.Success && first < takeaway.Block.Text.Length ? WordSpan(takeaway, first, 1, source).Start : sStart;
            var inserted = $"Clinicians should offer {item.Source.Review.Intervention ?? "it"}. ";
            yield return new Mutation(MutationKind.RecommendationInTakeaway, item.Name, source[..at] + inserted + source[at..], $"inserted \"{inserted.Trim()}\"",
                at, at + inserted.Length);
        }
    }

    private static readonly string[] Words =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    ];

    private static int Allowed(OutcomeEvidence o) => o.Certainty switch { Certainty.High => 3, Certainty.Moderate => 2, _ => 1 };

    private static bool Includes(OutcomeEvidence o) =>
        (o.CiLower is { } l && o.CiUpper is { } u ? Intervals.ExcludesNull(l, u, o.NullValue) : o.P is { } p ? Intervals.PSignificant(p) : null) == false;

    private static string Flip(string word) => word switch
    {
        "increase" => "decrease",
        "increases" => "decreases",
        "increased" => "decreased",
        "reduce" => "increase",
        "reduces" => "increases",
        "reduced" => "increased",
        "decrease" => "increase",
        "decreases" => "increases",
        "decreased" => "increased",
        "lower" => "higher",
        _ => "lower",
    };

    /// <summary>The number with <paramref name="units"/> added in its last decimal, printed the same way (minus sign, decimals, thousands).</summary>
    private static string Changed(string text, int units)
    {
        var minus = text.StartsWith('\u2212') ? "\u2212" : text.StartsWith('-') ? "-" : "";
        var digits = text[minus.Length..].Replace(",", "", StringComparison.Ordinal);
        var decimals = digits.Contains('.', StringComparison.Ordinal) ? digits.Length - digits.IndexOf('.', StringComparison.Ordinal) - 1 : 0;
        var value = double.Parse(digits, CultureInfo.InvariantCulture) + (units * Math.Pow(10, -decimals));
        return minus + value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static Mutation Replace(MutationKind kind, CorpusItem item, string source, int a, int b, string replacement, int sStart, int sEnd, string what)
        => new(kind, item.Name, source[..a] + replacement + source[b..], what, sStart, sEnd + replacement.Length - (b - a));

    private static bool IsSourceValuesRow(TextBlock block) => block.Kind == BlockKind.TableRow && Regex.IsMatch(block.Text, @"^\s*(outcomes|review)/");

    /// <summary>The sentence's range in the original file.</summary>
    private static (int Start, int End) SentenceSpan(Sentence s, string source) => (s.Block.Offsets[s.Start], End(s.Block.Offsets[s.End - 1], source));

    private static (int Start, int End) ClaimSpan(Sentence s, NumericClaim c, string source) => (s.Block.Offsets[c.Start], End(s.Block.Offsets[c.End - 1], source));

    private static (int Start, int End) WordSpan(Sentence s, int start, int length, string source) => (s.Block.Offsets[start], End(s.Block.Offsets[start + length - 1], source));

    /// <summary>One past the source character at <paramref name="offset"/> (past a whole character reference in HTML).</summary>
    private static int End(int offset, string source)
    {
        if (source[offset] == '&')
        {
            var semi = source.IndexOf(';', offset);
            return semi < 0 ? offset + 1 : semi + 1;
        }

        return offset + 1;
    }
}
