using System.Text.Json;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.ThankYou;

/// <summary>What to do with one TaskRouter event.</summary>
public abstract record ThankYouDecision
{
    /// <summary>Not this feature's event (another type, a chat task, the feature off): nothing is recorded.</summary>
    public sealed record Ignore(string Reason) : ThankYouDecision;

    /// <summary>A call this feature saw but must not text; recorded with the reason so staff can see why.</summary>
    public sealed record Skip(string Reason, string? CustomerNumber, string? CustomerName) : ThankYouDecision;

    public sealed record Send(string To, string? CustomerName, string Body) : ThankYouDecision;
}

/// <summary>Turns a TaskRouter event into a thank-you decision: which calls, which number, which words.</summary>
public static class ThankYouPlanner
{
    public static ThankYouDecision Plan(TaskEvent e, ThankYouSettings settings, string defaultRegion)
    {
        if (!settings.Enabled)
        {
            return new ThankYouDecision.Ignore("thank-you texts are turned off");
        }

        if (e.EventType != settings.TriggerEvent)
        {
            return new ThankYouDecision.Ignore($"event {e.EventType} is not the trigger ({settings.TriggerEvent})");
        }

        if (!TwilioSid.IsValid(e.TaskSid, "WT"))
        {
            return new ThankYouDecision.Ignore("the event names no task");
        }

        if (!string.Equals(e.TaskChannelUniqueName, "voice", StringComparison.OrdinalIgnoreCase))
        {
            return new ThankYouDecision.Ignore($"{e.TaskChannelUniqueName ?? "unknown"} task, not a call");
        }

        var attributes = e.Attributes();
        var name = Text(attributes, "name") ?? Text(attributes, "customer_name") ?? Text(attributes, "customerName");
        if (string.Equals(Text(attributes, "direction"), "outbound", StringComparison.OrdinalIgnoreCase))
        {
            return new ThankYouDecision.Skip("outbound call: the agent called the customer", null, name);
        }

        var from = Text(attributes, "from") ?? Text(attributes, "caller");
        if (from is null)
        {
            return new ThankYouDecision.Skip("the task attributes have no caller number ('from')", null, name);
        }

        if (from.StartsWith("client:", StringComparison.OrdinalIgnoreCase) || from.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            return new ThankYouDecision.Skip($"the caller is a {from.Split(':')[0]} identity, not a phone number", from, name);
        }

        var number = Phone.Normalize(from, defaultRegion);
        if (!number.IsValid)
        {
            return new ThankYouDecision.Skip($"the caller number is not a valid phone number ({number.Error})", from, name);
        }

        if (settings.OnlyIfAgentAccepted && string.IsNullOrEmpty(e.WorkerSid) && string.IsNullOrEmpty(e.WorkerName))
        {
            return new ThankYouDecision.Skip("no agent took the call", number.E164, name);
        }

        if (settings.MinimumCallSeconds > 0 && e.TaskAge is { } age && age < settings.MinimumCallSeconds)
        {
            return new ThankYouDecision.Skip($"the call lasted {age} s, less than the {settings.MinimumCallSeconds} s minimum", number.E164, name);
        }

        return new ThankYouDecision.Send(number.E164!, name, ThankYouTemplate.Render(settings.Template, name, e.WorkerName, e.TaskQueueName));
    }

    private static string? Text(JsonElement? attributes, string name) =>
        attributes is { } a && a.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString()!.Trim()
            : null;
}
