using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Messaging;

/// <summary>
/// A local failure after Twilio accepted a message (here a unique-SID collision) is not an error for the person who
/// sent it, and the row it left without a SID is settled by reconciliation, which never gives one message to two rows.
/// </summary>
[Trait("Lane", "Integration")]
public sealed class ReconciliationTests : IAsyncDisposable
{
    private const string MessagesPath = "/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json";
    private readonly ConsoleAppFactory _app = new ConsoleAppFactory().With("TwilioConsole:ThankYou:InFlightGraceSeconds", "1");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private Task UseTwilioAsync() => _app.UseTwilioModeAsync(Ct, sender: "+15017122661", publicBaseUrl: "https://console.example.com");

    private static string Listed(params (string Sid, string Body, DateTimeOffset Created)[] messages) =>
        $$"""{"messages": [{{string.Join(",", messages.Select(m => $$"""
            {"sid": "{{m.Sid}}", "to": "+14155550100", "body": {{System.Text.Json.JsonSerializer.Serialize(m.Body)}}, "status": "delivered", "num_segments": "1",
             "date_created": "{{m.Created.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}}"}
            """))}}], "next_page_uri": null}""";

    [Fact]
    public async Task AUniqueSidCollisionAfterTheSend_IsNoError_AndTheRowIsReconciled()
    {
        await UseTwilioAsync();
        var sid = Sids.Make("SM", 5);
        await using (var db = await _app.DbAsync(Ct))
        {
            db.Messages.Add(new MessageRecord
            {
                Sid = sid, To = "+14155550199", Sender = "+15017122661", Body = "Earlier", Status = "delivered", SentBy = "x",
                CreatedAt = DateTimeOffset.UtcNow.AddDays(-1), UpdatedAt = DateTimeOffset.UtcNow.AddDays(-1),
            });
            await db.SaveChangesAsync(Ct);
        }

        _app.Twilio.Respond(HttpMethod.Post, MessagesPath, HttpStatusCode.Created,
            $$"""{"sid": "{{sid}}", "to": "+14155550100", "body": "Hello", "status": "queued", "num_segments": "1", "date_created": "Thu, 24 Aug 2023 05:01:45 +0000"}""");

        var result = await _app.Services.GetRequiredService<SmsSender>().SendAsync(new SendSmsRequest("+14155550100", "Hello"), MessageSource.Form, "staff", Ct);

        Assert.True(result.Succeeded);
        Assert.Contains($"Twilio accepted the message as {sid}, but this app could not record it yet", result.NotRecorded, StringComparison.Ordinal);
        _app.Twilio.Respond(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, Listed((sid, "Hello", DateTimeOffset.UtcNow)));
        await Task.Delay(1200, Ct); // the grace period
        Assert.Equal(1, await _app.Services.GetRequiredService<MessageReconciler>().RunOnceAsync(Ct));

        await using var check = await _app.DbAsync(Ct);
        var row = await check.Messages.SingleAsync(m => m.Body == "Hello", Ct);
        Assert.Null(row.Sid); // the SID stays with the row that holds it
        Assert.Equal("failed", row.Status);
        Assert.Contains("already holds", row.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, await check.Messages.CountAsync(m => m.Sid == sid, Ct));
    }

    [Fact]
    public async Task TwoRowsWithTheSameTextToOneNumber_GetOneMessageEach_AndOlderMessagesAreNotTheirs()
    {
        await UseTwilioAsync();
        var started = DateTimeOffset.UtcNow;
        await using (var db = await _app.DbAsync(Ct))
        {
            foreach (var offset in new[] { 0, 1 })
            {
                db.Messages.Add(new MessageRecord
                {
                    To = "+14155550100", Sender = "+15017122661", Body = "Thanks for calling", Status = MessageStatuses.Pending, SentBy = "x",
                    CreatedAt = started.AddSeconds(offset), UpdatedAt = started.AddSeconds(offset),
                });
            }

            await db.SaveChangesAsync(Ct);
        }

        _app.Twilio.Respond(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, Listed(
            (Sids.Make("SM", 1), "Thanks for calling", started.AddHours(-2)), // the same text last week: not these rows'
            (Sids.Make("SM", 2), "Thanks for calling", started.AddSeconds(1)),
            (Sids.Make("SM", 3), "Thanks for calling", started.AddSeconds(2))));
        await Task.Delay(3200, Ct);

        await _app.Services.GetRequiredService<MessageReconciler>().RunOnceAsync(Ct);

        await using var check = await _app.DbAsync(Ct);
        var sids = await check.Messages.OrderBy(m => m.CreatedAt).Select(m => m.Sid).ToListAsync(Ct);
        Assert.Equal([Sids.Make("SM", 2), Sids.Make("SM", 3)], sids);
    }
}
