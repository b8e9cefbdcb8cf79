using System.Globalization;
using System.Text;
using Evident.Evidence.Checking;

namespace Evident.Evidence.Tests.Checking;

/// <summary>
/// The evaluation of the accuracy review: correct summaries (Evident's own, and hand-written ones in the seed page's
/// layout) must raise no error-level finding; every error seeded into them (<see cref="MutationKind"/>) must be found by
/// an error or decision error that points into the mutated sentence. The counts per kind go to the test output.
/// </summary>
public sealed class EvaluationTests(ITestOutputHelper output)
{
    private static readonly Lazy<List<CorpusItem>> Corpus = new(EvaluationCorpus.Items);

    /// <summary>
    /// Summaries the writer gets wrong today, with the finding that shows it (reported to the writer's author): they are
    /// left out of the corpus while the writer has the bug.
    /// </summary>
    private static readonly Dictionary<string, string> KnownWriterErrors = new()
    {
    };

    internal static bool Excluded(CorpusItem item) => item.Format != SummaryFormat.Text && KnownWriterErrors.Keys.Any(k => item.Name.StartsWith(k + ".", StringComparison.Ordinal) || item.Name.StartsWith(k + "-", StringComparison.Ordinal));

    [Fact]
    public void CorrectSummaries_RaiseNoErrorLevelFinding()
    {
        var failures = new StringBuilder();
        foreach (var item in Corpus.Value.Where(i => !Excluded(i)))
        {
            var result = SummaryCheck.Run(SummaryDocument.Read(item.Text, item.Format), item.Source);
            foreach (var f in result.Findings.Where(f => f.IsErrorLevel))
            {
                failures.Append(CultureInfo.InvariantCulture, $"{item.Name}:{f.Line}:{f.Column} {f.Code} \"{f.Quote}\" {f.Message}\n");
            }
        }

        output.WriteLine($"{Corpus.Value.Count(i => !Excluded(i))} correct summaries checked.");
        foreach (var item in Corpus.Value.Where(Excluded))
        {
            var still = SummaryCheck.Run(SummaryDocument.Read(item.Text, item.Format), item.Source).Findings.Any(f => KnownWriterErrors.ContainsValue(f.Code));
            output.WriteLine($"left out: {item.Name} (known writer error {(still ? "still present" : "no longer present: remove it from KnownWriterErrors")})");
        }

        Assert.True(failures.Length == 0, "error-level findings on correct summaries:\n" + failures);
    }

    [Fact]
    public void SeededErrors_AreAllFound_AtTheirSentence()
    {
        var counts = Enum.GetValues<MutationKind>().ToDictionary(k => k, _ => (Cases: 0, Found: 0));
        var codes = Enum.GetValues<MutationKind>().ToDictionary(k => k, _ => new Dictionary<string, int>());
        var missed = new StringBuilder();
        foreach (var item in Corpus.Value.Where(i => !Excluded(i)))
        {
            foreach (var m in Mutations.Of(item))
            {
                var format = item.Format;
                var result = SummaryCheck.Run(SummaryDocument.Read(m.Text, format), item.Source);
                var at = result.Findings.Where(f => f.IsErrorLevel && f.Offset >= m.SentenceStart && f.Offset < m.SentenceEnd).ToList();
                var found = at.Count > 0;
                foreach (var code in at.Select(f => f.Code).Distinct())
                {
                    codes[m.Kind][code] = codes[m.Kind].GetValueOrDefault(code) + 1;
                }

                var (cases, hits) = counts[m.Kind];
                counts[m.Kind] = (cases + 1, hits + (found ? 1 : 0));
                if (!found)
                {
                    var near = string.Join("; ", result.Findings.Where(f => f.IsErrorLevel).Select(f => $"{f.Code}@{f.Line}:{f.Column}"));
                    missed.Append(CultureInfo.InvariantCulture, $"{m.Kind} in {m.Item}: {m.What} (sentence {m.SentenceStart}-{m.SentenceEnd}: \"{Clip(m.Text, m.SentenceStart, m.SentenceEnd)}\"); errors: {near}\n");
                }
            }
        }

        var table = new StringBuilder("| seeded error | cases | detected | found by (cases per code) |\n|---|---:|---:|---|\n");
        foreach (var (kind, (cases, hits)) in counts)
        {
            var by = string.Join(", ", codes[kind].OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"));
            table.Append(CultureInfo.InvariantCulture, $"| {kind} | {cases} | {hits} | {by} |\n");
        }

        var total = counts.Values.Sum(v => v.Cases);
        table.Append(CultureInfo.InvariantCulture, $"| total | {total} | {counts.Values.Sum(v => v.Found)} | |\n");
        output.WriteLine($"{Corpus.Value.Count(i => !Excluded(i))} correct summaries; seeded errors:\n{table}");
        Assert.True(missed.Length == 0, "seeded errors not found:\n" + missed + "\n" + table);
        Assert.True(total >= 500, $"only {total} seeded errors");
        Assert.All(counts, c => Assert.True(c.Value.Cases > 0, $"no case of {c.Key}"));
    }

    private static string Clip(string text, int start, int end)
    {
        var s = text[Math.Max(0, start)..Math.Min(text.Length, end)].ReplaceLineEndings(" ");
        return s.Length > 160 ? s[..160] + "…" : s;
    }
}
