using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TwilioConsole.Tests.Fakes;

/// <summary>
/// Twilio's Messages API on a real loopback port, for tests that run the app as a separate process. A create is
/// recorded when it arrives and answered only after <see cref="Latency"/>, like a Twilio that accepted the message
/// while the client may still die waiting. Lists filter by <c>To</c>, which the dispatcher's reconciliation uses.
/// </summary>
public sealed class FakeMessagesServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Sid, string To, string Body, DateTimeOffset Created)> _messages = new();
    private WebApplication? _app;

    public TimeSpan Latency { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>The share of creates refused with a transient 503 (nothing recorded), as a struggling Twilio would.</summary>
    public double TransientErrorRate { get; set; }

    public int TransientErrors => _errors;

    private int _errors;

    public Uri BaseUrl { get; private set; } = default!;

    public IReadOnlyList<(string Sid, string To, string Body, DateTimeOffset Created)> Messages => [.. _messages];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/2010-04-01/Accounts/{account}/Messages.json", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            if (TransientErrorRate > 0 && Random.Shared.NextDouble() < TransientErrorRate)
            {
                Interlocked.Increment(ref _errors);
                await Task.Delay(Latency);
                context.Response.StatusCode = 503;
                await context.Response.WriteAsJsonAsync(new Dictionary<string, object> { ["code"] = 20503, ["message"] = "Service unavailable", ["status"] = 503 });
                return;
            }

            var message = ("SM" + Guid.NewGuid().ToString("N"), form["To"].ToString(), form["Body"].ToString(), DateTimeOffset.UtcNow);
            _messages.Enqueue(message);
            await Task.Delay(Latency);
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(Json(message));
        });
        _app.MapGet("/2010-04-01/Accounts/{account}/Messages.json", (HttpContext context) =>
        {
            var to = context.Request.Query["To"].ToString();
            var list = _messages.Where(m => to.Length == 0 || m.To == to).Select(Json).ToList();
            return Results.Json(new Dictionary<string, object?> { ["messages"] = list, ["next_page_uri"] = null });
        });
        await _app.StartAsync();
        BaseUrl = new Uri(_app.Urls.First() + "/");
    }

    private static Dictionary<string, object?> Json((string Sid, string To, string Body, DateTimeOffset Created) m) => new()
    {
        ["sid"] = m.Sid, ["to"] = m.To, ["from"] = "+15017122661", ["body"] = m.Body, ["status"] = "queued", ["num_segments"] = "1",
        ["date_created"] = m.Created.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture),
    };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
