using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Evident.Analysis.Input;

/// <summary>How a cell reads as a number (<see cref="DataSource.ReadNumber(ReadOnlySpan{byte}, out double?)"/>).</summary>
internal enum NumberRead
{
    /// <summary>A finite number, or a missing value (empty, <c>NA</c>, <c>NaN</c>).</summary>
    Number,

    /// <summary>Not a number.</summary>
    NotNumber,

    /// <summary>
    /// Digits with a separator that could mean two things: a <c>.</c> in a file with decimal commas (<c>1.250</c>: 1250 or
    /// 1.25?) or digit grouping (<c>1,250</c>, <c>1,250.5</c>). Not read, never silently reinterpreted.
    /// </summary>
    Ambiguous,
}

/// <summary>
/// A CSV input read in passes: each <see cref="OpenPass"/> streams the file from the start (gzip-compressed bytes are
/// decompressed on the fly, whatever the name), so memory does not grow with the file. Knows what the input is
/// (<see cref="InputSniffer"/>: a table, or a file of another kind it refuses), how its text is encoded, the delimiter
/// and how numbers are written.
/// </summary>
internal sealed partial class DataSource
{
    private readonly Func<Stream> _open;
    private readonly bool _gzip;

    private DataSource(string path, Func<Stream> open, SniffResult sniff, char delimiter)
    {
        Path = path;
        _open = open;
        _gzip = sniff.Gzip;
        Encoding = sniff.Encoding;
        ByteOrderMark = sniff.ByteOrderMark;
        Rejection = sniff.Rejection;
        Note = sniff.Note;
        Delimiter = delimiter;
    }

    /// <summary>The file as given.</summary>
    public string Path { get; }

    /// <summary>The field delimiter, detected from the header line.</summary>
    public char Delimiter { get; }

    /// <summary>How the text is decoded.</summary>
    public TextEncoding Encoding { get; private set; }

    /// <summary>Whether a byte-order mark gave the encoding.</summary>
    public bool ByteOrderMark { get; }

    /// <summary>Why the input cannot be read as a table (<c>not-csv</c>, <c>empty-file</c>, <c>encoding-unknown</c>), or null.</summary>
    public (string Code, string Message)? Rejection { get; private set; }

    /// <summary>How the bytes were read when that was assumed rather than given (the <c>encoding</c> info issue), or null.</summary>
    public string? Note { get; private set; }

    /// <summary>
    /// True for a <c>;</c>-separated file with decimal commas (European spreadsheets); set by <see cref="Observe"/>
    /// during the first pass.
    /// </summary>
    public bool DecimalComma { get; private set; }

    /// <summary>
    /// Opens a table: looks at its first bytes (gzip, encoding, or a file of another kind: <see cref="Rejection"/>) and
    /// detects its delimiter.
    /// </summary>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    /// <exception cref="IOException">The input cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The input cannot be read.</exception>
    /// <exception cref="InvalidDataException">Gzip-compressed input is broken.</exception>
    public static DataSource Open(DataInput input)
    {
        var sniff = InputSniffer.Sniff(input.Open, input.Name);
        var delimiter = sniff.Rejection is null ? CsvText.DetectDelimiter(Decode(sniff.Head, sniff.Encoding)) : ',';
        return new DataSource(input.Name, input.Open, sniff, delimiter);
    }

    /// <summary>A source over text in memory (tests, small inputs).</summary>
    public static DataSource FromText(string text) => Open(DataInput.FromText("(text)", text));

    private static string Decode(byte[] head, TextEncoding encoding) => encoding switch
    {
        TextEncoding.Windows1252 => Windows1252Stream.Decode(head),
        TextEncoding.Utf16LittleEndian => System.Text.Encoding.Unicode.GetString(head),
        TextEncoding.Utf16BigEndian => System.Text.Encoding.BigEndianUnicode.GetString(head),
        TextEncoding.Utf32LittleEndian => System.Text.Encoding.UTF32.GetString(head),
        TextEncoding.Utf32BigEndian => new UTF32Encoding(bigEndian: true, byteOrderMark: true).GetString(head),
        _ => System.Text.Encoding.UTF8.GetString(head),
    };

