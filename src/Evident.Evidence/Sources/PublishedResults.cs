using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Evident.Evidence.Sources;

/// <summary>
/// Reads published pooled results, as a review's abstract reports them, from a small JSON file (comments and trailing
/// commas allowed). The format, also documented in README ("Published results"):
/// <code>
/// {
///   "review": {
///     "title": "…", "study_type": "systematic review and meta-analysis",
///     "intervention": "respiratory muscle training", "intervention_short": "RMT", "comparator": null,
///     "condition": "multiple sclerosis", "condition_short": "MS", "population": "patients with multiple sclerosis",
///     "design": "rct",                      // rct | non-randomised | case-series (for the OCEBM level)
///     "studies": 8, "participants": 249, "records": 370,
///     "databases": ["PubMed", "Embase"], "search_date": "2026-01-06", "published": "2026-01",
///     "follow_up": null, "citation": "…",
///     "reported": { "adverse_events": false, "funding": false, "conflicts_of_interest": false }
///   },
///   "outcomes": [
///     { "name": "MEP", "full_name": "maximal expiratory pressure", "aliases": ["PEmax"], "measure": "SMD",
///       "estimate": 0.42, "ci": [0.09, 0.76], "p": 0.01, "i2": 24, "k": 8, "n": 249,
///       "level": 95, "test": "z", "df": null, "tau2": null, "q": null, "q_df": null, "pi": null,
///       "higher_is_better": true, "certainty": null }   // high | moderate | low | very low
///   ]
/// }
/// </code>
/// Numbers are kept as printed (0.40 has two decimals), so checks allow for the source's own rounding; <c>p</c> may be
/// a number or a text such as <c>"&lt;0.001"</c>. Every problem is a located <see cref="EvidenceIssue"/>; the value is
/// left out and the rest is read.
/// </summary>
public static class PublishedResults
{
    private static readonly string[] TopFields = ["review", "outcomes"];

    private static readonly string[] ReviewFields =
    [
        "title", "study_type", "intervention", "intervention_short", "comparator", "condition", "condition_short",
        "population", "design", "studies", "participants", "records", "databases", "search_date", "published",
        "follow_up", "citation", "reported",
    ];

    private static readonly string[] ReportedFields = ["adverse_events", "funding", "conflicts_of_interest"];

    private static readonly string[] OutcomeFields =
    [
        "name", "full_name", "aliases", "measure", "estimate", "ci", "p", "i2", "k", "n", "level", "test", "df",
        "tau2", "q", "q_df", "pi", "higher_is_better", "certainty",
    ];

