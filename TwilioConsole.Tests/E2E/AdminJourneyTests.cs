using Microsoft.Playwright;
using TwilioConsole.Tests.Fakes;
using static Microsoft.Playwright.Assertions;

namespace TwilioConsole.Tests.E2E;

/// <summary>A new install, as an Admin meets it: set up, sign in, look around, change settings, add a user, sign out.</summary>
[Trait("Lane", "E2E")]
public sealed class AdminJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task FirstRun_SetUp_SignIn_SaveSettings_AddUser_SignOut()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.NewPageAsync();

        // A fresh install leads to setup.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/setup$"));
        await BrowserFixture.ScreenshotAsync(page, "01-setup");
        await page.FillAsync("#Input\\.SetupCode", browser.App.SetupCode); // printed in the server's log at start-up
        await page.FillAsync("#Input\\.Email", SignedInClient.AdminEmail);
        await page.FillAsync("#Input\\.DisplayName", "Ada Admin");
        await page.FillAsync("#Input\\.Password", SignedInClient.Password);
        await page.FillAsync("#Input\\.ConfirmPassword", SignedInClient.Password);
        await page.ClickAsync("button[type=submit]");

        // Sign in.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "02-sign-in");
        await page.FillAsync("#Input\\.Email", SignedInClient.AdminEmail);
        await page.FillAsync("#Input\\.Password", SignedInClient.Password);
        await page.ClickAsync("button[type=submit]");

        // The dashboard, in Sandbox mode.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("mode-badge")).ToContainTextAsync("Sandbox");
        await Expect(page.GetByTestId("served-by")).ToContainTextAsync("Sandbox provider");
        await Expect(page.GetByTestId("card-activity")).ToContainTextAsync("users.setup");
        await BrowserFixture.ScreenshotAsync(page, "03-dashboard");

        // Settings: a bad value gets a field message and nothing is saved; a good one saves.
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Settings", Exact = true })).ToBeVisibleAsync();
        await page.GetByTestId("account-sid").FillAsync("AC123");
        await page.GetByTestId("account-sid").BlurAsync();
        await Expect(page.GetByText("An Account SID starts with 'AC'")).ToBeVisibleAsync();
        await page.GetByTestId("save-settings").ClickAsync();
        await Expect(page.GetByText("Nothing was saved")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "04-settings-invalid");
        await page.GetByTestId("account-sid").FillAsync(Sids.Account(42));
        await page.GetByTestId("public-base-url").FillAsync("https://console.example.com");
        await page.GetByTestId("save-settings").ClickAsync();
        await Expect(page.GetByText("Settings saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("source-Twilio:AccountSid")).ToContainTextAsync("Saved on this page");
        await BrowserFixture.ScreenshotAsync(page, "05-settings-saved");

        // Users: add a Staff member.
        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await page.GetByTestId("add-user").ClickAsync();
        await page.GetByTestId("new-user-email").FillAsync("sam@example.com");
        await page.GetByTestId("new-user-password").FillAsync(SignedInClient.Password);
        await BrowserFixture.ScreenshotAsync(page, "06-add-user");
        await page.GetByTestId("create-user").ClickAsync();
        await Expect(page.GetByTestId("users-table")).ToContainTextAsync("sam@example.com");
        await BrowserFixture.ScreenshotAsync(page, "07-users");

        // The audit log shows what happened.
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page.GetByTestId("audit-table")).ToContainTextAsync("settings.save");
        await Expect(page.GetByTestId("audit-table")).ToContainTextAsync("users.create");
        await BrowserFixture.ScreenshotAsync(page, "08-audit-log");

        // Its filters narrow it down, and clearing them brings every entry back.
        await page.GetByTestId("audit-search").FillAsync("users.create");
        await Expect(page.GetByTestId("audit-table")).Not.ToContainTextAsync("settings.save");
        await Expect(page.GetByTestId("audit-table")).ToContainTextAsync("users.create");
        await page.GetByTestId("audit-outcome").SelectOptionAsync("failed");
        await Expect(page.GetByTestId("audit-table")).ToContainTextAsync("No entries match.");
        await BrowserFixture.ScreenshotAsync(page, "08b-audit-log-filtered");
        await page.GetByTestId("audit-outcome").SelectOptionAsync("");
        await page.GetByTestId("audit-table").Page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Expect(page.GetByTestId("audit-table")).ToContainTextAsync("settings.save");

        // Sign out.
        await page.GetByRole(AriaRole.Button, new() { Name = SignedInClient.AdminEmail }).ClickAsync();
        await page.WaitForTimeoutAsync(500);
        await BrowserFixture.ScreenshotAsync(page, "09-account-menu");
        await page.GetByTestId("sign-out").ClickAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        Assert.Empty(errors);
    }
}
