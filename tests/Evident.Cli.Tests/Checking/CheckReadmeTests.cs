using Evident.Evidence.Checking;

namespace Evident.Cli.Tests.Checking;

/// <summary>README's "Accuracy review" table lists every finding code with its severity, so it cannot drift from the code.</summary>
public sealed class CheckReadmeTests
{
    public static TheoryData<string, string> Codes()
    {
        var data = new TheoryData<string, string>();
        foreach (var (code, severity) in FindingCodes.All)
        {
            data.Add(code, Finding.Name(severity).Replace('-', ' '));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Readme_ListsFindingCode_WithItsSeverity(string code, string severity)
        => Assert.Contains($"| `{code}` | {severity} |", File.ReadAllText(Repo.Path("README.md")), StringComparison.Ordinal);

    [Fact]
    public void EveryFindingCode_IsInTheTable()
    {
        var constants = typeof(FindingCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order();
        Assert.Equal(constants, FindingCodes.All.Select(c => c.Code).Order());
    }
}
