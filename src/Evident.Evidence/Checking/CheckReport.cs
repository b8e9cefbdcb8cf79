using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Evident.Evidence.Sources;

namespace Evident.Evidence.Checking;

/// <summary>The accuracy review's findings as text (grouped by severity) and as JSON (the same fields).</summary>
public static class CheckReport
{
    private static readonly FindingSeverity[] Order = [FindingSeverity.Error, FindingSeverity.DecisionError, FindingSeverity.Warning];

    /// <summary>
    /// Text: one line per finding, <c>file:line:col  severity  code  "quoted text"  source value (path)  message</c>,
    /// grouped errors, decision errors, warnings; then the counts and the readability line.
    /// </summary>
    public static string Text(CheckResult result, string file)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        foreach (var severity in Order)
        {
            var findings = result.Findings.Where(f => f.Severity == severity).ToList();
            if (findings.Count == 0)
            {
                continue;
            }

            sb.Append(CultureInfo.InvariantCulture, $"{Heading(severity)} ({findings.Count})\n");
            foreach (var f in findings)
            {
                // One line per finding, whatever its quote or the source's names hold (OneLine).
                var line = new StringBuilder();
                line.Append(CultureInfo.InvariantCulture, $"{file}:{f.Line}:{f.Column}  {f.SeverityName}  {f.Code}  \"{f.Quote}\"");
                if (f.SourceValue is not null)
                {
                    line.Append(CultureInfo.InvariantCulture, $"  {f.SourceValue} ({f.SourcePath})");
                }

                line.Append(CultureInfo.InvariantCulture, $"  {f.Message}");
                sb.Append(OneLine.Of(line.ToString())).Append('\n');
            }

            sb.Append('\n');
        }

        sb.Append(Summary(result));
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>"2 errors, 1 decision error, 5 warnings; 31 numbers checked, 29 traced; Flesch–Kincaid grade 11.2 (…)".</summary>
    public static string Summary(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var e = result.Count(FindingSeverity.Error);
        var d = result.Count(FindingSeverity.DecisionError);
        var w = result.Count(FindingSeverity.Warning);
        var numbers = result.NumbersChecked;
        var untraced = result.Findings.Count(f => f.Code is FindingCodes.UntracedNumber or FindingCodes.WrongOutcome or FindingCodes.LinkMismatch
            or FindingCodes.CountMismatch or FindingCodes.RecordsAsParticipants or FindingCodes.OutcomeNExceedsTotal or FindingCodes.EvidenceLevelMismatch);
        var text = $"{Plural(e, "error")}, {Plural(d, "decision error")}, {Plural(w, "warning")}; {Plural(numbers, "number")} checked, {numbers - untraced} traced to the source";
        if (result.Readability is { } r)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; Flesch–Kincaid grade {r.Grade:0.0} ({r.WordsPerSentence:0.0} words per sentence; plain language aims at {Readability.TargetGrade:0} or below)");
        }

        return text + ".";
    }

    /// <summary>JSON: the file, the source, the counts, readability and the findings with every field.</summary>
    public static string Json(CheckResult result, string file, string sourceFile)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("file", OneLine.ValidUtf16(file));
            w.WriteString("source", OneLine.ValidUtf16(sourceFile));
            w.WriteStartObject("counts");
            w.WriteNumber("errors", result.Count(FindingSeverity.Error));
            w.WriteNumber("decision_errors", result.Count(FindingSeverity.DecisionError));
            w.WriteNumber("warnings", result.Count(FindingSeverity.Warning));
            w.WriteNumber("numbers_checked", result.NumbersChecked);
            w.WriteEndObject();
            if (result.Readability is { } r)
            {
                w.WriteStartObject("readability");
                w.WriteNumber("flesch_kincaid_grade", Math.Round(r.Grade, 2));
                w.WriteNumber("words", r.Words);
                w.WriteNumber("sentences", r.Sentences);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("readability");
            }

            w.WriteStartArray("findings");
            foreach (var f in Order.SelectMany(s => result.Findings.Where(f => f.Severity == s)))
            {
                WriteFinding(w, f);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    internal static void WriteFinding(Utf8JsonWriter w, Finding f)
    {
        w.WriteStartObject();
        w.WriteString("severity", f.SeverityName);
        w.WriteString("code", f.Code);
        w.WriteNumber("line", f.Line);
        w.WriteNumber("column", f.Column);
        w.WriteString("quote", OneLine.ValidUtf16(f.Quote));
        w.WriteString("source_value", f.SourceValue is { } v ? OneLine.ValidUtf16(v) : null);
        w.WriteString("source_path", f.SourcePath is { } p ? OneLine.ValidUtf16(p) : null);
        w.WriteString("message", OneLine.ValidUtf16(f.Message));
        w.WriteEndObject();
    }

    /// <summary>A number, or null when it is not finite (JSON has no infinity or NaN; a text's 1e999 is read as infinity).</summary>
    internal static void WriteNumberOrNull(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>An array value that is a number, or null when it is not finite.</summary>
    internal static void WriteNumberOrNullValue(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumberValue(value);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static string Heading(FindingSeverity s) => s switch
    {
        FindingSeverity.Error => "Errors",
        FindingSeverity.DecisionError => "Decision errors",
        _ => "Warnings",
    };

    internal static string Plural(int n, string word) => n.ToString(CultureInfo.InvariantCulture) + " " + word + (n == 1 ? "" : "s");
}
