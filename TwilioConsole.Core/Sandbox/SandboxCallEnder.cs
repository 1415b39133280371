using System.Globalization;
using System.Text.Json;
using TwilioConsole.Core.Messaging;

namespace TwilioConsole.Core.Sandbox;

/// <summary>A finished Sandbox call: who called, which queue took it, which agent answered.</summary>
public sealed record EndedCall(string CustomerNumber, string? CustomerName, string QueueName, string AgentName, int DurationSeconds,
    string? TaskSid = null, string? WorkerSid = null);

/// <summary>
/// Ends a Sandbox call the way TaskRouter reports it: posts signed <c>task.wrapup</c> and then <c>task.completed</c>
/// events for a voice task to this app's own event webhook, so thank-you texts take the real path.
/// The test call posts <c>task.completed</c> itself when the agent (or auto-wrap-up) completes wrap-up.
/// </summary>
public sealed class SandboxCallEnder(SandboxCallbackCourier courier, IPublicUrls urls, Settings.SettingsService settings)
{
    /// <summary>The time a pretend agent takes to complete wrap-up when nobody drives it.</summary>
    public static readonly TimeSpan PretendWrapUp = TimeSpan.FromSeconds(1);

    /// <summary>Posts task.wrapup now and, when <paramref name="completeAfter"/> is set, task.completed that much later.</summary>
    /// <exception cref="SandboxOnlyException">The app is in Twilio mode: no event is posted.</exception>
    public Task<string> EndAsync(EndedCall call, CancellationToken ct) => EndAsync(call, PretendWrapUp, ct);

    /// <inheritdoc cref="EndAsync(EndedCall, CancellationToken)"/>
    public async Task<string> EndAsync(EndedCall call, TimeSpan? completeAfter, CancellationToken ct)
    {
        call = call with { TaskSid = call.TaskSid ?? SandboxStore.NewSid("WT") };
        var (url, events) = await EventsAsync(call, ct);
        courier.Schedule(url, events("task.wrapup"), TimeSpan.Zero);
        if (completeAfter is { } delay)
        {
            courier.Schedule(url, events("task.completed"), delay);
        }

        return call.TaskSid!;
    }

    /// <summary>Posts task.completed now: the agent (or the plugin's auto-wrap-up) completed the task.</summary>
    public async Task CompleteAsync(EndedCall call, CancellationToken ct)
    {
        var (url, events) = await EventsAsync(call, ct);
        courier.Schedule(url, events("task.completed"), TimeSpan.Zero);
    }

    private async Task<(Uri Url, Func<string, KeyValuePair<string, string>[]> Events)> EventsAsync(EndedCall call, CancellationToken ct)
    {
        await SandboxOnly.EnsureAsync(settings, "Ending a pretend call", ct);
        var taskSid = call.TaskSid ?? SandboxStore.NewSid("WT");
        var url = new Uri(await urls.BaseAsync(ct), WebhookPaths.TaskRouterEvents);
        var attributes = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["from"] = call.CustomerNumber, ["caller"] = call.CustomerNumber, ["to"] = SandboxAccount.PhoneNumbers[0].Number,
            ["direction"] = "inbound", ["name"] = call.CustomerName, ["call_sid"] = SandboxStore.NewSid("CA"),
        });
        KeyValuePair<string, string>[] Event(string type) =>
        [
            new("EventType", type), new("AccountSid", SandboxAccount.AccountSid), new("WorkspaceSid", SandboxAccount.WorkspaceSid),
            new("ResourceType", "task"), new("ResourceSid", taskSid), new("TaskSid", taskSid), new("TaskChannelUniqueName", "voice"),
            new("TaskAttributes", attributes), new("TaskQueueName", call.QueueName), new("WorkerName", call.AgentName),
            new("WorkerSid", call.WorkerSid ?? SandboxStore.NewSid("WK")), new("TaskAge", call.DurationSeconds.ToString(CultureInfo.InvariantCulture)),
        ];
        return (url, Event);
    }
}