    /// <summary>Reads the file's text; <paramref name="file"/> names it in messages.</summary>
    public static EvidenceRead Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Json.Open(text, file, "The file must be a JSON object with an \"outcomes\" array (and usually a \"review\" object).", out var failure)
            is not { } opened)
        {
            return failure!;
        }

        var (document, fields, outcomes) = opened;

        using (document)
        {
            var root = document.RootElement;
            fields.CheckKnown(root, "", TopFields);
            var review = JsonFields.Get(root, "review") is { } r ? ReadReview(r, fields) : new ReviewFacts();
            var list = new List<OutcomeEvidence>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var o in outcomes.EnumerateArray())
            {
                if (ReadOutcome(o, $"outcomes[{index}]", fields) is { } outcome)
                {
                    if (!ids.Add(outcome.Id))
                    {
                        fields.Error(EvidenceIssueCodes.DuplicateOutcome, $"outcomes[{index}].name", $"Outcome '{outcome.Name}' is listed twice; the second is ignored.");
                    }
                    else
                    {
                        list.Add(outcome);
                    }
                }

                index++;
            }

            return new EvidenceRead(new EvidenceSource(SourceKind.Published, file, review, [.. list]), [.. fields.Issues]);
        }
    }

    private static ReviewFacts ReadReview(JsonElement r, JsonFields f)
    {
        const string at = "review";
        if (r.ValueKind != JsonValueKind.Object)
        {
            f.Error(EvidenceIssueCodes.InvalidValue, at, "'review' must be an object.");
            return new ReviewFacts();
        }

        f.CheckKnown(r, at, ReviewFields);
        var reported = JsonFields.Get(r, "reported");
        if (reported is { ValueKind: JsonValueKind.Object } rep)
        {
            f.CheckKnown(rep, at + ".reported", ReportedFields);
        }
        else if (reported is { } notObject)
        {
            f.Error(EvidenceIssueCodes.InvalidValue, at + ".reported",
                $"'reported' must be an object such as {{\"adverse_events\": false}}, not {JsonFields.Shown(notObject)}.");
            reported = null;
        }

        var design = f.Text(r, at, "design");
        var parsedDesign = design?.ToLowerInvariant() switch
        {
            null => IncludedDesign.Unknown,
            "rct" or "rcts" or "randomised" or "randomized" or "randomised trials" or "randomized controlled trials" => IncludedDesign.RandomisedTrials,
            "non-randomised" or "non-randomized" or "cohort" => IncludedDesign.NonRandomised,
            "case-series" or "case-control" => IncludedDesign.CaseSeriesOrCaseControl,
            _ => Invalid(f, at + ".design", $"'design' must be rct, non-randomised or case-series, not \"{design}\"."),
        };
        return new ReviewFacts
        {
            Title = f.Text(r, at, "title"),
            StudyType = f.Text(r, at, "study_type") ?? new ReviewFacts().StudyType,
            Intervention = f.Text(r, at, "intervention"),
            InterventionShort = f.Text(r, at, "intervention_short"),
            Comparator = f.Text(r, at, "comparator"),
            Condition = f.Text(r, at, "condition"),
            ConditionShort = f.Text(r, at, "condition_short"),
            Population = f.Text(r, at, "population"),
            Design = parsedDesign,
            Studies = f.Count(r, at, "studies"),
            Participants = f.Count(r, at, "participants"),
            RecordsFound = f.Count(r, at, "records"),
            Databases = [.. f.Texts(r, at, "databases")],
            SearchDate = Date(f, r, at, "search_date"),
            Published = Date(f, r, at, "published"),
            FollowUp = f.Text(r, at, "follow_up"),
            Citation = f.Text(r, at, "citation"),
            AdverseEventsReported = reported is { } a ? f.Flag(a, at + ".reported", "adverse_events") : null,
            FundingReported = reported is { } b ? f.Flag(b, at + ".reported", "funding") : null,
            ConflictsReported = reported is { } c ? f.Flag(c, at + ".reported", "conflicts_of_interest") : null,
        };
    }

    private static IncludedDesign Invalid(JsonFields f, string path, string message)
    {
        f.Error(EvidenceIssueCodes.InvalidValue, path, message);
        return IncludedDesign.Unknown;
    }

    /// <summary>An ISO 8601 date: year-month-day or year-month.</summary>
    private static string? Date(JsonFields f, JsonElement r, string at, string name)
    {
        var text = f.Text(r, at, name);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return text;
        }

        f.Error(EvidenceIssueCodes.InvalidValue, JsonFields.Join(at, name), $"'{name}' must be a date as YYYY-MM-DD or YYYY-MM, not \"{text}\".");
        return null;
    }

    private static OutcomeEvidence? ReadOutcome(JsonElement o, string at, JsonFields f)
    {
        if (o.ValueKind != JsonValueKind.Object)
        {
            f.Error(EvidenceIssueCodes.InvalidValue, at, "Each outcome must be an object.");
            return null;
        }

        f.CheckKnown(o, at, OutcomeFields);
        var name = f.Text(o, at, "name");
        var measure = f.Text(o, at, "measure");
        if (name is null || measure is null)
        {
            f.Error(EvidenceIssueCodes.MissingField, at, $"An outcome needs a \"name\" and a \"measure\"; this one ({(name ?? "no name")}) is ignored.");
            return null;
        }

        var ci = f.Pair(o, at, "ci");
        var pi = f.Pair(o, at, "pi");
        var test = f.Text(o, at, "test")?.ToLowerInvariant();
        if (test is not (null or "z" or "t"))
        {
            f.Error(EvidenceIssueCodes.InvalidValue, at + ".test", $"'test' must be z or t, not \"{test}\".");
        }

        return new OutcomeEvidence
        {
            Id = Slug(name),
            Name = name,
            FullName = f.Text(o, at, "full_name"),
            Aliases = [.. f.Texts(o, at, "aliases")],
            Measure = measure,
            Estimate = f.Number(o, at, "estimate"),
            CiLower = ci?.Lower,
            CiUpper = ci?.Upper,
            P = P(o, at, f),
            I2 = f.Number(o, at, "i2", 0, 100),
            Studies = f.Count(o, at, "k"),
            Participants = f.Count(o, at, "n"),
            Level = f.Number(o, at, "level", 50, 99.999)?.Value ?? 95,
            Test = test == "t" ? TestKind.T : TestKind.Z,
            Df = f.Number(o, at, "df", 0)?.Value,
            Tau2 = f.Number(o, at, "tau2", 0),
            Q = f.Number(o, at, "q", 0),
            QDf = f.Count(o, at, "q_df"),
            PiLower = pi?.Lower,
            PiUpper = pi?.Upper,
            HigherIsBetter = JsonFields.Get(o, "higher_is_better") is null ? true : f.Flag(o, at, "higher_is_better"),
            Certainty = Certainty(o, at, f),
        };
    }

    private static ReportedP? P(JsonElement o, string at, JsonFields f)
    {
        if (JsonFields.Get(o, "p") is not { } v)
        {
            return null;
        }

        var text = v.ValueKind switch { JsonValueKind.Number => v.GetRawText(), JsonValueKind.String => v.GetString(), _ => null };
        if (text is not null && ReportedP.Parse(text) is { } p)
        {
            return p;
        }

        f.Error(EvidenceIssueCodes.InvalidValue, at + ".p", $"'p' must be a number in [0, 1] or a text such as \"<0.001\", not {JsonFields.Shown(v)}.");
        return null;
    }

    private static Certainty? Certainty(JsonElement o, string at, JsonFields f)
    {
        var text = f.Text(o, at, "certainty");
        return text?.ToLowerInvariant().Replace('_', ' ').Replace('-', ' ') switch
        {
            null => null,
            "high" => Sources.Certainty.High,
            "moderate" => Sources.Certainty.Moderate,
            "low" => Sources.Certainty.Low,
            "very low" => Sources.Certainty.VeryLow,
            _ => Invalid(),
        };

        Certainty? Invalid()
        {
            f.Error(EvidenceIssueCodes.InvalidValue, at + ".certainty", $"'certainty' must be high, moderate, low or very low (GRADE), not \"{text}\".");
            return null;
        }
    }

    /// <summary>The outcome's link key: lower-case letters and digits, other runs as one '-' ("FEV1/FVC" → "fev1-fvc").</summary>
    public static string Slug(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().Trim('-');
        return slug.Length > 0 ? slug : "outcome";
    }
}

