using System.Text.Json;

namespace TwilioConsole.Core.ThankYou;

/// <summary>The fields of a TaskRouter event callback this feature reads (all arrive as form strings).</summary>
public sealed record TaskEvent(
    string EventType,
    string? TaskSid,
    string? TaskChannelUniqueName,
    string? TaskAttributes,
    string? TaskQueueName,
    string? WorkerName,
    string? WorkerSid,
    int? TaskAge)
{
    /// <summary>The task attributes as JSON, or null when absent or not a JSON object.</summary>
    public JsonElement? Attributes()
    {
        if (string.IsNullOrWhiteSpace(TaskAttributes))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(TaskAttributes);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