    /// <summary>
    /// Starts a pass over the file from its first line; with <paramref name="readAhead"/>, compressed input is
    /// decompressed ahead on a thread of its own (for a pass that has the other core to itself). With
    /// <paramref name="check"/> the pass also checks that text taken for UTF-8 is UTF-8 (<see cref="Settle"/>).
    /// </summary>
    public Pass OpenPass(bool readAhead = false, bool check = false)
    {
        var file = _open();
        try
        {
            var stream = _gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            if (readAhead && stream != file)
            {
                stream = new ReadAheadStream(stream);
            }

            // The reader reads UTF-8: other encodings are converted on the way.
            Utf8CheckStream? utf8 = null;
            Windows1252Stream? windows1252 = null;
            stream = Encoding switch
            {
                TextEncoding.Utf8 when check => utf8 = new Utf8CheckStream(stream),
                TextEncoding.Utf8 => stream,
                TextEncoding.Windows1252 => windows1252 = new Windows1252Stream(stream),
                _ => System.Text.Encoding.CreateTranscodingStream(stream, TranscodedEncoding(Encoding), System.Text.Encoding.UTF8),
            };
            return new Pass(file, stream, new CsvReader(stream, Delimiter), utf8, windows1252);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static System.Text.Encoding TranscodedEncoding(TextEncoding encoding) => encoding switch
    {
        TextEncoding.Utf16LittleEndian => System.Text.Encoding.Unicode,
        TextEncoding.Utf16BigEndian => System.Text.Encoding.BigEndianUnicode,
        TextEncoding.Utf32LittleEndian => System.Text.Encoding.UTF32,
        _ => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
    };

    /// <summary>
    /// After a checking pass (<see cref="OpenPass"/> with <c>check</c>) has read the whole input: true when the text
    /// taken for UTF-8 is not UTF-8, so it is read as Windows-1252 from now on (with a <see cref="Note"/> quoting the first
    /// such line) and the pass must be made again; a Windows-1252 file holding a byte that encoding does not define is
    /// refused (<see cref="Rejection"/>, <c>encoding-unknown</c>) rather than shown garbled.
    /// </summary>
    public bool Settle(Pass pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        if (pass.Utf8Problem is { } problem && Encoding == TextEncoding.Utf8)
        {
            if (problem.Mixed || ByteOrderMark)
            {
                // UTF-8 text (or a byte-order mark saying so) with bytes that are not: no one reading fits the whole file.
                Rejection = (AnalysisIssueCodes.EncodingUnknown, problem.MixedMessage());
                return false;
            }

            Encoding = TextEncoding.Windows1252;
            Note = problem.Note();
            return true;
        }

        if (pass.Windows1252 is { Undefined: > 0 } decoded && Rejection is null)
        {
            Rejection = (AnalysisIssueCodes.EncodingUnknown, string.Create(CultureInfo.InvariantCulture,
                $"The file is neither UTF-8 nor Windows-1252: line {decoded.FirstUndefinedLine} has the byte 0x{decoded.FirstUndefined:X2}, "
                + $"which neither encoding has (the file may use another code page, e.g. for Cyrillic or Central European text). "
                + $"Save it as CSV UTF-8 and run again."));
        }

        return false;
    }

    /// <summary>
    /// For a reader that makes one pass only (a small table): reads the input once to settle its encoding as the first
    /// pass of an analysis would (<see cref="Settle"/>).
    /// </summary>
    public void SettleEncoding()
    {
        for (var attempt = 0; attempt < 2 && Rejection is null; attempt++)
        {
            using var pass = OpenPass(check: true);
            pass.Drain();
            if (!Settle(pass))
            {
                return;
            }
        }
    }

    /// <summary>Looks at a field during the first pass (decimal-comma detection in <c>;</c> files).</summary>
    public void Observe(ReadOnlySpan<byte> field)
    {
        if (Delimiter == ';' && !DecimalComma && field.Contains((byte)',') && DecimalCommaNumber().IsMatch(System.Text.Encoding.UTF8.GetString(field)))
        {
            DecimalComma = true;
        }
    }

    /// <summary>
    /// Reads a number in the invariant culture (or with a decimal comma in a European file). Empty cells and
    /// <c>NA</c>/<c>NaN</c> are missing (null). Returns false for anything else that is not a finite number.
    /// </summary>
    public bool TryParseNumber(ReadOnlySpan<char> text, out double? value) => ReadNumber(System.Text.Encoding.UTF8.GetBytes(text.ToArray()), out value) == NumberRead.Number;

    /// <inheritdoc cref="TryParseNumber(ReadOnlySpan{char}, out double?)"/>
    public bool TryParseNumber(ReadOnlySpan<byte> utf8, out double? value) => ReadNumber(utf8, out value) == NumberRead.Number;

    /// <summary>
    /// Reads a cell as a number: exactly what can be parsed without guessing. A finite number in the invariant culture
    /// (or with a decimal comma in a European file), or a missing value (empty, <c>NA</c>, <c>NaN</c>: null), is
    /// <see cref="NumberRead.Number"/>; a <c>.</c> in a file with decimal commas, or digit grouping (<c>1,250</c>,
    /// <c>1.250,5</c>, <c>1 250</c>), is <see cref="NumberRead.Ambiguous"/>; anything else <see cref="NumberRead.NotNumber"/>.
    /// </summary>
    public NumberRead ReadNumber(ReadOnlySpan<byte> utf8, out double? value)
    {
        value = null;
        var s = Trim(utf8);
        if (s.Length == 0 || IsMissing(s))
        {
            return NumberRead.Number;
        }

        if (DecimalComma && s.Contains((byte)'.'))
        {
            return LooksNumeric(s) ? NumberRead.Ambiguous : NumberRead.NotNumber;
        }

        if (TryParseDecimal(s, out var simple))
        {
            value = simple;
            return NumberRead.Number;
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
            return NumberRead.Number;
        }

        return Grouped(s) ? NumberRead.Ambiguous : NumberRead.NotNumber;
    }

    /// <summary>Only digits, at most one leading sign, and <c>.</c> or <c>,</c> between digits.</summary>
    private static bool LooksNumeric(ReadOnlySpan<byte> s)
    {
        var digits = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit((char)c))
            {
                digits++;
            }
            else if (!(c is (byte)'.' or (byte)',' || (i == 0 && c is (byte)'-' or (byte)'+')))
            {
                return false;
            }
        }

        return digits > 0;
    }

