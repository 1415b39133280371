using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.ThankYou;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.ThankYou;

/// <summary>Signed TaskRouter events → one thank-you text per task, sent once by the dispatcher.</summary>
[Trait("Lane", "Integration")]
public sealed class ThankYouTextTests : IAsyncDisposable
{
    private readonly ConsoleAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static KeyValuePair<string, string>[] Event(string type = "task.wrapup", string channel = "voice", int task = 1,
        string attributes = """{"from":"+14155550100","direction":"inbound","name":"Zoë"}""") =>
        [.. TaskRouterEvents.Form(task, type: type, channel: channel, attributes: attributes)];

    private async Task<HttpStatusCode> PostAsync(KeyValuePair<string, string>[] form, string? key = null)
    {
        key ??= await _app.Services.GetRequiredService<SettingsService>().GetWebhookSigningKeyAsync(Ct);
        using var client = _app.NewClient();
        using var response = await client.SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/taskrouter/events", form, key!), Ct);
        return response.StatusCode;
    }

    private async Task<List<ThankYouText>> TextsAsync()
    {
        await using var db = await _app.DbAsync(Ct);
        return await db.ThankYouTexts.AsNoTracking().ToListAsync(Ct);
    }

    private async Task<ThankYouText> WaitForAsync(Func<ThankYouText, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await TextsAsync()).SingleOrDefault() is { } row && done(row))
            {
                return row;
            }

            await Task.Delay(50, Ct);
        }

        return Assert.Single(await TextsAsync());
    }

    [Fact]
    public async Task SignedWrapupForAVoiceTask_SendsExactlyOneText()
    {
        var status = await PostAsync(Event());

        var row = await WaitForAsync(r => r.Status == ThankYouStatus.Sent);
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(("+14155550100", "Zoë", "Support", "Alice"), (row.CustomerNumber, row.CustomerName, row.QueueName, row.AgentName));
        Assert.Matches("^SM[0-9a-f]{32}$", row.MessageSid);
        await using var db = await _app.DbAsync(Ct);
        var message = await db.Messages.SingleAsync(Ct);
        Assert.Equal((MessageSource.ThankYou, row.MessageSid), (message.Source, message.Sid));
    }

    [Fact]
    public async Task RepeatedAndLaterEvents_CreateNoSecondText()
    {
        await PostAsync(Event());
        await PostAsync(Event());                        // TaskRouter retried
        await PostAsync(Event(type: "task.completed"));  // the agent finished wrap-up

        await WaitForAsync(r => r.Status == ThankYouStatus.Sent);
        await Task.Delay(300, Ct);
        Assert.Single(await TextsAsync());
        await using var db = await _app.DbAsync(Ct);
        Assert.Equal(1, await db.Messages.CountAsync(Ct));
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("sms")]
    public async Task NonVoiceTasks_CreateNothing(string channel)
    {
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(Event(channel: channel)));

        Assert.Empty(await TextsAsync());
    }

    [Fact]
    public async Task ClientIdentityCaller_IsRecordedAsSkipped()
    {
        await PostAsync(Event(attributes: """{"from":"client:alice","direction":"inbound"}"""));

        var row = Assert.Single(await TextsAsync());
        Assert.Equal(ThankYouStatus.Skipped, row.Status);
        Assert.Contains("client identity", row.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsignedEvent_Is403_AndCreatesNothing()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(Event(), key: "0123456789abcdef0123456789abcdef"));

        Assert.Empty(await TextsAsync());
    }
}
