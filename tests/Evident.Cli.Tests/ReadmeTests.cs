using System.Reflection;
using Evident.Analysis;
using Evident.Analysis.Input;
using Evident.Core;

namespace Evident.Cli.Tests;

/// <summary>The README lists every issue code and every header alias, so it cannot drift from the code.</summary>
public sealed class ReadmeTests
{
    private static readonly string ReadmeText = File.ReadAllText(Repo.Path("README.md"));

    public static TheoryData<string> Codes()
    {
        var codes = new TheoryData<string>();
        foreach (var type in new[] { typeof(IssueCodes), typeof(AnalysisIssueCodes) })
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            {
                codes.Add((string)field.GetRawConstantValue()!);
            }
        }

        return codes;
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Readme_ListsIssueCode(string code) => Assert.Contains($"| `{code}` |", ReadmeText, StringComparison.Ordinal);

    [Fact]
    public void Readme_ListsEveryStatisticAndArmWord()
    {
        foreach (var word in ColumnAliases.Statistics.SelectMany(s => s.Words).Concat(ColumnAliases.Group1).Concat(ColumnAliases.Group2))
        {
            Assert.True(ReadmeText.Contains($"`{word}`", StringComparison.Ordinal), $"README lacks the header word {word}");
        }
    }

    [Fact]
    public void Readme_ListsEveryHeaderAlias()
    {
        foreach (var (field, aliases) in ColumnAliases.Table)
        {
            foreach (var alias in aliases)
            {
                Assert.True(ReadmeText.Contains($"`{alias}`", StringComparison.Ordinal), $"README lacks alias {alias} of {field}");
            }
        }
    }
}
