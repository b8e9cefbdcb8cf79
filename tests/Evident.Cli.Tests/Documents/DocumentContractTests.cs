using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Evident.Analysis.Documents;
using Evident.Analysis.Input;
using Evident.Analysis.Output;

namespace Evident.Cli.Tests.Documents;

/// <summary>
/// The analysis JSON as a typed contract (<see cref="AnalysisDocument"/>): what the command writes reads back into the
/// records with nothing left over and writes again to the same bytes, and the CSV columns are the records' JSON fields.
/// </summary>
public sealed class DocumentContractTests : IDisposable
{
    private static readonly string Bcg = Repo.Path("examples", "bcg", "bcg.csv");
    private static readonly string Normand = Repo.Path("examples", "normand1999", "normand1999.csv");

    /// <summary>The contract's options, refusing any member the records do not have.</summary>
    private static readonly JsonSerializerOptions Strict = new(DocumentJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Runs of every shape: what only some outcomes have, batch keys and summary, issues, nulls for NaN.</summary>
    private string[] Run(string name) => name switch
    {
        "plain" => ["analyze", Bcg, "--measure", "RR"],
        "auto" => ["analyze", Bcg],
        "subgroups" => ["analyze", Bcg, "--measure", "RR", "--subgroup", "alloc", "--tau2-common"],
        "regression" => ["analyze", Bcg, "--measure", "RR", "--mods", "ablat + factor(alloc)", "--newmods", "ablat=20,alloc=random;ablat=40,alloc=systematic", "--test", "knha"],
        "mantel-haenszel" => ["analyze", Bcg, "--measure", "OR", "--method", "MH"],
        "peto" => ["analyze", Bcg, "--measure", "OR", "--method", "PETO"],
        "person-time" => ["analyze", _dir.Write("irr.csv", "study,x1i,t1i,x2i,t2i\nA,5,1000,9,1100\nB,3,800,7,750\nC,12,2000,15,2100\n"), "--measure", "IRR", "--method", "MH"],
        "shared-control" => ["analyze", _dir.Write("multi.csv", "study,ai,n1i,ci,n2i\nMulti,4,40,8,40\nMulti,6,42,8,40\nTwo,5,50,9,51\n"), "--measure", "RR", "--split-shared-control"],
        "bias" => ["bias", Normand, "--measure", "SMD"],
        "sensitivity" => ["sensitivity", Bcg, "--measure", "RR", "--order", "year", "--gosh"],
        "batch" => ["analyze", _dir.Write("batch.csv", "outcome,study,yi,vi\nPain \"severe\",Müller 2001,0.5,0.1\nPain \"severe\",Ünal 2003,0.2,0.05\nSolo,X,0.3,0.2\nBad,Y,x,0.1\nBad,Z,0.2,0.02\n"),
            "--measure", "GEN", "--by", "outcome"],
        "bad-rows" => ["analyze", _dir.Write("bad.csv", "study,yi,vi\nA,1,0.1\nB,x,0.2\nC,0.5,0.3\n")],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static TheoryData<string> Runs() => ["plain", "auto", "subgroups", "regression", "mantel-haenszel", "peto", "person-time", "shared-control", "bias", "sensitivity", "batch", "bad-rows"];

    [Theory]
    [MemberData(nameof(Runs))]
    public void Json_ReadsIntoTheRecordsWithNothingLeftOver_AndWritesTheSameBytes(string run)
    {
        var text = Cli.Run([.. Run(run), "--format", "json"]).Output;

        var document = JsonSerializer.Deserialize(text, (JsonTypeInfo<AnalysisDocument>)Strict.GetTypeInfo(typeof(AnalysisDocument)));
        Assert.NotNull(document);
        Assert.Equal(text, Write(document));

        var read = AnalysisDocument.Read(text, "run.json");
        Assert.Null(read.Error);
        Assert.Equal(text, Write(read.Document!));
    }

    [Fact]
    public void ReportJson_ReadsIntoItsRecordWithNothingLeftOver_AndWritesTheSameBytes()
    {
        var path = Path.Combine(_dir.Path, "r.json");
        Assert.Equal(0, Cli.Run("report", Bcg, "--measure", "RR", "--subgroup", "alloc", "--bias", "--sensitivity", "--out", path).ExitCode);
        var text = File.ReadAllText(path);

        var report = JsonSerializer.Deserialize(text, (JsonTypeInfo<ReportJsonDocument>)Strict.GetTypeInfo(typeof(ReportJsonDocument)));
        Assert.NotNull(report);
        Assert.Equal(text, JsonSerializer.Serialize(report, DocumentJson.Report) + "\n");

        // And as an analysis: the report's own fields are left aside, the I² words kept.
        var analysis = AnalysisDocument.Read(text, path).Document!;
        Assert.Equal(report.Outcomes[0].I2Interpretation, analysis.Outcomes[0].I2Interpretation);
        Assert.Equal("report", analysis.Settings.Format);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("bias")]
    [InlineData("sensitivity")]
    public void CsvHeader_IsTheFlatteningOfTheRecordsMetadata(string command)
    {
        var csv = Cli.Run(command, Bcg, "--measure", "RR", "--format", "csv").Output;
        var expected = command switch
        {
            "bias" => [.. Columns(DocumentJson.Outcome), .. Columns(DocumentJson.Bias)],
            "sensitivity" => [.. Columns(DocumentJson.Outcome).Take(2), .. Columns(DocumentJson.SensitivityStudy)],
            _ => Columns(DocumentJson.Outcome).ToArray(),
        };
        Assert.Equal(expected, CsvText.Parse(csv, ',')[0].Fields);
        Assert.Equal(["outcome", "measure"], expected.Take(2));
    }

    [Theory]
    [InlineData("subgroups")]
    [InlineData("regression")]
    [InlineData("mantel-haenszel")]
    [InlineData("batch")]
    public void CsvCells_AreTheJsonValues(string run)
    {
        var json = Cli.Run([.. Run(run), "--format", "json"]).Json();
        var csv = CsvText.Parse(Cli.Run([.. Run(run), "--format", "csv"]).Output, ',');
        var keys = json.GetProperty("settings").GetProperty("by") is { ValueKind: JsonValueKind.Array } by ? by.GetArrayLength() : 0;
        var outcomes = json.GetProperty("outcomes").EnumerateArray().ToList();
        Assert.Equal(outcomes.Count, csv.Count - 1);
        for (var i = 0; i < outcomes.Count; i++)
        {
            var row = csv[i + 1].Fields;
            for (var c = keys; c < row.Count; c++)
            {
                var name = csv[0].Fields[c];
                Assert.True(Same(JsonValue(outcomes[i], name), row[c]), $"outcome {i}, {name}: JSON {JsonValue(outcomes[i], name)}, CSV {row[c]}");
            }
        }
    }

    [Fact]
    public void EveryRecordWithAGroup_IsKnownToTheModifier()
    {
        var grouped = typeof(AnalysisDocument).Assembly.GetTypes()
            .Where(t => t.GetProperties().Any(p => p.IsDefined(typeof(JsonPresentWithAttribute), inherit: false)));
        Assert.Equal(grouped.OrderBy(t => t.Name), DocumentJson.Groups.Keys.OrderBy(t => t.Name));
        Assert.Equal(("qm", "k_regression"), DocumentJson.Groups[typeof(OutcomeDocument)].Single(g => g.Member == "qm"));
    }

    [Fact]
    public void Read_LocatesTextThatIsNotJson_AndValuesOfTheWrongType()
    {
        var broken = AnalysisDocument.Read("{\"outcomes\": [\n  {\"k\": 3,, }\n]}", "a.json");
        Assert.Null(broken.Document);
        Assert.Equal(("invalid-json", 2, 11), (broken.Error!.Code, broken.Error.Line, broken.Error.Column));

        var wrong = AnalysisDocument.Read("{\"outcomes\": [\n  {\"k\": 3, \"estimate\": \"big\"}\n]}", "a.json");
        Assert.Null(wrong.Document);
        Assert.Equal(("invalid-document", 2, "outcomes[0].estimate"), (wrong.Error!.Code, wrong.Error.Line, wrong.Error.Path));
        Assert.StartsWith("a.json:2:", wrong.Error.ToString(), StringComparison.Ordinal);

        var nullList = AnalysisDocument.Read("{\"outcomes\": [{\"studies\": null}]}", "a.json");
        Assert.Equal(("invalid-document", "outcomes[0].studies"), (nullList.Error!.Code, nullList.Error.Path));
    }

    [Fact]
    public void Read_TakesAPartialDocument_LeavingOutWhatItLacks()
    {
        var read = AnalysisDocument.Read("""{"outcomes": [{"measure": "RR", "estimate": -0.7, "tau2_ci": [0.1, null], "key": {"g": 1}}]}""", "a.json");
        var outcome = Assert.Single(read.Document!.Outcomes);
        Assert.Equal(("RR", -0.7, 0.1, null), (outcome.Measure, outcome.Estimate, outcome.Tau2Ci!.Value.Lower, outcome.Tau2Ci.Value.Upper));
        Assert.Equal([KeyValuePair.Create("g", "1")], outcome.Key);
        Assert.Null(outcome.K);
        Assert.Empty(outcome.Studies);
        Assert.Null(read.Document.Settings.Input);
    }

    /// <summary>
    /// The columns the records' metadata gives, stated independently of the writer: every property the JSON always
    /// writes (no condition), in order; an interval as two columns, an object as its own columns prefixed, lists left out.
    /// </summary>
    private static IEnumerable<string> Columns(JsonTypeInfo info, string prefix = "")
    {
        foreach (var property in info.Properties.OrderBy(p => p.Order).Where(p => p.ShouldSerialize is null))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var kind = info.Options.GetTypeInfo(type).Kind;
            if (type == typeof(Bounds))
            {
                yield return $"{prefix}{property.Name}_lower";
                yield return $"{prefix}{property.Name}_upper";
            }
            else if (kind == JsonTypeInfoKind.None)
            {
                yield return prefix + property.Name;
            }
            else if (kind == JsonTypeInfoKind.Object)
            {
                foreach (var column in Columns(info.Options.GetTypeInfo(type), $"{prefix}{property.Name}_"))
                {
                    yield return column;
                }
            }
        }
    }

    /// <summary>The JSON value a CSV column holds: the field, or a bound of an interval field.</summary>
    private static JsonElement JsonValue(JsonElement outcome, string column)
    {
        if (outcome.TryGetProperty(column, out var value))
        {
            return value;
        }

        var (name, bound) = column.EndsWith("_lower", StringComparison.Ordinal) ? (column[..^6], 0) : (column[..^6], 1);
        var interval = outcome.GetProperty(name);
        return interval.ValueKind == JsonValueKind.Null ? interval : interval[bound];
    }

    private static bool Same(JsonElement json, string cell) => json.ValueKind switch
    {
        JsonValueKind.Null => cell.Length == 0,
        JsonValueKind.Number => double.Parse(cell, CultureInfo.InvariantCulture) == json.GetDouble(),
        JsonValueKind.True or JsonValueKind.False => cell == (json.GetBoolean() ? "true" : "false"),
        _ => cell == json.GetString(),
    };

    private static string Write(AnalysisDocument document)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        JsonSink.Write(document, writer);
        return writer.ToString();
    }
}
