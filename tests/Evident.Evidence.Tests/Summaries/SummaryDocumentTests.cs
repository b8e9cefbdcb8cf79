using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Evident.Evidence.Sources;
using Evident.Evidence.Summaries;

namespace Evident.Evidence.Tests.Summaries;

/// <summary>
/// The HTML and Markdown documents: every number shown is linked to its source value, and the value rounds to what is
/// printed; every text from the source is escaped.
/// </summary>
public sealed partial class SummaryDocumentTests
{
    public static TheoryData<string> Examples2 => ["rmt-ms", "normand1999"];

    private static EvidenceSource Source(string name) => name == "rmt-ms" ? Examples.Seed() : Examples.Normand();

    [Theory]
    [MemberData(nameof(Examples2))]
    public void Html_EveryNumberIsADataElement_WhoseValueIsTheSourceValue_AndRoundsToTheText(string name)
    {
        var source = Source(name);
        var html = SummaryHtml.Write(EvidenceSummary.Write(source, Examples.Options));
        var document = new HtmlParser().ParseDocument(html);
        var data = document.QuerySelectorAll("data").ToList();
        Assert.True(data.Count >= 10, $"only {data.Count} numbers");
        foreach (var element in data)
        {
            var path = element.GetAttribute("data-source");
            Assert.False(string.IsNullOrEmpty(path));
            var value = double.Parse(element.GetAttribute("value")!, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.Equal(ValueAt(source, path!), value);
            AssertRoundsTo(value, element.TextContent, path!);
        }

        // No other number in the text: outside <data>, digits only in names (FEV1), labels ("95% CI", "Level 1"),
        // dates (<time>), citations (<cite>) and the provenance line.
        foreach (var text in TextOutside(document.Body!, "data", "time", "cite", "style"))
        {
            if (text.Parent is IElement { ClassName: "provenance" or "file" })
            {
                continue;
            }

            foreach (Match m in StandaloneNumber().Matches(text.Data))
            {
                var after = text.Data[(m.Index + m.Length)..];
                var before = text.Data[..m.Index];
                var label = after.StartsWith("% CI", StringComparison.Ordinal) || after.StartsWith("% prediction interval", StringComparison.Ordinal)
                    || before.EndsWith("Level ", StringComparison.Ordinal);
                Assert.True(label, $"untraced number '{m.Value}' in \"{text.Data}\"");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Examples2))]
    public void Markdown_EveryNumberLinksToARowOfTheSourceValues(string name)
    {
        var source = Source(name);
        var summary = EvidenceSummary.Write(source, Examples.Options);
        var md = SummaryMarkdown.Write(summary);
        var links = MarkdownNumberLink().Matches(md).ToList();
        Assert.True(links.Count >= 10);
        var table = md[md.IndexOf("## Source values", StringComparison.Ordinal)..];
        foreach (var link in links)
        {
            var path = link.Groups["path"].Value;
            Assert.Contains($"<a id=\"{path}\"></a>", table, StringComparison.Ordinal);
            AssertRoundsTo(ValueAt(source, path), link.Groups["text"].Value, path);
        }

        Assert.Equal(summary.SourceValues.Length, Regex.Count(table, "<a id="));
        foreach (var v in summary.SourceValues)
        {
            Assert.Contains($" | {v.Value.ToString("R", CultureInfo.InvariantCulture)} |", table.Split('\n').Single(l => l.Contains($"\"{v.Path}\"", StringComparison.Ordinal)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PublishedBound_KeepsItsRelation_InTheSourceValues()
    {
        var source = Examples.FromJson("""
            {"review": {"intervention": "X"},
             "outcomes": [{"name": "Pain", "measure": "SMD", "estimate": -0.6, "ci": [-0.9, -0.3], "p": "<0.001", "higher_is_better": false}]}
            """);
        var summary = EvidenceSummary.Write(source);
        Assert.Contains("| <a id=\"outcomes/pain/p\"></a>outcomes/pain/p | &lt; 0.001 |", SummaryMarkdown.Write(summary), StringComparison.Ordinal);
        Assert.Contains("data-source=\"outcomes/pain/p\">&lt; 0.001</data>", SummaryHtml.Write(summary), StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultOptions_NameEvidentAndItsVersion()
    {
        Assert.Matches(@"^Evident \d+\.\d+\.\d+$", SummaryOptions.Default.Generator);
        Assert.Equal(MagnitudeScale.Cohen, SummaryOptions.Default.Scale);
        Assert.Equal(SummaryOptions.Default.Generator, EvidenceSummary.Write(Examples.Seed()).Generator);
    }

    [Fact]
    public void Markdown_RendersToTheSameTextAsTheModel()
    {
        var summary = EvidenceSummary.Write(Examples.Seed(), Examples.Options);
        var html = Markdig.Markdown.ToHtml(SummaryMarkdown.Write(summary));
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal(summary.Headline, document.QuerySelector("h1")!.TextContent);
        var items = document.QuerySelectorAll("li, p").Select(e => e.TextContent).ToList();
        Assert.Equal(summary.Section("results")!.Subheadings, document.QuerySelectorAll("h3").Select(h => h.TextContent));
        foreach (var p in summary.Section("results")!.Paragraphs.Concat(summary.Section("limitations")!.Paragraphs))
        {
            Assert.Contains(p.Text, items);
        }
    }

    private const string Hostile = "<script>alert(\"x\")</script> & \"quotes\" 'single' *bold* _em_ [link](http://evil.example) <img src=x onerror=alert(1)> | pipe `code` # hash";

    private static EvidenceSource HostileSource() => Examples.FromJson($$"""
        {"review": {"title": {{Json(Hostile)}}, "intervention": {{Json("<b>drug</b> \"X\"")}}, "comparator": {{Json(Hostile)}},
                    "condition": {{Json("<i>cond</i>")}}, "databases": [{{Json(Hostile)}}], "follow_up": {{Json(Hostile)}},
                    "citation": "javascript:alert(1)"},
         "outcomes": [{"name": {{Json("MEP\"><script>alert(2)</script>")}}, "full_name": {{Json(Hostile)}}, "measure": "SMD",
                       "estimate": 0.4, "ci": [0.1, 0.7], "p": 0.01}]}
        """);

    [Fact]
    public void Html_EscapesEveryTextFromTheSource()
    {
        var html = SummaryHtml.Write(EvidenceSummary.Write(HostileSource(), Examples.Options));
        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("script, img, b, i, a"));
        Assert.Contains(Hostile, document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("<b>drug</b> \"X\"", document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("MEP\"><script>alert(2)</script>", document.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.Ordinal);
        Assert.Equal(["outcomes/mep-script-alert-2-script/estimate"], document.QuerySelectorAll("data").Select(d => d.GetAttribute("data-source")!).Take(1));
    }

    [Fact]
    public void Markdown_EscapesEveryTextFromTheSource()
    {
        var md = SummaryMarkdown.Write(EvidenceSummary.Write(HostileSource(), Examples.Options));

        // No raw HTML from the source in the file itself (a renderer without CommonMark's backslash rules shows text too):
        // the only tags are the writer's anchors in the source-values table.
        Assert.DoesNotMatch("<(?!a id=\"|/a>)", md);
        var document = new HtmlParser().ParseDocument(Markdig.Markdown.ToHtml(md, Markdig.MarkdownExtensions.UsePipeTables(new Markdig.MarkdownPipelineBuilder()).Build()));
        Assert.Empty(document.QuerySelectorAll("script, img, b, i, code, strong em, li em"));
        Assert.Single(document.QuerySelectorAll("em"));
        Assert.All(document.QuerySelectorAll("a[href]"), a => Assert.StartsWith("#", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Contains(Hostile, document.Body!.TextContent, StringComparison.Ordinal);
        var details = document.QuerySelectorAll("table")[0];
        Assert.All(details.QuerySelectorAll("tr"), row => Assert.True(row.Children.Length == 2, row.OuterHtml));
    }

    /// <summary>Asserts that a printed number ("0.42", "−0.54", "1,158", "&lt; 0.001") stands for <paramref name="value"/>.</summary>
    private static void AssertRoundsTo(double value, string printed, string path)
    {
        var text = printed.Replace('\u2212', '-').Replace(",", "", StringComparison.Ordinal).Trim();
        if (text.StartsWith('<') || text.StartsWith('>'))
        {
            var bound = double.Parse(text[1..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(text[0] == '<' ? value < bound || value == bound && path.EndsWith("/p", StringComparison.Ordinal) : value >= bound, $"{path}: {value} vs '{printed}'");
            return;
        }

        var shown = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : text.Length - point - 1;
        Assert.True(Math.Abs(value - shown) <= (0.5 * Math.Pow(10, -decimals)) + 1e-12, $"{path}: {value} is not '{printed}' rounded");
    }

    /// <summary>The value at an address of the source.</summary>
    private static double ValueAt(EvidenceSource source, string path)
    {
        var parts = path.Split('/');
        if (parts[0] == "review")
        {
            return parts[1] switch
            {
                "studies" => source.Review.Studies!.Value,
                "participants" => source.Review.Participants!.Value,
                "records" => source.Review.RecordsFound!.Value,
                _ => throw new InvalidOperationException(path),
            };
        }

        var o = source.Outcome(parts[1]) ?? throw new InvalidOperationException(path);
        return parts[2] switch
        {
            SourcePath.Fields.Estimate => o.Estimate!.Value.Value,
            SourcePath.Fields.CiLower => o.CiLower!.Value.Value,
            SourcePath.Fields.CiUpper => o.CiUpper!.Value.Value,
            SourcePath.Fields.P => o.P!.Value.Value.Value,
            SourcePath.Fields.I2 => o.I2!.Value.Value,
            SourcePath.Fields.Studies => o.Studies!.Value,
            SourcePath.Fields.Participants => o.Participants!.Value,
            SourcePath.Fields.PiLower => o.PiLower!.Value.Value,
            SourcePath.Fields.PiUpper => o.PiUpper!.Value.Value,
            _ => throw new InvalidOperationException(path),
        };
    }

    private static IEnumerable<IText> TextOutside(INode node, params string[] skipped)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                yield return text;
            }
            else if (child is IElement e && !skipped.Contains(e.LocalName))
            {
                foreach (var t in TextOutside(e, skipped))
                {
                    yield return t;
                }
            }
        }
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    /// <summary>A number that is not part of a word (FEV1, normand1999) or of a longer number.</summary>
    [GeneratedRegex(@"(?<![\p{L}\d.,/])[−-]?\d+(?:[.,]\d+)*(?![\p{L}\d])")]
    private static partial Regex StandaloneNumber();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\(#(?<path>(?:review|outcomes)/[^)]+)\)")]
    private static partial Regex MarkdownNumberLink();
}
