using System.Reflection;
using System.Text.RegularExpressions;
using Evident.Tests.Shared;
using Xunit.Sdk;
using Xunit.v3;

namespace Evident.Cli.Tests;

/// <summary>
/// Every test that reads <c>../shared</c> goes through <c>tests/Shared/SharedFiles.cs</c>, so that a clone without the
/// folder skips those tests (and CI, which has it, fails them): no other test source builds a path into it, and the
/// helper refuses to be called from a static initialiser or theory data, where a skip would become a failure.
/// </summary>
public sealed partial class SharedFilesTests
{
    /// <summary>The helper, and this file (whose samples show what is forbidden).</summary>
    private static readonly string[] Exempt = [Path.Combine("tests", "Shared", "SharedFiles.cs"), Path.Combine("tests", "Evident.Cli.Tests", "SharedFilesTests.cs")];

    /// <summary>A string literal naming the folder as a path segment (<c>"shared"</c>) or a file in it (<c>"../shared/seed/x.txt"</c>).</summary>
    [GeneratedRegex("""@?"(shared"|\.\.[/\\]{1,2}shared[/\\]{1,2}[^"]*\.[A-Za-z]+")""", RegexOptions.CultureInvariant)]
    private static partial Regex SharedLiteral();

    [Fact]
    public void OnlyTheHelper_LocatesTheSharedFolder()
    {
        var offenders = Offenders(SharedLiteral());
        Assert.True(offenders.Count == 0, "build ../shared paths with SharedFiles (tests/Shared) only:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void ReadingFromAStaticInitialiser_Fails_WhetherOrNotTheFileExists()
    {
        var error = Assert.Throws<TypeInitializationException>(() => ReadsAtTypeLoad.Page);
        Assert.IsType<FailException>(error.InnerException);
    }

    [Fact]
    public async Task ReadingFromTheoryData_Fails_WhetherOrNotTheFileExists()
    {
        var method = typeof(SharedFilesTests).GetMethod(nameof(ReadingFromTheoryData_Fails_WhetherOrNotTheFileExists))!;
        await Assert.ThrowsAsync<FailException>(async () => await new ReadsSharedDataAttribute().GetData(method, new DisposalTracker()));
    }

    [Fact]
    public void Pattern_RecognisesWhatItForbids()
    {
        Assert.Matches(SharedLiteral(), """Path.Combine(Root, "..", "shared", "data")""");
        Assert.Matches(SharedLiteral(), """File.ReadAllText("../shared/seed/page.txt")""");
        Assert.DoesNotMatch(SharedLiteral(), """Assert.Single(scan.SharedControls, "shared-control")""");
        Assert.DoesNotMatch(SharedLiteral(), """text.Contains("../shared/", StringComparison.Ordinal)""");
    }

    /// <summary>The lines of test sources (comments left out) that match, as <c>path:line</c>.</summary>
    private static List<string> Offenders(Regex pattern)
    {
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Repo.Path("tests"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repo.Root, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (Exempt.Contains(relative) || parts.Contains("bin") || parts.Contains("obj"))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].TrimStart();
                if (!code.StartsWith("//", StringComparison.Ordinal) && pattern.IsMatch(code))
                {
                    offenders.Add($"{relative}:{i + 1}: {code}");
                }
            }
        }

        return offenders;
    }

    /// <summary>Reads the seed page while the type is initialised: what the helper refuses.</summary>
    private static class ReadsAtTypeLoad
    {
        public static readonly string Page;

        static ReadsAtTypeLoad()
        {
            Page = SharedFiles.Seed("000_1b15d442372d1c75.txt");
        }
    }

    /// <summary>Reads Pairwise70 while theory data is enumerated: what the helper refuses.</summary>
    private sealed class ReadsSharedDataAttribute : DataAttribute
    {
        public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
        {
            var file = SharedFiles.Data("pairwise70", "pairwise70.csv.gz");
            return new([new TheoryDataRow(file)]);
        }

        public override bool SupportsDiscoveryEnumeration() => true;
    }
}
