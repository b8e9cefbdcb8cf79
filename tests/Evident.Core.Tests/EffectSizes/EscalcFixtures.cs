using System.Text.Json;
using Evident.Core.EffectSizes;

namespace Evident.Core.Tests.EffectSizes;

/// <summary>One metafor <c>escalc</c> call written by <c>tests/fixtures/R/escalc.R</c>: inputs, options and expected yi/vi.</summary>
internal sealed record EscalcCase(
    string File,
    string Name,
    EffectMeasure Measure,
    EscalcOptions Options,
    IReadOnlyList<StudyInput> Studies,
    IReadOnlyList<double?> Yi,
    IReadOnlyList<double?> Vi);

/// <summary>Reads the escalc fixtures (never needs R).</summary>
internal static class EscalcFixtures
{
    private static readonly Lazy<IReadOnlyList<EscalcCase>> AllValue = new(Load);

    public static IReadOnlyList<EscalcCase> All => AllValue.Value;

    public static string Directory => Path.Combine(RepoRoot(), "tests", "fixtures", "escalc");

    /// <summary>
    /// The folder holding Evident.slnx, found by walking up from the test binaries (or, when they are built elsewhere
    /// with --artifacts-path, from the working directory or this source file).
    /// </summary>
    public static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Evident.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Evident.slnx not found above " + AppContext.BaseDirectory);
    }

    public static EscalcCase Get(string file, string name) =>
        All.Single(c => c.File == file && c.Name == name);

    /// <summary>Values of a JSON array (or a scalar, which jsonlite writes for length-1 vectors); null stays null.</summary>
    public static double?[] Numbers(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? element.EnumerateArray().Select(Number).ToArray()
        : [Number(element)];

    private static double? Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();

    private static List<EscalcCase> Load()
    {
        var cases = new List<EscalcCase>();
        foreach (var path in System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (!doc.RootElement.TryGetProperty("cases", out var list))
            {
                continue;
            }

            var file = Path.GetFileNameWithoutExtension(path);
            foreach (var c in list.EnumerateArray())
            {
                var inputs = c.GetProperty("inputs").EnumerateObject().ToDictionary(p => p.Name, p => Numbers(p.Value));
                var k = inputs.Values.First().Length;
                var studies = Enumerable.Range(0, k).Select(i => ToStudy(inputs, i)).ToArray();
                var options = new EscalcOptions
                {
                    Add = c.GetProperty("add").GetDouble(),
                    To = c.GetProperty("to").GetString() switch
                    {
                        "only0" => ContinuityTarget.Only0,
                        "all" => ContinuityTarget.All,
                        "if0all" => ContinuityTarget.If0All,
                        _ => ContinuityTarget.None,
                    },
                    Drop00 = c.GetProperty("drop00").GetBoolean(),
                    CorrectArcsineProportions = c.GetProperty("add_explicit").GetBoolean(),
                };
                cases.Add(new EscalcCase(
                    file,
                    c.GetProperty("name").GetString()!,
                    Enum.Parse<EffectMeasure>(c.GetProperty("measure").GetString()!),
                    options,
                    studies,
                    Numbers(c.GetProperty("yi")),
                    Numbers(c.GetProperty("vi"))));
            }
        }

        return cases;
    }

    private static StudyInput ToStudy(Dictionary<string, double?[]> inputs, int i)
    {
        return StudyInput.FromFields(
            (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            name => inputs.TryGetValue(name, out var values) ? values[i] : null);
    }
}
