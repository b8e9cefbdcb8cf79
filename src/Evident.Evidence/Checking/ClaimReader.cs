using Evident.Evidence.Sources;

namespace Evident.Evidence.Checking;

/// <summary>A sentence of a summary with its tokens, outcome mentions, numbers and results.</summary>
internal sealed class Sentence
{
    public required int Index { get; init; }

    public required TextBlock Block { get; init; }

    public required int BlockIndex { get; init; }

    public required int Start { get; init; }

    public required int End { get; init; }

    public required List<Token> Tokens { get; init; }

    public required List<Mention> Mentions { get; init; }

    /// <summary>Where the source's other texts (intervention, population, follow-up, …) stand in the block: names, not claims.</summary>
    public List<Mention> Quoted { get; init; } = [];

    /// <summary>
    /// The block's text with every outcome mention and quoted source text replaced by as many 'x' letters, so that the
    /// words of a name ("Improvement of function", "high-dose") are not read as the summary's own words.
    /// </summary>
    public required string Masked { get; init; }

    public List<NumericClaim> Claims { get; } = [];

    public List<ResultGroup> Groups { get; } = [];

    /// <summary>The last outcome named in an earlier sentence of the same block (numbers without a name refer to it).</summary>
    public string? CarriedOutcome { get; init; }

    public string Text => Block.Text[Start..End];

    /// <summary>The source address the block (a row of Evident's "Source values" table) starts with, or null.</summary>
    public string? RowPath { get; init; }

    /// <summary>The sentence's text with names masked (<see cref="Masked"/>).</summary>
    public string MaskedText => Masked[Start..End];

    public int Offset(int blockIndex) => Block.Offsets[Math.Clamp(blockIndex, 0, Block.Offsets.Length - 1)];
}

