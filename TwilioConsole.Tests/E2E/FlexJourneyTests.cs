using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TwilioConsole.Tests.E2E;

/// <summary>
/// Flex from the dashboard, in Sandbox mode: turn on auto-wrap-up for voice calls, deploy and release the plugin
/// bundle built from flex-plugin/, and a test call ends in a thank-you text sent on task.completed — which only
/// auto-wrap-up can produce, since nobody clicks Complete.
/// </summary>
[Trait("Lane", "E2E")]
public sealed class FlexJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ConfigureAutoWrapUp_DeployInTheSandbox_AndACallEndsInAThankYouTextWithoutAManualWrapUp()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync(1440, 900);
        await page.GetByTestId("quick-start-all").ClickAsync();
        await Expect(page.GetByTestId("quick-start-result")).ToHaveCountAsync(4, new() { Timeout = 60_000 });

        // The thank-you text waits for task.completed: only a completed wrap-up sends it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Completion texts", Exact = true }).First.ClickAsync();
        await page.GetByTestId("thankyou-edit").ClickAsync();
        await page.GetByText("When the agent completes wrap-up (task.completed)").ClickAsync();
        await page.GetByTestId("thankyou-save").ClickAsync();
        await Expect(page.GetByText("Thank-you text settings saved.")).ToBeVisibleAsync();
        await page.GetByTestId("thankyou-edit").ClickAsync();
        await Expect(page.GetByTestId("thankyou-summary")).ToContainTextAsync("the agent completes wrap-up (task.completed)");

        await page.GetByRole(AriaRole.Link, new() { Name = "Flex", Exact = true }).ClickAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        var set = page.GetByTestId("automation-set").First;
        await set.GetByTestId("automation-wrapup").CheckAsync();
        var name = set.GetByTestId("automation-name");
        await name.FillAsync("");
        await page.GetByTestId("automation-save").ClickAsync();
        await Expect(page.GetByTestId("automation-errors")).ToContainTextAsync("Set 1: Give the set a name");
        await name.FillAsync("Voice calls");
        var seconds = set.GetByTestId("automation-seconds");
        await seconds.FillAsync("2");
        await seconds.BlurAsync();
        await Expect(page.GetByTestId("automation-json")).ToContainTextAsync("\"wrapUpSeconds\": 2");
        await page.GetByTestId("automation-save").ClickAsync();
        await Expect(page.GetByTestId("automation-saved")).ToBeVisibleAsync();

        await page.GetByTestId("plugin-deploy").ClickAsync();
        await Expect(page.GetByTestId("plugin-done")).ToContainTextAsync("plugin-auto-accept 1.0.0 is in the active release", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("plugin-active")).ToContainTextAsync("plugin-auto-accept 1.0.0");
        await BrowserFixture.ScreenshotAsync(page, "50-flex-deployed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Test call", Exact = true }).ClickAsync();
        await page.GetByTestId("call-place").ClickAsync();
        await page.GetByTestId("call-key-2").ClickAsync();
        await Expect(page.GetByTestId("call-state")).ToHaveTextAsync("Talking with Sam Lee (Support)");
        await page.GetByTestId("call-hangup").ClickAsync();
        await Expect(page.GetByTestId("call-wrapup")).ToContainTextAsync("Auto wrap-up completes the task in");
        await BrowserFixture.ScreenshotAsync(page, "51-call-auto-wrap-up");
        await Expect(page.GetByTestId("call-timeline")).ToContainTextAsync("Auto wrap-up completed", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("call-timeline")).ToContainTextAsync(": delivered.", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("call-complete")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "52-call-thank-you-after-auto-wrap-up");

        Assert.Empty(errors);
    }
}
