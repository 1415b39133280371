using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TwilioConsole.Tests.E2E;

/// <summary>
/// The whole product in Sandbox mode: quick start, then a call through the published IVR, routed by the applied
/// workflow to an agent whose Flex auto-accepts it, and after hang-up exactly one thank-you text, delivered.
/// </summary>
[Trait("Lane", "E2E")]
public sealed class CallJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task QuickStart_ThenCallsForBothOptions_EachGetOneThankYouText()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync(1280, 800);

        await Expect(page.GetByTestId("quick-start")).ToBeVisibleAsync();
        await page.GetByTestId("quick-start-all").ClickAsync();
        await Expect(page.GetByTestId("quick-start-result")).ToHaveCountAsync(4, new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("quick-start-result").Nth(3)).ToContainTextAsync("Deployed at");
        await BrowserFixture.ScreenshotAsync(page, "40-quick-start");

        await CallAsync(page, key: "2", queue: "Support", agent: "Sam Lee", number: "+1 415 555 0142", screenshots: true);
        await CallAsync(page, key: "1", queue: "Troubleshooting", agent: "Alex Rivera", number: "+1 415 555 0177", screenshots: false);

        await page.GetByRole(AriaRole.Link, new() { Name = "Completion texts", Exact = true }).First.ClickAsync();
        await Expect(page.GetByTestId("thankyou-status")).ToHaveTextAsync(["Sent", "Sent"]);
        await BrowserFixture.ScreenshotAsync(page, "44-completion-texts-after-calls");

        Assert.Empty(errors);
    }

    [Fact]
    public async Task NarrowScreen_ContactCenterPagesStayUsable()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync(390, 844);

        foreach (var (path, heading, shot) in new[] { ("ivr", "IVR", "45-ivr-narrow"), ("routing", "Routing", "46-routing-narrow"), ("calls", "Test call", "47-test-call-narrow") })
        {
            await page.GotoAsync(path);
            await BrowserFixture.WaitForInteractiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{path} scrolls sideways at 390 px");
            await BrowserFixture.ScreenshotAsync(page, shot);
        }

        Assert.Empty(errors);
    }

    private static async Task CallAsync(IPage page, string key, string queue, string agent, string number, bool screenshots)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Test call", Exact = true }).ClickAsync();
        await page.GetByTestId("call-number").FillAsync(number);
        await page.GetByTestId("call-place").ClickAsync();
        await Expect(page.GetByTestId("call-keypad")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("call-timeline")).ToContainTextAsync("IVR says");
        await page.GetByTestId($"call-key-{key}").ClickAsync();
        await Expect(page.GetByTestId("call-state")).ToHaveTextAsync($"Talking with {agent} ({queue})");
        await Expect(page.GetByTestId("call-timeline")).ToContainTextAsync($"sends it to the {queue} queue");
        if (screenshots)
        {
            await BrowserFixture.ScreenshotAsync(page, "41-call-talking");
        }

        await page.GetByTestId("call-hangup").ClickAsync();
        await Expect(page.GetByTestId("call-timeline")).ToContainTextAsync(": delivered.", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("timeline-entry").Filter(new() { HasText = "Thank-you text SM" })).Not.ToHaveCountAsync(0);
        // Delivered reads as good news (not the error colour), and the text itself is shown once, not on every status.
        await Expect(page.Locator("[data-testid=timeline-entry][data-kind=delivered]")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=timeline-entry][data-kind=problem]").Filter(new() { HasText = "Thank-you" })).ToHaveCountAsync(0);
        var texts = await page.GetByTestId("timeline-entry").Filter(new() { HasText = "Thank-you text SM" }).AllTextContentsAsync();
        Assert.Single(texts, t => t.Contains('"', StringComparison.Ordinal));
        if (screenshots)
        {
            await BrowserFixture.ScreenshotAsync(page, "42-call-thank-you-delivered");
        }
    }
}
