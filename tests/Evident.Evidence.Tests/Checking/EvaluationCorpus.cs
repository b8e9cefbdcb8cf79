using System.Globalization;
using System.Text;
using Evident.Evidence.Checking;
using Evident.Evidence.Sources;
using Evident.Evidence.Summaries;

namespace Evident.Evidence.Tests.Checking;

/// <summary>A correct summary and the evidence it was written from.</summary>
internal sealed record CorpusItem(string Name, string Text, SummaryFormat Format, EvidenceSource Source);

/// <summary>
/// The correct summaries the evaluation seeds errors into: Evident's own summaries (Markdown and HTML, Cohen's and
/// Cochrane's scale) of the seed review, of its analyses of the bundled examples (BCG as RR with z and with
/// Hartung–Knapp t, Normand as SMD and as MD), and of synthetic published results with varied measures (SMD, MD, OR,
/// RR), signs, CI widths, null-crossing results and certainty levels; and hand-written summaries in the seed page's
/// plain-text layout of the same sources.
/// </summary>
internal static class EvaluationCorpus
{
    private static readonly SummaryOptions Options = new() { Generator = "Evident (test)" };

    public static List<CorpusItem> Items()
    {
        var items = new List<CorpusItem>();
        foreach (var (name, source) in Sources())
        {
            var summary = EvidenceSummary.Write(source, Options);
            items.Add(new CorpusItem(name + ".md", SummaryMarkdown.Write(summary), SummaryFormat.Markdown, source));
            items.Add(new CorpusItem(name + ".html", SummaryHtml.Write(summary), SummaryFormat.Html, source));
            if (source.Outcomes.Any(o => o.Measure.StartsWith("SMD", StringComparison.OrdinalIgnoreCase)))
            {
                var cochrane = EvidenceSummary.Write(source, Options with { Scale = Evident.Evidence.Summaries.MagnitudeScale.Cochrane });
                items.Add(new CorpusItem(name + "-cochrane.md", SummaryMarkdown.Write(cochrane), SummaryFormat.Markdown, source));
            }

            items.Add(new CorpusItem(name + ".txt", SeedStyle(source), SummaryFormat.Text, source));
        }

        return items;
    }

    public static IEnumerable<(string Name, EvidenceSource Source)> Sources()
    {
        yield return ("rmt-ms", SeedFiles.Review());
        var normandFacts = Published(Repo.Path("examples", "normand1999", "normand1999.about.json"));
        yield return ("normand1999-smd", WithFacts(Repo.Path("tests", "Evident.Evidence.Tests", "Summaries", "normand1999.analysis.json"), normandFacts));
        yield return ("normand1999-md-knha", WithFacts(Repo.Path("tests", "fixtures", "check", "normand1999-md-knha.analysis.json"), normandFacts));
        var bcgFacts = Published(Repo.Path("tests", "fixtures", "check", "bcg.about.json"));
        yield return ("bcg-rr", WithFacts(Repo.Path("tests", "fixtures", "check", "bcg-rr.analysis.json"), bcgFacts));
        yield return ("bcg-rr-knha", WithFacts(Repo.Path("tests", "fixtures", "check", "bcg-rr-knha.analysis.json"), bcgFacts));
        var random = new Random(20260124);
        for (var i = 0; i < 40; i++)
        {
            yield return ($"synthetic-{i:00}", Synthetic(random, i));
        }
    }

    private static EvidenceSource Published(string path)
    {
        var read = PublishedResults.Read(File.ReadAllText(path), path);
        Assert.False(read.HasErrors, string.Join("\n", read.Issues));
        return read.Source!;
    }

    private static EvidenceSource WithFacts(string analysisPath, EvidenceSource facts)
    {
        var read = AnalysisJson.Read(File.ReadAllText(analysisPath), analysisPath);
        Assert.Empty(read.Issues);
        return AnalysisJson.WithFacts(read.Source!, facts);
    }

    private static readonly (string Name, string Full, bool HigherIsBetter, bool Binary)[] OutcomePool =
    [
        ("VAS", "pain intensity", false, false),
        ("WD", "walking distance", true, false),
        ("HbA1c", "glycated haemoglobin", false, false),
        ("SBP", "systolic blood pressure", false, false),
        ("FIM", "functional independence", true, false),
        ("PEF", "peak expiratory flow", true, false),
        ("Death", "all-cause mortality", false, true),
        ("Relapse", "relapse within a year", false, true),
        ("Response", "treatment response", true, true),
        ("Admission", "hospital admission", false, true),
    ];

    private static readonly string[] Certainties = ["high", "moderate", "low", "very low"];

