using System.Text;
using Evident.Analysis.Input;

namespace Evident.Cli.Tests.Input;

/// <summary>
/// The byte-level <see cref="CsvReader"/> against a plain reading of the same rules on decoded text (the reader the
/// command had before it read bytes), on random inputs full of quotes, line ends, white space and multi-byte or broken
/// UTF-8, handed over a few bytes at a time so records straddle the reader's refills.
/// </summary>
public sealed class CsvReaderTests
{
    private static readonly byte[][] Tokens =
    [
        .. new[] { "a", "b", "7", "1.5", " ", "\t", ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", "é", "€", "\u00A0", "\u3000", "\uFEFF" }
            .Select(Encoding.UTF8.GetBytes),
        [0xFF],
        [0xC3],
    ];

    [Fact]
    public void RandomInputs_ReadAsTheDecodedTextReads_WithAnyFieldLimitAndAnyReadSize()
    {
        var random = new Random(1124);
        for (var n = 0; n < 3000; n++)
        {
            var bytes = RandomCsv(random);
            var delimiter = random.Next(2) == 0 ? ',' : ';';
            var expected = ReferenceRecords(bytes, delimiter);
            foreach (var chunk in new[] { 1, 3, 1 << 20 })
            {
                foreach (var limit in new[] { int.MaxValue, 1, 2, 4, -1 })
                {
                    // -1: only fields 0 and 2 wanted (field 1 reads as empty)
                    var reader = new CsvReader(new TrickleStream(bytes, chunk), delimiter);
                    if (limit > 0)
                    {
                        reader.FieldLimit = limit;
                    }
                    else
                    {
                        reader.Want([2]);
                    }

                    var actual = new List<(int Line, string[] Fields)>();
                    while (reader.Read())
                    {
                        actual.Add((reader.Line, reader.Fields()));
                    }

                    var context = $"input {Convert.ToHexString(bytes)}, delimiter '{delimiter}', chunk {chunk}, limit {limit}";
                    Assert.True(expected.Count == actual.Count, $"{expected.Count} records expected, {actual.Count} read; {context}");
                    for (var i = 0; i < expected.Count; i++)
                    {
                        Assert.True(expected[i].Line == actual[i].Line, $"record {i}: line {actual[i].Line}, expected {expected[i].Line}; {context}");
                        var fields = limit > 0 ? expected[i].Fields.Take(limit) : expected[i].Fields.Take(3).Select((f, j) => j == 1 ? string.Empty : f);
                        Assert.Equal(fields, actual[i].Fields);
                    }
                }
            }
        }
    }

    [Fact]
    public void Utf16File_WithItsByteOrderMark_IsReadAsText()
    {
        var path = Path.Combine(Path.GetTempPath(), $"evident-utf16-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllText(path, "study,yi\n\"Müller, 2001\",0.5\n", Encoding.Unicode);
            var source = DataSource.Open(Evident.Cli.Files.InputFile.Open(path));
            using var pass = source.OpenPass();
            Assert.True(pass.Reader.Read());
            Assert.Equal(["study", "yi"], pass.Reader.Fields());
            Assert.True(pass.Reader.Read());
            Assert.Equal(["Müller, 2001", "0.5"], pass.Reader.Fields());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] RandomCsv(Random random)
    {
        var bytes = new List<byte>();
        if (random.Next(8) == 0)
        {
            bytes.AddRange([0xEF, 0xBB, 0xBF]);
        }

        for (int i = 0, count = random.Next(0, 60); i < count; i++)
        {
            bytes.AddRange(Tokens[random.Next(Tokens.Length)]);
        }

        return [.. bytes];
    }

    private static List<(int Line, string[] Fields)> ReferenceRecords(byte[] bytes, char delimiter)
    {
        var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd();
        var reader = new ReferenceReader(text, delimiter);
        var records = new List<(int, string[])>();
        while (reader.Read())
        {
            records.Add((reader.Line, [.. reader.Fields]));
        }

        return records;
    }

    /// <summary>A stream that gives at most <paramref name="chunk"/> bytes per read.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }

    /// <summary>
    /// The rules on decoded text, one character at a time: RFC 4180 as <see cref="CsvReader"/> documents it, with its
    /// recovery from a quote that is never closed (the field ends at the first line break after the quote).
    /// </summary>
    private sealed class ReferenceReader(string text, char delimiter)
    {
        private int _line = 1;
        private int _position;

        public int Line { get; private set; }

        public List<string> Fields { get; } = [];

        public bool Read()
        {
            while (true)
            {
                Fields.Clear();
                if (_position >= text.Length)
                {
                    return false;
                }

                Line = _line;
                var problem = false;
                while (ReadField(ref problem))
                {
                }

                if (problem || !(Fields.Count == 1 && Fields[0].Length == 0))
                {
                    return true;
                }
            }
        }

        /// <summary>Reads one field; true when a delimiter follows (another field of this record).</summary>
        private bool ReadField(ref bool problem)
        {
            var field = new StringBuilder();
            var quoted = Peek() == '"';
            if (quoted)
            {
                var open = _position;
                var line = _line;
                Take();
                var closed = false;
                while (Peek() >= 0)
                {
                    var c = (char)Take();
                    if (c == '"')
                    {
                        if (Peek() == '"')
                        {
                            Take();
                            field.Append('"');
                            continue;
                        }

                        closed = true;
                        break;
                    }

                    field.Append(c);
                    if (c == '\n' || (c == '\r' && Peek() != '\n'))
                    {
                        _line++;
                    }
                }

                if (!closed)
                {
                    // Never closed: the field ends at the first line break after the quote.
                    problem = true;
                    var lineBreak = text.IndexOfAny(['\r', '\n'], open + 1);
                    var end = lineBreak < 0 ? text.Length : lineBreak;
                    field.Clear().Append(text[(open + 1)..end].Replace("\"\"", "\"", StringComparison.Ordinal));
                    (_position, _line) = (end, line);
                }
            }

            while (Peek() >= 0)
            {
                var c = (char)Take();
                if (c == delimiter)
                {
                    End(field, quoted);
                    return true;
                }

                if (c is '\n' or '\r')
                {
                    if (c == '\r' && Peek() == '\n')
                    {
                        Take();
                    }

                    _line++;
                    End(field, quoted);
                    return false;
                }

                field.Append(c);
            }

            End(field, quoted);
            return false;
        }

        private void End(StringBuilder field, bool quoted) => Fields.Add(quoted ? field.ToString() : field.ToString().Trim());

        private int Peek() => _position < text.Length ? text[_position] : -1;

        private int Take() => _position < text.Length ? text[_position++] : -1;
    }
}