/// <summary>
/// Reads the numbers of a summary and what each states (<see cref="ClaimRole"/>), attached to the outcome named
/// nearest before it in the sentence (else after it, else the last outcome named earlier in the paragraph).
/// </summary>
/// <remarks>
/// Numbers that are not claims: a year (a whole number 1900–2100 without a label or count noun), a day or year next to
/// a month name, an age ("ages 20 and 50", "aged 20 to 50", "50 years old"), a reference ("GRADE guidelines 26",
/// "chapter 15", "version 6.1"), a version ("0.1.0") and digits inside a name (FEV1, "one second" in an outcome's
/// name). Number words (one to twenty and the tens) count only before a count noun ("eight trials").
/// </remarks>
internal static class ClaimReader
{
    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
        ["hundred"] = 100,
    };

    private static readonly HashSet<string> StudyNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "trial", "trials", "study", "studies", "rct", "rcts", "experiment", "experiments", "k",
    };

    private static readonly HashSet<string> ParticipantNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "patient", "patients", "participant", "participants", "people", "persons", "person", "subjects", "individuals", "adults",
        "children", "women", "men", "volunteers", "cases", "n",
    };

    private static readonly HashSet<string> RecordNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "records", "articles", "citations", "references", "reports", "papers", "publications", "hits", "abstracts",
    };

    private static readonly HashSet<string> DatabaseNouns = new(StringComparer.OrdinalIgnoreCase) { "databases", "database", "sources" };

    /// <summary>Words allowed between a count and its noun ("8 randomized controlled trials", "249 adult patients").</summary>
    private static readonly HashSet<string> CountAdjectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "randomized", "randomised", "controlled", "clinical", "included", "eligible", "individual", "adult", "total", "unique",
        "independent", "separate", "different", "more", "primary", "published", "relevant", "small", "large", "further",
        "other", "additional", "electronic", "major", "medical", "bibliographic", "non-randomised", "non-randomized", "cohort",
        "observational", "potentially", "screened", "full-text", "identified", "retrieved", "with", "multiple", "sclerosis",
    };

    private static readonly HashSet<string> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    };

    private static readonly HashSet<string> ReferenceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "guideline", "guidelines", "chapter", "section", "§", "table", "figure", "fig", "version", "v", "ref", "reference", "step",
        "page", "pages", "appendix", "item", "box", "equation", "eq", "handbook", "edition",
    };

    /// <summary>Words skipped when looking back from a number for its label.</summary>
    private static readonly HashSet<string> Connectors = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "was", "is", "were", "are", "a", "an", "the", "with", "at", "equal", "equals", "to", "pooled", "overall",
        "estimated", "value", "about", "around", "approximately", "only", "just", "its", "their", "had", "has", "showed",
        "show", "gave", "give", "reported", "reaching", "total",
    };

    /// <summary>Reads every sentence of the document.</summary>
    public static List<Sentence> Read(SummaryDocument document, OutcomeNames names, IReadOnlyList<OutcomeEvidence> outcomes)
    {
        var sentences = new List<Sentence>();
        for (var b = 0; b < document.Blocks.Length; b++)
        {
            var block = document.Blocks[b];
            var mentions = names.Find(block.Text);
            var quoted = names.FindQuoted(block.Text, mentions);
            var path = RowPathSpan(block);
            var masked = Mask(block.Text, [.. mentions, .. quoted, .. path is { } p ? new[] { p } : []]);
            string? carried = null;
            var (nextMention, nextQuoted) = (0, 0);
            foreach (var (start, end) in Lexer.Sentences(block.Text, [.. mentions, .. quoted]))
            {
                // Sentences, mentions and quoted names are all in text order: each is visited once.
                var inSentence = TakeWithin(mentions, ref nextMention, start, end);
                if (inSentence.Count == 0 && carried is not null && ThisOutcome(block.Text, start, end) is { } at)
                {
                    // "this outcome" after a sentence that named one is that outcome.
                    inSentence.Add(new Mention(carried, at, at + ThisOutcomeText.Length));
                }

                var sentence = new Sentence
                {
                    Index = sentences.Count,
                    Block = block,
                    BlockIndex = b,
                    Start = start,
                    End = end,
                    Tokens = Lexer.Tokens(block.Text, start, end),
                    Mentions = inSentence,
                    Quoted = TakeWithin(quoted, ref nextQuoted, start, end),
                    Masked = masked,
                    RowPath = path is { } rp ? block.Text[rp.Start..rp.End] : null,
                    CarriedOutcome = carried,
                };
                ReadClaims(sentence, outcomes);
                sentences.Add(sentence);
                if (sentence.Mentions.Count > 0)
                {
                    carried = sentence.Mentions[^1].OutcomeId;
                }
            }
        }

        return sentences;
    }

    /// <summary>The spans (in text order) inside [start, end), from <paramref name="next"/> on; <paramref name="next"/> moves past them.</summary>
    private static List<Mention> TakeWithin(List<Mention> spans, ref int next, int start, int end)
    {
        while (next < spans.Count && spans[next].Start < start)
        {
            next++;
        }

        var list = new List<Mention>();
        while (next < spans.Count && spans[next].Start < end)
        {
            if (spans[next].End <= end)
            {
                list.Add(spans[next]);
            }

            next++;
        }

        return list;
    }

    private const string ThisOutcomeText = "this outcome";

    /// <summary>Where "this outcome" stands in text[start, end) as whole words, or null.</summary>
    private static int? ThisOutcome(string text, int start, int end)
    {
        var at = text.IndexOf(ThisOutcomeText, start, end - start, StringComparison.OrdinalIgnoreCase);
        var after = at + ThisOutcomeText.Length;
        return at >= 0 && (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (after >= text.Length || !char.IsLetterOrDigit(text[after])) ? at : null;
    }

    /// <summary>The text with each span replaced by 'x' letters (same length, so positions stay).</summary>
    private static string Mask(string text, IEnumerable<Mention> spans)
    {
        char[]? chars = null;
        foreach (var m in spans)
        {
            chars ??= text.ToCharArray();
            chars.AsSpan(m.Start, m.End - m.Start).Fill('x');
        }

        return chars is null ? text : new string(chars);
    }

    private enum Label
    {
        None,
        Measure,
        P,
        I2,
        Tau2,
        Q,
        Df,
        Ci,
        Pi,
        Level,
        Studies,
        Participants,
        Records,
        Databases,
        Reference,
        Age,
    }

    private static void ReadClaims(Sentence s, IReadOnlyList<OutcomeEvidence> outcomes)
    {
        var tokens = s.Tokens;
        ResultGroup? group = null;
        var used = new HashSet<int>();
        bool? citesMethod = null;
        var rowPath = RowPathSpan(s.Block) is { } path ? (path.Start, path.End) : (0, 0);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (used.Contains(i))
            {
                continue;
            }

            var t = tokens[i];
            if (InMention(s, t) || (t.Start >= rowPath.Item1 && t.End <= rowPath.Item2))
            {
                continue;
            }

            if (t.Kind == TokenKind.Word && NumberWords.TryGetValue(t.Text, out var wordValue))
            {
                if (CountAfter(tokens, i) is { } wordRole)
                {
                    Add(s, t, wordValue, 0, false, wordRole, PrecedingOutcome(s, t.Start), null, null);
                }

                continue;
            }

            if (t.Kind != TokenKind.Number)
            {
                continue;
            }

            var (label, relation, measure, labelIndex) = LabelBefore(tokens, i, outcomes);
            var outcome = OutcomeOf(s, t.Start);

            // A new outcome named since the open result closes it.
            if (group is not null && outcome != group.OutcomeId && FirstStartingAt(s.Mentions, GroupEnd(group)) is var next
                && next < s.Mentions.Count && s.Mentions[next].End <= t.Start)
            {
                group = null;
            }

            if (t.Percent && i + 2 < tokens.Count && tokens[i + 1].Text == "%" && IsIntervalWord(tokens, i + 2, out var isPi))
            {
                group = OpenGroup(s, group, outcome, null, isPi ? -1 : 0);
                var level = Add(s, t, t.Value, t.Decimals, true, ClaimRole.CiLevel, outcome, null, group);
                if (!isPi)
                {
                    group.Level = level;
                }

                continue;
            }

            if (label is Label.Ci or Label.Pi && Pair(tokens, i, allowComma: true) is { } ciUpper)
            {
                group = OpenGroup(s, group, outcome, null, 0);
                var lower = Add(s, t, t.Value, t.Decimals, t.Percent, label == Label.Ci ? ClaimRole.CiLower : ClaimRole.PiLower, outcome, null, group);
                var u = tokens[ciUpper];
                var upper = Add(s, u, u.Value, u.Decimals, u.Percent, label == Label.Ci ? ClaimRole.CiUpper : ClaimRole.PiUpper, outcome, null, group);
                used.Add(ciUpper);
                if (label == Label.Ci)
                {
                    (group.Lower, group.Upper) = (lower, upper);
                }

                continue;
            }

            if (label == Label.None && group?.Estimate is not null && group.Lower is null && AfterEstimateInBrackets(tokens, i, group.Estimate)
                && Pair(tokens, i, allowComma: true) is { } bracketUpper)
            {
                group.Lower = Add(s, t, t.Value, t.Decimals, t.Percent, ClaimRole.CiLower, outcome, null, group);
                var u = tokens[bracketUpper];
                group.Upper = Add(s, u, u.Value, u.Decimals, u.Percent, ClaimRole.CiUpper, outcome, null, group);
                used.Add(bracketUpper);
                continue;
            }

            switch (label)
            {
                case Label.Measure:
                    group = OpenGroup(s, null, outcome, measure, 0);
                    group.Estimate = Add(s, t, t.Value, t.Decimals, t.Percent, ClaimRole.Estimate, outcome, measure, group);
                    continue;
                case Label.P:
                    group = OpenGroup(s, group, outcome, null, 0);
                    group.P = Add(s, t, t.Value, t.Decimals, false, ClaimRole.P, outcome, null, group, relation);
                    continue;
                case Label.I2:
                    group = OpenGroup(s, group, outcome, null, 0);
                    group.I2 = Add(s, t, t.Value, t.Decimals, t.Percent, ClaimRole.I2, outcome, null, group);
                    continue;
                case Label.Tau2:
                    Add(s, t, t.Value, t.Decimals, false, ClaimRole.Tau2, outcome, null, group);
                    continue;
                case Label.Q:
                    Add(s, t, t.Value, t.Decimals, false, ClaimRole.Q, outcome, null, group);
                    continue;
                case Label.Df:
                    Add(s, t, t.Value, t.Decimals, false, ClaimRole.Df, outcome, null, group);
                    continue;
                case Label.Level:
                    Add(s, t, t.Value, t.Decimals, t.Percent, t.Percent ? ClaimRole.CiLevel : ClaimRole.EvidenceLevel, outcome, null, null);
                    continue;
                case Label.Studies:
                    Add(s, t, t.Value, t.Decimals, false, ClaimRole.Studies, outcome, null, null);
                    continue;
                case Label.Participants:
                    Add(s, t, t.Value, t.Decimals, false, ClaimRole.Participants, outcome, null, null);
                    continue;
                case Label.Records:
                    Add(s, t, t.Value, t.Decimals, false, ClaimRole.Records, outcome, null, null);
                    continue;
                case Label.Databases:
                    Add(s, t, t.Value, t.Decimals, false, ClaimRole.Databases, outcome, null, null);
                    continue;
                case Label.Reference:
                    Add(s, t, t.Value, t.Decimals, false, ClaimRole.NotAClaim, null, null, null);
                    Reason(s, "reference");
                    continue;
                case Label.Age:
                    Add(s, t, t.Value, t.Decimals, false, ClaimRole.NotAClaim, null, null, null);
                    Reason(s, "age");
                    continue;
            }

            if ((citesMethod ??= MethodWords.IsMatch(s.Text)) && MethodThreshold(tokens, i))
            {
                Add(s, t, t.Value, t.Decimals, t.Percent, ClaimRole.NotAClaim, null, null, null);
                Reason(s, "threshold");
                continue;
            }

            if (CountAfter(tokens, i) is { } countRole)
            {
                Add(s, t, t.Value, t.Decimals, false, countRole, PrecedingOutcome(s, t.Start), null, null);
                continue;
            }

            // The "p" lost before "= 0.01" (as in the seed abstract): a relation right after a separator, in a result.
            if (i >= 1 && IsRelation(tokens[i - 1]) && (i == 1 || tokens[i - 2].Text is "," or "(" or ";" or "[")
                && group is not null && group.P is null && t.Value is >= 0 and <= 1 && !t.Percent)
            {
                group.P = Add(s, t, t.Value, t.Decimals, false, ClaimRole.P, outcome, null, group, RelationOf(tokens[i - 1]));
                continue;
            }

            if (NotAClaim(tokens, i) is { } reason)
            {
                Add(s, t, t.Value, t.Decimals, t.Percent, ClaimRole.NotAClaim, null, null, null);
                Reason(s, reason);
                continue;
            }

            // "from 0.28 to 0.52", "0.2 to 0.5": both numbers stand alone.
            Add(s, t, t.Value, t.Decimals, t.Percent, ClaimRole.Other, outcome, null, null);
        }

        string? OutcomeOf(Sentence sentence, int position)
        {
            if (PrecedingOutcome(sentence, position) is { } before)
            {
                return before;
            }

            var after = FirstStartingAt(sentence.Mentions, position);
            return after < sentence.Mentions.Count ? sentence.Mentions[after].OutcomeId : sentence.CarriedOutcome;
        }

        ResultGroup OpenGroup(Sentence sentence, ResultGroup? current, string? outcome, string? measure, int _)
        {
            if (current is not null)
            {
                current.OutcomeId ??= outcome;
                return current;
            }

            var g = new ResultGroup { Sentence = sentence.Index, Index = sentence.Groups.Count, OutcomeId = outcome, Measure = measure };
            sentence.Groups.Add(g);
            return g;
        }

        int GroupEnd(ResultGroup g) => new[] { g.Estimate, g.Lower, g.Upper, g.P, g.I2, g.Level }.OfType<NumericClaim>().Select(c => c.End).DefaultIfEmpty(0).Max();
    }

    /// <summary>The outcome named last before <paramref name="position"/> in the sentence, or null.</summary>
    private static string? PrecedingOutcome(Sentence s, int position)
    {
        // Mentions do not overlap and are in text order, so their ends are in order too.
        var index = FirstStartingAt(s.Mentions, position) - 1;
        while (index >= 0 && s.Mentions[index].End > position)
        {
            index--;
        }

        return index >= 0 ? s.Mentions[index].OutcomeId : null;
    }

    /// <summary>The index of the first span (in text order) that starts at or after <paramref name="position"/>.</summary>
    private static int FirstStartingAt(List<Mention> spans, int position)
    {
        var (low, high) = (0, spans.Count);
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (spans[mid].Start < position)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>Whether a span of the list (in text order, not overlapping) holds [start, end).</summary>
    private static bool Within(List<Mention> spans, int start, int end)
    {
        var index = FirstStartingAt(spans, start + 1) - 1;
        return index >= 0 && spans[index].Start <= start && end <= spans[index].End;
    }

    private static readonly System.Text.RegularExpressions.Regex MethodWords = new(
        @"rule of thumb|\bcohen|handbook|guideline|et al\.|threshold|\bgrade\b|cut-?off",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly HashSet<string> ThresholdQualifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "least", "than", "about", "around", "approximately", "below", "above", "under", "over", "minimum", "maximum", "most",
    };

    private static readonly HashSet<string> SizeWords = new(StringComparer.OrdinalIgnoreCase) { "trivial", "small", "moderate", "medium", "large" };

    /// <summary>
    /// A threshold of a method, not a result: in a sentence that cites a method (a rule of thumb, Cohen, a handbook or
    /// guideline, "et al."), a number after "at least", "fewer than", "about", "below", "above", or before a size word
    /// ("0.2 small", "0.40 to 0.70 moderate").
    /// </summary>
    private static bool MethodThreshold(List<Token> tokens, int i)
    {
        for (var j = i - 1; j >= 0 && j >= i - 3; j--)
        {
            if (tokens[j].Kind == TokenKind.Word && ThresholdQualifiers.Contains(tokens[j].Text))
            {
                return true;
            }
        }

        var next = i + 1 < tokens.Count ? tokens[i + 1] : null;
        if (next is not null && next.Text == "%" && i + 2 < tokens.Count)
        {
            next = tokens[i + 2];
        }

        if (next is { Kind: TokenKind.Word } && SizeWords.Contains(next.Text))
        {
            return true;
        }

        // The first number of a band "0.40 to 0.70 moderate", "0–40% might not be important".
        return Pair(tokens, i, allowComma: false) is { } second && second + 1 < tokens.Count
            && (SizeWords.Contains(tokens[second + 1].Text) || (tokens[second + 1].Text == "%" && second + 2 < tokens.Count && tokens[second + 2].Kind == TokenKind.Word));
    }

    private static void Reason(Sentence s, string reason) => s.Claims[^1] = s.Claims[^1] with { Reason = reason };

    private static NumericClaim Add(Sentence s, Token t, double value, int decimals, bool percent, ClaimRole role, string? outcome, string? measure,
        ResultGroup? group, PRelation relation = PRelation.Equal)
    {
        var claim = new NumericClaim
        {
            Text = t.Text + (percent && t.Kind == TokenKind.Number ? "%" : ""),
            Value = value,
            Decimals = decimals,
            Percent = percent,
            Role = role,
            Relation = relation,
            OutcomeId = role == ClaimRole.NotAClaim ? null : outcome,
            Measure = measure,
            Link = s.Block.LinkAt(t.Start) ?? s.RowPath,
            Group = group?.Index ?? -1,
            Sentence = s.Index,
            Offset = s.Offset(t.Start),
            Start = t.Start,
            End = t.End + (percent && t.Kind == TokenKind.Number && t.End < s.Block.Text.Length && s.Block.Text[t.End] == '%' ? 1 : 0),
        };
        s.Claims.Add(claim);
        return claim;
    }

    /// <summary>Where the source address a table row starts with stands (its digits and words are not claims).</summary>
    private static Mention? RowPathSpan(TextBlock block)
    {
        if (block.Kind != BlockKind.TableRow)
        {
            return null;
        }

        var text = block.Text;
        var start = 0;
        while (start < text.Length && text[start] == ' ')
        {
            start++;
        }

        if (!(text.AsSpan(start).StartsWith("outcomes/", StringComparison.Ordinal) || text.AsSpan(start).StartsWith("review/", StringComparison.Ordinal)))
        {
            return null;
        }

        var end = start;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '-' or '/'))
        {
            end++;
        }

        var bar = end;
        while (bar < text.Length && text[bar] == ' ')
        {
            bar++;
        }

        return bar < text.Length && text[bar] == '|' ? new Mention("", start, end) : null;
    }

    private static bool InMention(Sentence s, Token t) => Within(s.Mentions, t.Start, t.End) || Within(s.Quoted, t.Start, t.End);

    private static bool IsRelation(Token t) => t.Kind == TokenKind.Symbol && t.Text is "=" or "<" or ">" or "≤" or "≥";

    private static PRelation RelationOf(Token t) => t.Text switch
    {
        "<" or "≤" => PRelation.Less,
        ">" or "≥" => PRelation.Greater,
        _ => PRelation.Equal,
    };

    private static bool IsIntervalWord(List<Token> tokens, int i, out bool isPi)
    {
        var t = tokens[i];
        isPi = t.IsAny("PI", "prediction");
        return t.IsAny("CI", "CIs", "confidence", "PI", "prediction", "credible", "CrI");
    }

    /// <summary>The label a number follows ("SMD = ", "p &lt; ", "95% CI [", "n = ", "Level "), skipping connecting words.</summary>
    private static (Label Label, PRelation Relation, string? Measure, int Index) LabelBefore(List<Token> tokens, int i, IReadOnlyList<OutcomeEvidence> outcomes)
    {
        var relation = PRelation.Equal;
        for (var j = i - 1; j >= 0 && j >= i - 6; j--)
        {
            var t = tokens[j];
            if (t.Kind == TokenKind.Number)
            {
                return (Label.None, relation, null, -1);
            }

            if (t.Kind == TokenKind.Symbol)
            {
                if (IsRelation(t))
                {
                    relation = relation == PRelation.Equal ? RelationOf(t) : relation;
                    continue;
                }

                if (t.Text is "(" or "[" or ":" or "," or "|" or "~" or "≈")
                {
                    continue;
                }

                // "the standardized mean difference (SMD) was 0.42": a parenthesis holding a label, or skipped.
                if (t.Text == ")" && j >= 2 && tokens[j - 2].Text == "(" && tokens[j - 1].Kind == TokenKind.Word)
                {
                    var inner = LabelOf(tokens, j - 1, i, outcomes, out var innerMeasure);
                    if (inner == Label.Measure)
                    {
                        return (inner, relation, innerMeasure, j - 1);
                    }

                    j -= 2;
                    continue;
                }

                return (Label.None, relation, null, -1);
            }

            if (t.IsAny("less", "than", "below", "under"))
            {
                relation = PRelation.Less;
                continue;
            }

            if (t.IsAny("greater", "above", "over", "more"))
            {
                relation = PRelation.Greater;
                continue;
            }

            var label = LabelOf(tokens, j, i, outcomes, out var measure);
            if (label != Label.None)
            {
                return (label, relation, measure, j);
            }

            if (Connectors.Contains(t.Text))
            {
                continue;
            }

            return (Label.None, relation, null, -1);
        }

        return (Label.None, relation, null, -1);
    }

    private static Label LabelOf(List<Token> tokens, int j, int numberIndex, IReadOnlyList<OutcomeEvidence> outcomes, out string? measure)
    {
        measure = null;
        var t = tokens[j];
        var lower = t.Lower;
        var prev = j > 0 ? tokens[j - 1].Lower : "";
        var prev2 = j > 1 ? tokens[j - 2].Lower : "";
        if ((t.Text is "OR" or "ORs" ? "OR" : MeasureLabel(lower, prev, prev2)) is { } m)
        {
            measure = m;
            return Label.Measure;
        }

        switch (lower)
        {
            case "p" or "p-value" or "p-values" or "pvalue":
                return Label.P;
            case "value" when prev is "p":
                return Label.P;
            case "i²" or "i2" or "i^2":
                return Label.I2;
            case "i" when j + 1 < numberIndex && IsRelation(tokens[j + 1]):
                return Label.I2;
            case "τ²" or "tau²" or "tau2" or "τ2" or "tau-squared" or "tau^2":
                return Label.Tau2;
            case "q" when j + 1 < numberIndex && (IsRelation(tokens[j + 1]) || tokens[j + 1].Text == "("):
                return Label.Q;
            case "df":
                return Label.Df;
            case "ci" or "cis" or "cri":
                return Label.Ci;
            case "interval" when prev is "confidence" or "credible":
                return Label.Ci;
            case "pi":
                return Label.Pi;
            case "interval" when prev is "prediction":
                return Label.Pi;
            case "k":
                return Label.Studies;
            case "n":
                return Label.Participants;
            case "age" or "ages" or "aged":
                return Label.Age;
        }

        if (lower.EndsWith("level", StringComparison.Ordinal) && lower != "level" || lower == "level" && (prev is "evidence" or "oxford" or "ocebm" || j + 1 == numberIndex))
        {
            return Label.Level;
        }

        if (ReferenceWords.Contains(lower))
        {
            return Label.Reference;
        }

        if (j + 1 < numberIndex && tokens[j + 1].Text is ":" or "|" or "=")
        {
            if (StudyNouns.Contains(lower))
            {
                return Label.Studies;
            }

            if (ParticipantNouns.Contains(lower) || lower is "size" or "sizen")
            {
                return Label.Participants;
            }

            if (RecordNouns.Contains(lower))
            {
                return Label.Records;
            }

            if (DatabaseNouns.Contains(lower))
            {
                return Label.Databases;
            }
        }

        // "Sample sizen = 249" (the seed page's cells run together).
        if (lower.EndsWith("sizen", StringComparison.Ordinal))
        {
            return Label.Participants;
        }

        _ = outcomes;
        return Label.None;
    }

    /// <summary>A measure label ending at this word, normalised (SMD, MD, OR, RR, HR, RD), or null.</summary>
    internal static string? MeasureLabel(string word, string prev, string prev2) => word switch
    {
        "smd" or "smds" => "SMD",
        "g" when prev is "hedges" or "hedges'" or "hedges’" => "SMD",
        "d" when prev is "cohen's" or "cohen’s" or "cohens" => "SMD",
        "difference" when prev == "mean" && prev2 is "standardized" or "standardised" => "SMD",
        "difference" when prev == "mean" => "MD",
        "size" when prev == "effect" => "",
        "md" or "wmd" or "mds" => "MD",
        "or" or "ors" => null,
        "ratio" when prev == "odds" => "OR",
        "ratio" when prev is "risk" => "RR",
        "risk" when prev == "relative" => "RR",
        "rr" or "rrs" => "RR",
        "hr" or "hrs" => "HR",
        "ratio" when prev == "hazard" => "HR",
        "rd" => "RD",
        "difference" when prev == "risk" => "RD",
        "irr" => "IRR",
        "ratio" when prev == "rate" && prev2 == "incidence" => "IRR",
        "estimate" => "",
        _ => null,
    };

    /// <summary>The count a number before a count noun states ("8 trials", "249 patients", "370 records").</summary>
    private static ClaimRole? CountAfter(List<Token> tokens, int i)
    {
        for (var j = i + 1; j < tokens.Count && j <= i + 4; j++)
        {
            var t = tokens[j];
            if (t.Kind != TokenKind.Word)
            {
                return null;
            }

            var lower = t.Lower;
            if (StudyNouns.Contains(lower) && lower != "k")
            {
                return ClaimRole.Studies;
            }

            if (ParticipantNouns.Contains(lower) && lower != "n")
            {
                return ClaimRole.Participants;
            }

            if (RecordNouns.Contains(lower))
            {
                return ClaimRole.Records;
            }

            if (DatabaseNouns.Contains(lower))
            {
                return ClaimRole.Databases;
            }

            if (!CountAdjectives.Contains(lower))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Index of the second number of a range "a – b", "a to b", "[a, b]" starting at <paramref name="i"/>.</summary>
    private static int? Pair(List<Token> tokens, int i, bool allowComma)
    {
        if (i + 2 >= tokens.Count || tokens[i + 2].Kind != TokenKind.Number)
        {
            return null;
        }

        var sep = tokens[i + 1];
        var isSep = sep.Text is "-" or "\u2013" or "\u2014" or "to" or "\u2010" || (allowComma && sep.Text is "," or ";") || sep.Is("to");
        return isSep ? i + 2 : null;
    }

    /// <summary>Whether the number opens a bracket that directly follows the estimate: "0.42 (0.09 to 0.76)", "0.42 [0.09, 0.76]".</summary>
    private static bool AfterEstimateInBrackets(List<Token> tokens, int i, NumericClaim estimate)
    {
        if (i < 2 || tokens[i - 1].Text is not ("(" or "["))
        {
            return false;
        }

        var before = tokens[i - 2];
        return before.Kind == TokenKind.Number && before.Start == estimate.Start
            || (before.Text == "," && i >= 3 && tokens[i - 3].Start == estimate.Start);
    }

    /// <summary>Why a number is not a claim (year, date, age, version), or null.</summary>
    private static string? NotAClaim(List<Token> tokens, int i)
    {
        var t = tokens[i];
        var prev = i > 0 ? tokens[i - 1] : null;
        var next = i + 1 < tokens.Count ? tokens[i + 1] : null;
        if (next is { Kind: TokenKind.Symbol, Text: "." } && i + 2 < tokens.Count && tokens[i + 2].Start == next.End && char.IsAsciiDigit(tokens[i + 2].Text[0]))
        {
            return "version";
        }

        if (t.Decimals == 0 && !t.Percent && t.Value is >= 1 and <= 31
            && (prev is { Kind: TokenKind.Word } && Months.Contains(prev.Text) || next is { Kind: TokenKind.Word } && Months.Contains(next.Text)))
        {
            return "date";
        }

        if (t.Decimals == 0 && !t.Percent && t.Value is >= 1900 and <= 2100)
        {
            return "year";
        }

        // Ages: "between ages 20 and 50", "aged 20 to 50", "50 years old".
        for (var j = i - 1; j >= 0 && j >= i - 4; j--)
        {
            if (tokens[j].IsAny("age", "ages", "aged"))
            {
                return "age";
            }

            if (!(tokens[j].Kind == TokenKind.Number || tokens[j].IsAny("and", "to", "between", "-", "\u2013", "of", "from")))
            {
                break;
            }
        }

        if (next is { } n && n.IsAny("years", "year-old", "years-old", "year") && i + 2 < tokens.Count && tokens[i + 2].IsAny("old", "of"))
        {
            return "age";
        }

        return null;
    }
}
