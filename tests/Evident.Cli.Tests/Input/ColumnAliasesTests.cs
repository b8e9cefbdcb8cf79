using System.IO.Compression;
using Evident.Analysis.Input;
using Evident.Tests.Shared;

namespace Evident.Cli.Tests.Input;

public sealed class ColumnAliasesTests
{
    [Theory]
    [InlineData("Experimental.mean", "m1i")]
    [InlineData("experimental_sd", "sd1i")]
    [InlineData("Experimental N", "n1i")]
    [InlineData("Experimental.cases", "ai")]
    [InlineData("Control.cases", "ci")]
    [InlineData("Control.SD", "sd2i")]
    [InlineData("GIV.Mean", "yi")]
    [InlineData("GIV.SE", "sei")]
    [InlineData("O.E", "oei")]
    [InlineData("Variance", "vari")]
    [InlineData("Applicability", "applicability")]
    [InlineData("tpos", "ai")]
    [InlineData("cneg", "di")]
    [InlineData("SD1I", "sd1i")]
    [InlineData("q1_1i", "q1_1i")]
    [InlineData("Experimental.median", "med1i")]
    [InlineData("Study.name", "study")]
    [InlineData("Analysis.name", "outcome")]
    public void Resolve_FriendlyAndRevManHeaders(string header, string field)
        => Assert.Equal(field, ColumnAliases.Resolve(header));

    [Theory]
    [InlineData("year")]
    [InlineData("CI.start")]
    [InlineData("Weight")]
    [InlineData("ablat")]
    public void Resolve_UnknownHeaders_AreIgnored(string header) => Assert.Null(ColumnAliases.Resolve(header));

    [Fact]
    public void Resolve_Pairwise70Header_MapsTheRevManColumnsWithoutDuplicates()
    {
        var file = SharedFiles.Data("pairwise70", "pairwise70.csv.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
        var header = CsvText.Parse(reader.ReadLine()!, ',')[0].Fields;

        var mapped = header.Select(h => (Header: h, Field: ColumnAliases.Resolve(h))).Where(m => m.Field is not null).ToList();

        Assert.Equal(mapped.Count, mapped.Select(m => m.Field).Distinct().Count());
        foreach (var (h, field) in new[]
        {
            ("Study", "study"), ("Analysis.name", "outcome"), ("Experimental.cases", "ai"), ("Experimental.N", "n1i"),
            ("Control.cases", "ci"), ("Control.N", "n2i"), ("Experimental.mean", "m1i"), ("Experimental.SD", "sd1i"),
            ("Control.mean", "m2i"), ("Control.SD", "sd2i"), ("GIV.Mean", "yi"), ("GIV.SE", "sei"), ("O.E", "oei"), ("Variance", "vari"),
            ("Applicability", "applicability"),
        })
        {
            Assert.Contains((h, (string?)field), mapped);
        }
    }
}
