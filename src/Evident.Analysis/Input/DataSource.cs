using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Evident.Analysis.Input;

/// <summary>
/// A CSV input read in passes: each <see cref="OpenPass"/> streams the file from the start (a <c>.csv.gz</c> is
/// decompressed on the fly), so memory does not grow with the file. Knows the delimiter and how numbers are written.
/// </summary>
internal sealed partial class DataSource
{
    private readonly Func<Stream> _open;

    /// <summary>The encoding its byte-order mark gives (UTF-8 without one).</summary>
    private readonly Encoding _encoding;

    private DataSource(string path, Func<Stream> open, char delimiter, Encoding encoding)
    {
        Path = path;
        _open = open;
        Delimiter = delimiter;
        _encoding = encoding;
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

    /// <summary>Opens a table (UTF-8, BOM optional; gzip when its name ends in <c>.gz</c>) and detects its delimiter.</summary>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    /// <exception cref="IOException">The input cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The input cannot be read.</exception>
    /// <exception cref="InvalidDataException">A <c>.gz</c> input is not valid gzip.</exception>
    public static DataSource Open(DataInput input) => Create(input.Name, input.Open);

    /// <summary>A source over text in memory (tests, small inputs).</summary>
    public static DataSource FromText(string text) => Open(DataInput.FromText("(text)", text));

    private static DataSource Create(string path, Func<Stream> open)
    {
        var file = open();
        using var text = new StreamReader(Decompressed(path, file), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var head = new char[1 << 16];
        var read = text.ReadBlock(head, 0, head.Length);
        return new DataSource(path, open, CsvText.DetectDelimiter(new string(head, 0, read)), text.CurrentEncoding);
    }

    private static Stream Decompressed(string path, Stream file)
        => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;

    /// <summary>
    /// Starts a pass over the file from its first line; with <paramref name="readAhead"/>, a <c>.gz</c> file is
    /// decompressed ahead on a thread of its own (for a pass that has the other core to itself).
    /// </summary>
    public Pass OpenPass(bool readAhead = false)
    {
        var file = _open();
        try
        {
            var stream = Decompressed(Path, file);
            if (readAhead && stream != file)
            {
                stream = new ReadAheadStream(stream);
            }

            // The reader reads UTF-8; a file whose byte-order mark says UTF-16 or UTF-32 is converted on the way.
            if (_encoding.CodePage != Encoding.UTF8.CodePage)
            {
                stream = Encoding.CreateTranscodingStream(stream, _encoding, Encoding.UTF8);
            }

            return new Pass(file, stream, new CsvReader(stream, Delimiter));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Looks at a field during the first pass (decimal-comma detection in <c>;</c> files).</summary>
    public void Observe(ReadOnlySpan<byte> field)
    {
        if (Delimiter == ';' && !DecimalComma && field.Contains((byte)',') && DecimalCommaNumber().IsMatch(Encoding.UTF8.GetString(field)))
        {
            DecimalComma = true;
        }
    }

    /// <summary>
    /// Reads a number in the invariant culture (or with a decimal comma in a European file). Empty cells and
    /// <c>NA</c>/<c>NaN</c> are missing (null). Returns false for anything else that is not a finite number.
    /// </summary>
    public bool TryParseNumber(ReadOnlySpan<char> text, out double? value) => TryParseNumber(Encoding.UTF8.GetBytes(text.ToArray()), out value);

    /// <inheritdoc cref="TryParseNumber(ReadOnlySpan{char}, out double?)"/>
    public bool TryParseNumber(ReadOnlySpan<byte> utf8, out double? value)
    {
        value = null;
        var s = Trim(utf8);
        if (s.Length == 0 || IsMissing(s))
        {
            return true;
        }

        if (TryParseDecimal(s, out var simple))
        {
            value = simple;
            return true;
        }

        Span<byte> copy = stackalloc byte[64];
        if (DecimalComma && s.Contains((byte)',') && s.Length <= copy.Length)
        {
            s.CopyTo(copy);
            copy = copy[..s.Length];
            copy.Replace((byte)',', (byte)'.');
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

    /// <summary>
    /// Reads a plain decimal (<c>-12.5</c>, <c>0.25</c>, <c>7</c>; no exponent, at most 15 digits) exactly as
    /// <see cref="double.Parse(string, IFormatProvider)"/> would; false for anything else, which is then parsed in full.
    /// </summary>
    /// <remarks>
    /// Implementation note: the digits as a whole number m &lt; 10^15 &lt; 2^53 and the power of ten 10^k, k ≤ 22, are both
    /// exact doubles, so m / 10^k is the correctly rounded value of the decimal (Clinger 1990, "How to read floating point
    /// numbers accurately", the fast path), which is what the full parser returns; most cells of a data file are such
    /// decimals, and reading them this way halves the time spent on numbers.
    /// </remarks>
    private static bool TryParseDecimal(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s[0] is (byte)'-' or (byte)'+')
        {
            negative = s[0] == '-';
            i = 1;
        }

        long mantissa = 0;
        var digits = 0;
        var decimals = -1; // digits after the point, once there is one
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c - '0' is >= 0 and <= 9 and var digit)
            {
                mantissa = (mantissa * 10) + digit;
                digits++;
                decimals += decimals >= 0 ? 1 : 0;
            }
            else if (c == '.' && decimals < 0)
            {
                decimals = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits is 0 or > 15)
        {
            return false;
        }

        value = decimals > 0 ? mantissa / PowersOfTen[decimals] : mantissa;
        value = negative ? -value : value;
        return true;
    }

    /// <summary>10^0 … 10^15, each exact.</summary>
    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary><c>NA</c> or <c>NaN</c>, in any case.</summary>
    private static bool IsMissing(ReadOnlySpan<byte> s)
        => s.Length switch
        {
            2 => (s[0] | 0x20) == 'n' && (s[1] | 0x20) == 'a',
            3 => (s[0] | 0x20) == 'n' && (s[1] | 0x20) == 'a' && (s[2] | 0x20) == 'n',
            _ => false,
        };

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || (s[0] > ' ' && s[0] < 0x80 && s[^1] > ' ' && s[^1] < 0x80))
        {
            return s;
        }

        var bytes = s.ToArray();
        var (start, length) = CsvReader.Trim(bytes, 0, bytes.Length);
        return s.Slice(start, length);
    }

    [GeneratedRegex(@"^[-+]?[0-9]*,[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalCommaNumber();

    /// <summary>One pass over the file: the CSV reader, and how far through the file it is.</summary>
    internal sealed class Pass(Stream file, Stream stream, CsvReader reader) : IDisposable
    {
        /// <summary>The records.</summary>
        public CsvReader Reader { get; } = reader;

        /// <summary>Fraction of the file's bytes read so far (compressed bytes for <c>.gz</c>), 0 to 1.</summary>
        public double Fraction => file.CanSeek && file.Length > 0 ? Math.Min(1, (double)file.Position / file.Length) : 0;

        /// <inheritdoc/>
        public void Dispose()
        {
            stream.Dispose();
            file.Dispose();
        }
    }
}
