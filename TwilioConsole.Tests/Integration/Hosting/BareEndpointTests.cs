using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Tests.Fakes;
using TwilioConsole.Web.Hosting;

namespace TwilioConsole.Tests.Integration.Hosting;

/// <summary>
/// The benchmarks' baseline (bench/RESULTS.md): off unless configured; when on, <c>POST /diagnostics/bare</c> answers
/// 200 and nothing else, along the webhooks' own path (short-circuited after routing), so the signed webhook is measured
/// against exactly what it adds.
/// </summary>
[Trait("Lane", "Integration")]
public sealed class BareEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Off_ByDefault_NeitherEndpointIsServed()
    {
        await using var app = new ConsoleAppFactory();
        var client = app.NewClient();

        using var bare = await client.PostAsync(new Uri("/diagnostics/bare", UriKind.Relative), new FormUrlEncodedContent([]), Ct);
        using var heap = await client.GetAsync(new Uri("/diagnostics/heap", UriKind.Relative), Ct);

        // Unknown paths are pages like any other: an anonymous client is sent to sign in, and nothing answers 200.
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, heap.StatusCode);
        Assert.Contains("/Account/Login", bare.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_TheBareEndpointAnswers200WithNothingElse_AndTheHeapEndpointItsFigures()
    {
        await using var app = new ConsoleAppFactory().With(BareEndpoint.EnabledKey, "true");
        var client = app.NewClient();

        using var bare = await client.PostAsync(new Uri("/diagnostics/bare", UriKind.Relative), new FormUrlEncodedContent([new("EventType", "task.wrapup")]), Ct);
        var heap = JsonDocument.Parse(await client.GetStringAsync(new Uri("/diagnostics/heap", UriKind.Relative), Ct)).RootElement;

        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        Assert.Empty(await bare.Content.ReadAsStringAsync(Ct));
        Assert.True(heap.GetProperty("managedBytes").GetInt64() > 0);
        Assert.Equal(0, heap.GetProperty("circuits").GetInt32());
    }

    [Fact]
    public async Task TheBareEndpoint_TakesTheWebhooksPath_ShortCircuitedAfterRouting()
    {
        await using var app = new ConsoleAppFactory().With(BareEndpoint.EnabledKey, "true");
        _ = app.Server;
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        // .NET 10 keeps ShortCircuit()'s metadata type internal, so it is found by name.
        bool ShortCircuits(string pattern) =>
            endpoints.Single(e => e.RoutePattern.RawText == pattern).Metadata.Any(m => m.GetType().Name == "ShortCircuitMetadata");

        Assert.True(ShortCircuits("/webhooks/taskrouter/events"));
        Assert.True(ShortCircuits("/diagnostics/bare"));
    }
}
