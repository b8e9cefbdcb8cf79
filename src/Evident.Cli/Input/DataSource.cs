using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Evident.Cli.Input;

/// <summary>
/// A CSV input read in passes: each <see cref="OpenPass"/> streams the file from the start (a <c>.csv.gz</c> is
/// decompressed on the fly), so memory does not grow with the file. Knows the delimiter and how numbers are written.
/// </summary>
internal sealed partial class DataSource
{
    private readonly Func<Stream> _open;

    private DataSource(string path, Func<Stream> open, char delimiter)
    {
        Path = path;
        _open = open;
        Delimiter = delimiter;
    }

    /// <summary>The file as given.</summary>
    public string Path { get; }

    /// <summary>The field delimiter, detected from the header line.</summary>
    public char Delimiter { get; }

    /// <summary>
    /// True for a <c>;</c>-separated file with decimal commas (European spreadsheets); set by <see cref="Observe"/>
    /// during the first pass.
    /// </summary>
    public bool DecimalComma { get; private set; }

    /// <summary>Opens a <c>.csv</c> or <c>.csv.gz</c> file (UTF-8, BOM optional) and detects its delimiter.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">A <c>.gz</c> file is not valid gzip.</exception>
    public static DataSource Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new IOException("It is a directory.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException("File not found.", path);
        }

        return Create(path, () => File.OpenRead(path));
    }

    /// <summary>A source over text in memory (tests, small inputs).</summary>
    public static DataSource FromText(string text) => Create("(text)", () => new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static DataSource Create(string path, Func<Stream> open)
    {
        var probe = new DataSource(path, open, ',');
        using var pass = probe.OpenPass();
        var head = new char[1 << 16];
        var read = pass.Text.ReadBlock(head, 0, head.Length);
        return new DataSource(path, open, CsvText.DetectDelimiter(new string(head, 0, read)));
    }

    /// <summary>Starts a pass over the file from its first line.</summary>
    public Pass OpenPass()
    {
        var file = _open();
        try
        {
            Stream stream = Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            return new Pass(file, text, new CsvReader(text, Delimiter));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Looks at a field during the first pass (decimal-comma detection in <c>;</c> files).</summary>
    public void Observe(ReadOnlySpan<char> field)
    {
        if (Delimiter == ';' && !DecimalComma && field.Contains(',') && DecimalCommaNumber().IsMatch(field))
        {
            DecimalComma = true;
        }
    }

    /// <summary>
    /// Reads a number in the invariant culture (or with a decimal comma in a European file). Empty cells and
    /// <c>NA</c>/<c>NaN</c> are missing (null). Returns false for anything else that is not a finite number.
    /// </summary>
    public bool TryParseNumber(ReadOnlySpan<char> text, out double? value)
    {
        value = null;
        var s = text.Trim();
        if (s.Length == 0 || s.Equals("NA", StringComparison.OrdinalIgnoreCase) || s.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        Span<char> copy = stackalloc char[64];
        if (DecimalComma && s.Contains(',') && s.Length <= copy.Length)
        {
            s.CopyTo(copy);
            copy = copy[..s.Length];
            copy.Replace(',', '.');
        }
        else
        {
            copy = default;
        }

        var number = 0.0;
        var parsed = copy.IsEmpty
            ? double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out number)
            : double.TryParse(copy, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
        if (parsed && double.IsFinite(number))
        {
            value = number;
            return true;
        }

        return false;
    }

    [GeneratedRegex(@"^[-+]?[0-9]*,[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalCommaNumber();

    /// <summary>One pass over the file: the CSV reader, and how far through the file it is.</summary>
    internal sealed class Pass(Stream file, TextReader text, CsvReader reader) : IDisposable
    {
        /// <summary>The records.</summary>
        public CsvReader Reader { get; } = reader;

        /// <summary>The decoded text (for the delimiter probe).</summary>
        internal TextReader Text { get; } = text;

        /// <summary>Fraction of the file's bytes read so far (compressed bytes for <c>.gz</c>), 0 to 1.</summary>
        public double Fraction => file.CanSeek && file.Length > 0 ? Math.Min(1, (double)file.Position / file.Length) : 0;

        /// <inheritdoc/>
        public void Dispose()
        {
            Text.Dispose();
            file.Dispose();
        }
    }
}