/// <summary>Parsing JSON with comments and trailing commas, and a located message when it is not JSON.</summary>
internal static class Json
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The parsed document and its value reader, or, when the text is not JSON, the located <c>invalid-json</c> issue.</summary>
    public static (JsonDocument? Document, JsonFields? Fields, EvidenceIssue? Error) Parse(string text, string file)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        try
        {
            var document = JsonDocument.Parse(utf8, Options);
            return (document, new JsonFields(file, JsonLocations.Of(utf8)), null);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            return (null, null, new EvidenceIssue(EvidenceIssueCodes.InvalidJson, EvidenceIssueSeverity.Error,
                $"Not valid JSON: {e.Message.Split(" LineNumber", 2)[0].TrimEnd('.', ' ')}.", file, line, column, null));
        }
    }

    /// <summary>
    /// Opens an evidence file: valid JSON, an object with an <c>outcomes</c> array. Otherwise <paramref name="failure"/>
    /// holds the read that says why (<c>invalid-json</c>, or <c>not-an-evidence-file</c> with <paramref name="shape"/>).
    /// </summary>
    public static (JsonDocument Document, JsonFields Fields, JsonElement Outcomes)? Open(string text, string file, string shape, out EvidenceRead? failure)
    {
        var (document, fields, error) = Parse(text, file);
        if (document is null || fields is null)
        {
            failure = new EvidenceRead(null, [error!]);
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || JsonFields.Get(root, "outcomes") is not { ValueKind: JsonValueKind.Array } outcomes)
        {
            document.Dispose();
            fields.Error(EvidenceIssueCodes.NotAnEvidenceFile, "", shape);
            failure = new EvidenceRead(null, [.. fields.Issues]);
            return null;
        }

        failure = null;
        return (document, fields, outcomes);
    }
}
