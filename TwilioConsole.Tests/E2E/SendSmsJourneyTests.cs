using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Messaging;
using static Microsoft.Playwright.Assertions;

namespace TwilioConsole.Tests.E2E;

/// <summary>Staff send an SMS in Sandbox mode and watch it reach "delivered" in Messages without reloading.</summary>
[Trait("Lane", "E2E")]
public sealed class SendSmsJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SendSms_ThenWatchItDeliver()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Send SMS", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Send SMS" })).ToBeVisibleAsync();
        await page.GetByTestId("sms-to").FillAsync("(415) 555-0100");
        await Expect(page.GetByTestId("sms-to-normalized")).ToContainTextAsync("+14155550100");
        await page.GetByTestId("sms-body").FillAsync("Thanks for calling! Your ticket is #4521.");
        await Expect(page.GetByTestId("segment-summary")).ToContainTextAsync("1 segment");
        await BrowserFixture.ScreenshotAsync(page, "10-send-sms");
        await page.GetByTestId("sms-send").ClickAsync();
        await Expect(page.GetByTestId("sms-result")).ToContainTextAsync("queued");
        await BrowserFixture.ScreenshotAsync(page, "11-send-sms-sent");

        await page.GetByRole(AriaRole.Link, new() { Name = "Follow its status in Messages" }).ClickAsync();
        await Expect(page.GetByTestId("messages-table")).ToContainTextAsync("Thanks for calling!");
        await Expect(page.GetByTestId("message-status").First).ToHaveTextAsync("delivered", new() { Timeout = 15_000 });
        await BrowserFixture.ScreenshotAsync(page, "12-messages");

        Assert.Empty(errors);
    }

    [Fact]
    public async Task LongMessage_ShowsAPreview_AndOpensAndClosesInTheBrowser()
    {
        browser.SkipWhenNoBrowser();
        var body = string.Join(" ", Enumerable.Repeat("A long update about your repair, with every detail staff wrote.", 12)) + " The end.";
        await browser.App.Services.GetRequiredService<SmsSender>().SendAsync(new SendSmsRequest("+14155550102", body), MessageSource.Form,
            "ada@example.com", CancellationToken.None);
        var (page, errors) = await browser.SignedInPageAsync();

        await page.GotoAsync("messages");
        await BrowserFixture.WaitForInteractiveAsync(page);
        var row = page.GetByTestId("messages-table").Locator("tr", new() { HasText = "A long update" }).First;
        var full = row.GetByTestId("long-text-full");
        await Expect(full).ToBeHiddenAsync();
        await Expect(row.Locator(".long-text-preview")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "12b-messages-long-text");
        await row.GetByText($"Show all {body.Length:N0} characters").ClickAsync();
        await Expect(full).ToBeVisibleAsync();
        await Expect(full).ToContainTextAsync("The end.");
        await Expect(row.Locator(".long-text-preview")).ToBeHiddenAsync();
        await BrowserFixture.ScreenshotAsync(page, "12c-messages-long-text-open");
        await row.GetByText("Show less").ClickAsync();
        await Expect(full).ToBeHiddenAsync();

        Assert.Empty(errors);
    }

    [Fact]
    public async Task NarrowScreen_MessagesAndDashboardStayUsable()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync(390, 844);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "13-dashboard-narrow");
        await page.GotoAsync("messages");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Messages" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "14-messages-narrow");

        Assert.Empty(errors);
    }

    [Fact]
    public async Task DeployTheFunction_ThenSendThroughIt()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Functions", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Functions", Exact = true })).ToBeVisibleAsync();
        await page.GetByTestId("function-deploy").ClickAsync();
        await Expect(page.GetByTestId("function-url")).ToContainTextAsync("/send-sms", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("deploy-steps")).ToContainTextAsync("Deploy — done");
        await page.GetByTestId("function-to").FillAsync("+14155550123");
        await page.GetByTestId("function-send").ClickAsync();
        await Expect(page.GetByTestId("function-result")).ToContainTextAsync("The Function sent it");
        await BrowserFixture.ScreenshotAsync(page, "15-functions");

        Assert.Empty(errors);
    }

    [Fact]
    public async Task EndedCall_ShowsOneThankYouText_SentAndInMessages()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync();
        var key = await browser.App.Services.GetRequiredService<TwilioConsole.Core.Settings.SettingsService>().GetWebhookSigningKeyAsync(CancellationToken.None);
        KeyValuePair<string, string>[] wrapup =
        [
            new("EventType", "task.wrapup"), new("TaskSid", "WT" + new string('e', 32)), new("TaskChannelUniqueName", "voice"),
            new("TaskAttributes", """{"from":"+14155550177","direction":"inbound","name":"Zoë Park","type":"support"}"""),
            new("TaskQueueName", "Support"), new("WorkerName", "Alice"), new("WorkerSid", "WK" + new string('e', 32)),
        ];
        using var http = new HttpClient { BaseAddress = browser.BaseUrl };
        for (var i = 0; i < 2; i++) // TaskRouter may deliver an event twice
        {
            using var request = Fakes.TwilioRequests.SignedPost(new Uri(browser.BaseUrl, "webhooks/taskrouter/events").ToString(), wrapup, key!);
            using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        }

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Completion texts" }).ClickAsync();
        // Tests in this class share one app, so look only at this customer's row.
        var row = page.GetByTestId("completion-texts").Locator("tr", new() { HasText = "•77" });
        await Expect(row.GetByTestId("thankyou-status")).ToHaveTextAsync("Sent", new() { Timeout = 15_000 });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("total-sent")).Not.ToHaveTextAsync("0", new() { Timeout = 10_000 });
        await Expect(page.GetByTestId("thankyou-summary")).ToContainTextAsync("On: sent when the call ends (task.wrapup)");
        await page.GetByTestId("thankyou-edit").ClickAsync();
        await Expect(page.GetByTestId("thankyou-preview")).ToContainTextAsync("Hi Zoë Park");
        await BrowserFixture.ScreenshotAsync(page, "16-completion-texts");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Messages", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("messages-table")).ToContainTextAsync("ThankYou");

        Assert.Empty(errors);
    }

    [Fact]
    public async Task SandboxEndedCall_SendsOneThankYouText()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync();

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Completion texts" }).ClickAsync();
        await page.GetByTestId("sandbox-call-number").FillAsync("+1 415 555 0199");
        await page.GetByTestId("sandbox-call-end").ClickAsync();

        var row = page.GetByTestId("completion-texts").Locator("tr", new() { HasText = "•99" });
        await Expect(row.GetByTestId("thankyou-status")).ToHaveTextAsync("Sent", new() { Timeout = 15_000 });
        await page.WaitForTimeoutAsync(1500); // task.completed follows a second later and must add nothing
        await Expect(page.GetByTestId("completion-texts").Locator("tr", new() { HasText = "•99" })).ToHaveCountAsync(1);

        Assert.Empty(errors);
    }

    /// <summary>A failed text's Retry (drawn apart from its row, ADR 16) asks first, then sends the text again.</summary>
    [Fact]
    public async Task AFailedText_RetriedFromItsRow_IsSentAgain()
    {
        browser.SkipWhenNoBrowser();
        var (page, errors) = await browser.SignedInPageAsync(1440, 900);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Completion texts" }).ClickAsync();
        await page.GetByTestId("sandbox-call-number").FillAsync("+1 415 555 0188");
        await page.GetByTestId("sandbox-call-end").ClickAsync();
        var row = page.GetByTestId("completion-texts").Locator("tr", new() { HasText = "•88" });
        await Expect(row.GetByTestId("thankyou-status")).ToHaveTextAsync("Sent");

        // As if Twilio had refused it.
        var ct = TestContext.Current.CancellationToken;
        await using (var db = await browser.App.Services.GetRequiredService<IDbContextFactory<TwilioConsole.Core.Data.AppDbContext>>().CreateDbContextAsync(ct))
        {
            Assert.Equal(1, await db.ThankYouTexts.Where(t => t.CustomerNumber == "+14155550188").ExecuteUpdateAsync(u => u
                .SetProperty(t => t.Status, ThankYouStatus.Failed).SetProperty(t => t.LastError, "Twilio said no"), ct));
        }

        await page.ReloadAsync();
        await BrowserFixture.WaitForInteractiveAsync(page);
        await Expect(row.GetByTestId("thankyou-status")).ToHaveTextAsync("Failed");
        await Expect(row.Locator("td").Last.GetByTestId("thankyou-retry")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "16b-completion-texts-failed");

        await row.GetByTestId("thankyou-retry").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send again" }).ClickAsync();

        await Expect(row.GetByTestId("thankyou-status")).ToHaveTextAsync("Sent");
        await Expect(row.GetByTestId("thankyou-retry")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }
}
