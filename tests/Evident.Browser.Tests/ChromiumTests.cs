namespace Evident.Browser.Tests;

/// <summary>The browser itself: it starts, renders a page and runs its script (so the pages' tests mean something).</summary>
public sealed class ChromiumTests(Chromium chromium)
{
    [Fact]
    public async Task Chromium_RendersAPageAndRunsItsScript()
    {
        var page = await chromium.NewPageAsync();
        await page.SetContentAsync("<!doctype html><title>t</title><p id=p>x</p><script>document.getElementById('p').textContent = 'ran'</script>");
        Assert.Equal("ran", await page.TextContentAsync("#p"));
        await page.Context.DisposeAsync();
    }
}
