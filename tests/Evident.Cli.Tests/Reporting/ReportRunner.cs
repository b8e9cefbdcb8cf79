using System.Text.Json;
using System.Text.RegularExpressions;

namespace Evident.Cli.Tests.Reporting;

/// <summary>Runs <c>evident report</c> into a temporary folder and reads what it wrote.</summary>
internal sealed partial class ReportRunner : IDisposable
{
    private readonly TempDir _dir = new();

    public string Folder => _dir.Path;

    public static string Bcg => Repo.Path("examples", "bcg", "bcg.csv");

    public static string Normand => Repo.Path("examples", "normand1999", "normand1999.csv");

    /// <summary>A path in the folder.</summary>
    public string PathOf(string name) => Path.Combine(_dir.Path, name);

    /// <summary>Writes a file into the folder.</summary>
    public string Write(string name, string text) => _dir.Write(name, text);

    /// <summary>Runs <c>evident report INPUT ARGS --out FOLDER/NAME</c> for each output name.</summary>
    public CliResult Run(string input, string[] outputs, params string[] args)
        => Cli.Run(["report", input, .. args, .. outputs.SelectMany(o => new[] { "--out", PathOf(o) })]);

    /// <summary>The JSON report of <paramref name="input"/> with <paramref name="args"/> (fails the test if the run fails).</summary>
    public JsonElement Json(string input, params string[] args)
    {
        var name = $"report-{Guid.NewGuid():N}.json";
        var result = Run(input, [name], args);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(File.ReadAllText(PathOf(name))).RootElement;
    }

    /// <summary>The methods paragraph for <paramref name="input"/> with <paramref name="args"/>.</summary>
    public string Methods(string input, params string[] args) => Json(input, args).GetProperty("report").GetProperty("methods").GetString()!;

    /// <summary>The text of a written file.</summary>
    public string Read(string name) => File.ReadAllText(PathOf(name));

    /// <summary>The run's date and time replaced by a placeholder, so a report can be compared with a golden file.</summary>
    public static string WithoutDate(string text) => DateLine().Replace(text, "YYYY-MM-DD HH:MM UTC");

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")]
    private static partial Regex DateLine();

    public void Dispose() => _dir.Dispose();
}
