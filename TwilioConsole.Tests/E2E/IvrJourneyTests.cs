using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TwilioConsole.Tests.E2E;

/// <summary>Staff edit, preview, simulate, publish and attach the IVR in Sandbox mode.</summary>
[Trait("Lane", "E2E")]
public sealed class IvrJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Edit_Simulate_ApplyRouting_Publish_Attach()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync(1440, 900);

        await page.GetByRole(AriaRole.Link, new() { Name = "IVR", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "IVR", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("flow-widget")).ToHaveCountAsync(11);
        await BrowserFixture.ScreenshotAsync(page, "30-ivr-diagram");

        await page.GetByTestId("ivr-digit-1").FillAsync("1");
        await Expect(page.GetByText("Key 1 is already used by another option.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("ivr-save")).ToBeDisabledAsync();
        await page.GetByTestId("ivr-digit-1").FillAsync("2");
        await page.GetByTestId("ivr-greeting").FillAsync("Thanks for calling Owl Support.");
        await page.GetByTestId("ivr-save").ClickAsync();
        await Expect(page.GetByText("IVR saved.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Simulator" }).ClickAsync();
        await page.GetByTestId("sim-call").ClickAsync();
        await Expect(page.GetByTestId("sim-transcript")).ToContainTextAsync("Thanks for calling Owl Support.");
        await page.GetByTestId("sim-key-7").ClickAsync();
        await Expect(page.GetByTestId("sim-transcript")).ToContainTextAsync("Sorry, I did not get that.");
        await page.GetByTestId("sim-key-2").ClickAsync();
        await Expect(page.GetByTestId("sim-queue")).ToHaveTextAsync("Support");
        await BrowserFixture.ScreenshotAsync(page, "31-ivr-simulator");

        await page.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        await Expect(page.GetByTestId("flow-json")).ToContainTextAsync("\"type\": \"send-to-flex\"");
        await BrowserFixture.ScreenshotAsync(page, "32-ivr-json");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.GetByTestId("publish-targets-problem")).ToContainTextAsync("apply the routing");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open Routing" }).ClickAsync();
        await page.GetByTestId("routing-apply").ClickAsync();
        await Expect(page.GetByTestId("apply-result")).ToContainTextAsync("Applied");

        await page.GetByRole(AriaRole.Link, new() { Name = "IVR", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Publish" }).ClickAsync();
        await page.GetByTestId("publish-message").FillAsync("First version");
        await page.GetByTestId("ivr-publish").ClickAsync();
        await Expect(page.GetByTestId("publish-result")).ToContainTextAsync("Created flow \"Support IVR\": revision 1, published.");
        await page.GetByTestId("number-attach").First.ClickAsync();
        await Expect(page.GetByTestId("number-bound")).ToHaveCountAsync(1);
        await page.GetByTestId("ivr-publish").ClickAsync();
        await Expect(page.GetByTestId("publish-result")).ToContainTextAsync("Nothing changed");
        await Expect(page.GetByTestId("revisions")).ToContainTextAsync("First version");
        await BrowserFixture.ScreenshotAsync(page, "33-ivr-published");

        Assert.Empty(errors);
    }
}
