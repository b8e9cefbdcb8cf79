using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Evident.Cli.Input;

/// <summary>A CSV file read into records, with how its numbers are written.</summary>
/// <param name="Header">The header record (line 1).</param>
/// <param name="Rows">The data records.</param>
/// <param name="Delimiter">The field delimiter found.</param>
/// <param name="DecimalComma">True for a <c>;</c>-separated file with decimal commas (European spreadsheets).</param>
internal sealed partial record DataFile(CsvRecord Header, IReadOnlyList<CsvRecord> Rows, char Delimiter, bool DecimalComma)
{
    /// <summary>Reads a <c>.csv</c> or <c>.csv.gz</c> file (UTF-8, BOM optional).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">A <c>.gz</c> file is not valid gzip.</exception>
    public static DataFile? Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException("It is a directory.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException("File not found.", path);
        }

        using Stream file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Parses CSV text; null when it has no header.</summary>
    public static DataFile? Parse(string text)
    {
        var delimiter = CsvText.DetectDelimiter(text);
        var records = CsvText.Parse(text, delimiter);
        if (records.Count == 0)
        {
            return null;
        }

        var rows = records.Skip(1).ToList();
        var decimalComma = delimiter == ';' && rows.Any(r => r.Fields.Any(f => DecimalCommaNumber().IsMatch(f)));
        return new DataFile(records[0], rows, delimiter, decimalComma);
    }

    /// <summary>
    /// Reads a number in the invariant culture (or with a decimal comma in a European file). Empty cells and
    /// <c>NA</c>/<c>NaN</c> are missing (null). Returns false for anything else that is not a finite number.
    /// </summary>
    public bool TryParseNumber(string text, out double? value)
    {
        value = null;
        var s = text.Trim();
        if (s.Length == 0 || s.Equals("NA", StringComparison.OrdinalIgnoreCase) || s.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (DecimalComma)
        {
            s = s.Replace(',', '.');
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            value = number;
            return true;
        }

        return false;
    }

    [GeneratedRegex(@"^[-+]?[0-9]*,[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalCommaNumber();
}
