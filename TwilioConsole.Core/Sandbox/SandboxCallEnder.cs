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
/// (Issue 10's call simulator drives the whole call; this is its last step.)
/// </summary>
public sealed class SandboxCallEnder(SandboxCallbackCourier courier, IPublicUrls urls, Settings.SettingsService settings)
{
    /// <exception cref="SandboxOnlyException">The app is in Twilio mode: no event is posted.</exception>
    public async Task<string> EndAsync(EndedCall call, CancellationToken ct)
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
        courier.Schedule(url, Event("task.wrapup"), TimeSpan.Zero);
        courier.Schedule(url, Event("task.completed"), TimeSpan.FromSeconds(1)); // the agent completes wrap-up
        return taskSid;
    }
}
