using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TwilioConsole.Tests.E2E;

/// <summary>
/// The main menu (one light component in MudBlazor's nav markup, see NavMenu.razor): it marks the page you are on,
/// its groups fold and unfold, and on a phone following a link closes the drawer it opened from.
/// </summary>
[Trait("Lane", "E2E")]
public sealed partial class NavigationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Desktop_MarksTheCurrentPage_AndGroupsFold()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync(1440, 900);
        await page.GotoAsync("/");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true })).ToHaveAttributeAsync("aria-current", "page");

        await menu.GetByRole(AriaRole.Link, new() { Name = "Routing", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/routing$"));
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Routing", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true })).Not.ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.Locator(".mud-drawer")).ToHaveClassAsync(DrawerOpen()); // a wide screen keeps the menu beside the page

        var group = menu.GetByRole(AriaRole.Button, new() { Name = "Toggle Messaging" });
        await group.ClickAsync();
        await Expect(group).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Send SMS" })).ToHaveCountAsync(0);
        await group.ClickAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Send SMS" })).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Phone_FollowingALink_ClosesTheDrawer()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync(390, 844);
        await page.GotoAsync("/");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var drawer = page.Locator(".mud-drawer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync(); // a phone starts with the menu closed
        await Expect(drawer).ToHaveClassAsync(DrawerOpen());
        await BrowserFixture.ScreenshotAsync(page, "70-menu-narrow");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/audit$"));
        await Expect(drawer).Not.ToHaveClassAsync(DrawerOpen());
        Assert.Empty(errors);
    }

    [GeneratedRegex(@"\bmud-drawer--open\b")]
    private static partial Regex DrawerOpen();
}
