namespace Evident.Analysis.Input;

/// <summary>One record of a CSV file, with the 1-based physical line it starts on (the header is line 1).</summary>
/// <param name="Line">Line where the record starts.</param>
/// <param name="Fields">The fields, unquoted.</param>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>Delimiter detection, and whole-text parsing for small inputs (headers, tests).</summary>
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

    /// <summary>Splits <paramref name="text"/> into records (see <see cref="CsvReader"/> for the rules).</summary>
    public static List<CsvRecord> Parse(string text, char delimiter)
    {
        var reader = CsvReader.FromText(text, delimiter);
        var records = new List<CsvRecord>();
        while (reader.Read())
        {
            records.Add(new CsvRecord(reader.Line, reader.Fields()));
        }

        return records;
    }
}
