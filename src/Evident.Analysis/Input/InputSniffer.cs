using System.Text;

namespace Evident.Analysis.Input;

/// <summary>How the bytes of a table are turned into text.</summary>
internal enum TextEncoding
{
    /// <summary>UTF-8 (with or without a byte-order mark).</summary>
    Utf8,

    /// <summary>UTF-16, little-endian.</summary>
    Utf16LittleEndian,

    /// <summary>UTF-16, big-endian.</summary>
    Utf16BigEndian,

    /// <summary>UTF-32, little-endian.</summary>
    Utf32LittleEndian,

    /// <summary>UTF-32, big-endian.</summary>
    Utf32BigEndian,

    /// <summary>Windows-1252 (Latin-1 with printable characters in 0x80–0x9F), what Excel on Windows writes as "CSV".</summary>
    Windows1252,
}

/// <summary>What the first bytes of an input say it is: a text table in some encoding, or a file of another kind.</summary>
/// <param name="Gzip">The bytes are gzip-compressed (whatever the name says).</param>
/// <param name="Encoding">How to decode the text.</param>
/// <param name="ByteOrderMark">The encoding was given by a byte-order mark (not assumed).</param>
/// <param name="Head">The first bytes after decompression (at most <see cref="InputSniffer.HeadSize"/>).</param>
/// <param name="Rejection">Why the input is not a table (code and message), or null.</param>
/// <param name="Note">How the bytes were read when that was not plain UTF-8 by name (an <c>encoding</c> info), or null.</param>
internal sealed record SniffResult(bool Gzip, TextEncoding Encoding, bool ByteOrderMark, byte[] Head, (string Code, string Message)? Rejection, string? Note);

/// <summary>
/// Recognises an input from its content, not its name: a compressed table, the encoding of its text (byte-order mark,
/// UTF-16 without one, UTF-8, or Windows-1252 when the bytes are not UTF-8), and the files people give by mistake
/// (a workbook, a PDF, a bibliographic export, a web page, a binary file, nothing at all), each named with what to do.
/// </summary>
internal static class InputSniffer
{
    /// <summary>How many bytes are looked at.</summary>
    public const int HeadSize = 1 << 16;

    /// <summary>The bytes Windows-1252 leaves undefined; a file holding one is not Windows-1252 text.</summary>
    public static bool IsUndefinedIn1252(byte b) => b is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D;

