using System.Text;

namespace Evident.Cli.Input;

/// <summary>One record of a CSV file, with the 1-based physical line it starts on (the header is line 1).</summary>
/// <param name="Line">Line where the record starts.</param>
/// <param name="Fields">The fields, unquoted.</param>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// A small RFC 4180 reader: quoted fields with doubled quotes, delimiters and line breaks inside quotes, CRLF, LF or
/// CR line ends. It keeps the physical line each record starts on so issues can point at it. Blank lines are skipped.
/// </summary>
internal static class CsvText
{
    /// <summary>Guesses the delimiter from the header line: the most frequent of <c>,</c> <c>;</c> and tab outside quotes.</summary>
    public static char DetectDelimiter(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c is '\n' or '\r')
            {
                break;
            }
            else if (!inQuotes)
            {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }

    /// <summary>Splits <paramref name="text"/> into records.</summary>
    public static List<CsvRecord> Parse(string text, char delimiter)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quoted = false;

        void EndField()
        {
            fields.Add(quoted ? field.ToString() : field.ToString().Trim());
            field.Clear();
            quoted = false;
        }

        void EndRecord()
        {
            EndField();
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                records.Add(new CsvRecord(recordLine, [.. fields]));
            }

            fields.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lineBreak = c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'));
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    field.Append(c);
                    line += lineBreak ? 1 : 0;
                }
            }
            else if (c == '"' && field.Length == 0 && !quoted)
            {
                inQuotes = quoted = true;
            }
            else if (c == delimiter)
            {
                EndField();
            }
            else if (lineBreak)
            {
                EndRecord();
                line++;
                recordLine = line;
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0 || quoted)
        {
            EndRecord();
        }

        return records;
    }
}
