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
    ILogger<SandboxCallbackCourier> logger) : BackgroundService
{
    public const string HttpClientName = "sandbox-callbacks";

    private readonly Channel<Callback> _queue = Channel.CreateUnbounded<Callback>();

    private sealed record Callback(Uri Url, IReadOnlyList<KeyValuePair<string, string>> Form, DateTimeOffset Due);

    public void Schedule(Uri url, IReadOnlyList<KeyValuePair<string, string>> form, TimeSpan delay) =>
        _queue.Writer.TryWrite(new Callback(url, form, clock.GetUtcNow() + delay));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = new List<Callback>();
        while (!stoppingToken.IsCancellationRequested)
        {
            while (_queue.Reader.TryRead(out var next))
            {
                pending.Add(next);
            }

            foreach (var due in pending.Where(c => c.Due <= clock.GetUtcNow()).OrderBy(c => c.Due).ToList())
            {
                pending.Remove(due);
                await PostAsync(due, stoppingToken);
            }

            try
            {
                // Wake for new work, or in time for the earliest pending callback.
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var wait = pending.Count == 0 ? Timeout.InfiniteTimeSpan : pending.Min(c => c.Due) - clock.GetUtcNow();
                if (wait > TimeSpan.Zero || wait == Timeout.InfiniteTimeSpan)
                {
                    var read = _queue.Reader.WaitToReadAsync(wake.Token).AsTask();
                    var timer = wait == Timeout.InfiniteTimeSpan ? Task.Delay(Timeout.Infinite, wake.Token) : Task.Delay(wait, clock, wake.Token);
                    await Task.WhenAny(read, timer);
                    await wake.CancelAsync();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
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
