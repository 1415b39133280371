using System.Diagnostics.Metrics;

namespace TwilioConsole.Core.Operations;

/// <summary>
/// The app's own metrics (meter <c>TwilioConsole</c>), exported by OpenTelemetry at <c>/metrics</c>: webhooks received
/// and refused, thank-you texts queued/sent/failed, the age of the oldest pending text, background-loop failures.
/// </summary>
public static class ConsoleMetrics
{
    public const string MeterName = "TwilioConsole";
    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> WebhooksReceived = Meter.CreateCounter<long>("twilio_console.webhooks.received", description: "Signed webhooks accepted, by kind");
    public static readonly Counter<long> WebhooksRefused = Meter.CreateCounter<long>("twilio_console.webhooks.refused", description: "Webhooks refused, by reason");
    public static readonly Counter<long> TextsQueued = Meter.CreateCounter<long>("twilio_console.thank_you.queued", description: "Thank-you texts recorded to send");
    public static readonly Counter<long> TextsSent = Meter.CreateCounter<long>("twilio_console.thank_you.sent", description: "Thank-you texts Twilio accepted");
    public static readonly Counter<long> TextsFailed = Meter.CreateCounter<long>("twilio_console.thank_you.failed", description: "Thank-you texts that failed for good");
    public static readonly Counter<long> LoopFailures = Meter.CreateCounter<long>("twilio_console.loop.failures", description: "Failed rounds of background loops, by loop");

    private static long _oldestPendingTicks = -1;

    /// <summary>Set by the dispatcher after each round; -1 when nothing is pending.</summary>
    public static void OldestPending(TimeSpan? age) => Interlocked.Exchange(ref _oldestPendingTicks, age?.Ticks ?? -1);

    static ConsoleMetrics() =>
        Meter.CreateObservableGauge("twilio_console.thank_you.oldest_pending_age", () =>
        {
            var ticks = Interlocked.Read(ref _oldestPendingTicks);
            return ticks < 0 ? 0 : TimeSpan.FromTicks(ticks).TotalSeconds;
        }, unit: "s", description: "Age of the oldest thank-you text waiting to be sent (0 when none)");
}
