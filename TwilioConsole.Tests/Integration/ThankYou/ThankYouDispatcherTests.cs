using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.ThankYou;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.ThankYou;

/// <summary>The dispatcher against a fake Twilio: retries only what is safe, and never sends twice.</summary>
[Trait("Lane", "Integration")]
public sealed class ThankYouDispatcherTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ConsoleAppFactory _app;
    private static string MessagesPath => $"/2010-04-01/Accounts/{Sids.Account()}/Messages.json";

    // The background dispatcher is off here: each test drives rounds itself, so nothing races it.
    public ThankYouDispatcherTests() => _app = new ConsoleAppFactory { Clock = _clock }.With(ThankYouDispatcher.EnabledKey, "false");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var saved = await _app.Services.GetRequiredService<SettingsService>().SaveAsync(new SettingsForm
        {
            Mode = ConsoleMode.Twilio, AccountSid = Sids.Account(), AuthToken = Sids.AuthToken(), DefaultSender = "+15017122661",
            PublicBaseUrl = "https://console.example.com",
        }, "admin", CancellationToken.None);
        Assert.True(saved.Succeeded);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static string Created(int n) =>
        $$"""{"sid": "{{Sids.Make("SM", n)}}", "to": "+14155550100", "body": "Thanks", "status": "queued", "num_segments": "1", "date_created": "Thu, 24 Aug 2023 05:01:45 +0000"}""";

    private async Task<long> QueueAsync(ThankYouStatus status = ThankYouStatus.Pending, DateTimeOffset? attemptStarted = null)
    {
        await using var db = await _app.DbAsync(Ct);
        var row = new ThankYouText
        {
            TaskSid = Sids.Make("WT", 7), EventType = "task.wrapup", CustomerNumber = "+14155550100", Body = "Thanks", Status = status,
            Attempts = status == ThankYouStatus.Sending ? 1 : 0, AttemptStartedAt = attemptStarted,
            NextAttemptAt = _clock.GetUtcNow(), CreatedAt = _clock.GetUtcNow(), UpdatedAt = _clock.GetUtcNow(),
        };
        db.ThankYouTexts.Add(row);
        await db.SaveChangesAsync(Ct);
        return row.Id;
    }

    private async Task<ThankYouText> RowAsync(long id)
    {
        await using var db = await _app.DbAsync(Ct);
        return await db.ThankYouTexts.AsNoTracking().SingleAsync(t => t.Id == id, Ct);
    }

    private Task<int> RunAsync() => _app.Services.GetRequiredService<ThankYouDispatcher>().RunOnceAsync(Ct);

    private int Posts => _app.Twilio.Requests.Count(r => r.Method == HttpMethod.Post && r.Uri.AbsolutePath == MessagesPath);

    [Fact]
    public async Task TransientFailureThenSuccess_SendsOnce()
    {
        _app.Twilio
            .Respond(HttpMethod.Post, MessagesPath, HttpStatusCode.ServiceUnavailable, """{"code": 20500, "message": "Internal error"}""")
            .Respond(HttpMethod.Post, MessagesPath, HttpStatusCode.Created, Created(1));
        var id = await QueueAsync();

        await RunAsync();
        var afterFirst = await RowAsync(id);
        await RunAsync();                                   // not due yet: backoff
        _clock.Advance(ThankYouDispatcher.Backoff(1));
        await RunAsync();

        Assert.Equal(ThankYouStatus.Pending, afterFirst.Status);
        Assert.Equal(_clock.GetUtcNow(), afterFirst.NextAttemptAt);
        var done = await RowAsync(id);
        Assert.Equal((ThankYouStatus.Sent, Sids.Make("SM", 1), 2), (done.Status, done.MessageSid, done.Attempts));
        Assert.Equal(2, Posts);
    }

    [Fact]
    public async Task PermanentFailure_StopsAfterOneTry()
    {
        _app.Twilio.RespondError(HttpMethod.Post, MessagesPath, HttpStatusCode.BadRequest, 21610, "Attempt to send to unsubscribed recipient");
        var id = await QueueAsync();

        await RunAsync();
        _clock.Advance(TimeSpan.FromHours(1));
        await RunAsync();

        var row = await RowAsync(id);
        Assert.Equal((ThankYouStatus.Failed, 21610), (row.Status, row.LastErrorCode));
        Assert.Contains("START", row.LastError, StringComparison.Ordinal);
        Assert.Equal(1, Posts);
    }

    [Fact]
    public async Task CrashAfterSending_IsReconciled_NotResent()
    {
        // The process died after Twilio took the message but before the row was updated.
        var started = _clock.GetUtcNow() - TimeSpan.FromMinutes(5);
        var id = await QueueAsync(ThankYouStatus.Sending, started);
        _app.Twilio.Respond(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, $$"""
            {"messages": [{"sid": "{{Sids.Make("SM", 9)}}", "to": "+14155550100", "body": "Thanks", "status": "delivered", "num_segments": "1",
              "date_created": "{{started.AddSeconds(1).ToString("ddd, dd MMM yyyy HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture)}}"}],
             "next_page_uri": null}
            """);

        await RunAsync();

        var row = await RowAsync(id);
        Assert.Equal((ThankYouStatus.Sent, Sids.Make("SM", 9)), (row.Status, row.MessageSid));
        Assert.Equal(0, Posts);
    }

    [Fact]
    public async Task CrashBeforeSending_IsSentOnceAfterReconciling()
    {
        var id = await QueueAsync(ThankYouStatus.Sending, _clock.GetUtcNow() - TimeSpan.FromMinutes(5));
        _app.Twilio
            .Respond(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, """{"messages": [], "next_page_uri": null}""")
            .Respond(HttpMethod.Post, MessagesPath, HttpStatusCode.Created, Created(3));

        await RunAsync();
        await RunAsync();

        var row = await RowAsync(id);
        Assert.Equal((ThankYouStatus.Sent, Sids.Make("SM", 3)), (row.Status, row.MessageSid));
        Assert.Equal(1, Posts);
    }

    [Fact]
    public async Task RecentInFlightRow_IsLeftAlone()
    {
        var id = await QueueAsync(ThankYouStatus.Sending, _clock.GetUtcNow()); // another worker is sending it right now

        await RunAsync();

        Assert.Equal(ThankYouStatus.Sending, (await RowAsync(id)).Status);
        Assert.DoesNotContain(_app.Twilio.Requests, r => r.Uri.AbsolutePath == MessagesPath);
    }

    [Fact]
    public async Task TwoTextsWithTheSameBodyToOneCaller_AreNeverGivenOneMessage_NorAnOlderOne()
    {
        var firstStart = _clock.GetUtcNow() - TimeSpan.FromMinutes(5);
        var secondStart = firstStart + TimeSpan.FromMinutes(2);
        await using (var db = await _app.DbAsync(Ct))
        {
            foreach (var (task, started) in new[] { (1, firstStart), (2, secondStart) })
            {
                db.ThankYouTexts.Add(new ThankYouText
                {
                    TaskSid = Sids.Make("WT", task), EventType = "task.wrapup", CustomerNumber = "+14155550100", Body = "Thanks",
                    Status = ThankYouStatus.Sending, Attempts = 1, AttemptStartedAt = started,
                    NextAttemptAt = started, CreatedAt = started, UpdatedAt = started,
                });
            }

            await db.SaveChangesAsync(Ct);
        }

        // Twilio has one such message, created after the first attempt but before the second began.
        string Dated(DateTimeOffset at) => at.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture);
        _app.Twilio.Respond(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, $$"""
            {"messages": [{"sid": "{{Sids.Make("SM", 9)}}", "to": "+14155550100", "body": "Thanks", "status": "delivered", "num_segments": "1",
              "date_created": "{{Dated(firstStart.AddSeconds(1))}}"}], "next_page_uri": null}
            """);
        _app.Twilio.Respond(HttpMethod.Post, MessagesPath, HttpStatusCode.Created, Created(10));

        await RunAsync();

        await using var check = await _app.DbAsync(Ct);
        var rows = await check.ThankYouTexts.AsNoTracking().OrderBy(t => t.TaskSid).ToListAsync(Ct);
        Assert.Equal(Sids.Make("SM", 9), rows[0].MessageSid);             // its own message
        Assert.NotEqual(Sids.Make("SM", 9), rows[1].MessageSid);          // not the first text's, nor one older than its attempt
        Assert.Equal(ThankYouStatus.Sent, rows[1].Status);                // so it was sent once itself
        Assert.Equal(1, Posts);
    }
}
