using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using TwilioConsole.Web.Hosting;

namespace TwilioConsole.Tests.Unit.Webhooks;

/// <summary>
/// The app's rate limiter: a fixed window per client and kind (webhooks per second, sign-in posts per minute), nothing
/// else limited, a refusal saying when to try again, and idle windows let go.
/// </summary>
[Trait("Lane", "Unit")]
public sealed class ClientRateLimiterTests
{
    private static readonly string[] SignInSpellings = ["/Account/Login", "/account/login/", "/ACCOUNT/LOGIN"];
    private readonly FakeTimeProvider _clock = new();

    private static DefaultHttpContext Request(string path, string method = "POST", string client = "203.0.113.7")
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.Method = method;
        context.Connection.RemoteIpAddress = IPAddress.Parse(client);
        return context;
    }

    [Fact]
    public void Webhooks_AreLimitedPerSecond_AndTheNextSecondOpensAgain()
    {
        using var limiter = new ClientRateLimiter(webhooksPerSecond: 3, signInsPerMinute: 10, _clock);

        var first = Enumerable.Range(0, 4).Select(_ => limiter.AttemptAcquire(Request("/webhooks/taskrouter/events")).IsAcquired).ToList();
        _clock.Advance(TimeSpan.FromMilliseconds(400));
        using var refused = limiter.AttemptAcquire(Request("/webhooks/message-status"));
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        using var later = limiter.AttemptAcquire(Request("/webhooks/taskrouter/events"));

        Assert.Equal([true, true, true, false], first);
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(600), retryAfter);
        Assert.True(later.IsAcquired);
    }

    [Fact]
    public void EachClientHasItsOwnWindow()
    {
        using var limiter = new ClientRateLimiter(webhooksPerSecond: 1, signInsPerMinute: 10, _clock);

        Assert.True(limiter.AttemptAcquire(Request("/webhooks/taskrouter/events", client: "203.0.113.7")).IsAcquired);
        Assert.False(limiter.AttemptAcquire(Request("/webhooks/taskrouter/events", client: "203.0.113.7")).IsAcquired);
        Assert.True(limiter.AttemptAcquire(Request("/webhooks/taskrouter/events", client: "198.51.100.2")).IsAcquired);
    }

    [Fact]
    public void SignInPosts_AreLimitedPerMinute_HoweverThePathIsSpelled_WhileTheFormAndOtherPagesAreNot()
    {
        using var limiter = new ClientRateLimiter(webhooksPerSecond: 1, signInsPerMinute: 2, _clock);

        var posts = SignInSpellings.Select(p => limiter.AttemptAcquire(Request(p)).IsAcquired).ToList();
        var others = Enumerable.Range(0, 50).All(_ => limiter.AttemptAcquire(Request("/Account/Login", "GET")).IsAcquired &&
                                                     limiter.AttemptAcquire(Request("/sms/send")).IsAcquired);
        _clock.Advance(TimeSpan.FromSeconds(59));
        var stillRefused = limiter.AttemptAcquire(Request("/Account/Login")).IsAcquired;
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([true, true, false], posts);
        Assert.True(others);
        Assert.False(stillRefused);
        Assert.True(limiter.AttemptAcquire(Request("/Account/Login")).IsAcquired);
    }

    [Fact]
    public void IdleWindows_AreLetGo_ActiveOnesKept()
    {
        using var limiter = new ClientRateLimiter(webhooksPerSecond: 5, signInsPerMinute: 5, _clock);
        for (var i = 1; i <= 20; i++)
        {
            limiter.AttemptAcquire(Request("/webhooks/taskrouter/events", client: $"203.0.113.{i}")).Dispose();
        }

        limiter.AttemptAcquire(Request("/Account/Login", client: "198.51.100.9")).Dispose();
        _clock.Advance(ClientRateLimiter.SweepEvery);
        limiter.AttemptAcquire(Request("/webhooks/taskrouter/events", client: "198.51.100.2")).Dispose();

        // The sign-in window (idle 30 s of its two minutes) and the new one stay; the twenty idle webhook windows went.
        Assert.Equal(2, limiter.WindowCount);
    }
}
