using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

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
                sb.Append(CultureInfo.InvariantCulture, $"{file}:{f.Line}:{f.Column}  {f.SeverityName}  {f.Code}  \"{f.Quote}\"");
                if (f.SourceValue is not null)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"  {f.SourceValue} ({f.SourcePath})");
                }

                sb.Append(CultureInfo.InvariantCulture, $"  {f.Message}\n");
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
            w.WriteString("file", file);
            w.WriteString("source", sourceFile);
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
        w.WriteString("quote", f.Quote);
        w.WriteString("source_value", f.SourceValue);
        w.WriteString("source_path", f.SourcePath);
        w.WriteString("message", f.Message);
        w.WriteEndObject();
    }

    private static string Heading(FindingSeverity s) => s switch
    {
        FindingSeverity.Error => "Errors",
        FindingSeverity.DecisionError => "Decision errors",
        _ => "Warnings",
    };

    internal static string Plural(int n, string word) => n.ToString(CultureInfo.InvariantCulture) + " " + word + (n == 1 ? "" : "s");
}
