using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TwilioConsole.Tests.E2E;

/// <summary>Staff plan and apply the two queues and the workflow in Sandbox mode, test both IVR options, edit a skill and watch statistics.</summary>
[Trait("Lane", "E2E")]
public sealed class RoutingJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task PlanApply_Test_EditSkills_WatchStatistics()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync(1400, 900);

        await page.GetByRole(AriaRole.Link, new() { Name = "Routing", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Routing", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("plan-action")).ToHaveTextAsync(["create", "create", "create"]);
        await BrowserFixture.ScreenshotAsync(page, "20-routing-plan");

        await page.GetByTestId("routing-apply").ClickAsync();
        await Expect(page.GetByTestId("apply-result")).ToContainTextAsync("Applied: 3 change(s) made");
        await Expect(page.GetByTestId("plan-in-sync")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "21-routing-applied");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Tester" }).ClickAsync();
        await page.GetByTestId("tester-sample").Nth(0).ClickAsync();
        await Expect(page.GetByTestId("tester-queue")).ToHaveTextAsync("Troubleshooting");
        await Expect(page.GetByTestId("tester-workers")).ToContainTextAsync("Alex Rivera");
        await page.GetByTestId("tester-sample").Nth(1).ClickAsync();
        await Expect(page.GetByTestId("tester-queue")).ToHaveTextAsync("Support");
        await Expect(page.GetByTestId("tester-workers")).ToContainTextAsync("Sam Lee");
        await BrowserFixture.ScreenshotAsync(page, "22-routing-tester");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Workers" }).ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Sam Lee: troubleshooting" }).ClickAsync();
        await Expect(page.GetByText("Sam Lee now has skills: support, troubleshooting.")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "23-routing-workers");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Live statistics" }).ClickAsync();
        await Expect(page.GetByTestId("stats-available").Nth(0)).ToHaveTextAsync("2 of 3");
        await BrowserFixture.ScreenshotAsync(page, "24-routing-statistics");

        Assert.Empty(errors);
    }
}
