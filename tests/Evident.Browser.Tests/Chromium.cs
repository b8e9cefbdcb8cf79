using System.Runtime.CompilerServices;
using Evident.Tests.Shared;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Evident.Browser.Tests.Chromium))]

namespace Evident.Browser.Tests;

/// <summary>
/// One headless Chromium for the whole test assembly, driven by Playwright. It is Debian's <c>/usr/bin/chromium</c>
/// (Playwright's own browser download is not used). A test calls <see cref="NewPageAsync"/>, which skips the test
/// with the reason when the browser is absent, and fails instead when the environment variable <c>CI</c> is set, since
/// <c>.ci/run</c> installs it.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    /// <summary>Where Debian's package puts the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Desktop and phone viewports the pages are looked at in.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    /// <inheritdoc cref="Desktop"/>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>A new page (its own context) of the given viewport; dispose the context when done.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var browser = await BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = viewport ?? Desktop,
            JavaScriptEnabled = true,
        });
        return await context.NewPageAsync();
    }

    private async Task<IBrowser> BrowserAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            SharedFiles.SkipOrFail($"Chromium not found at {ExecutablePath} (apt-get install -y chromium)");
        }

        await _gate.WaitAsync();
        try
        {
            if (_browser is null)
            {
                Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
                _playwright = await Playwright.CreateAsync();
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = ExecutablePath,
                    Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
                });
            }

            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _gate.Dispose();
    }
}

/// <summary>Paths in the repository, and where screenshots go.</summary>
internal static class Repo
{
    /// <summary>The repository root (found from this source file's path, so it works from any output folder).</summary>
    public static string Root { get; } = Path.GetFullPath(Path.Combine(ThisDirectory(), "..", ".."));

    /// <summary>
    /// Where a test's screenshots go: <c>artifacts/screenshots/</c> under the repository root (ignored by git; CI keeps
    /// <c>artifacts/</c>).
    /// </summary>
    public static string Screenshot(string name)
    {
        var folder = Path.Combine(Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
