using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.ThankYou;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Reliability;

/// <summary>
/// Fault injection: the database throws, Twilio times out, Twilio answers malformed JSON. Afterwards the host is still
/// up, /health said Degraded naming the loop meanwhile, and the pending text is sent exactly once.
/// </summary>
[Trait("Lane", "Integration")]
public sealed class SupervisedLoopTests
{
    private const string MessagesPath = "/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpStatusCode> PostEventAsync(ConsoleAppFactory app, int task = 1, string host = "http://localhost")
    {
        var key = await app.Services.GetRequiredService<SettingsService>().GetWebhookSigningKeyAsync(Ct);
        using var client = app.NewClient();
        using var response = await client.SendAsync(TwilioRequests.SignedPost($"{host}/webhooks/taskrouter/events", TaskRouterEvents.Form(task), key!,
            "/webhooks/taskrouter/events"), Ct);
        return response.StatusCode;
    }

    private static async Task<string> HealthAsync(ConsoleAppFactory app)
    {
        using var client = app.NewClient();
        return await client.GetStringAsync("/health", Ct);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, int seconds = 20)
    {
        var value = await read();
        for (var i = 0; i < seconds * 10 && !done(value); i++)
        {
            await Task.Delay(100, Ct);
            value = await read();
        }

        return value;
    }

    private static async Task<List<ThankYouText>> TextsAsync(ConsoleAppFactory app)
    {
        await using var db = await app.DbAsync(Ct);
        return await db.ThankYouTexts.AsNoTracking().ToListAsync(Ct);
    }

    private static bool Stopping(ConsoleAppFactory app) => app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;

    [Fact]
    public async Task TheDatabaseThrows_TheHostStaysUp_HealthIsDegraded_ThenTheTextIsSentOnce()
    {
        var fault = new FaultyDatabase("ThankYouTexts");
        await using var app = new ConsoleAppFactory()
            .With("TwilioConsole:Health:LoopFailureSeconds", "1")
            .WithServices(services => services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(fault)));
        _ = app.Services;

        fault.Failing = true;
        var refused = await PostEventAsync(app);
        var degraded = await EventuallyAsync(() => HealthAsync(app), h => h.Contains(ThankYouDispatcher.LoopName, StringComparison.Ordinal));
        fault.Failing = false;
        var accepted = await PostEventAsync(app); // Twilio retries the event the app could not store
        var texts = await EventuallyAsync(() => TextsAsync(app), t => t.Count == 1 && t[0].Status == ThankYouStatus.Sent);
        var healthy = await EventuallyAsync(() => HealthAsync(app), h => h.StartsWith("{\"status\":\"Healthy\"", StringComparison.Ordinal));

        Assert.True((int)refused >= 500, $"expected 5xx while the database is down, got {refused}");
        Assert.Contains("\"Degraded\"", degraded, StringComparison.Ordinal);
        Assert.Contains(ThankYouDispatcher.LoopName, degraded, StringComparison.Ordinal);
        Assert.Contains("Injected fault", degraded, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, accepted);
        Assert.Equal(ThankYouStatus.Sent, Assert.Single(texts).Status);
        await using var db = await app.DbAsync(Ct);
        Assert.Equal(1, await db.Messages.CountAsync(Ct));
        Assert.StartsWith("{\"status\":\"Healthy\"", healthy, StringComparison.Ordinal);
        Assert.False(Stopping(app));
    }

    [Fact]
    public async Task TwilioAnswersMalformedJson_ThenTimesOut_TheHostStaysUp_AndTheTextIsSentExactlyOnce()
    {
        await using var app = new ConsoleAppFactory()
            .With("TwilioConsole:Health:LoopFailureSeconds", "1")
            .With("TwilioConsole:Twilio:TimeoutSeconds", "1")
            .With(ThankYouDispatcher.InFlightGraceKey, "1");
        await app.UseTwilioModeAsync(Ct, sender: "+15017122661", publicBaseUrl: "https://console.example.com");
        app.Twilio.Respond(HttpMethod.Post, MessagesPath, HttpStatusCode.Created, "{\"sid\": \"SM"); // accepted, then cut off
        app.Twilio.Respond(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, "{}", delay: TimeSpan.FromSeconds(30)); // reconciling times out

        Assert.Equal(HttpStatusCode.NoContent, await PostEventAsync(app, host: "https://console.example.com"));
        var degraded = await EventuallyAsync(() => HealthAsync(app), h => h.Contains(ThankYouDispatcher.LoopName, StringComparison.Ordinal));
        var inFlight = Assert.Single(await TextsAsync(app));

        // Twilio answers again: it has the message, so reconciling settles the row without a second send.
        var created = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);
        app.Twilio.Respond(HttpMethod.Get, MessagesPath, HttpStatusCode.OK, $$"""
            {"messages": [{"sid": "{{Sids.Make("SM", 5)}}", "to": "{{inFlight.CustomerNumber}}", "body": {{System.Text.Json.JsonSerializer.Serialize(inFlight.Body)}},
              "status": "delivered", "num_segments": "1", "date_created": "{{created}}"}], "next_page_uri": null}
            """);
        var texts = await EventuallyAsync(() => TextsAsync(app), t => t.Count == 1 && t[0].Status == ThankYouStatus.Sent, seconds: 40);

        Assert.Contains(ThankYouDispatcher.LoopName, degraded, StringComparison.Ordinal);
        Assert.Equal((ThankYouStatus.Sent, Sids.Make("SM", 5)), (texts[0].Status, texts[0].MessageSid));
        Assert.Single(app.Twilio.Requests, r => r.Method == HttpMethod.Post && r.Uri.AbsolutePath == MessagesPath);
        Assert.False(Stopping(app));
    }

    [Fact]
    public async Task TheOutboxWriter_SurvivesAnUnexpectedDatabaseError()
    {
        var fault = new FaultyDatabase("ThankYouTexts");
        await using var app = new ConsoleAppFactory()
            .With(ThankYouDispatcher.EnabledKey, "false")
            .WithServices(services => services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(fault)));
        _ = app.Services;

        fault.Failing = true;
        var whileDown = await PostEventAsync(app, task: 1);
        fault.Failing = false;
        var afterwards = await Task.WhenAll(Enumerable.Range(2, 5).Select(task => PostEventAsync(app, task)));

        Assert.True((int)whileDown >= 500);
        Assert.All(afterwards, status => Assert.Equal(HttpStatusCode.NoContent, status));
        Assert.Equal(5, (await TextsAsync(app)).Count);
    }
}
