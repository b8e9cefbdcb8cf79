using System.Collections.Immutable;
using System.Text.Json;

namespace Evident.Evidence.Sources;

/// <summary>
/// Reads an Evident analysis (<c>evident analyze --format json</c>, or a report's JSON) as an
/// <see cref="EvidenceSource"/>: every pooled value unrounded, ratio measures back-transformed to ratios. An outcome is
/// named by its <c>outcome</c> column, else by its <c>--by</c> key values, else (a single analysis) by the input file's
/// name. Review-level facts the analysis knows are filled in: the number of distinct studies and their participants
/// (each study counted once, with its largest N over the outcomes); the rest can come from a published-results file
/// (<see cref="WithFacts"/>).
/// </summary>
public static class AnalysisJson
{
    /// <summary>
    /// Whether a JSON text is an Evident analysis rather than published results: it has a top-level <c>settings</c>
    /// object, or outcomes with <c>ci_lower</c> (published results write <c>ci</c>). Not JSON: false.
    /// </summary>
    public static bool Recognises(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Json.Parse(text, "") is not ({ } document, _, _))
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && (JsonFields.Get(root, "settings") is { ValueKind: JsonValueKind.Object }
                    || (JsonFields.Get(root, "outcomes") is { ValueKind: JsonValueKind.Array } outcomes
                        && outcomes.EnumerateArray().Any(o => o.ValueKind == JsonValueKind.Object && o.TryGetProperty("ci_lower", out _))));
        }
    }

    /// <summary>Reads the analysis JSON text; <paramref name="file"/> names it in messages.</summary>
    public static EvidenceRead Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Json.Open(text, file, "Not an Evident analysis: expected the JSON of 'evident analyze --format json' (an object with \"outcomes\").", out var failure)
            is not { } opened)
        {
            return failure!;
        }

        var (document, fields, outcomes) = opened;

        using (document)
        {
            var root = document.RootElement;
            var settings = JsonFields.Get(root, "settings");
            var input = settings is { } s ? fields.Text(s, "settings", "input") : null;
            var level = settings is { } s2 ? fields.Number(s2, "settings", "level")?.Value ?? 95 : 95;
            var count = outcomes.GetArrayLength();
            var list = new List<OutcomeEvidence>();
            var participants = new Dictionary<string, int>(StringComparer.Ordinal);
            var index = 0;
            foreach (var o in outcomes.EnumerateArray())
            {
                var at = $"outcomes[{index++}]";
                var name = Name(o, fields, at, count, input, index);
                var id = PublishedResults.Slug(name);
                while (list.Any(x => x.Id == id))
                {
                    id += "-" + index;
                }

                list.Add(Outcome(o, fields, at, name, id, level));
                CountStudies(o, participants);
            }

            var review = new ReviewFacts
            {
                Studies = participants.Count > 0 ? participants.Count : null,
                Participants = participants.Count > 0 && participants.Values.All(n => n > 0) ? participants.Values.Sum() : null,
            };
            return new EvidenceRead(new EvidenceSource(SourceKind.Analysis, file, review, [.. list]), [.. fields.Issues]);
        }
    }

    /// <summary>
    /// The analysis with review facts and outcome descriptions from <paramref name="facts"/> (a published-results file
    /// that describes the review): its review fields fill those the analysis lacks, and each of its outcomes, matched by
    /// name, gives the full name, aliases, direction and certainty. Its numbers are not used: the analysis's are.
    /// </summary>
    public static EvidenceSource WithFacts(EvidenceSource analysis, EvidenceSource facts)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(facts);
        var r = facts.Review;
        var review = r with
        {
            Studies = analysis.Review.Studies ?? r.Studies,
            Participants = analysis.Review.Participants ?? r.Participants,
        };
        var outcomes = analysis.Outcomes.Select(o => facts.Outcomes.FirstOrDefault(f => f.Id == o.Id || f.Names.Any(n => o.Names.Contains(n, StringComparer.OrdinalIgnoreCase))) is { } f
            ? o with
            {
                Name = f.Name,
                FullName = f.FullName ?? o.FullName,
                Aliases = [.. o.Aliases.Concat(f.Aliases).Distinct(StringComparer.OrdinalIgnoreCase)],
                HigherIsBetter = f.HigherIsBetter,
                Certainty = f.Certainty,
            }
            : o);
        return analysis with { Review = review, Outcomes = [.. outcomes] };
    }

    private static string Name(JsonElement o, JsonFields f, string at, int count, string? input, int position)
    {
        if (f.Text(o, at, "outcome") is { } outcome)
        {
            return outcome;
        }

        if (JsonFields.Get(o, "key") is { ValueKind: JsonValueKind.Object } key)
        {
            var parts = key.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()).OfType<string>().ToList();
            if (parts.Count > 0)
            {
                return string.Join(" / ", parts);
            }
        }

        return count == 1 && input is not null ? Path.GetFileNameWithoutExtension(input.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? input[..^3] : input)
            : $"Outcome {position}";
    }

    private static OutcomeEvidence Outcome(JsonElement o, JsonFields f, string at, string name, string id, double level)
    {
        var ratio = f.Text(o, at, "back_transform") == "exp";
        SourceNumber? Value(string field) => Exact(f.Number(o, at, ratio && JsonFields.Get(o, field + "_bt") is not null ? field + "_bt" : field));
        var test = f.Text(o, at, "test");
        return new OutcomeEvidence
        {
            Id = id,
            Name = name,
            Measure = f.Text(o, at, "measure") ?? "GEN",
            Estimate = Value("estimate"),
            CiLower = Value("ci_lower"),
            CiUpper = Value("ci_upper"),
            PiLower = Value("pi_lower"),
            PiUpper = Value("pi_upper"),
            P = Exact(f.Number(o, at, "p", 0, 1)) is { } p ? new ReportedP(p, PRelation.Equal) : null,
            I2 = Exact(f.Number(o, at, "i2", 0, 100)),
            Tau2 = Exact(f.Number(o, at, "tau2", 0)),
            Q = Exact(f.Number(o, at, "q", 0)),
            QDf = f.Count(o, at, "q_df"),
            Studies = f.Count(o, at, "k"),
            Participants = f.Count(o, at, "n_total") is > 0 and var n ? n : null,
            Level = f.Number(o, at, "level")?.Value ?? level,
            Test = test is "Z" or null ? TestKind.Z : TestKind.T,
            Df = f.Number(o, at, "df")?.Value,
            HigherIsBetter = null,
        };
    }

    /// <summary>Analysis values are computed, not printed: they carry no rounding.</summary>
    private static SourceNumber? Exact(SourceNumber? n) => n is { } v ? SourceNumber.Exact(v.Value) : null;

    private static void CountStudies(JsonElement o, Dictionary<string, int> participants)
    {
        if (JsonFields.Get(o, "studies") is not { ValueKind: JsonValueKind.Array } studies)
        {
            return;
        }

        foreach (var s in studies.EnumerateArray())
        {
            if (JsonFields.Get(s, "study") is not { ValueKind: JsonValueKind.String } study)
            {
                continue;
            }

            var n = JsonFields.Get(s, "ni") is { ValueKind: JsonValueKind.Number } ni && ni.TryGetInt32(out var v) ? v : 0;
            var key = study.GetString()!;
            participants[key] = Math.Max(participants.GetValueOrDefault(key), n);
        }
    }
}
