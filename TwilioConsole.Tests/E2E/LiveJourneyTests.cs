using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TwilioConsole.Core.Settings;
using TwilioConsole.Tests.Fakes;
using static Microsoft.Playwright.Assertions;

namespace TwilioConsole.Tests.E2E;

/// <summary>
/// The live board in chromium: a signed TaskRouter event shows on an open board within a second, with no page polling;
/// simulated traffic moves the queues, the agents and the charts. Screenshots feed the README.
/// </summary>
[Trait("Lane", "E2E")]
public sealed class LiveJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnEventShowsWithinASecond_AndSimulatedTrafficMovesTheBoardAndCharts()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync(1440, 900);
        await page.GetByTestId("quick-start-all").ClickAsync();
        await Expect(page.GetByTestId("quick-start-result")).ToHaveCountAsync(4, new() { Timeout = 60_000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "Live", Exact = true }).ClickAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        var support = page.Locator("[data-testid=board-queue][data-queue=Support]");
        await Expect(support.GetByTestId("board-waiting")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("charts-today-empty")).ToBeVisibleAsync(); // no chart of nothing: it says why

        // One signed task.created, posted the way TaskRouter would; the open page shows it without reloading.
        await PostCreatedAsync(); // answered once the event is stored: from here the page has one second
        await Expect(support.GetByTestId("board-waiting")).ToHaveTextAsync("1", new() { Timeout = 1_000 });

        await page.GetByTestId("simulate-calls").FillAsync("24");
        await page.GetByTestId("simulate-minutes").FillAsync("1");
        await page.GetByTestId("simulate-start").ClickAsync();
        await Expect(page.GetByTestId("simulate-progress")).ToContainTextAsync("Running");
        await Expect(page.GetByTestId("board-agent").Filter(new() { HasText = "talking" }).First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await BrowserFixture.ScreenshotAsync(page, "60-live-board");
        await Expect(support.GetByTestId("board-accepted")).Not.ToHaveTextAsync("0", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("chart-hours")).ToBeVisibleAsync(new() { Timeout = 10_000 }); // the charts follow the board every 5 s

        await page.GetByLabel("Refresh charts").ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Last 7 days" }).ClickAsync();
        await Expect(page.GetByTestId("charts-empty")).ToHaveCountAsync(0); // the day's calls are in the 7-day charts
        await page.GetByTestId("charts").ScrollIntoViewIfNeededAsync();
        await page.WaitForTimeoutAsync(500);
        await BrowserFixture.ScreenshotAsync(page, "61-live-charts");
        Assert.Empty(errors);
    }

    private async Task PostCreatedAsync()
    {
        var key = await browser.App.Services.GetRequiredService<SettingsService>().GetWebhookSigningKeyAsync(CancellationToken.None);
        var form = TaskRouterEvents.Form(999, type: "task.created");
        form.Add(new("Sid", "EV" + new string('e', 32)));
        form.Add(new("TimestampMs", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        using var http = new HttpClient { BaseAddress = browser.BaseUrl };
        var publicUrl = new Uri(await browser.App.Services.GetRequiredService<TwilioConsole.Core.Messaging.IPublicUrls>().BaseAsync(CancellationToken.None), "webhooks/taskrouter/events");
        using var response = await http.SendAsync(TwilioRequests.SignedPost(publicUrl.AbsoluteUri, [.. form], key!), CancellationToken.None);
        Assert.True(response.IsSuccessStatusCode, $"webhook answered {(int)response.StatusCode}");
    }
}