    private static readonly System.Buffers.SearchValues<char> TagCharacters = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private static readonly System.Buffers.SearchValues<byte> Undefined1252 = System.Buffers.SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D]);

    private const string RecordsLater =
        " `evident` analyses a table of study results (one row per study, with its numbers); importing reference records "
        + "(for screening and PRISMA counts) is planned but not available yet.";

    /// <summary>Looks at the start of <paramref name="open"/>'s bytes.</summary>
    public static SniffResult Sniff(Func<Stream> open, string name)
    {
        byte[] raw;
        using (var file = open())
        {
            raw = ReadHead(file);
        }

        var gzip = raw.Length >= 2 && raw[0] == 0x1F && raw[1] == 0x8B;
        var head = raw;
        if (gzip)
        {
            using var file = open();
            using var inflated = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress);
            head = ReadHead(inflated);
        }

        var byName = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var note = gzip == byName ? null
            : gzip ? "The file is gzip-compressed although its name does not end in .gz; it was decompressed."
            : "The file's name ends in .gz but it is not compressed; it was read as it is.";
        if (Kind(head) is { } rejection)
        {
            return new SniffResult(gzip, TextEncoding.Utf8, false, head, rejection, note);
        }

        var (encoding, bom, encodingNote, problem) = DetectEncoding(head);
        if (problem is { Mixed: true })
        {
            return new SniffResult(gzip, encoding, bom, head, (AnalysisIssueCodes.EncodingUnknown, problem.MixedMessage()), note);
        }

        if (encoding == TextEncoding.Windows1252 && head.AsSpan().IndexOfAny(Undefined1252) is >= 0 and var undefined)
        {
            var line = 1 + head.AsSpan(0, undefined).Count((byte)'\n');
            return new SniffResult(gzip, encoding, bom, head, (AnalysisIssueCodes.EncodingUnknown, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The file is neither UTF-8 nor Windows-1252: line {line} has the byte 0x{head[undefined]:X2}, which neither encoding has "
                + $"(the file may use another code page, e.g. for Cyrillic or Central European text). Save it as CSV UTF-8 and run again.")), note);
        }

        if (encodingNote is not null)
        {
            note = note is null ? encodingNote : note + " " + encodingNote;
        }

        return new SniffResult(gzip, encoding, bom, head, null, note);
    }

    private static byte[] ReadHead(Stream stream)
    {
        var head = new byte[HeadSize];
        var length = 0;
        int read;
        while (length < head.Length && (read = stream.Read(head, length, head.Length - length)) > 0)
        {
            length += read;
        }

        return head[..length];
    }

    /// <summary>What the input is when it is not a text table: the code and a message saying what to do; null for text.</summary>
    private static (string Code, string Message)? Kind(byte[] head)
    {
        static (string, string) NotCsv(string message) => (AnalysisIssueCodes.NotCsv, message);
        var bytes = head.AsSpan();
        if (bytes.Length == 0)
        {
            return (AnalysisIssueCodes.EmptyFile, "The file is empty (0 bytes).");
        }

        if (bytes.StartsWith("PK\u0003\u0004"u8) || bytes.StartsWith("PK\u0005\u0006"u8))
        {
            return NotCsv(ZipKind(bytes));
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return NotCsv("This is an older Microsoft Office file (an Excel .xls workbook, or a Word .doc), not a CSV file. "
                + "Open it in Excel or LibreOffice and save the sheet as CSV (File › Save As › CSV UTF-8), then run again.");
        }

        if (bytes.StartsWith("%PDF"u8))
        {
            return NotCsv("This is a PDF document, not a CSV file. Evident reads the study data as a table: copy the numbers into a "
                + "spreadsheet (one row per study) and save it as CSV.");
        }

        if (bytes.StartsWith("RDX2\n"u8) || bytes.StartsWith("RDX3\n"u8) || bytes.StartsWith("RDA2\n"u8) || bytes.StartsWith("RDA3\n"u8))
        {
            return NotCsv("This is an R data file (.RData or .rda), not a CSV file. In R, write the data frame out with "
                + "write.csv(data, \"studies.csv\", row.names = FALSE).");
        }

        var text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 4096)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.Length == 0 && bytes.Length < HeadSize && bytes.IndexOfAnyExcept((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF, 0x20, 0x09, 0x0D, 0x0A]) < 0)
        {
            return (AnalysisIssueCodes.EmptyFile, "The file holds no text (only white space or a byte-order mark).");
        }

        if (TextKind(text) is { } kind)
        {
            return NotCsv(kind);
        }

        if (IsUtf16(bytes, out _) || HasByteOrderMark(bytes))
        {
            return null;
        }

        var controls = 0;
        foreach (var b in bytes)
        {
            controls += b is < 0x09 or (> 0x0D and < 0x20) or 0x7F ? 1 : 0;
        }

        // A NUL byte, or many control characters (one in 20 bytes, and at least 16: a few escape sequences in a study
        // name of a short table are text, shown escaped, not a binary file).
        if (controls > 0 && (bytes.Contains((byte)0) || (controls >= 16 && controls * 20 > bytes.Length)))
        {
            return NotCsv("This is a binary file, not a text table. Give the study data as a CSV file (in a spreadsheet: "
                + "File › Save As › CSV UTF-8).");
        }

        return null;
    }

    private static string ZipKind(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOf("xl/"u8) >= 0)
        {
            return "This is an Excel workbook (.xlsx), not a CSV file, whatever its name. Open it in Excel or LibreOffice and "
                + "save the sheet with the study data as CSV (File › Save As › CSV UTF-8), then run again.";
        }

        if (bytes.IndexOf("opendocument.spreadsheet"u8) >= 0)
        {
            return "This is an OpenDocument spreadsheet (.ods), not a CSV file. Open it in LibreOffice and save the sheet as CSV "
                + "(File › Save As › Text CSV, UTF-8), then run again.";
        }

        if (bytes.IndexOf("word/"u8) >= 0)
        {
            return "This is a Word document (.docx), not a CSV file. Copy its table of study data into a spreadsheet and save "
                + "it as CSV.";
        }

        if (bytes.IndexOf("project.json"u8) >= 0)
        {
            return "This is an ASReview project file (a zip archive of screening records), not a table of study results." + RecordsLater;
        }

        return "This is a zip archive, not a CSV file. Unzip it and give the CSV file inside.";
    }

    /// <summary>Text files of other kinds, recognised by how they begin.</summary>
    private static string? TextKind(string text)
    {
        var start = text[..Math.Min(text.Length, 512)];
        bool Starts(string prefix) => start.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        bool HasLine(string prefix) => Starts(prefix) || text.Contains("\n" + prefix, StringComparison.Ordinal);
        if (Starts("TY  -") || (HasLine("TY  - ") && HasLine("ER  -")))
        {
            return "This is a RIS file of bibliographic records (a reference-manager or database export), not a table of study results." + RecordsLater;
        }

        if (Starts("PMID-") || HasLine("PMID- "))
        {
            return "This is a PubMed/MEDLINE file of bibliographic records, not a table of study results." + RecordsLater;
        }

        if ((Starts("FN ") && HasLine("VR ")) || (Starts("PT ") && HasLine("AU ")))
        {
            return "This is a Web of Science export of bibliographic records, not a table of study results." + RecordsLater;
        }

        if (start.Length > 1 && start[0] == '@' && start[1..].IndexOf('{') is > 0 and var brace && IsWord(start.AsSpan(1, brace)))
        {
            return "This is a BibTeX file of bibliographic records, not a table of study results." + RecordsLater;
        }

        if (TaggedLines(text) >= 3)
        {
            return "This is a file of tagged bibliographic records (a database export such as Ovid's, lines like \"AU  - …\"), not a table of study results." + RecordsLater;
        }

        if (Starts("METAVIEW:"))
        {
            return "This is a RevMan 4 MetaView file, not a CSV table. Export the analysis data as CSV from RevMan 5 or RevMan Web "
                + "(the data package), or type the study data into a spreadsheet and save it as CSV.";
        }

        if (Starts("<?xml") || (start.Length > 1 && start[0] == '<' && (char.IsAsciiLetter(start[1]) || start[1] == '!')))
        {
            if (text.Contains("<COCHRANE_REVIEW", StringComparison.Ordinal))
            {
                return "This is a RevMan 5 review file (.rm5), not a CSV table. In RevMan 5, export the analysis data as CSV "
                    + "(File › Export › Data and analyses), or use the data package CSV of RevMan Web.";
            }

            if (text.Contains("<records>", StringComparison.OrdinalIgnoreCase) && text.Contains("<record>", StringComparison.OrdinalIgnoreCase))
            {
                return "This is an EndNote XML file of bibliographic records, not a table of study results." + RecordsLater;
            }

            if (Starts("<!doctype html") || Starts("<html") || text.Contains("<html", StringComparison.OrdinalIgnoreCase)
                || text.Contains("<body", StringComparison.OrdinalIgnoreCase))
            {
                return "This is a web page (HTML), not a CSV file; perhaps a download link gave the page instead of the file. "
                    + "Download the CSV itself (or save the table from the page as CSV).";
            }

            return "This is an XML file, not a CSV table. Give the study data as CSV, one row per study.";
        }

        var json = start.TrimStart();
        if ((json.StartsWith('{') && json[1..].TrimStart() is ['"', ..] or ['}', ..]) || (json.StartsWith('[') && json[1..].TrimStart() is ['{', ..]))
        {
            return "This is a JSON file, not a CSV table. `evident analyze` reads study data as CSV; a published-results JSON goes "
                + "to `evident summarize`, an analysis JSON to `evident check` or `summarize`.";
        }

        return null;
    }

    /// <summary>Lines of the first ones that look like a tagged record's (two to four capitals or digits, two spaces, a hyphen: <c>AU  - </c>).</summary>
    private static int TaggedLines(string text)
    {
        var count = 0;
        foreach (var line in text.Split('\n').Take(40))
        {
            var l = line.TrimEnd('\r');
            var tag = l.IndexOf("  -", StringComparison.Ordinal);
            if (tag is >= 2 and <= 4 && l.AsSpan(0, tag).IndexOfAnyExcept(TagCharacters) < 0)
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsWord(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return s.Length > 0;
    }

    private static bool HasByteOrderMark(ReadOnlySpan<byte> b)
        => b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || b.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]);

    /// <summary>
    /// UTF-16 without a byte-order mark: text whose every other byte is 0 (ASCII characters in UTF-16), at least 8 of the
    /// first characters and nearly all of them.
    /// </summary>
    private static bool IsUtf16(ReadOnlySpan<byte> b, out bool bigEndian)
    {
        var n = Math.Min(b.Length, 4096) & ~1;
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < n; i += 2)
        {
            evenZeros += b[i] == 0 ? 1 : 0;
            oddZeros += b[i + 1] == 0 ? 1 : 0;
        }

        var pairs = n / 2;
        bigEndian = evenZeros > oddZeros;
        return pairs >= 8 && (Math.Max(evenZeros, oddZeros) * 10 >= pairs * 9) && Math.Min(evenZeros, oddZeros) * 10 < pairs;
    }

    /// <summary>
    /// The encoding of a text table's first bytes, whether a byte-order mark gave it, a note when it was assumed, and
    /// where they stop being UTF-8 (if they do).
    /// </summary>
    private static (TextEncoding Encoding, bool Bom, string? Note, Utf8Problem? Problem) DetectEncoding(byte[] head)
    {
        var b = head.AsSpan();
        if (b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (TextEncoding.Utf8, true, null, null);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
        {
            return (TextEncoding.Utf32LittleEndian, true, null, null);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return (TextEncoding.Utf32BigEndian, true, null, null);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (TextEncoding.Utf16LittleEndian, true, null, null);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (TextEncoding.Utf16BigEndian, true, null, null);
        }

        if (IsUtf16(b, out var bigEndian))
        {
            var name = bigEndian ? "UTF-16 big-endian" : "UTF-16 little-endian";
            return (bigEndian ? TextEncoding.Utf16BigEndian : TextEncoding.Utf16LittleEndian, false,
                $"The file has no byte-order mark, but its bytes are those of {name} text; it was read as {name}.", null);
        }

        // A multi-byte character cut at the end of the head is not an error.
        var checkedLength = head.Length == HeadSize ? Utf8Check.CompleteLength(b) : b.Length;
        if (Utf8Check.FirstInvalid(b[..checkedLength]) is not { } invalid)
        {
            return (TextEncoding.Utf8, false, null, null);
        }

        var problem = Utf8Check.Problem(b, invalid, 1);
        return (TextEncoding.Windows1252, false, problem.Note(), problem);
    }
}
