namespace Evident.Cli.Tests;

/// <summary>
/// Usage errors behave alike in every command: exit 2, a short message (never the whole help) with the nearest option,
/// command or value, and nothing on stdout.
/// </summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data() => _dir.Write("a.csv", "study,yi,vi\nA,1,1\nB,2,1\n");

    public static TheoryData<string[], string> Typos() => new()
    {
        { ["analyze", "FILE", "--meausre", "RR"], "'--measure'" },
        { ["analyze", "FILE", "--metod", "DL"], "'--method'" },
        { ["analyze", "FILE", "--method", "reml2"], "REML" },
        { ["analyze", "FILE", "--format", "jsno"], "json" },
        { ["anlyze", "FILE"], "'analyze'" },
        { ["plot", "forst", "FILE", "--out", "x.svg"], "'forest'" },
        { ["plot", "forest", "FILE", "--ot", "x.svg"], "'--out'" },
        { ["plot", "rob", "FILE", "--out", "x.svg", "--kind", "sumary"], "summary" },
        { ["report", "FILE", "--biass"], "'--bias'" },
        { ["summarize", "FILE", "--abuot", "x.json"], "'--about'" },
        { ["check", "s.md", "--agains", "x.json"], "'--against'" },
        { ["sensitivity", "FILE", "--gosh-subset", "10"], "'--gosh-subsets'" },
    };

    [Theory]
    [MemberData(nameof(Typos))]
    public void Typo_Is2_WithAShortMessageAndTheNearestName(string[] args, string suggestion)
    {
        var data = Data();
        var result = Cli.Run([.. args.Select(a => a == "FILE" ? data : a == "x.svg" ? Path.Combine(_dir.Path, a) : a)]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains(suggestion, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", result.Error, StringComparison.Ordinal);
        Assert.True(result.Error.Trim().Split('\n').Length <= 3, result.Error);
    }

    [Theory]
    [InlineData("plot")]
    [InlineData("plot", "--bogus")]
    [InlineData("plot", "pie", "a.csv")]
    public void GroupingCommand_WithoutAKnownSubcommand_Is2_AndListsTheCommands(params string[] args)
    {
        var result = Cli.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("Usage:", result.Error, StringComparison.Ordinal);
        Assert.True(result.Error.Trim().Split('\n').Length <= 3, result.Error);
    }

    [Fact]
    public void UnknownOptionFarFromAnyName_Is2_WithoutASuggestion()
    {
        var result = Cli.Run("analyze", Data(), "--zzzzzzzz");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("did you mean", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--meausre", "--measure", 1)]
    [InlineData("forst", "forest", 1)]
    [InlineData("REML", "reml", 0)]
    [InlineData("ab", "ba", 1)]
    [InlineData("kitten", "sitting", 3)]
    public void Distance_IsTheOptimalStringAlignmentDistance(string a, string b, int expected)
        => Assert.Equal(expected, Suggestions.Distance(a.ToLowerInvariant(), b.ToLowerInvariant()));

    [Theory]
    [InlineData("--meas", "--measure")]
    [InlineData("reml2", "REML")]
    [InlineData("xyz", null)]
    public void Closest_IsANearNameOrTheOnlyOneBegun(string typed, string? expected)
        => Assert.Equal(expected, Suggestions.Closest(typed, ["--measure", "--method", "REML", "DL", "--level"]));

    [Theory]
    [InlineData("plot", "forest")]
    [InlineData("plot", "rob")]
    [InlineData("plot", "prisma")]
    [InlineData("report")]
    [InlineData("summarize")]
    public void OutputAlias_TakesTheSameFileAsOut(params string[] command)
    {
        // Both spellings reach the command: a name it does not accept is the same usage error under either.
        foreach (var name in new[] { "--out", "--output", "-o" })
        {
            var result = Cli.Run([.. command, Data(), name, Path.Combine(_dir.Path, "x.unknown")]);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("x.unknown", result.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OutputAlias_WritesThePicture()
    {
        var file = Path.Combine(_dir.Path, "f.svg");

        var result = Cli.Run("plot", "forest", Repo.Path("examples", "bcg", "bcg.csv"), "--measure", "RR", "--output", file);

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(file));
    }
}
