using Microsoft.Playwright;
using TwilioConsole.Tests.Fakes;
using static Microsoft.Playwright.Assertions;

namespace TwilioConsole.Tests.E2E;

/// <summary>The app with hidden tabs paused after one second instead of two minutes.</summary>
public sealed class QuickPauseBrowserFixture() : BrowserFixture(new ConsoleAppFactory(fakeTwilio: false).With("TwilioConsole:Circuits:PauseHiddenAfterSeconds", "1"));

/// <summary>
/// A tab left hidden gives up its Blazor circuit (js/pause-hidden.js, ADR 11): the server holds nothing for it, the
/// user sees no "paused" dialog, and showing the tab again brings a working page back. A tab with typed input keeps
/// its circuit, and what was typed.
/// </summary>
[Trait("Lane", "E2E")]
public sealed class HiddenTabTests(QuickPauseBrowserFixture browser) : IClassFixture<QuickPauseBrowserFixture>
{
    private int LiveCircuits => browser.LiveCircuits;

    [Fact]
    public async Task HiddenTab_GivesUpItsCircuit_AndWorksAgainWhenShown()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync(1440, 900); // on the Dashboard, its circuit live
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-circuit", "live", new() { Timeout = 15_000 }); // a busy machine
        var live = LiveCircuits; // no page of this fixture navigates away, so no old circuit is closing meanwhile

        await TabVisibility.SetAsync(page, hidden: true);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-circuit", "paused", new() { Timeout = 15_000 });
        await WaitForAsync(() => LiveCircuits == live - 1, "the paused tab's circuit to close on the server");
        await Expect(page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();

        await TabVisibility.SetAsync(page, hidden: false);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-circuit", "live", new() { Timeout = 15_000 });
        await BrowserFixture.WaitForInteractiveAsync(page);
        await WaitForAsync(() => LiveCircuits == live, "a new circuit for the shown tab");
        await Expect(page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();

        // The new circuit answers: a menu group folds (a round trip to the server).
        var group = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Button, new() { Name = "Toggle Messaging" });
        await group.ClickAsync();
        await Expect(group).ToHaveAttributeAsync("aria-expanded", "false");
        await page.SetViewportSizeAsync(390, 844); // MudBlazor's resize listeners belong to the new circuit: on a phone the drawer closes
        await Expect(page.Locator(".mud-drawer")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bmud-drawer--closed\b"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Expect(page.Locator(".mud-drawer")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bmud-drawer--open\b"));
        await page.WaitForTimeoutAsync(500); // the drawer's slide-in, for the screenshot
        await BrowserFixture.ScreenshotAsync(page, "75-resumed-after-hidden");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task HiddenTab_WithTypedInput_KeepsItsCircuitAndTheText()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync(1440, 900);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Send SMS" }).ClickAsync();
        var body = page.Locator("[data-testid=sms-body]");
        await body.FillAsync("Half-written reply to a customer");
        await Expect(page.Locator("[data-keep-circuit]")).ToBeAttachedAsync(new() { Timeout = 15_000 }); // the server holds the draft
        await page.EvaluateAsync("() => { window.sameDocument = true; }"); // gone if the page reloads
        var live = LiveCircuits;

        await TabVisibility.SetAsync(page, hidden: true);
        await page.WaitForTimeoutAsync(3_000); // three times the configured delay
        var state = await page.EvaluateAsync<string>("() => `circuit ${document.documentElement.dataset.circuit}, same document ${window.sameDocument === true}, at ${location.pathname}`");
        Assert.Equal("circuit live, same document true, at /sms/send", state);
        Assert.Equal(live, LiveCircuits);

        await TabVisibility.SetAsync(page, hidden: false);
        await Expect(body).ToHaveValueAsync("Half-written reply to a customer");
        Assert.Empty(errors);
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 150 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), $"Timed out waiting for {what}.");
    }
}
