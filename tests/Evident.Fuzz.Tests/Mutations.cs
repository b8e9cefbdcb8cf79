using System.Text;

namespace Evident.Fuzz.Tests;

/// <summary>The classes of damage the fuzzer does to an input, after the fuzzing report of issue 14.</summary>
internal enum MutationClass
{
    LineDeleted,
    LineDuplicated,
    LinesSwapped,
    CellDeleted,
    CellDuplicated,
    CellsSwapped,
    RandomBytes,
    Nul,
    Bom,
    UnicodeDigits,
    UnicodeLetters,
    HugeOrTinyNumber,
    LongLine,
    Utf16,
    Repetition,
    Truncated,
    HostileCell,
    OutcomeColumn,
    Delimiters,
}

/// <summary>
/// Mutations of an input file's bytes, one class at a time (<see cref="MutationClass"/>), driven by a seeded
/// <see cref="Random"/> so that every case can be made again from its seed. Text-level mutations decode the bytes as
/// UTF-8 and encode the result again; byte-level ones (random bytes, BOMs, UTF-16) do not.
/// </summary>
internal static class Mutations
{
    /// <summary>Digits of other scripts (Arabic-Indic, extended Arabic-Indic, Devanagari, Bengali, fullwidth, mathematical bold).</summary>
    private static readonly string[] OtherDigits = ["\u0666", "\u06F6", "\u0966", "\u09EC", "\uFF16", "\U0001D7D4", "\u0663\u0662"];

    /// <summary>Letters and marks of other scripts, invisible and joining characters, and a character outside the BMP.</summary>
    private static readonly string[] OtherLetters =
    [
        "\u03B1\u03B2", "\u0416", "e\u0301", "\u200F", "\u200B", "\u202E", "\uFEFF", "\U0001F600", "\u0130", "\u00DF", "\u2028", "\u0085",
    ];

    private static readonly string[] Numbers =
    [
        "1e308", "1e999", "-1e999", "1e-320", "99999999999999999999999999999", "0.00000000000000000000000001", "-0", "0", "-0.0",
        "NaN", "Infinity", "1.7976931348623157E+308", "4.9e-324", "123456789012345678901234567890.123456789",
    ];

    /// <summary>Runs that make a naive matcher backtrack or recurse: digits, dots, brackets, markup, negations, names.</summary>
    private static readonly string[] Runs =
    [
        "1", ".", "1.", "0.42 ", "(", ")", "[", "]", "((", "[[", "{", ">", "> ", "- ", "  - ", "*", "*a ", "_", "`", "<div>", "<b>", "&amp;",
        "<!--", "<script", "not ", "no effect ", "MEP (MEP) ", "MEP; ", "small effect ", "p = 0.01, ", "95% CI 0.1 to 0.2 ", "I² = 24%, ",
        "\"", "\\", "{\"a\":", "[1,", "e", "-", "§", "\u06F6", "A. ",
    ];

    /// <summary>Applies one mutation of a class chosen at random; returns the bytes and what was done.</summary>
    public static (byte[] Bytes, string What) Apply(byte[] input, Random random, int big)
    {
        var kind = (MutationClass)random.Next(Enum.GetValues<MutationClass>().Length);
        return Apply(input, kind, random, big);
    }

