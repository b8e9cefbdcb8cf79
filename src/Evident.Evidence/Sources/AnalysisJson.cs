using System.Globalization;
using System.Text;
using System.Text.Json;
using Evident.Analysis;
using Evident.Analysis.Documents;

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

    /// <summary>
    /// Reads the analysis JSON text (<see cref="AnalysisDocument.Read"/>); <paramref name="file"/> names it in messages. Text
    /// that is not JSON is <c>invalid-json</c>, a value not of its field's type <c>invalid-value</c>, a document without
    /// outcomes <c>not-an-evidence-file</c>, all located.
    /// </summary>
    public static EvidenceRead Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var read = AnalysisDocument.Read(text, file);
        if (read.Error is { Code: AnalysisIssueCodes.InvalidJson } invalid)
        {
            return new EvidenceRead(null, [new EvidenceIssue(EvidenceIssueCodes.InvalidJson, EvidenceIssueSeverity.Error, invalid.Message, file, invalid.Line, invalid.Column, null)]);
        }

        var locations = JsonLocations.Of(Encoding.UTF8.GetBytes(text));
        if (read.Error is { Path: not ("" or "outcomes") } error)
        {
            // At the value's start where the text has it, rather than where the reader stopped.
            var (line, column) = locations.At(error.Path!) ?? (error.Line, error.Column);
            return new EvidenceRead(null, [new EvidenceIssue(EvidenceIssueCodes.InvalidValue, EvidenceIssueSeverity.Error, error.Message, file, line, column, error.Path)]);
        }

        var fields = new JsonFields(file, locations);
        if (read.Document is not { } document || locations.At("outcomes") is null)
        {
            // Not an object, or no outcomes array (a document without one would read as empty).
            fields.Error(EvidenceIssueCodes.NotAnEvidenceFile, "", "Not an Evident analysis: expected the JSON of 'evident analyze --format json' (an object with \"outcomes\").");
            return new EvidenceRead(null, [.. fields.Issues]);
        }

        return Read(document, file, fields);
    }

    /// <summary>
    /// Reads an analysis document held in memory (<c>summarize</c> of a CSV: <see cref="AnalysisDocument.From"/>, no JSON
    /// text in between); <paramref name="file"/> names it in messages.
    /// </summary>
    public static EvidenceRead Read(AnalysisDocument document, string file)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Read(document, file, new JsonFields(file, null));
    }

    private static EvidenceRead Read(AnalysisDocument document, string file, JsonFields fields)
    {
        var input = Text(document.Settings.Input);
        var level = document.Settings.Level ?? 95;
        var count = document.Outcomes.Count;
        var list = new List<OutcomeEvidence>();
        var participants = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var o in document.Outcomes)
        {
            var at = $"outcomes[{index++}]";
            var name = Name(o, count, input, index);
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

    /// <summary>Text as the readers take it: empty is none.</summary>
    private static string? Text(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static string Name(OutcomeDocument o, int count, string? input, int position)
    {
        if (Text(o.Outcome) is { } outcome)
        {
            return outcome;
        }

        if (o.Key is { Count: > 0 } key)
        {
            return string.Join(" / ", key.Select(p => p.Value));
        }

        return count == 1 && input is not null ? Path.GetFileNameWithoutExtension(input.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? input[..^3] : input)
            : $"Outcome {position}";
    }

    private static OutcomeEvidence Outcome(OutcomeDocument o, JsonFields f, string at, string name, string id, double level)
    {
        var ratio = Text(o.BackTransform) == "exp";
        SourceNumber? Value(double? value, double? backTransformed) => Exact(ratio && backTransformed is not null ? backTransformed : value);
        return new OutcomeEvidence
        {
            Id = id,
            Name = name,
            Measure = Text(o.Measure) ?? "GEN",
            Estimate = Value(o.Estimate, o.EstimateBt),
            CiLower = Value(o.CiLower, o.CiLowerBt),
            CiUpper = Value(o.CiUpper, o.CiUpperBt),
            PiLower = Value(o.PiLower, o.PiLowerBt),
            PiUpper = Value(o.PiUpper, o.PiUpperBt),
            P = Exact(Within(f, at, "p", o.P, 0, 1)) is { } p ? new ReportedP(p, PRelation.Equal) : null,
            I2 = Exact(Within(f, at, "i2", o.I2, 0, 100)),
            Tau2 = Exact(Within(f, at, "tau2", o.Tau2, 0)),
            Q = Exact(Within(f, at, "q", o.Q, 0)),
            QDf = Count(f, at, "q_df", o.QDf),
            Studies = Count(f, at, "k", o.K),
            Participants = Count(f, at, "n_total", o.NTotal) is > 0 and var n ? n : null,
            Level = o.Level ?? level,
            Test = Text(o.Test) is "Z" or null ? TestKind.Z : TestKind.T,
            Df = o.Df,
            HigherIsBetter = null,
        };
    }

    /// <summary>Analysis values are computed, not printed: they carry no rounding.</summary>
    private static SourceNumber? Exact(double? n) => n is { } v ? SourceNumber.Exact(v) : null;

    /// <summary><paramref name="value"/> when it lies in [<paramref name="min"/>, <paramref name="max"/>]; otherwise null, with an <c>out-of-range</c> error.</summary>
    private static double? Within(JsonFields f, string at, string name, double? value, double min, double max = double.PositiveInfinity)
    {
        if (value is not { } v || (v >= min && v <= max))
        {
            return value;
        }

        f.Error(EvidenceIssueCodes.OutOfRange, JsonFields.Join(at, name),
            $"'{name}' = {v.ToString("R", CultureInfo.InvariantCulture)} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}].");
        return null;
    }

    /// <summary><paramref name="value"/> when it is a whole number ≥ 0; otherwise null, with an <c>out-of-range</c> error.</summary>
    private static int? Count(JsonFields f, string at, string name, double? value)
    {
        if (value is not { } v)
        {
            return null;
        }

        if (v < 0 || v != Math.Floor(v) || v > int.MaxValue)
        {
            f.Error(EvidenceIssueCodes.OutOfRange, JsonFields.Join(at, name), $"'{name}' must be a whole number ≥ 0, not {v.ToString("R", CultureInfo.InvariantCulture)}.");
            return null;
        }

        return (int)v;
    }

    private static void CountStudies(OutcomeDocument o, Dictionary<string, int> participants)
    {
        foreach (var s in o.Studies)
        {
            if (s.Study is not { } study)
            {
                continue;
            }

            var n = s.Ni is { } ni && ni == Math.Floor(ni) && ni is >= int.MinValue and <= int.MaxValue ? (int)ni : 0;
            participants[study] = Math.Max(participants.GetValueOrDefault(study), n);
        }
    }
}
