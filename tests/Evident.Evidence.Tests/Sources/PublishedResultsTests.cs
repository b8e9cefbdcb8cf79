using Evident.Evidence.Sources;

namespace Evident.Evidence.Tests.Sources;

public sealed class PublishedResultsTests
{
    private static EvidenceRead Seed() => PublishedResults.Read(File.ReadAllText(Repo.Path("examples", "rmt-ms", "rmt-ms.json")), "rmt-ms.json");

    [Fact]
    public void SeedExample_ReadsEveryAbstractNumber_WithItsPrintedDecimals()
    {
        var read = Seed();
        Assert.Empty(read.Issues);
        var source = read.Source!;
        Assert.Equal(SourceKind.Published, source.Kind);
        Assert.Equal((8, 249, 370, 5), (source.Review.Studies, source.Review.Participants, source.Review.RecordsFound, source.Review.Databases.Length));
        Assert.Equal(IncludedDesign.RandomisedTrials, source.Review.Design);
        Assert.Equal(["mep", "mip", "fev1", "fev1-fvc", "fvc"], source.Outcomes.Select(o => o.Id));

        var fev1Fvc = source.Outcome("fev1-fvc")!;
        Assert.Equal(new SourceNumber(0.52, 2), fev1Fvc.Estimate);
        Assert.Equal((0.15, 0.89), (fev1Fvc.CiLower!.Value.Value, fev1Fvc.CiUpper!.Value.Value));
        Assert.Equal(new ReportedP(new SourceNumber(0.005, 3), PRelation.Equal), fev1Fvc.P);
        Assert.Equal(new SourceNumber(0, 0), fev1Fvc.I2);
        Assert.False(fev1Fvc.IsRatio);

        var fvc = source.Outcome("fvc")!;
        Assert.Null(fvc.CiLower);
        Assert.Null(fvc.I2);
        Assert.Contains("FEV", source.Outcome("fev1")!.Aliases);
    }

    [Fact]
    public void BadValues_AreLocatedIssues_AndTheRestIsRead()
    {
        const string text = """
            {
              "review": { "participants": -3, "studdies": 4 },
              "outcomes": [
                { "name": "A", "measure": "OR", "estimate": "high", "ci": [2.0, 1.0], "p": "<0.001" },
                { "name": "B", "measure": "SMD", "estimate": 0.40, "p": 1.5, "i2": 120 },
                { "measure": "SMD" },
                { "name": "a", "measure": "SMD" }
              ]
            }
            """;
        var read = PublishedResults.Read(text, "x.json");
        var codes = read.Issues.Select(i => (i.Code, i.Path, i.Line)).ToList();
        Assert.Contains((EvidenceIssueCodes.OutOfRange, "review.participants", (int?)2), codes);
        Assert.Contains((EvidenceIssueCodes.UnknownField, "review.studdies", (int?)2), codes);
        Assert.Contains((EvidenceIssueCodes.InvalidValue, "outcomes[0].estimate", (int?)4), codes);
        Assert.Contains((EvidenceIssueCodes.OutOfRange, "outcomes[0].ci", (int?)4), codes);
        Assert.Contains((EvidenceIssueCodes.InvalidValue, "outcomes[1].p", (int?)5), codes);
        Assert.Contains((EvidenceIssueCodes.OutOfRange, "outcomes[1].i2", (int?)5), codes);
        Assert.Contains((EvidenceIssueCodes.MissingField, "outcomes[2]", (int?)6), codes);
        Assert.Contains((EvidenceIssueCodes.DuplicateOutcome, "outcomes[3].name", (int?)7), codes);

        var source = read.Source!;
        Assert.Equal(["a", "b"], source.Outcomes.Select(o => o.Id));
        var a = source.Outcomes[0];
        Assert.True(a.IsRatio);
        Assert.Null(a.Estimate);
        Assert.Equal(PRelation.Less, a.P!.Value.Relation);
        Assert.Equal(new SourceNumber(0.40, 2), source.Outcomes[1].Estimate);
        Assert.Equal("x.json:4:", read.Issues.First(i => i.Path == "outcomes[0].estimate").ToString()[..9]);
    }

    [Fact]
    public void NotJson_IsOneLocatedIssue()
    {
        var read = PublishedResults.Read("{\n  \"outcomes\": [ 1, \n}", "bad.json");
        var issue = Assert.Single(read.Issues);
        Assert.Equal(EvidenceIssueCodes.InvalidJson, issue.Code);
        Assert.Equal(3, issue.Line);
        Assert.Null(read.Source);
    }

