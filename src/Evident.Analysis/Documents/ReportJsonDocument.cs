using System.Text.Json.Serialization;

namespace Evident.Analysis.Documents;

/// <summary>
/// A report's JSON (<c>evident report --out F.json</c>): a <c>report</c> object first (what the report adds: title,
/// methods, the I² bands), then the analysis document of the same run, its outcomes with <see cref="FitDocument.I2Bands"/>
/// and <see cref="FitDocument.I2Interpretation"/>. It reads as an <see cref="AnalysisDocument"/> too.
/// </summary>
/// <param name="Report">What the report adds.</param>
/// <param name="Settings">The analysis's settings.</param>
/// <param name="Outcomes">The analyses, with the I² words.</param>
/// <param name="Issues">Every issue.</param>
public sealed record ReportJsonDocument(
    [property: JsonPropertyName("report")] ReportHeaderDocument Report,
    [property: JsonPropertyName(AnalysisDocument.SettingsName)] SettingsDocument Settings,
    [property: JsonPropertyName(AnalysisDocument.OutcomesName)] IReadOnlyList<OutcomeDocument> Outcomes,
    [property: JsonPropertyName(AnalysisDocument.IssuesName)] IReadOnlyList<IssueDocument> Issues);

/// <summary>A report's <c>report</c> object.</summary>
public sealed record ReportHeaderDocument
{
    /// <summary>The report's title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The input file's name.</summary>
    [JsonPropertyName("input")]
    public string? Input { get; init; }

    /// <summary>When the report was made (UTC, ISO 8601 to the second).</summary>
    [JsonPropertyName("date")]
    public string? Date { get; init; }

    /// <summary>Evident's version.</summary>
    [JsonPropertyName("evident_version")]
    public string? EvidentVersion { get; init; }

    /// <summary>The methods paragraph.</summary>
    [JsonPropertyName("methods")]
    public string? Methods { get; init; }

    /// <summary>The reference-list entries the methods paragraph cites.</summary>
    [JsonPropertyName("references")]
    public IReadOnlyList<string> References { get; init => field = value ?? []; } = [];

    /// <summary>The Cochrane Handbook's I² bands.</summary>
    [JsonPropertyName("i2_bands")]
    public IReadOnlyList<I2BandDocument> I2Bands { get; init => field = value ?? []; } = [];

    /// <summary>Where the bands come from.</summary>
    [JsonPropertyName("i2_bands_source")]
    public string? I2BandsSource { get; init; }

    /// <summary>The issues in one sentence.</summary>
    [JsonPropertyName("issues_summary")]
    public string? IssuesSummary { get; init; }
}

/// <summary>One I² band of the <c>report</c> object.</summary>
public sealed record I2BandDocument
{
    /// <summary>The band's word (<c>moderate</c>, …).</summary>
    [JsonPropertyName("band")]
    public string? Band { get; init; }

    /// <summary>Lower end, percent.</summary>
    [JsonPropertyName("from")]
    public double? From { get; init; }

    /// <summary>Upper end, percent.</summary>
    [JsonPropertyName("to")]
    public double? To { get; init; }

    /// <summary>How the Handbook words it.</summary>
    [JsonPropertyName("wording")]
    public string? Wording { get; init; }
}
