using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Settings;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Reliability;

/// <summary>/metrics: Prometheus text with the app's own counters, for an Admin or the configured bearer token only.</summary>
[Trait("Lane", "Integration")]
public sealed class MetricsTests : IAsyncDisposable
{
    private readonly ConsoleAppFactory _app = new ConsoleAppFactory().With("TwilioConsole:Metrics:BearerToken", "scrape-secret-123");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Anonymous_OrAWrongToken_Is401()
    {
        using var client = _app.NewClient();
        using var anonymous = await client.GetAsync("/metrics", Ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
        using var wrong = await client.GetAsync("/metrics", Ct);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (anonymous.StatusCode, wrong.StatusCode));
    }

    [Fact]
    public async Task TheToken_ReadsTheAppsCounters()
    {
        var key = await _app.Services.GetRequiredService<SettingsService>().GetWebhookSigningKeyAsync(Ct);
        using var client = _app.NewClient();
        using (var posted = await client.SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/taskrouter/events", TaskRouterEvents.Form(1), key!), Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, posted.StatusCode);
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "scrape-secret-123");
        string text = "";
        for (var i = 0; i < 50 && !text.Contains("twilio_console_thank_you_queued", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100, Ct);
            text = await client.GetStringAsync("/metrics", Ct);
        }

        Assert.Contains("twilio_console_thank_you_queued", text, StringComparison.Ordinal);
        Assert.Contains("twilio_console_webhooks_received", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdmin_ReadsThemSignedIn()
    {
        using var admin = await _app.AdminClientAsync(Ct);

        using var response = await admin.GetAsync("/metrics", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