    /// <summary>
    /// Every value of the seed file replaced by a value of every other JSON type (the class of "review.reported is not
    /// an object"): never an exception, the file still read, and every issue located at a line and column.
    /// </summary>
    [Fact]
    public void EveryWrongJsonType_AtEveryPath_IsALocatedIssue()
    {
        var seed = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Repo.Path("examples", "rmt-ms", "rmt-ms.json")),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        string[] wrong = ["5", "\"text\"", "[1, [2], {}]", "{\"a\": 1}", "true", "null", "-1e308", "\"\\u0000\\n\""];
        var paths = Paths(seed).ToList();
        Assert.True(paths.Count > 50);
        foreach (var path in paths)
        {
            foreach (var value in wrong)
            {
                var copy = seed.DeepClone();
                var parent = Navigate(copy, path[..^1]);
                var replacement = System.Text.Json.Nodes.JsonNode.Parse(value);
                if (path[^1] is int index)
                {
                    parent!.AsArray()[index] = replacement;
                }
                else
                {
                    parent!.AsObject()[(string)path[^1]] = replacement;
                }

                var text = copy.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
                var read = PublishedResults.Read(text, "w.json");
                Assert.True(read.Source is not null || path is ["outcomes"], $"{string.Join(".", path)} = {value}: not read");
                Assert.All(read.Issues, i => Assert.True(i.Line is > 0 && i.Column is > 0, $"{string.Join(".", path)} = {value}: {i}"));
                Assert.All(read.Issues, i => Assert.DoesNotContain('\n', i.ToString()));
            }
        }

        static IEnumerable<object[]> Paths(System.Text.Json.Nodes.JsonNode? node)
        {
            var stack = new Stack<(object[] Path, System.Text.Json.Nodes.JsonNode? Node)>();
            stack.Push(([], node));
            while (stack.Count > 0)
            {
                var (path, current) = stack.Pop();
                if (path.Length > 0)
                {
                    yield return path;
                }

                if (current is System.Text.Json.Nodes.JsonObject o)
                {
                    foreach (var (key, child) in o)
                    {
                        stack.Push(([.. path, key], child));
                    }
                }
                else if (current is System.Text.Json.Nodes.JsonArray a)
                {
                    for (var i = 0; i < a.Count; i++)
                    {
                        stack.Push(([.. path, i], a[i]));
                    }
                }
            }
        }

        static System.Text.Json.Nodes.JsonNode? Navigate(System.Text.Json.Nodes.JsonNode node, object[] path)
            => path.Aggregate<object, System.Text.Json.Nodes.JsonNode?>(node, (n, step) => step is int i ? n!.AsArray()[i] : n!.AsObject()[(string)step]);
    }

    [Fact]
    public void ReportedNotAnObject_IsAnInvalidValue_NotACrash()
    {
        var read = PublishedResults.Read("""{"review": {"reported": 5}, "outcomes": []}""", "r.json");
        var issue = Assert.Single(read.Issues);
        Assert.Equal((EvidenceIssueCodes.InvalidValue, "review.reported", 1), (issue.Code, issue.Path, issue.Line));
        Assert.Null(read.Source!.Review.AdverseEventsReported);
    }

    /// <summary>Columns on one long line are counted from the previous value (one pass), and are right.</summary>
    [Fact]
    public void LocationsOnOneLongLine_AreTheColumnsOfTheValues()
    {
        var items = string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"{{\"name\": \"O{i}\", \"measure\": \"SMD\", \"p\": 2}}"));
        var text = "{\"outcomes\": [" + items + "]}";
        var read = PublishedResults.Read(text, "line.json");
        Assert.Equal(2000, read.Issues.Length);
        foreach (var issue in read.Issues.Where((_, k) => k % 97 == 0))
        {
            var index = int.Parse(issue.Path!["outcomes[".Length..issue.Path!.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            var expected = text.IndexOf($"\"O{index}\", \"measure\": \"SMD\", \"p\": 2", StringComparison.Ordinal) + $"\"O{index}\", \"measure\": \"SMD\", \"p\": ".Length + 1;
            Assert.Equal((1, expected), (issue.Line!.Value, issue.Column!.Value));
        }
    }

    [Fact]
    public void ControlCharactersInAQuotedValue_StayOnTheMessagesLine()
    {
        var read = PublishedResults.Read("{\"review\": {\"design\": \"x\\ny\\u001b[31m\"}, \"outcomes\": []}", "c.json");
        var line = Assert.Single(read.Issues).ToString();
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\u001b', line);
        Assert.Contains("x\\ny\\u001B[31m", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.42", 0.42, 2)]
    [InlineData("0.40", 0.40, 2)]
    [InlineData("24%", 24, 0)]
    [InlineData("\u22120.5", -0.5, 1)]
    public void SourceNumber_KeepsPrintedDecimals(string text, double value, int decimals)
        => Assert.Equal(new SourceNumber(value, decimals), SourceNumber.Parse(text));

    [Theory]
    [InlineData("p < .001", PRelation.Less, 0.001)]
    [InlineData("P=0.05", PRelation.Equal, 0.05)]
    [InlineData("≥ 0.1", PRelation.Greater, 0.1)]
    public void ReportedP_ReadsRelations(string text, PRelation relation, double value)
    {
        var p = ReportedP.Parse(text)!.Value;
        Assert.Equal((relation, value), (p.Relation, p.Value.Value));
    }
}
