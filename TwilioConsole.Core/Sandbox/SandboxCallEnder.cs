using System.Globalization;
using System.Text.Json;
using TwilioConsole.Core.Messaging;

namespace TwilioConsole.Core.Sandbox;

/// <summary>A finished Sandbox call: who called, which queue took it, which agent answered.</summary>
public sealed record EndedCall(string CustomerNumber, string? CustomerName, string QueueName, string AgentName, int DurationSeconds,
    string? TaskSid = null, string? WorkerSid = null);

/// <summary>A Sandbox task as its TaskRouter events describe it.</summary>
public sealed record SandboxTaskFacts(string TaskSid, string Attributes, string? QueueName, string? QueueSid = null, string? WorkerName = null,
    string? WorkerSid = null, int TaskAge = 0);

/// <summary>
/// Plays TaskRouter's events for Sandbox tasks: signed posts of <c>task.created</c>, <c>reservation.accepted</c>,
/// <c>task.canceled</c>, <c>task.wrapup</c> and <c>task.completed</c> (each with an event SID and timestamp) to this
/// app's own event webhook, so thank-you texts and the live board take the real path. Ending a call posts
/// <c>task.wrapup</c> and then <c>task.completed</c>; the test call posts <c>task.completed</c> itself when the agent (or
/// auto-wrap-up) completes wrap-up.
/// </summary>
public sealed class SandboxCallEnder(SandboxCallbackCourier courier, IPublicUrls urls, Settings.SettingsService settings, TimeProvider clock)
{
    /// <summary>The time a pretend agent takes to complete wrap-up when nobody drives it.</summary>
    public static readonly TimeSpan PretendWrapUp = TimeSpan.FromSeconds(1);

    /// <summary>Posts task.wrapup now and, when <paramref name="completeAfter"/> is set, task.completed that much later.</summary>
    /// <exception cref="SandboxOnlyException">The app is in Twilio mode: no event is posted.</exception>
    public Task<string> EndAsync(EndedCall call, CancellationToken ct) => EndAsync(call, PretendWrapUp, ct);

    /// <inheritdoc cref="EndAsync(EndedCall, CancellationToken)"/>
    public async Task<string> EndAsync(EndedCall call, TimeSpan? completeAfter, CancellationToken ct)
    {
        var facts = Facts(call);
        await PostAsync("task.wrapup", facts, TimeSpan.Zero, ct);
        if (completeAfter is { } delay)
        {
            await PostAsync("task.completed", facts, delay, ct);
        }

        return facts.TaskSid;
    }

    /// <summary>Posts task.completed now: the agent (or the plugin's auto-wrap-up) completed the task.</summary>
    public Task CompleteAsync(EndedCall call, CancellationToken ct) => PostAsync("task.completed", Facts(call), TimeSpan.Zero, ct);

    /// <summary>Schedules one signed TaskRouter event for a Sandbox task, <paramref name="delay"/> from now.</summary>
    /// <exception cref="SandboxOnlyException">The app is in Twilio mode: no event is posted.</exception>
    public async Task PostAsync(string eventType, SandboxTaskFacts task, TimeSpan delay, CancellationToken ct)
    {
        await SandboxOnly.EnsureAsync(settings, "A pretend TaskRouter event", ct);
        var url = new Uri(await urls.BaseAsync(ct), WebhookPaths.TaskRouterEvents);
        var at = clock.GetUtcNow() + delay;
        KeyValuePair<string, string?>[] form =
        [
            new("EventType", eventType), new("Sid", SandboxStore.NewSid("EV")), new("AccountSid", SandboxAccount.AccountSid),
            new("WorkspaceSid", SandboxAccount.WorkspaceSid), new("ResourceType", "task"), new("ResourceSid", task.TaskSid), new("TaskSid", task.TaskSid),
            new("TaskChannelUniqueName", "voice"), new("TaskAttributes", task.Attributes), new("TaskQueueName", task.QueueName), new("TaskQueueSid", task.QueueSid),
            new("WorkerName", task.WorkerName), new("WorkerSid", task.WorkerSid), new("TaskAge", task.TaskAge.ToString(CultureInfo.InvariantCulture)),
            new("TimestampMs", at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        ];
        courier.Schedule(url, [.. form.Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Key, f.Value!))], delay);
    }

    private static SandboxTaskFacts Facts(EndedCall call) => new(call.TaskSid ?? SandboxStore.NewSid("WT"), Attributes(call.CustomerNumber, call.CustomerName),
        call.QueueName, null, call.AgentName, call.WorkerSid ?? SandboxStore.NewSid("WK"), call.DurationSeconds);

    /// <summary>A Sandbox caller's task attributes, as the IVR's Send to Flex widget makes them.</summary>
    public static string Attributes(string customerNumber, string? customerName, string? type = null)
    {
        var attributes = new Dictionary<string, string?>
        {
            ["from"] = customerNumber, ["caller"] = customerNumber, ["to"] = SandboxAccount.PhoneNumbers[0].Number,
            ["direction"] = "inbound", ["name"] = customerName, ["call_sid"] = SandboxStore.NewSid("CA"),
        };
        if (type is not null)
        {
            attributes["type"] = type;
        }

        return JsonSerializer.Serialize(attributes);
    }
}
