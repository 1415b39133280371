using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;
using TwilioConsole.Web.Components.Pages.Settings;

namespace TwilioConsole.Tests.Components.Settings;

[Trait("Lane", "Components")]
public sealed class SettingsPageTests : MudTestContext
{
    [Fact]
    public void BadAccountSid_ShowsFieldMessage()
    {
        var (page, _) = RenderWithPopovers<SettingsPage>();
        page.WaitForElement("[data-testid=account-sid]");

        page.Find("[data-testid=account-sid]").Input("AC123");

        page.WaitForAssertion(() => Assert.Contains("An Account SID starts with 'AC' followed by 32 hexadecimal characters", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void BadPublicBaseUrl_ShowsFieldMessage()
    {
        var (page, _) = RenderWithPopovers<SettingsPage>();
        page.WaitForElement("[data-testid=public-base-url]");

        page.Find("[data-testid=public-base-url]").Input("console.example.com");

        page.WaitForAssertion(() => Assert.Contains("Enter an absolute http:// or https:// address", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwilioModeWithoutSecret_SaveShowsMessage_AndSavesNothing()
    {
        var (page, _) = RenderWithPopovers<SettingsPage>();
        page.WaitForElement("[data-testid=account-sid]");
        page.Find("[data-testid=mode-twilio] input, input[data-testid=mode-twilio]").Click();
        page.Find("[data-testid=account-sid]").Input(Sids.Account());

        page.Find("[data-testid=save-settings]").Click();

        page.WaitForAssertion(() => Assert.Contains("Twilio mode needs an Auth Token, or an API Key SID with its secret.", page.Markup, StringComparison.Ordinal));
        var saved = await Migrated.GetRequiredService<SettingsService>().GetAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(SettingSource.Default, saved[SettingKeys.AccountSid].Source);
        Assert.Equal(ConsoleMode.Sandbox, saved.Settings.Mode);
    }

    [Fact]
    public async Task SavedSecret_IsShownOnlyAsHint()
    {
        await SaveCredentialsAsync();

        var (page, _) = RenderWithPopovers<SettingsPage>();

        page.WaitForAssertion(() => Assert.Contains($"ends in …{Sids.AuthToken()[^4..]}", page.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(Sids.AuthToken(), page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestConnection_ShowsTwilioRefusal()
    {
        Accounts.Failure = new TwilioApiException(HttpStatusCode.Unauthorized, 20003, "Authenticate", new Uri("https://www.twilio.com/docs/errors/20003"));
        await SaveCredentialsAsync();
        var (page, _) = RenderWithPopovers<SettingsPage>();
        page.WaitForElement("[data-testid=test-connection-button]");

        page.Find("[data-testid=test-connection-button]").Click();

        page.WaitForAssertion(() =>
        {
            var result = page.Find("[data-testid=test-connection-result]").TextContent;
            Assert.Contains("Twilio refused: Authenticate", result, StringComparison.Ordinal);
            Assert.Contains("20003", result, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task TestConnection_InTheSandboxWithNoAccount_IsInformation_NotAFailure()
    {
        var (page, _) = RenderWithPopovers<SettingsPage>();
        page.WaitForElement("[data-testid=test-connection-button]");

        page.Find("[data-testid=test-connection-button]").Click();

        page.WaitForAssertion(() => Assert.Contains("Sandbox mode needs no Twilio account", page.Find("[data-testid=test-connection-result]").TextContent, StringComparison.Ordinal));
        Assert.Contains("mud-alert-text-info", page.Find("[data-testid=test-connection-result]").ClassName, StringComparison.Ordinal);
        var audit = await Services.GetRequiredService<TwilioConsole.Core.Audit.AuditLog>().QueryAsync(new TwilioConsole.Core.Audit.AuditQuery(), Xunit.TestContext.Current.CancellationToken);
        Assert.DoesNotContain(audit.Items, e => e.Action == "twilio.test-connection"); // no Failed entry, no red icon on the Dashboard
    }

    private Task<SettingsSaveResult> SaveCredentialsAsync() =>
        Migrated.GetRequiredService<SettingsService>().SaveAsync(
            new SettingsForm { AccountSid = Sids.Account(), AuthToken = Sids.AuthToken() }, "test", Xunit.TestContext.Current.CancellationToken);
}
