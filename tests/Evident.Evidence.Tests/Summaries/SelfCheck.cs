using System.Globalization;
using System.Text;
using Evident.Evidence.Checking;
using Evident.Evidence.Sources;
using Evident.Evidence.Summaries;

namespace Evident.Evidence.Tests.Summaries;

/// <summary>
/// What a summary Evident writes must satisfy, checked with Evident's own accuracy review (public API only, so the
/// command-level tests share it): in Markdown and HTML, on the scale it was written with, the review finds nothing
/// (no error, decision error or warning); the text reads at the review's target grade or below; the only numbers the
/// review does not check are those inside citations of rules and dates; and the headline, the key takeaway and "In
/// practice" say one thing: for every outcome the same verdict, and the one the published rules give for its numbers.
/// </summary>
/// <remarks>
/// The review has no "info" severity. What it reports besides findings are the numbers it classes as not a claim; in
/// Evident's own summaries only these reasons are acceptable: a reference (a citation of a rule: "GRADE guidelines
/// 26", "§13.3.5.4"), a method threshold inside a citation ("at least 10 studies (Cochrane Handbook …)", "0.2 small"),
/// a version (Evident's own) and a year or date.
/// </remarks>
internal static class SelfCheck
{
    private static readonly HashSet<string> AcceptedNotAClaim = new(StringComparer.Ordinal) { "reference", "threshold", "version", "year", "date" };

    /// <summary>Every problem of the summary of <paramref name="source"/>, one line each; empty when there is none.</summary>
    public static List<string> Problems(EvidenceSource source, MagnitudeScale scale = MagnitudeScale.Cohen, string? generator = null)
    {
        var options = new SummaryOptions { Scale = scale, Generator = generator ?? "Evident (test)" };
        var summary = EvidenceSummary.Write(source, options);
        var problems = new List<string>();
        var checkOptions = new CheckOptions { Scale = scale == MagnitudeScale.Cochrane ? SizeScale.Cochrane : SizeScale.Cohen };
        foreach (var (format, text) in new[] { (SummaryFormat.Markdown, SummaryMarkdown.Write(summary)), (SummaryFormat.Html, SummaryHtml.Write(summary)) })
        {
            problems.AddRange(Checked(text, format, source, checkOptions));
        }

        problems.AddRange(Verdicts(summary, source, scale));
        return problems;
    }

