using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Evident.Cli.Tests;

/// <summary>What one in-process run of the command produced.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The JSON document on stdout (fails the test if stdout is anything else).</summary>
    public JsonElement Json() => JsonDocument.Parse(Output).RootElement;

    /// <summary>The issues of the JSON document with the given code.</summary>
    public List<JsonElement> Issues(string code) => [.. Json().GetProperty("issues").EnumerateArray().Where(i => i.GetProperty("code").GetString() == code)];

    /// <summary>The single issue with the given code.</summary>
    public JsonElement Issue(string code)
    {
        var issues = Issues(code);
        Assert.True(issues.Count == 1, $"expected one '{code}' issue, found {issues.Count}:\n{Output}\n{Error}");
        return issues[0];
    }

    /// <summary>The outcomes of the JSON document.</summary>
    public List<JsonElement> Outcomes() => [.. Json().GetProperty("outcomes").EnumerateArray()];
}

/// <summary>Runs <c>evident</c> in-process with captured writers, as System.CommandLine's own tests do.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = EvidentCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs <paramref name="action"/> with a culture as current culture (and UI culture), then restores them.</summary>
    public static T WithCulture<T>(string culture, Func<T> action)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }
}

/// <summary>A temporary folder for test CSVs, deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = Directory.CreateTempSubdirectory("evident-cli-tests-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes a file (text as given, UTF-8 without BOM) and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Paths in the repository and beside it.</summary>
internal static class Repo
{
    /// <summary>The repository root (found from this source file's path, so it works from any output folder).</summary>
    public static string Root { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(ThisDirectory(), "..", ".."));

    /// <summary>A path under the repository root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string ThisDirectory([CallerFilePath] string path = "") => System.IO.Path.GetDirectoryName(path)!;
}

/// <summary>
/// Golden-file comparison for text output: compares with <c>Golden/NAME.txt</c>; on a mismatch writes
/// <c>Golden/NAME.received.txt</c> beside it and fails. Accept a deliberate change by copying the received file over
/// the golden one, or by running the tests with <c>GOLDEN_ACCEPT=1</c>.
/// </summary>
internal static class Golden
{
    public static void Assert(string actual, string name)
        => Evident.Tests.Shared.GoldenFile.Assert(actual, Repo.Path("tests", "Evident.Cli.Tests", "Golden"), name, "txt");
}

/// <summary>Assertions on JSON issues.</summary>
internal static class IssueAssert
{
    /// <summary>Asserts the issue's row and column.</summary>
    public static void AssertAt(this JsonElement issue, int row, string column)
    {
        Assert.Equal(row, issue.GetProperty("row").GetInt32());
        Assert.Equal(column, issue.GetProperty("column").GetString());
    }
}
