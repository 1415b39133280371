using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Settings;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Messaging;

/// <summary>Sending from the form, and status callbacks moving the log forward (signed, once, in order).</summary>
[Trait("Lane", "Integration")]
public sealed class SendSmsTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ConsoleAppFactory _app;

    public SendSmsTests() => _app = new ConsoleAppFactory { Clock = _clock };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task<SendSmsResult> SendAsync(string to = "+1 415 555 0100", string body = "Thanks for calling!") =>
        _app.Services.GetRequiredService<SmsSender>().SendAsync(new SendSmsRequest(to, body), MessageSource.Form, "staff@example.com", Ct);

    private async Task<MessageRecord> StoredAsync(long id)
    {
        await using var db = await _app.DbAsync(Ct);
        return await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id, Ct);
    }

    private async Task<HttpStatusCode> CallbackAsync(string sid, string status, string? key = null)
    {
        key ??= await _app.Services.GetRequiredService<SettingsService>().GetWebhookSigningKeyAsync(Ct);
        using var client = _app.NewClient();
        using var request = TwilioRequests.SignedPost("http://localhost/webhooks/messaging/status",
            [new("MessageSid", sid), new("MessageStatus", status), new("AccountSid", "AC5a4db0c5a4db0c5a4db0c5a4db0c5a4")], key!);
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task Send_InSandbox_RecordsTheMessage_WithNormalisedNumberAndSid()
    {
        var result = await SendAsync();

        Assert.True(result.Succeeded, result.TwilioError);
        var stored = await StoredAsync(result.Message!.Id);
        Assert.Equal("+14155550100", stored.To);
        Assert.Matches("^SM[0-9a-f]{32}$", stored.Sid);
        Assert.Equal("queued", stored.Status);
        Assert.Equal("+15005550006", stored.Sender);
    }

    [Fact]
    public async Task SignedCallbacks_MoveTheMessageForward_NeverBack()
    {
        var sid = (await SendAsync()).Message!.Sid!;
        var id = (await SendAsync("+1 415 555 0101")).Message!.Id; // another message stays untouched

        var delivered = await CallbackAsync(sid, "delivered");
        var lateSent = await CallbackAsync(sid, "sent");   // out of order
        var repeated = await CallbackAsync(sid, "delivered");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (delivered, lateSent, repeated));
        await using var db = await _app.DbAsync(Ct);
        Assert.Equal("delivered", (await db.Messages.SingleAsync(m => m.Sid == sid, Ct)).Status);
        Assert.Equal("queued", (await StoredAsync(id)).Status);
        Assert.Equal(2, await db.MessageStatusEvents.CountAsync(e => e.MessageSid == sid, Ct));
    }

    [Fact]
    public async Task UnsignedOrWronglySignedCallback_Is403_AndChangesNothing()
    {
        var sent = (await SendAsync()).Message!;
        using var client = _app.NewClient();
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/webhooks/messaging/status")
        {
            Content = new FormUrlEncodedContent([new("MessageSid", sent.Sid!), new("MessageStatus", "failed")]),
        };

        var noSignature = (await client.SendAsync(unsigned, Ct)).StatusCode;
        var wrongKey = await CallbackAsync(sent.Sid!, "failed", key: "00000000000000000000000000000000");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (noSignature, wrongKey));
        Assert.Equal("queued", (await StoredAsync(sent.Id)).Status);
    }

    [Fact]
    public async Task SandboxCourier_DeliversTheStatusCallbacks_ThroughTheRealEndpoint()
    {
        var sent = (await SendAsync()).Message!;

        for (var i = 0; i < 50 && (await StoredAsync(sent.Id)).Status != "delivered"; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(50, Ct);
        }

        Assert.Equal("delivered", (await StoredAsync(sent.Id)).Status);
    }

    [Fact]
    public async Task DeliveredMessage_GetsItsPrice_AfterItSettles()
    {
        var sent = (await SendAsync()).Message!;
        for (var i = 0; i < 50 && (await StoredAsync(sent.Id)).Status != "delivered"; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(50, Ct);
        }

        var fetcher = _app.Services.GetRequiredService<MessagePriceFetcher>();
        var early = await fetcher.RunOnceAsync(Ct);
        _clock.Advance(MessagePriceFetcher.SettleTime + TimeSpan.FromSeconds(1));
        await fetcher.RunOnceAsync(Ct); // the background round may have priced it already; either way once

        var stored = await StoredAsync(sent.Id);
        Assert.Equal(0, early);
        Assert.NotNull(stored.PriceCheckedAt);
        Assert.Equal("delivered", stored.Status);
        Assert.True(stored.Price < 0);
        Assert.Equal("USD", stored.PriceUnit);
    }

    [Theory]
    [InlineData("", "Hi", "To", "Enter a phone number.")]
    [InlineData("12", "Hi", "To", "valid phone number")]
    [InlineData("+14155550100", "   ", "Body", "Write a message.")]
    public async Task BadInput_GetsAFieldMessage_AndNothingIsStored(string to, string body, string field, string message)
    {
        var result = await SendAsync(to, body);

        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Errors[field], StringComparison.Ordinal);
        await using var db = await _app.DbAsync(Ct);
        Assert.Empty(await db.Messages.ToListAsync(Ct));
    }

    [Fact]
    public async Task BodyOver1600_IsRefused()
    {
        var result = await SendAsync(body: new string('x', 1601));

        Assert.Contains("1600", result.Errors["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwilioRefusal_IsLoggedAsFailed_WithAdvice()
    {
        var result = await SendAsync("+1 500 555 0004"); // the Sandbox's (and Twilio's) unsubscribed test number

        Assert.False(result.Succeeded);
        Assert.Contains("STOP", result.TwilioError, StringComparison.Ordinal);
        var stored = await StoredAsync(result.Message!.Id);
        Assert.Equal(("failed", 21610), (stored.Status, stored.ErrorCode));
    }

    [Fact]
    public async Task TwilioMode_PostsToMessagesApi_WithStatusCallbackToThisHost()
    {
        await _app.Services.GetRequiredService<SettingsService>().SaveAsync(new SettingsForm
        {
            Mode = ConsoleMode.Twilio, AccountSid = Sids.Account(), AuthToken = Sids.AuthToken(),
            PublicBaseUrl = "https://console.example.com", DefaultSender = "MG" + new string('a', 32),
        }, "admin", Ct);
        _app.Twilio.Respond(HttpMethod.Post, $"/2010-04-01/Accounts/{Sids.Account()}/Messages.json", HttpStatusCode.Created,
            $$"""{"sid": "{{Sids.Make("SM", 5)}}", "to": "+14155550100", "status": "accepted", "num_segments": "0", "date_created": "Thu, 24 Aug 2023 05:01:45 +0000"}""");

        var result = await SendAsync();

        Assert.True(result.Succeeded, result.TwilioError);
        var form = Assert.Single(_app.Twilio.Requests).Form;
        Assert.Contains(new KeyValuePair<string, string>("MessagingServiceSid", "MG" + new string('a', 32)), form);
        Assert.Contains(new KeyValuePair<string, string>("StatusCallback", "https://console.example.com/webhooks/messaging/status"), form);
        Assert.DoesNotContain(form, f => f.Key == "From");
    }
}