    /// <summary>Applies one mutation of the given class.</summary>
    public static (byte[] Bytes, string What) Apply(byte[] input, MutationClass kind, Random random, int big)
    {
        var text = Encoding.UTF8.GetString(input);
        switch (kind)
        {
            case MutationClass.LineDeleted or MutationClass.LineDuplicated or MutationClass.LinesSwapped:
                {
                    var lines = text.Split('\n').ToList();
                    var i = random.Next(lines.Count);
                    var j = random.Next(lines.Count);
                    if (kind == MutationClass.LineDeleted)
                    {
                        lines.RemoveAt(i);
                    }
                    else if (kind == MutationClass.LineDuplicated)
                    {
                        lines.Insert(i, lines[i]);
                    }
                    else
                    {
                        (lines[i], lines[j]) = (lines[j], lines[i]);
                    }

                    return (Utf8(string.Join('\n', lines)), $"{kind} {i + 1}{(kind == MutationClass.LinesSwapped ? $" and {j + 1}" : "")}");
                }

            case MutationClass.CellDeleted or MutationClass.CellDuplicated or MutationClass.CellsSwapped:
                {
                    // A cell: a piece of a line between separators (comma, pipe, semicolon, space).
                    var lines = text.Split('\n');
                    var i = random.Next(lines.Length);
                    var separator = ",|; "[random.Next(4)];
                    var cells = lines[i].Split(separator).ToList();
                    var a = random.Next(cells.Count);
                    var b = random.Next(cells.Count);
                    if (kind == MutationClass.CellDeleted)
                    {
                        cells.RemoveAt(a);
                    }
                    else if (kind == MutationClass.CellDuplicated)
                    {
                        cells.Insert(a, cells[a]);
                    }
                    else
                    {
                        (cells[a], cells[b]) = (cells[b], cells[a]);
                    }

                    lines[i] = string.Join(separator, cells);
                    return (Utf8(string.Join('\n', lines)), $"{kind} on line {i + 1} ('{separator}' cell {a + 1})");
                }

            case MutationClass.RandomBytes:
                {
                    var bytes = new byte[1 + random.Next(16)];
                    random.NextBytes(bytes);
                    var at = random.Next(input.Length + 1);
                    return ([.. input[..at], .. bytes, .. input[at..]], $"{bytes.Length} random bytes at byte {at}");
                }

            case MutationClass.Nul:
                {
                    var at = random.Next(input.Length + 1);
                    return ([.. input[..at], 0, .. input[at..]], $"NUL at byte {at}");
                }

            case MutationClass.Bom:
                {
                    byte[][] boms = [[0xEF, 0xBB, 0xBF], [0xFE, 0xFF], [0xFF, 0xFE], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]];
                    var bom = boms[random.Next(boms.Length)];
                    var at = random.Next(2) == 0 ? 0 : random.Next(input.Length + 1);
                    return ([.. input[..at], .. bom, .. input[at..]], $"BOM {Convert.ToHexString(bom)} at byte {at}");
                }

            case MutationClass.UnicodeDigits:
                {
                    var digits = Enumerable.Range(0, text.Length).Where(k => char.IsAsciiDigit(text[k])).ToList();
                    var digit = OtherDigits[random.Next(OtherDigits.Length)];
                    if (digits.Count > 0 && random.Next(2) == 0)
                    {
                        var at = digits[random.Next(digits.Count)];
                        return (Utf8(text[..at] + digit + text[(at + 1)..]), $"digit at char {at} replaced by U+{(int)digit[0]:X4}");
                    }

                    var pos = random.Next(text.Length + 1);
                    return (Utf8(text[..pos] + digit + text[pos..]), $"U+{(int)digit[0]:X4} inserted at char {pos}");
                }

            case MutationClass.UnicodeLetters:
                {
                    var letters = OtherLetters[random.Next(OtherLetters.Length)];
                    var pos = random.Next(text.Length + 1);
                    return (Utf8(text[..pos] + letters + text[pos..]), $"U+{(int)letters[0]:X4}… inserted at char {pos}");
                }

            case MutationClass.HugeOrTinyNumber:
                {
                    var number = Numbers[random.Next(Numbers.Length)];
                    var starts = Enumerable.Range(0, text.Length).Where(k => char.IsAsciiDigit(text[k]) && (k == 0 || !char.IsAsciiDigit(text[k - 1]))).ToList();
                    if (starts.Count == 0)
                    {
                        return (Utf8(number + text), $"{number} at the start");
                    }

                    var at = starts[random.Next(starts.Count)];
                    var end = at;
                    while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
                    {
                        end++;
                    }

                    return (Utf8(text[..at] + number + text[end..]), $"number at char {at} replaced by {number}");
                }

            case MutationClass.LongLine:
                {
                    var unit = random.Next(3) switch { 0 => "0.42 ", 1 => "word ", _ => "x" };
                    var line = Repeat(unit, big);
                    var lines = text.Split('\n').ToList();
                    var i = random.Next(lines.Count + 1);
                    lines.Insert(i, line);
                    return (Utf8(string.Join('\n', lines)), $"line of {big} chars of '{unit}' at line {i + 1}");
                }

            case MutationClass.Utf16:
                {
                    var (encoding, name) = random.Next(4) switch
                    {
                        0 => (new UnicodeEncoding(false, true), "UTF-16 LE with BOM"),
                        1 => (new UnicodeEncoding(true, true), "UTF-16 BE with BOM"),
                        2 => (new UnicodeEncoding(false, false), "UTF-16 LE without BOM"),
                        _ => (new UnicodeEncoding(true, false), "UTF-16 BE without BOM"),
                    };
                    return ([.. encoding.GetPreamble(), .. encoding.GetBytes(text)], name);
                }

            case MutationClass.Repetition:
                {
                    var unit = Runs[random.Next(Runs.Length)];
                    var size = random.Next(2) == 0 ? big : big / 10;
                    var pos = random.Next(text.Length + 1);
                    return (Utf8(text[..pos] + Repeat(unit, size) + text[pos..]), $"{size} chars of '{unit}' at char {pos}");
                }

            case MutationClass.HostileCell or MutationClass.OutcomeColumn or MutationClass.Delimiters:
                return TableMutations.Apply(text, kind, random);

            default:
                {
                    var at = random.Next(input.Length + 1);
                    return (input[..at], $"truncated at byte {at}");
                }
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Repeat(string unit, int length)
    {
        var sb = new StringBuilder(length + unit.Length);
        while (sb.Length < length)
        {
            sb.Append(unit);
        }

        return sb.ToString(0, length);
    }
}