    /// <summary>The review's findings on a summary file's text, its reading level and the numbers it left unchecked.</summary>
    public static List<string> Checked(string text, SummaryFormat format, EvidenceSource source, CheckOptions? options = null)
    {
        var problems = new List<string>();
        var result = SummaryCheck.Run(SummaryDocument.Read(text, format), source, options);
        foreach (var f in result.Findings)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{format} {f.Line}:{f.Column} {f.SeverityName} {f.Code} \"{f.Quote}\" {f.Message}"));
        }

        if (result.Readability is not { } r)
        {
            problems.Add($"{format}: no prose to read");
        }
        else if (!r.WithinTarget)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{format}: Flesch–Kincaid grade {r.Grade:0.00} is above {Readability.TargetGrade} ({r.WordsPerSentence:0.0} words per sentence)"));
        }

        foreach (var c in result.Claims.Where(c => c.Role == ClaimRole.NotAClaim && !AcceptedNotAClaim.Contains(c.Reason ?? "")))
        {
            problems.Add($"{format}: the number {c.Text} is not checked ({c.Reason})");
        }

        return problems;
    }

    /// <summary>The verdict the published rules give an outcome (independent of the writer's code).</summary>
    public static string? Expected(OutcomeEvidence o, MagnitudeScale scale)
    {
        if (o.Estimate is not { } estimate)
        {
            return null;
        }

        if (o.Certainty == Certainty.VeryLow)
        {
            return "very uncertain";
        }

        // Altman & Bland 1995: a CI that includes no effect (without one, p ≥ 0.05) shows an uncertain effect.
        bool? includes = o.CiLower is { } l && o.CiUpper is { } u ? l.Value <= o.NullValue && o.NullValue <= u.Value
            : o.P is { } p ? p.Relation switch { PRelation.Less => p.Value.Value > 0.05, PRelation.Greater => true, _ => p.Value.Value >= 0.05 }
            : null;
        if (includes != false)
        {
            return "uncertain";
        }

        // GRADE-26's trivial column: Cohen's d below 0.2 (the Cochrane variant has no trivial band).
        var smd = o.Measure.ToUpperInvariant() is "SMD" or "SMDH" or "SMD1" or "SMCC" or "SMCR";
        if (estimate.Value == o.NullValue || (smd && scale == MagnitudeScale.Cohen && Math.Abs(estimate.Value) < 0.2))
        {
            return "little or no difference";
        }

        var up = estimate.Value > o.NullValue;
        return o.HigherIsBetter switch
        {
            { } higher => up == higher ? "improve" : "worsen",
            null => up ? "increase" : "reduce",
        };
    }

    /// <summary>Disagreements between the verdicts of the headline, key takeaway and "In practice", and with <see cref="Expected"/>.</summary>
    public static List<string> Verdicts(Summary summary, EvidenceSource source, MagnitudeScale scale)
    {
        var problems = new List<string>();
        var places = new (string Place, string Text)[]
        {
            ("headline", summary.Headline),
            ("key takeaway", FirstSentence(summary.KeyTakeaway.Text, source)),
            ("in practice", FirstSentence(summary.Section("in-practice")!.Paragraphs[0].Text, source)),
        };
        foreach (var (place, text) in places)
        {
            var said = Said(text, source);
            foreach (var o in source.Outcomes)
            {
                var expected = Expected(o, scale);
                var verdicts = said.TryGetValue(o.Id, out var v) ? v : [];
                if (expected is null ? verdicts.Count > 0 : !(verdicts.Count == 1 && verdicts[0] == expected))
                {
                    problems.Add($"{place} says [{string.Join(", ", verdicts)}] about {o.Name}, not [{expected}]: \"{text}\"");
                }
            }
        }

        return problems;
    }

    /// <summary>For each outcome, what the clauses that name it say ("improve", "uncertain", …).</summary>
    private static Dictionary<string, List<string>> Said(string text, EvidenceSource source)
    {
        var spans = Mentions(text, source);
        var said = new Dictionary<string, List<string>>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && (text[i] != ';' || spans.Any(m => i >= m.Start && i < m.End)))
            {
                continue;
            }

            var inClause = spans.Where(m => m.Start >= start && m.End <= i).ToList();
            var masked = new StringBuilder(text[start..i]);
            foreach (var m in inClause)
            {
                for (var k = m.Start; k < m.End; k++)
                {
                    masked[k - start] = '_';
                }
            }

            var verdict = Verdict(masked.ToString().ToLowerInvariant());
            foreach (var id in inClause.Select(m => m.Id).Distinct())
            {
                if (verdict is not null)
                {
                    (said.TryGetValue(id, out var list) ? list : said[id] = []).Add(verdict);
                }
            }

            start = i + 1;
        }

        return said;
    }

    private static string? Verdict(string clause) =>
        clause.Contains("very uncertain", StringComparison.Ordinal) ? "very uncertain"
        : clause.Contains("little or no difference", StringComparison.Ordinal) ? "little or no difference"
        : clause.Contains("improve", StringComparison.Ordinal) ? "improve"
        : clause.Contains("worsen", StringComparison.Ordinal) ? "worsen"
        : clause.Contains("increase", StringComparison.Ordinal) ? "increase"
        : clause.Contains("reduce", StringComparison.Ordinal) ? "reduce"
        : clause.Contains("is uncertain", StringComparison.Ordinal) ? "uncertain"
        : null;

    /// <summary>Where the source's outcomes are named (longest name first; "this outcome" for a source's only outcome).</summary>
    private static List<(string Id, int Start, int End)> Mentions(string text, EvidenceSource source)
    {
        var names = source.Outcomes.SelectMany(o => o.Names.Select(n => (Name: Collapse(n), o.Id)))
            .Concat(source.Outcomes.Length == 1 ? [("this outcome", source.Outcomes[0].Id)] : [])
            .Where(n => n.Name.Length > 0)
            .OrderByDescending(n => n.Name.Length)
            .ToList();
        var found = new List<(string Id, int Start, int End)>();
        foreach (var (name, id) in names)
        {
            for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + name.Length;
                var whole = (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]));
                if (whole && !found.Any(f => f.Start < end && at < f.End))
                {
                    found.Add((id, at, end));
                }
            }
        }

        return found;
    }

    /// <summary>The first sentence of a paragraph: up to the first ". " outside the outcomes' names.</summary>
    private static string FirstSentence(string text, EvidenceSource source)
    {
        var spans = Mentions(text, source);
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] == '.' && text[i + 1] == ' ' && !spans.Any(m => i >= m.Start && i < m.End))
            {
                return text[..i];
            }
        }

        return text;
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
