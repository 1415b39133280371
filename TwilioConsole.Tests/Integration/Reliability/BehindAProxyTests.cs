using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Reliability;

/// <summary>
/// Behind a TLS proxy at 10.0.0.5: forwarded headers from it are believed (rate limits per real client, HTTPS seen as
/// HTTPS: Secure cookies, HSTS); from anyone else they are not. The sign-in limit holds however the path is spelled.
/// </summary>
[Trait("Lane", "Integration")]
public sealed class BehindAProxyTests : IAsyncDisposable
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");
    private readonly ConsoleAppFactory _app = new ConsoleAppFactory()
        .With("TwilioConsole:ReverseProxy:KnownProxies", "10.0.0.5")
        .With("TwilioConsole:RateLimits:SignInAttemptsPerMinute", "2")
        .With("TwilioConsole:ThankYou:Dispatch", "false")
        .WithServices(services => services.AddSingleton<IStartupFilter>(new ConnectionFrom(Proxy)));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private HttpClient ClientFor(string address, string scheme = "https")
    {
        var client = _app.NewClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", scheme);
        client.DefaultRequestHeaders.Host = "console.example.com";
        return client;
    }

    private static async Task<List<HttpStatusCode>> SignInPostsAsync(HttpClient client, string path, int count)
    {
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.PostAsync(path, new FormUrlEncodedContent([new("Input.Email", "a@example.com"), new("Input.Password", "nope")]), Ct);
            codes.Add(response.StatusCode);
        }

        return codes;
    }

    [Fact]
    public async Task SignInLimits_PartitionByTheForwardedClient()
    {
        using var attacker = ClientFor("203.0.113.7");
        using var colleague = ClientFor("198.51.100.20");

        var attacks = await SignInPostsAsync(attacker, "/Account/Login", 4);
        var colleagues = await SignInPostsAsync(colleague, "/Account/Login", 1);

        Assert.Equal(HttpStatusCode.TooManyRequests, attacks[^1]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, colleagues[0]); // one attacker does not lock everyone out
    }

    [Theory]
    [InlineData("/Account/Login/")]
    [InlineData("/account/LOGIN")]
    public async Task TheSignInLimit_HoldsHoweverThePathIsSpelled(string path)
    {
        using var client = ClientFor("203.0.113.8");

        var codes = await SignInPostsAsync(client, path, 4);

        Assert.Equal(HttpStatusCode.TooManyRequests, codes[^1]);
    }

    [Fact]
    public async Task HttpsAtTheProxy_GivesSecureCookies_AndHsts()
    {
        using var client = ClientFor("203.0.113.9");

        using var response = await client.GetAsync("/setup", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task ForwardedHeaders_FromAnUntrustedAddress_AreIgnored()
    {
        await using var direct = new ConsoleAppFactory()
            .With("TwilioConsole:ReverseProxy:KnownProxies", "10.0.0.5")
            .WithServices(services => services.AddSingleton<IStartupFilter>(new ConnectionFrom(IPAddress.Parse("192.0.2.44"))));
        using var client = direct.NewClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Host = "console.example.com";

        using var response = await client.GetAsync("/setup", Ct);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain(response.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheSignInCookie_IsSecure_OverHttps()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://console.example.com/"), AllowAutoRedirect = false });
        var created = await client.CreateFirstAdminAsync(_app, Ct);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var token = await client.GetFormTokenAsync("/Account/Login", Ct);
        using var signIn = await client.PostWithTokenAsync("/Account/Login", "login", token, new Dictionary<string, string>
        {
            ["Input.Email"] = SignedInClient.AdminEmail, ["Input.Password"] = SignedInClient.Password,
        }, Ct);

        var auth = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("TwilioConsole.Auth=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The TCP peer address a real server would see (the test server leaves it empty).</summary>
    private sealed class ConnectionFrom(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
