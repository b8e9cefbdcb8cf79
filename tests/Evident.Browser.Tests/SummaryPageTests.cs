using System.Globalization;
using Evident.Cli;
using Microsoft.Playwright;

namespace Evident.Browser.Tests;

/// <summary>
/// The plain-language summary pages <c>evident summarize</c> writes, in headless Chromium at desktop and phone width:
/// they render without console errors or network requests, fit a phone without scrolling sideways, and every number is
/// a <c>&lt;data&gt;</c> element linked to its source value. Screenshots go to <c>artifacts/screenshots/</c>.
/// </summary>
public sealed class SummaryPageTests(Chromium chromium)
{
    public static TheoryData<string, string[]> Pages => new()
    {
        { "rmt-ms", ["examples/rmt-ms/rmt-ms.json"] },
        {
            "normand1999",
            ["examples/normand1999/normand1999.csv", "--measure", "SMD", "--about", "examples/normand1999/normand1999.about.json"]
        },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task SummaryPage_RendersCleanlyOnDesktopAndPhone(string name, string[] args)
    {
        var file = Summarize(name, args);
        foreach (var (viewport, label) in new[] { (Chromium.Desktop, "desktop"), (Chromium.Phone, "phone") })
        {
            var page = await chromium.NewPageAsync(viewport);
            var errors = new List<string>();
            var requests = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    errors.Add(message.Text);
                }
            };
            page.PageError += (_, message) => errors.Add(message);
            page.Request += (_, request) =>
            {
                if (request.Url != new Uri(file).AbsoluteUri)
                {
                    requests.Add(request.Url);
                }
            };

            await page.GotoAsync(new Uri(file).AbsoluteUri);
            Assert.Empty(errors);
            Assert.Empty(requests);
            Assert.Equal(0, await page.Locator("script").CountAsync());
            Assert.True(await page.Locator("data[data-source]").CountAsync() > 5);
            Assert.Equal("Key takeaway", await page.Locator("#key-takeaway h2").TextContentAsync());
            Assert.Equal(1, await page.Locator("#study-details").CountAsync());

            var (scrollWidth, innerWidth) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
            Assert.True(scrollWidth <= innerWidth, $"{name} at {label} width scrolls sideways: {scrollWidth} > {innerWidth}");
            var fontSize = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#design p')).fontSize");
            Assert.True(double.Parse(fontSize.Replace("px", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) >= 16, $"body text is {fontSize}");

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repo.Screenshot($"summary-{name}-{label}.png"), FullPage = true });

            // The source-values table, opened without script, still fits.
            await page.Locator("#source-values summary").ClickAsync();
            Assert.True(await page.Locator("#source-values table").IsVisibleAsync());
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= innerWidth, $"{name} at {label} width scrolls sideways with the source values open");
            await page.Locator("#source-values").ScreenshotAsync(new LocatorScreenshotOptions { Path = Repo.Screenshot($"summary-{name}-{label}-sources.png") });
            await page.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task HostileTextInTheSource_IsShownAsText_AndRunsNothing()
    {
        const string Hostile = "<script>window.pwned = 1</script><img src=\"https://example.invalid/x.png\" onerror=\"window.pwned = 2\"> \" ' &";
        var folder = Directory.CreateTempSubdirectory("evident-summary-").FullName;
        var input = Path.Combine(folder, "hostile.json");
        var text = System.Text.Json.JsonSerializer.Serialize(Hostile);
        File.WriteAllText(input, $$"""
            {"review": {"title": {{text}}, "intervention": {{text}}, "comparator": {{text}}, "citation": "javascript:window.pwned = 3"},
             "outcomes": [{"name": {{text}}, "full_name": {{text}}, "measure": "SMD", "estimate": 0.4, "ci": [0.1, 0.7], "p": 0.01}]}
            """);
        var file = Summarize("hostile", [input]);
        var page = await chromium.NewPageAsync(Chromium.Phone);
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.pwned"));
        Assert.Equal(0, await page.Locator("script, img").CountAsync());
        Assert.Equal([new Uri(file).AbsoluteUri], requests);
        Assert.Contains(Hostile, await page.Locator("h1").TextContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repo.Screenshot("summary-hostile-phone.png"), FullPage = true });
        await page.Context.DisposeAsync();
    }

    /// <summary>Runs <c>evident summarize ARGS --out TEMP.html</c> in-process (example paths made absolute); returns the page's path.</summary>
    private static string Summarize(string name, string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("evident-summary-").FullName;
        var file = Path.Combine(folder, name + ".html");
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var full = args.Select(a => a.StartsWith("examples/", StringComparison.Ordinal) ? Path.Combine(Repo.Root, a) : a);
        var exitCode = EvidentCommand.Create().Parse(["summarize", .. full, "--out", file])
            .Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
        return file;
    }
}
