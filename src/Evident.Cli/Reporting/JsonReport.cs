using System.Buffers;
using System.Text;
using System.Text.Json;
using Evident.Analysis.Output;

namespace Evident.Cli.Reporting;

/// <summary>
/// A report as data: the document <c>analyze --format json</c> writes for the same run (its <c>settings</c>,
/// <c>outcomes</c> and <c>issues</c>, written by <see cref="JsonSink"/>, copied value for value), with a <c>report</c>
/// object first (title, input, date, version, the methods paragraph and its references, the I² bands) and, in each
/// outcome after <c>i2_ci</c>, <c>i2_bands</c> (the band words) and <c>i2_interpretation</c> (the sentence the page prints).
/// </summary>
internal static class JsonReport
{
    /// <summary>The JSON text.</summary>
    /// <param name="report">The report.</param>
    /// <param name="analysis">The <c>analyze --format json</c> document of the same run.</param>
    public static string Write(ReportDocument report, string analysis)
    {
        using var document = JsonDocument.Parse(analysis);
        var root = document.RootElement;
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using (var json = new Utf8JsonWriter(buffer, JsonSink.Indented))
        {
            json.WriteStartObject();
            json.WriteStartObject("report");
            json.WriteString("title", report.Title);
            json.WriteString("input", report.InputName);
            json.WriteString("date", report.Generated.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("evident_version", report.Version);
            json.WriteString("methods", report.Methods);
            json.WriteStartArray("references");
            foreach (var reference in report.References)
            {
                json.WriteStringValue(reference);
            }

            json.WriteEndArray();
            json.WriteStartArray("i2_bands");
            foreach (var band in I2Bands.All)
            {
                json.WriteStartObject();
                json.WriteString("band", band.Name);
                json.WriteNumber("from", band.From);
                json.WriteNumber("to", band.To);
                json.WriteString("wording", band.Phrase);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("i2_bands_source", $"{Citations.HandbookChapter10.Cite}, §10.10.2");
            json.WriteString("issues_summary", report.IssuesSummary);
            json.WriteEndObject();

            json.WritePropertyName("settings");
            root.GetProperty("settings").WriteTo(json);
            json.WriteStartArray("outcomes");
            var outcomes = root.GetProperty("outcomes").EnumerateArray().ToList();
            if (outcomes.Count != report.Outcomes.Count)
            {
                throw new InvalidOperationException($"The analysis document has {outcomes.Count} outcomes, the report {report.Outcomes.Count}.");
            }

            for (var i = 0; i < outcomes.Count; i++)
            {
                json.WriteStartObject();
                foreach (var property in outcomes[i].EnumerateObject())
                {
                    property.WriteTo(json);
                    if (property.NameEquals("i2_ci"))
                    {
                        json.WriteStartArray("i2_bands");
                        foreach (var band in report.Outcomes[i].I2Bands)
                        {
                            json.WriteStringValue(band.Name);
                        }

                        json.WriteEndArray();
                        json.WriteString("i2_interpretation", report.Outcomes[i].I2Interpretation);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WritePropertyName("issues");
            root.GetProperty("issues").WriteTo(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
