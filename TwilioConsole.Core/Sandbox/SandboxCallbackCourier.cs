using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Sandbox;

/// <summary>
/// Plays Twilio's part for Sandbox webhooks: posts form-encoded, signed callbacks (message status now; TaskRouter events
/// later) to the URL the app gave, when they fall due. The queue lives in memory: a Sandbox callback pending when the
/// process stops is not sent, which only matters for demo data.
/// </summary>
public sealed partial class SandboxCallbackCourier(
    IHttpClientFactory httpFactory,
    SettingsService settings,
    TimeProvider clock,
    Operations.LoopHealth health,
    ILogger<SandboxCallbackCourier> logger) : BackgroundService
{
    public const string HttpClientName = "sandbox-callbacks";

    private readonly Channel<Callback> _queue = Channel.CreateUnbounded<Callback>();

    private sealed record Callback(Uri Url, IReadOnlyList<KeyValuePair<string, string>> Form, DateTimeOffset Due);

    public void Schedule(Uri url, IReadOnlyList<KeyValuePair<string, string>> form, TimeSpan delay) =>
        _queue.Writer.TryWrite(new Callback(url, form, clock.GetUtcNow() + delay));

    public const string LoopName = "Sandbox callbacks";
    private readonly List<Callback> _pending = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Operations.SupervisedLoop.RunAsync(LoopName, DeliverDueAsync, WaitAsync, health, logger, clock, stoppingToken);

    private async Task DeliverDueAsync(CancellationToken ct)
    {
        while (_queue.Reader.TryRead(out var next))
        {
            _pending.Add(next);
        }

        foreach (var due in _pending.Where(c => c.Due <= clock.GetUtcNow()).OrderBy(c => c.Due).ToList())
        {
            _pending.Remove(due); // taken off first: a callback that throws is not retried forever
            await PostAsync(due, ct);
        }
    }

    /// <summary>Wakes for new work, or in time for the earliest pending callback.</summary>
    private async Task WaitAsync(CancellationToken ct)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var wait = _pending.Count == 0 ? Timeout.InfiniteTimeSpan : _pending.Min(c => c.Due) - clock.GetUtcNow();
        if (wait > TimeSpan.Zero || wait == Timeout.InfiniteTimeSpan)
        {
            var read = _queue.Reader.WaitToReadAsync(wake.Token).AsTask();
            var timer = wait == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, wake.Token) : Task.Delay(wait, clock, wake.Token);
            await Task.WhenAny(read, timer);
            await wake.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }
    }

    private async Task PostAsync(Callback callback, CancellationToken ct)
    {
        try
        {
            // Checked when it is sent, not when it was scheduled: after a switch to Twilio mode the signing key is the
            // real Auth Token, and a Sandbox callback must never carry it.
            if (await SandboxOnly.RefusalAsync(settings, "A Sandbox callback", ct) is not null)
            {
                LogDropped(logger, callback.Url.AbsolutePath);
                return;
            }

            var key = await settings.GetWebhookSigningKeyAsync(ct);
            if (key is null)
            {
                return;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, callback.Url) { Content = new FormUrlEncodedContent(callback.Form) };
            request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(key, callback.Url.AbsoluteUri, callback.Form));
            using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(logger, callback.Url.AbsolutePath, (int)response.StatusCode);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            LogFailed(logger, callback.Url.AbsolutePath, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox callback to {Path} dropped: the app is in Twilio mode now")]
    private static partial void LogDropped(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox callback to {Path} was answered {Status}")]
    private static partial void LogRefused(ILogger logger, string path, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox callback to {Path} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string path, string reason);
}