    /// <summary>Digits in groups of three after the first, separated by <c>,</c>, <c>.</c>, <c>'</c> or a space, with an optional decimal part.</summary>
    private static bool Grouped(ReadOnlySpan<byte> s) => GroupedNumber().IsMatch(System.Text.Encoding.UTF8.GetString(s));

    [GeneratedRegex(@"^[-+]?[0-9]{1,3}([,.' \u00A0\u202F][0-9]{3})+([.,][0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedNumber();

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
    internal sealed class Pass(Stream file, Stream stream, CsvReader reader, Utf8CheckStream? utf8, Windows1252Stream? windows1252) : IDisposable
    {
        /// <summary>The records.</summary>
        public CsvReader Reader { get; } = reader;

        /// <summary>Fraction of the file's bytes read so far (compressed bytes for compressed input), 0 to 1.</summary>
        public double Fraction => file.CanSeek && file.Length > 0 ? Math.Min(1, (double)file.Position / file.Length) : 0;

        /// <summary>In a checking pass over text taken for UTF-8, the first place it is not (so far).</summary>
        public Utf8Problem? Utf8Problem => utf8?.Problem;

        /// <summary>In a pass over Windows-1252 text, its decoder (which counts the bytes that encoding leaves undefined).</summary>
        public Windows1252Stream? Windows1252 => windows1252;

        /// <summary>Reads the rest of the input without parsing it.</summary>
        public void Drain()
        {
            var buffer = new byte[1 << 16];
            while (stream.Read(buffer) > 0)
            {
            }
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            stream.Dispose();
            file.Dispose();
        }
    }
}
