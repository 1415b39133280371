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
    public void AnUnsentDraft_KeepsTheCircuitOfAHiddenTab()
    {
        var (page, _) = RenderWithPopovers<SendSmsPage>();
        page.WaitForElement("[data-testid=sms-body]");
        Assert.Empty(page.FindAll("[data-keep-circuit]"));

        page.Find("[data-testid=sms-body]").Input("Half-written reply");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-keep-circuit]"))); // js/pause-hidden.js leaves it live (ADR 11)

        page.Find("[data-testid=sms-body]").Input("   ");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-keep-circuit]")));
    }

    [Fact]
    public void TypingABadNumber_ShowsWhatToFix()
    {
        var (page, _) = RenderWithPopovers<SendSmsPage>();
        page.WaitForElement("[data-testid=sms-to]");

        page.Find("[data-testid=sms-to]").Input("555-01");

        page.WaitForAssertion(() => Assert.Contains("not a valid phone number: it has too few digits for US", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void AFictional555Number_SaysWhy()
    {
        var (page, _) = RenderWithPopovers<SendSmsPage>();
        page.WaitForElement("[data-testid=sms-to]");

        page.Find("[data-testid=sms-to]").Input("+15551234567");
        page.Find("[data-testid=sms-body]").Input("Hi");
        page.Find("[data-testid=sms-send]").Click();

        page.WaitForAssertion(() => Assert.Contains("555 numbers, for example, are reserved for fiction", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task APasteOver1600Characters_IsKeptWhole_SaysByHowMuch_AndCannotBeSent()
    {
        var (page, _) = RenderWithPopovers<SendSmsPage>();
        page.WaitForElement("[data-testid=sms-to]");
        page.Find("[data-testid=sms-to]").Input("+14155550100");

        page.Find("[data-testid=sms-body]").Input(new string('x', 2000));

        page.WaitForAssertion(() => Assert.Contains("this has 2,000. Shorten it by 400", page.Markup, StringComparison.Ordinal));
        Assert.Contains("2000 / 1600 characters", page.Find("[data-testid=segment-summary]").TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=sms-send]").HasAttribute("disabled"));
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.Messages.CountAsync(Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public void ManySegments_AreSentOnlyAfterTheSenderConfirms()
    {
        var (page, _) = RenderWithPopovers<SendSmsPage>();
        page.WaitForElement("[data-testid=sms-to]");
        page.Find("[data-testid=sms-to]").Input("+14155550100");

        page.Find("[data-testid=sms-body]").Input(new string('x', 1000)); // 7 segments of GSM-7

        page.WaitForAssertion(() => Assert.Contains("goes out as 7 segments", page.Find("[data-testid=sms-many-segments]").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=sms-send]").HasAttribute("disabled"));
        var box = page.Find("[data-testid=sms-confirm-segments]");
        (box.TagName == "INPUT" ? box : box.QuerySelector("input")!).Change(true);
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=sms-send]").HasAttribute("disabled")));
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
