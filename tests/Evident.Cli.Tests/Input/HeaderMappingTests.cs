using Evident.Analysis.Input;

using Evident.Tests.Shared;

namespace Evident.Cli.Tests.Input;

/// <summary>
/// Headers as people and tools write them: RevMan's and meta's names, a statistic with an arm word in either order,
/// columns named after the arms, <c>--map</c>, and the message when columns are missing.
/// </summary>
public sealed class HeaderMappingTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("Study or Subgroup", "study")]
    [InlineData("Experimental Events", "ai")]
    [InlineData("Experimental Total", "n1i")]
    [InlineData("Control Total", "n2i")]
    [InlineData("N control", "n2i")]
    [InlineData("Events 1", "ai")]
    [InlineData("Total 2", "n2i")]
    [InlineData("Mean 1", "m1i")]
    [InlineData("SD 2", "sd2i")]
    [InlineData("Intervention SD", "sd1i")]
    [InlineData("mean_placebo", "m2i")]
    [InlineData("sd.t", "sd1i")]
    [InlineData("nt", "n1i")]
    [InlineData("meanc", "m2i")]
    [InlineData("No. of participants (intervention)", "n1i")]
    [InlineData("Effect size", "yi")]
    [InlineData("Standard error", "sei")]
    [InlineData("Lower 95% CI", "ci_lb")]
    [InlineData("95% CI upper", "ci_ub")]
    [InlineData("Non-events treatment", "bi")]
    public void NaturalAndRevManHeaders_Resolve(string header, string field) => Assert.Equal(field, ColumnAliases.Resolve(header));

    [Theory]
    [InlineData("cm")]
    [InlineData("1n")]
    [InlineData("Subgroup.number")]
    [InlineData("Effect Estimate")]
    [InlineData("CI Start")]
    [InlineData("Year of study")]
    public void LookalikeHeaders_AreNotInputs(string header) => Assert.Null(ColumnAliases.Resolve(header));

    [Fact]
    public void ColumnsNamedAfterTheArms_AreReadByTheirRoles_WithANote()
    {
        var file = _dir.Write("rmt.csv", "Study,Mean RMT,SD RMT,N RMT,Mean control,SD control,N control\nA,10,2,20,8,2,20\nB,12,3,15,9,3,16\n");

        var result = Cli.Run("analyze", file, "--measure", "MD", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        result.Issue("columns-inferred");
        Assert.Equal(2, result.Outcomes()[0].GetProperty("k").GetInt32());
        Assert.Equal(2.0, result.Outcomes()[0].GetProperty("studies")[0].GetProperty("yi").GetDouble(), 12);
    }

    [Fact]
    public void Map_NamesColumnsNoAliasKnows()
    {
        var file = _dir.Write("odd.csv", "Trial,Xa,Xb,Ya,Yb\nA,10,20,12,22\nB,5,30,9,31\n");

        var result = Cli.Run("analyze", file, "--measure", "RR", "--format", "json", "--map", "Xa=ai", "--map", "Xb=n1i,Ya=ci", "--map", "Yb = n2i");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.Outcomes()[0].GetProperty("k").GetInt32());
        Assert.Equal(["Xa=ai", "Xb=n1i", "Ya=ci", "Yb=n2i"], result.Json().GetProperty("settings").GetProperty("map").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Map_OfAHeaderNotInTheFile_IsAnError()
    {
        var file = _dir.Write("odd.csv", "Trial,yi,vi\nA,0.1,0.02\n");

        var result = Cli.Run("analyze", file, "--format", "json", "--map", "Nope=yi");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Nope", result.Issue("missing-column").GetProperty("column").GetString());
    }

    [Theory]
    [InlineData("Xa")]
    [InlineData("Xa=nonsense")]
    [InlineData("=ai")]
    public void Map_ThatIsNotHeaderEqualsField_IsAUsageError(string map)
        => Assert.Equal(2, Cli.Run("analyze", "x.csv", "--map", map).ExitCode);

    [Fact]
    public void MissingColumns_NameTheHeadersFound_AndTheNearestOne()
    {
        var file = _dir.Write("smd.csv", "Study,Mean E,SD E,N E,Mean C,SDev C,N C\nA,10,2,20,8,2,20\n");

        var result = Cli.Run("analyze", file, "--measure", "SMD", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        var issue = result.Issue("missing-column");
        Assert.Equal("sd2i", issue.GetProperty("column").GetString());
        var message = issue.GetProperty("message").GetString()!;
        Assert.Contains("\"SDev C\"", message, StringComparison.Ordinal); // the headers found
        Assert.Contains("--map \"SDev C=sd2i\"", message, StringComparison.Ordinal); // the nearest header, as a --map
    }

    [Fact]
    public void RevManAndMetaFiles_InSharedData_MapTheirInputColumns()
    {
        using var reader = new StreamReader(SharedFiles.Data("guido-s__meta", "inst", "extdata", "Fleiss1993_CR.csv"));
        var header = CsvText.Parse(reader.ReadLine()!, ',')[0].Fields;

        var mapped = header.Select(h => (h, ColumnAliases.Resolve(h))).Where(m => m.Item2 is not null).ToList();

        Assert.Equal(
            [("Name", "study"), ("Events 1", "ai"), ("Mean 1", "m1i"), ("SD 1", "sd1i"), ("Total 1", "n1i"), ("Events 2", "ci"), ("Mean 2", "m2i"),
                ("SD 2", "sd2i"), ("Total 2", "n2i"), ("SE", "sei")],
            mapped);
    }
}
