using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Data;
using TwilioConsole.Web.Components.Pages.Messaging;

namespace TwilioConsole.Tests.Components.Messaging;

[Trait("Lane", "Components")]
public sealed class SendSmsPageTests : MudTestContext
{
    [Fact]
    public void TypingANationalNumber_ShowsItsE164Form()
    {
        var (page, _) = RenderWithPopovers<SendSmsPage>();
        page.WaitForElement("[data-testid=sms-to]");

        page.Find("[data-testid=sms-to]").Input("(415) 555-0100");

        page.WaitForAssertion(() => Assert.Contains("Sends to +14155550100 (US)", page.Find("[data-testid=sms-to-normalized]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void TypingABadNumber_ShowsWhatToFix()
    {
        var (page, _) = RenderWithPopovers<SendSmsPage>();
        page.WaitForElement("[data-testid=sms-to]");

        page.Find("[data-testid=sms-to]").Input("555-01");

        page.WaitForAssertion(() => Assert.Contains("not a valid phone number in US", page.Markup, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Thanks for calling!", "19 / 1600 characters", "GSM-7", "1 segment ")]
    [InlineData("Thanks 😀", "9 / 1600 characters", "Unicode (UCS-2)", "1 segment ")]
    public void Counter_FollowsTheBody(string body, string characters, string encoding, string segments)
    {
        var (page, _) = RenderWithPopovers<SendSmsPage>();
        page.WaitForElement("[data-testid=sms-body]");

        page.Find("[data-testid=sms-body]").Input(body);

        page.WaitForAssertion(() =>
        {
            var summary = page.Find("[data-testid=segment-summary]").TextContent;
            Assert.Contains(characters, summary, StringComparison.Ordinal);
            Assert.Contains(encoding, summary, StringComparison.Ordinal);
            Assert.Contains(segments, summary, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SendingWithoutAMessage_ShowsFieldError_AndStoresNothing()
    {
        var (page, _) = RenderWithPopovers<SendSmsPage>();
        page.WaitForElement("[data-testid=sms-to]");
        page.Find("[data-testid=sms-to]").Input("+14155550100");

        page.Find("[data-testid=sms-send]").Click();

        page.WaitForAssertion(() => Assert.Contains("Write a message.", page.Markup, StringComparison.Ordinal));
        await using var db = await Migrated.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Empty(await db.Messages.ToListAsync(Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Sending_ShowsTheSidAndStatus()
    {
        var (page, _) = RenderWithPopovers<SendSmsPage>();
        page.WaitForElement("[data-testid=sms-to]");
        page.Find("[data-testid=sms-to]").Input("+14155550100");
        page.Find("[data-testid=sms-body]").Input("Hello from the test");

        page.Find("[data-testid=sms-send]").Click();

        page.WaitForAssertion(() =>
        {
            var result = page.Find("[data-testid=sms-result]").TextContent;
            Assert.Contains("queued", result, StringComparison.Ordinal);
            Assert.Matches("SM[0-9a-f]{32}", result);
        });
    }
}
