using System.Net;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Reliability;

/// <summary>Per-client limits on webhooks and sign-in posts answer 429 with Retry-After; other pages are not limited.</summary>
[Trait("Lane", "Integration")]
public sealed class RateLimitTests : IAsyncDisposable
{
    private readonly ConsoleAppFactory _app = new ConsoleAppFactory()
        .With("TwilioConsole:RateLimits:WebhookRequestsPerSecond", "3")
        .With("TwilioConsole:RateLimits:SignInAttemptsPerMinute", "2")
        .With("TwilioConsole:ThankYou:Dispatch", "false");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Webhooks_OverTheLimit_Get429()
    {
        using var client = _app.NewClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await client.PostAsync("/webhooks/taskrouter/events", new FormUrlEncodedContent([new("EventType", "x")]), Ct);
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.Contains("Retry-After"));
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.DoesNotContain(codes, c => (int)c >= 500);
    }

    [Fact]
    public async Task SignInPosts_OverTheLimit_Get429_WhilePagesStayOpen()
    {
        using var client = _app.NewClient();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent([new("Input.Email", "a@example.com"), new("Input.Password", "nope")]), Ct);
            codes.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], codes.Skip(2));
        Assert.DoesNotContain(codes.Take(2), c => c == HttpStatusCode.TooManyRequests);
        using var limited = await client.PostAsync("/Account/Login", new FormUrlEncodedContent([new("Input.Email", "a@example.com")]), Ct);
        Assert.StartsWith("Too many requests from your address. Try again in", await limited.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var health = await client.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
