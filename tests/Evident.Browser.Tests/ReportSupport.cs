using System.CommandLine;
using System.Globalization;
using Evident.Cli;
using Microsoft.Playwright;

namespace Evident.Browser.Tests;

/// <summary>Runs <c>evident</c> in-process, as the CLI tests do, and opens its pages in the browser.</summary>
internal static class ReportSupport
{
    /// <summary>The address a report is served at; every other request the page makes is recorded and refused.</summary>
    public const string PageUrl = "http://evident.test/report.html";

    /// <summary>Runs the command line; returns the exit code and stderr.</summary>
    public static (int ExitCode, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = EvidentCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, error.ToString());
    }

    /// <summary>
    /// Opens <paramref name="html"/> as <see cref="PageUrl"/> in a new page of the given viewport, recording console
    /// errors, page errors and every other request (which is aborted, so nothing leaves the page).
    /// </summary>
    public static async Task<OpenedPage> OpenAsync(Chromium chromium, string html, ViewportSize viewport)
    {
        var page = await chromium.NewPageAsync(viewport);
        var opened = new OpenedPage(page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                opened.ConsoleMessages.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, message) => opened.ConsoleMessages.Add($"page error: {message}");
        page.Request += (_, request) => opened.Requests.Add(request.Url);
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url == PageUrl)
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });
            }
            else
            {
                await route.AbortAsync();
            }
        });
        opened.Response = await page.GotoAsync(PageUrl, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return opened;
    }
}

/// <summary>A page opened by <see cref="ReportSupport.OpenAsync"/> and what it did.</summary>
internal sealed class OpenedPage(IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public IResponse? Response { get; set; }

    /// <summary>Console errors and warnings, and uncaught page errors.</summary>
    public List<string> ConsoleMessages { get; } = [];

    /// <summary>Every request the page made, the page itself included.</summary>
    public List<string> Requests { get; } = [];

    public ValueTask DisposeAsync() => Page.Context.DisposeAsync();
}
