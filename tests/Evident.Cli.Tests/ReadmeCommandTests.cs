using System.Text.RegularExpressions;

namespace Evident.Cli.Tests;

/// <summary>
/// The <c>./evident</c> commands in the README and the examples' READMEs work from a fresh clone placed anywhere: the
/// repository files they name exist, a command that reads the data folder <c>../shared</c> (not part of the
/// repository) says so in the text just before it, and none leaves a half-written file behind from a shell redirect.
/// </summary>
public sealed partial class ReadmeCommandTests
{
    /// <summary>One command of a fenced code block, with its file, line and the prose between the previous block and its own.</summary>
    public sealed record Command(string File, int Line, string Text, string ProseBefore)
    {
        public override string ToString() => $"{File}:{Line}: {Text}";
    }

    /// <summary>A path into the repository: a token starting with one of its top-level folders.</summary>
    [GeneratedRegex(@"^(examples|docs|tests|src|benchmarks|tools)/\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPath();

    /// <summary>A stdout redirect to a file (not <c>2&gt;</c>, not <c>&gt;&gt;</c>).</summary>
    [GeneratedRegex(@"(?<![0-9>&])>\s*(?<file>[^\s|;&>]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Redirect();

    public static TheoryData<string> Readmes()
    {
        var files = new TheoryData<string> { "README.md" };
        foreach (var file in Directory.EnumerateFiles(Repo.Path("examples"), "README.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(Repo.Root, file).Replace('\\', '/'));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void Commands_NameRepositoryFilesThatExist(string readme)
    {
        var missing = Commands(readme)
            .SelectMany(c => Tokens(c.Text).Where(t => RepositoryPath().IsMatch(t) && !File.Exists(Repo.Path(t)) && !Directory.Exists(Repo.Path(t))).Select(t => $"{c}  ({t})"))
            .ToList();
        Assert.True(missing.Count == 0, "README commands name files that are not in the repository:\n" + string.Join('\n', missing));
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void CommandsReadingTheDataFolder_SaySoJustBefore(string readme)
    {
        var unannounced = Commands(readme)
            .Where(c => c.Text.Contains("../shared/", StringComparison.Ordinal) && !c.ProseBefore.Contains("`../shared`", StringComparison.Ordinal))
            .Select(c => c.ToString())
            .ToList();
        Assert.True(unannounced.Count == 0, "say in the text before the block that these need the data folder `../shared`:\n" + string.Join('\n', unannounced));
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void Redirects_RemoveTheirFileWhenTheCommandFails(string readme)
    {
        var leaky = Commands(readme)
            .Where(c => Redirect().Matches(c.Text).Any(m => !c.Text.Contains("|| rm -f " + m.Groups["file"].Value, StringComparison.Ordinal)))
            .Select(c => c.ToString())
            .ToList();
        Assert.True(leaky.Count == 0, "a failed command leaves its redirect target behind; add `|| rm -f FILE` or use --out:\n" + string.Join('\n', leaky));
    }

    [Fact]
    public void Readme_HasCommandsToCheck()
    {
        var commands = Commands("README.md");
        Assert.Contains(commands, c => c.Text.StartsWith("./evident analyze examples/bcg/bcg.csv --measure RR", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Text.StartsWith("./evident analyze examples/nrt/nrt.csv --by Subgroup", StringComparison.Ordinal));
    }

    [Fact]
    public void Patterns_RecogniseWhatTheyCheck()
    {
        Assert.Equal(["all.csv"], Redirect().Matches("./evident analyze x.csv --format csv > all.csv").Select(m => m.Groups["file"].Value));
        Assert.Empty(Redirect().Matches("./evident analyze x.csv 2>/dev/null"));
        Assert.Empty(Redirect().Matches("./evident analyze x.csv 2>&1"));
        Assert.Matches(RepositoryPath(), "examples/bcg/bcg.csv");
        Assert.DoesNotMatch(RepositoryPath(), "../elsewhere/examples/bcg.csv");
    }

    /// <summary>The <c>./evident</c> commands of a Markdown file's fenced code blocks (continuation lines joined).</summary>
    private static List<Command> Commands(string readme)
    {
        var lines = File.ReadAllLines(Repo.Path(readme.Split('/')));
        var commands = new List<Command>();
        var prose = new List<string>();
        var inBlock = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                if (inBlock)
                {
                    prose.Clear();
                }

                inBlock = !inBlock;
                continue;
            }

            if (!inBlock)
            {
                prose.Add(line);
                continue;
            }

            if (!line.StartsWith("./evident ", StringComparison.Ordinal))
            {
                continue;
            }

            var start = i + 1;
            var text = line;
            while (text.EndsWith('\\') && i + 1 < lines.Length)
            {
                text = text[..^1].TrimEnd() + " " + lines[++i].Trim();
            }

            var hash = text.IndexOf(" #", StringComparison.Ordinal);
            commands.Add(new Command(readme, start, (hash < 0 ? text : text[..hash]).TrimEnd(), string.Join('\n', prose)));
        }

        return commands;
    }

    private static IEnumerable<string> Tokens(string command) => command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim('"', '\''));
}