    /// <summary>Published results drawn at random: 1–4 outcomes, each continuous (SMD or MD) or binary (OR or RR).</summary>
    private static EvidenceSource Synthetic(Random random, int index)
    {
        var outcomes = new StringBuilder();
        var chosen = OutcomePool.OrderBy(_ => random.Next()).Take(1 + random.Next(4)).ToList();
        var participants = 0;
        var studies = 0;
        for (var o = 0; o < chosen.Count; o++)
        {
            var (name, full, higher, binary) = chosen[o];
            var measure = binary ? (random.Next(2) == 0 ? "OR" : "RR") : (random.Next(3) == 0 ? "MD" : "SMD");
            var scale = measure == "MD" ? 8.0 : 1.0;
            var theta = (random.NextDouble() * 1.4 - 0.7) * scale;
            var se = (0.06 + (random.NextDouble() * 0.3)) * scale;
            if (random.Next(4) == 0)
            {
                se *= 3;
            }

            var z = Math.Abs(theta / se);
            var p = 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -z);
            var decimals = measure == "MD" ? 1 : 2;
            string Value(double x) => (binary ? Math.Exp(x) : x).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            var pText = p < 0.001 ? "\"<0.001\"" : p < 0.01 ? p.ToString("F3", CultureInfo.InvariantCulture) : p.ToString("F2", CultureInfo.InvariantCulture);
            var k = 3 + random.Next(20);
            var n = k * (20 + random.Next(80));
            participants = Math.Max(participants, n);
            studies = Math.Max(studies, k);
            var certainty = random.Next(5) is var c && c < 4 ? $"\"{Certainties[c]}\"" : "null";
            var i2 = random.Next(90);
            var ci = random.Next(6) == 0 ? "" : $"\"ci\": [{Value(theta - (1.959964 * se))}, {Value(theta + (1.959964 * se))}], ";
            outcomes.Append(CultureInfo.InvariantCulture,
                $"{(o > 0 ? "," : "")}\n{{ \"name\": \"{name}\", \"full_name\": \"{full}\", \"measure\": \"{measure}\", \"estimate\": {Value(theta)}, {ci}\"p\": {pText}, \"i2\": {i2}, \"k\": {k}, \"n\": {n}, \"higher_is_better\": {(higher ? "true" : "false")}, \"certainty\": {certainty} }}");
        }

        var design = random.Next(3) == 0 ? "" : "\"design\": \"rct\", ";
        var json = $$"""
            {
              "review": { "title": "Synthetic review {{(char)('A' + (index % 26))}}", "study_type": "systematic review and meta-analysis", {{design}}
                "intervention": "the programme", "condition": "the condition", "population": "adults with the condition",
                "studies": {{studies}}, "participants": {{participants}}, "records": {{studies * 37 + 11}}, "published": "2025-0{{1 + (index % 9)}}" },
              "outcomes": [{{outcomes}}]
            }
            """;
        var read = PublishedResults.Read(json, $"synthetic-{index}.json");
        Assert.False(read.HasErrors, string.Join("\n", read.Issues) + "\n" + json);
        return read.Source!;
    }

    /// <summary>
    /// A summary in the seed page's plain-text layout (headline, "Key Takeaway" line and sentence, design paragraph,
    /// results, study details), worded by hand: "may" for every result, "uncertain" where the CI includes no effect.
    /// </summary>
    public static string SeedStyle(EvidenceSource source)
    {
        var r = source.Review;
        var intervention = r.Intervention ?? "The intervention";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"What the evidence says about {intervention}\n\nKey Takeaway\n");
        sb.Append(CultureInfo.InvariantCulture, $"The evidence on {intervention} comes from a review whose certainty varies by outcome.\n\n");
        sb.Append("This publication is a meta-analysis");
        if (r.Studies is { } k)
        {
            sb.Append(CultureInfo.InvariantCulture, $" of {k} studies");
        }

        if (r.Participants is { } n)
        {
            sb.Append(CultureInfo.InvariantCulture, $" involving {n} participants");
        }

        sb.Append(".\n\n");
        foreach (var o in source.Outcomes)
        {
            var name = o.FullName is { } f ? $"{char.ToUpperInvariant(f[0])}{f[1..]} ({o.Name})" : o.Name;
            sb.Append(CultureInfo.InvariantCulture, $"{name} had a {Measures.Describe(o.Measure)} ({o.Measure.ToUpperInvariant()}) of {Show(o.Estimate)}");
            var parts = new List<string>();
            if (o.CiLower is { } l && o.CiUpper is { } u)
            {
                parts.Add($"95% CI [{Show(l)} to {Show(u)}]");
            }

            if (o.P is { Value.Decimals: null } exact && exact.Value.Value < 0.001)
            {
                parts.Add("p < 0.001");
            }
            else if (o.P is { } p)
            {
                parts.Add(p.Relation switch
                {
                    PRelation.Less => $"p < {Show(p.Value)}",
                    PRelation.Greater => $"p > {Show(p.Value)}",
                    _ => $"p = {Show(p.Value)}",
                });
            }

            sb.Append(parts.Count > 0 ? $" ({string.Join(", ", parts)}). " : ". ");
            if (o.Estimate is { } e && e.Value != o.NullValue)
            {
                var verb = e.Value > o.NullValue ? "increase" : "reduce";
                var excludes = o.CiLower is { } cl && o.CiUpper is { } cu ? Intervals.ExcludesNull(cl, cu, o.NullValue) : o.P is { } pp ? Intervals.PSignificant(pp) : null;
                sb.Append(excludes == true
                    ? $"{intervention} may {verb} {o.Name}. "
                    : $"{intervention} may {verb} {o.Name} or make little or no difference; the evidence is uncertain. ");
            }

            sb.Append(o.Certainty == Certainty.VeryLow ? "The evidence is very uncertain about this result." : "The size of this result may be imprecise.");
            sb.Append("\n\n");
        }

        sb.Append("Study Details\n\nStudy typeMeta analysis\n");
        if (r.Participants is { } total)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Sample sizen = {total}\n");
        }

        return sb.ToString();
    }

    private static string Show(SourceNumber? n) => n is not { } v ? "?"
        : v.Decimals is not null ? v.ToString().Replace("-", "\u2212", StringComparison.Ordinal)
        : v.Value.ToString(Math.Abs(v.Value) < 0.01 ? "0.000" : "0.00", CultureInfo.InvariantCulture).Replace("-", "\u2212", StringComparison.Ordinal);
}
