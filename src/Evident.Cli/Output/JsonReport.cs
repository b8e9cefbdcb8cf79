using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Evident.Cli.Analysis;
using Evident.Core;

namespace Evident.Cli.Output;

/// <summary>
/// The JSON document: <c>{"settings":{…},"outcomes":[…],"issues":[…]}</c>. Doubles are written with round-trip
/// precision; a value that does not exist (null, NaN, ±∞) is <c>null</c>.
/// </summary>
internal static class JsonReport
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document as a string, ending with a newline.</summary>
    public static string Write(Report report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartObject("settings");
            WriteFields(json, report.Settings);
            json.WriteEndObject();

            json.WriteStartArray("outcomes");
            foreach (var outcome in report.Outcomes)
            {
                json.WriteStartObject();
                WriteFields(json, outcome.Fields());
                json.WriteStartArray("studies");
                foreach (var study in outcome.Studies)
                {
                    WriteStudy(json, study);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("issues");
            foreach (var issue in report.Issues)
            {
                WriteIssue(json, issue);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteFields(Utf8JsonWriter json, IEnumerable<(string Name, object? Value)> fields)
    {
        foreach (var (name, value) in fields)
        {
            json.WritePropertyName(name);
            WriteValue(json, value);
        }
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case Interval interval:
                json.WriteStartArray();
                WriteValue(json, interval.Lower);
                WriteValue(json, interval.Upper);
                json.WriteEndArray();
                break;
            default:
                json.WriteNullValue();
                break;
        }
    }

    private static void WriteStudy(Utf8JsonWriter json, StudyRow study)
    {
        json.WriteStartObject();
        WriteFields(json,
        [
            ("study", study.Study),
            ("row", study.Row),
            ("yi", study.Yi),
            ("vi", study.Vi),
            ("sei", study.Sei),
            ("ci_lower", study.CiLower),
            ("ci_upper", study.CiUpper),
            ("z", study.Z),
            ("p", study.P),
            ("weight_percent", study.WeightPercent),
            ("n1i", study.N1i),
            ("n2i", study.N2i),
            ("ni", study.Ni),
            ("yi_bt", study.YiBt),
            ("ci_lower_bt", study.CiLowerBt),
            ("ci_upper_bt", study.CiUpperBt),
        ]);
        json.WriteStartArray("adjustments");
        foreach (var adjustment in study.Adjustments)
        {
            json.WriteStringValue(adjustment);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteIssue(Utf8JsonWriter json, CliIssue issue)
    {
        json.WriteStartObject();
        WriteFields(json,
        [
            ("file", issue.File),
            ("row", issue.Row),
            ("column", issue.Column),
            ("outcome", issue.Outcome),
            ("code", issue.Code),
            ("severity", issue.Severity.ToString().ToLowerInvariant()),
            ("message", issue.Message),
        ]);
        json.WriteEndObject();
    }
}
