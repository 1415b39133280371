using System.Globalization;
using System.Text.Json;

namespace TwilioConsole.Tests.Fakes;

/// <summary>TaskRouter workspace events as TaskRouter posts them (the fields this app reads, plus some it ignores).</summary>
public static class TaskRouterEvents
{
    /// <summary>A caller number per task that libphonenumber accepts as a real US number.</summary>
    public static string Caller(long task) => "+1415" + (2_000_000 + task).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A voice task's event. The attributes carry <paramref name="from"/> and <paramref name="name"/> (JSON-encoded, so
    /// any text is safe) unless <paramref name="attributes"/> gives them whole.
    /// </summary>
    public static List<KeyValuePair<string, string>> Form(long task, string from = "+14155550100", string name = "Zoë", string type = "task.wrapup",
        string channel = "voice", string? attributes = null) =>
    [
        new("EventType", type), new("TaskSid", "WT" + task.ToString("x32", CultureInfo.InvariantCulture)), new("TaskChannelUniqueName", channel),
        new("TaskAttributes", attributes ?? JsonSerializer.Serialize(new { from, direction = "inbound", name })),
        new("TaskQueueName", "Support"), new("WorkerName", "Alice"), new("WorkerSid", Sids.Make("WK", 1)), new("TaskAge", "95"),
        new("WorkspaceSid", Sids.Workspace()), new("AccountSid", Sids.Account()), new("ResourceType", "task"),
    ];

    /// <summary><see cref="Form"/> with the event's own SID, as TaskRouter sends it: a repeat of the event carries the same one.</summary>
    public static List<KeyValuePair<string, string>> WithEventSid(List<KeyValuePair<string, string>> form) =>
        [.. form, new("Sid", EventSid(form.Single(f => f.Key == "EventType").Value, form.Single(f => f.Key == "TaskSid").Value))];

    /// <summary>The event's own SID, as TaskRouter gives each event one: the same for a repeat of the same event.</summary>
    private static string EventSid(string type, string taskSid) =>
        "EV" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{type}:{taskSid}")))[..32];
}
