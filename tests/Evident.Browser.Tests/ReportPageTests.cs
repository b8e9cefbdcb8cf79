using Microsoft.Playwright;

namespace Evident.Browser.Tests;

/// <summary>
/// <c>evident report</c>'s HTML page in a real browser: it renders, runs no script (there is none, and none can be
/// smuggled in through the data), makes no request, shows every hostile string as text, and fits a phone.
/// </summary>
public sealed class ReportPageTests(Chromium chromium) : IDisposable
{
    /// <summary>Strings that would run script, add an element, close an element or a table cell if not escaped.</summary>
    private static readonly string[] Hostile =
    [
        "<script>window.__pwned=1</script>",
        "\"><img src=x onerror=\"window.__pwned=2\">",
        "Quote ' and \" study",
        "&amp; entity",
        "</style><b>unstyled</b>",
        "]]> cdata end",
        "pipe | in a name",
    ];

    private const string HostileOutcome = "<script>window.__pwned=3</script> | \"'&amp;]]></style>";
    private const string HostileTitle = "Report <script>window.__pwned=4</script> \"'&amp; </style> ]]> |";

    private readonly string _folder = Directory.CreateTempSubdirectory("evident-report-browser-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task HostileStrings_AreShownAsText_AndNothingRunsOrLeavesThePage()
    {
        var html = HostileReport();
        foreach (var (viewport, name) in new[] { (Chromium.Desktop, "desktop"), (Chromium.Phone, "phone") })
        {
            await using var opened = await ReportSupport.OpenAsync(chromium, html, viewport);
            var page = opened.Page;
            Assert.NotNull(opened.Response);
            Assert.Equal(200, opened.Response!.Status);
            Assert.Equal([ReportSupport.PageUrl], opened.Requests);
            Assert.Empty(opened.ConsoleMessages);
            Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__pwned === 'undefined'"));
            Assert.Equal(0, await page.Locator("script").CountAsync());
            Assert.Equal(0, await page.Locator("img").CountAsync());
            Assert.Equal(0, await page.Locator("b").CountAsync());
            Assert.Equal(1, await page.Locator("style").CountAsync());

            Assert.Equal(HostileTitle, await page.TitleAsync());
            Assert.Equal(HostileTitle, await page.Locator("h1").InnerTextAsync());
            foreach (var heading in new[] { "Methods", HostileOutcome, "Input issues", "References", "Studies", "Small-study effects and publication bias", "Sensitivity analyses" })
            {
                Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }).IsVisibleAsync(), $"heading {heading} not visible");
            }

            var text = await page.Locator("body").InnerTextAsync();
            var svgText = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('svg text, svg title')].map(t => t.textContent).join('\\n')");
            foreach (var hostile in Hostile)
            {
                Assert.Contains(hostile, text, StringComparison.Ordinal);
                Assert.Contains(hostile, svgText, StringComparison.Ordinal);
            }

            Assert.Contains(HostileOutcome, svgText, StringComparison.Ordinal);
            Assert.Contains("<img src=x onerror=\"window.__pwned=5\">", text, StringComparison.Ordinal); // the non-numeric cell quoted by its issue
            Assert.Equal(2, await page.Locator("figure svg").CountAsync());

            // Nothing is wider than the screen: wide tables and plots scroll inside their own boxes.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name}: the page scrolls sideways");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repo.Screenshot($"report-hostile-{name}.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task BcgReport_RendersCleanlyOnDesktopAndPhone()
    {
        var file = Path.Combine(_folder, "bcg-report.html");
        var (exitCode, error) = ReportSupport.Run(
            "report", Path.Combine(Repo.Root, "examples", "bcg", "bcg.csv"), "--measure", "RR", "--subgroup", "alloc", "--bias", "--sensitivity", "--out", file);
        Assert.True(exitCode == 0, error);
        var html = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        foreach (var (viewport, name) in new[] { (Chromium.Desktop, "desktop"), (Chromium.Phone, "phone") })
        {
            await using var opened = await ReportSupport.OpenAsync(chromium, html, viewport);
            var page = opened.Page;
            Assert.Equal(200, opened.Response!.Status);
            Assert.Equal([ReportSupport.PageUrl], opened.Requests);
            Assert.Empty(opened.ConsoleMessages);
            Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "Meta-analysis of bcg.csv" }).IsVisibleAsync());
            Assert.Contains("0.49 [0.34, 0.70]", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name}: the page scrolls sideways");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Repo.Screenshot($"report-bcg-{name}.png"), FullPage = true });
            if (name == "desktop")
            {
                // The README's picture: the start of the results, with the pooled table and the forest plot.
                await page.SetViewportSizeAsync(1000, 900);
                var box = (await page.Locator("#outcome-1").BoundingBoxAsync())!;
                await page.ScreenshotAsync(new PageScreenshotOptions
                {
                    Path = Repo.Screenshot("report-bcg-results.png"),
                    FullPage = true,
                    Clip = new Clip { X = box.X - 16, Y = box.Y - 8, Width = box.Width + 32, Height = 1110 },
                });
            }
        }
    }

    /// <summary>A report of a CSV whose study names, subgroups, outcome, title and one cell are hostile.</summary>
    private string HostileReport()
    {
        static string Csv(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var lines = new List<string> { "study,outcome,grp,ai,n1i,ci,n2i" };
        int[][] counts = [[4, 123, 11, 139], [6, 306, 29, 303], [3, 231, 11, 220], [62, 13598, 248, 12867], [33, 5069, 47, 5808], [180, 1541, 372, 1451], [8, 2545, 10, 629]];
        for (var i = 0; i < Hostile.Length; i++)
        {
            var c = counts[i];
            lines.Add($"{Csv(Hostile[i])},{Csv(HostileOutcome)},{Csv(Hostile[i % 3])},{c[0]},{c[1]},{c[2]},{c[3]}");
        }

        lines.Add($"{Csv("Bad cell study")},{Csv(HostileOutcome)},{Csv(Hostile[0])},{Csv("<img src=x onerror=\"window.__pwned=5\">")},100,5,100");
        var csv = Path.Combine(_folder, "hostile <script>.csv");
        File.WriteAllText(csv, string.Join('\n', lines) + "\n");
        var html = Path.Combine(_folder, "hostile.html");
        var md = Path.Combine(_folder, "hostile.md");
        var (exitCode, error) = ReportSupport.Run(
            "report", csv, "--measure", "RR", "--subgroup", "grp", "--bias", "--sensitivity", "--title", HostileTitle, "--out", html, "--out", md);
        Assert.True(exitCode == 0, error);
        return File.ReadAllText(html);
    }
}
