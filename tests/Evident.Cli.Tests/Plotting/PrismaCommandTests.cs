using Evident.Analysis.Input;
using Evident.Tests.Shared;

namespace Evident.Cli.Tests.Plotting;

public sealed class PrismaCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Template() => SharedFiles.Data("prisma-flowdiagram__PRISMA2020", "inst", "extdata", "PRISMA.csv");

    /// <summary>PRISMA2020's template with consistent counts for every column, written to a temporary file.</summary>
    private string Update(params (string Key, string N)[] changes)
    {
        var n = Evident.Tests.Shared.PrismaUpdate.Counts();
        n["total_studies_ma"] = "NA";
        n["total_reports_ma"] = "NA";
        foreach (var (key, value) in changes)
        {
            n[key] = value;
        }

        var records = CsvText.Parse(File.ReadAllText(Template()), ',');
        var lines = records.Select((r, i) => string.Join(',', r.Fields.Select((f, c) =>
            Quote(i > 0 && c == r.Fields.Count - 1 && n.TryGetValue(r.Fields[0], out var value) ? value : f))));
        return _dir.Write("update.csv", string.Join("\r\n", lines));

        static string Quote(string field) => field.Contains(',') || field.Contains('"') ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }

    [Theory]
    [InlineData("svg")]
    [InlineData("png")]
    public void ConsistentCounts_AreDrawn(string format)
    {
        var output = Path.Combine(_dir.Path, "prisma." + format);

        var result = Cli.Run("plot", "prisma", Update(), "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"wrote {output}", result.Error.Trim());
        if (format == "png")
        {
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(output)[..4]);
        }
        else
        {
            var svg = File.ReadAllText(output);
            Assert.Contains("Identification of new studies via other methods", svg, StringComparison.Ordinal);
            Assert.Contains("Reports excluded (n = 114):", svg, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Template_WithPlaceholders_Is1_AndNotWritten_UnlessAllowed()
    {
        var output = Path.Combine(_dir.Path, "t.svg");

        var refused = Cli.Run("plot", "prisma", Template(), "--out", output);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"{Template()}:7: column n: database_specific_results: \"Database 1\" has \"xxx\"", refused.Error, StringComparison.Ordinal);
        Assert.Contains("[prisma-not-a-count]", refused.Error, StringComparison.Ordinal);
        Assert.Contains("the diagram was not written", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        var allowed = Cli.Run("plot", "prisma", Template(), "--out", output, "--allow-inconsistent");

        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("[prisma-not-a-count]", allowed.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void CountsThatDoNotAddUp_AreReportedByBox_AndNotDrawn_UnlessAllowed()
    {
        var input = Update(("records_excluded", "900"));
        var output = Path.Combine(_dir.Path, "bad.png");

        var refused = Cli.Run("plot", "prisma", input, "--out", output);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains(
            $"{input}:19: column n: Reports sought for retrieval (dbr_sought_reports = 137) should be Records screened (records_screened = 1040) − "
            + "Records excluded (records_excluded = 900) = 140. [prisma-count-mismatch]",
            refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));

        var allowed = Cli.Run("plot", "prisma", input, "--out", output, "--allow-inconsistent");

        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("[prisma-count-mismatch]", allowed.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void NotAPrismaFile_Is1()
    {
        var result = Cli.Run("plot", "prisma", _dir.Write("x.csv", "study,yi,vi\nA,1,1\n"), "--out", Path.Combine(_dir.Path, "x.svg"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[prisma-missing-column]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_Is3_AndBadOutName_Is2()
    {
        Assert.Equal(3, Cli.Run("plot", "prisma", Path.Combine(_dir.Path, "none.csv"), "--out", Path.Combine(_dir.Path, "x.svg")).ExitCode);
        Assert.Equal(2, Cli.Run("plot", "prisma", Template(), "--out", Path.Combine(_dir.Path, "x.pdf")).ExitCode);
    }
}
