using System.Text.Json;
using System.Text.Json.Nodes;

namespace TwilioConsole.Core.Routing;

/// <summary>
/// Reads and writes a worker's skills in its attributes JSON the way Flex keeps them (<c>routing.skills</c>, a list
/// of strings). Changing skills touches only that list: every other key, and skills this product does not manage,
/// are kept as they were.
/// </summary>
public static class WorkerSkills
{
    /// <summary>The skills the default queues look for.</summary>
    public static readonly IReadOnlyList<string> Managed = ["troubleshooting", "support"];

    public static IReadOnlyList<string> Read(string attributesJson)
    {
        try
        {
            return JsonNode.Parse(attributesJson) is JsonObject root && root["routing"] is JsonObject routing && routing["skills"] is JsonArray skills
                ? [.. skills.Select(s => s is JsonValue v && v.TryGetValue<string>(out var text) ? text : null).OfType<string>()]
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>
    /// The attributes with each managed skill present or absent as asked. Throws <see cref="FormatException"/> when the
    /// current attributes are not a JSON object, or their <c>routing</c> / <c>routing.skills</c> has another shape, rather
    /// than overwrite data it does not understand.
    /// </summary>
    public static string Merge(string attributesJson, IReadOnlyDictionary<string, bool> wanted)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(string.IsNullOrWhiteSpace(attributesJson) ? "{}" : attributesJson) as JsonObject
                ?? throw new FormatException("The worker's attributes are not a JSON object; fix them in TaskRouter first.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"The worker's attributes are not valid JSON ({e.Message}); fix them in TaskRouter first.", e);
        }

        var routing = root["routing"] switch
        {
            null => (JsonObject)(root["routing"] = new JsonObject()),
            JsonObject existing => existing,
            _ => throw new FormatException("The worker's \"routing\" attribute is not an object; fix it in TaskRouter first."),
        };
        var skills = routing["skills"] switch
        {
            null => (JsonArray)(routing["skills"] = new JsonArray()),
            JsonArray existing => existing,
            _ => throw new FormatException("The worker's \"routing.skills\" attribute is not a list; fix it in TaskRouter first."),
        };

        foreach (var (skill, present) in wanted)
        {
            var at = skills.Select((node, i) => (node, i)).Where(p => p.node is JsonValue v && v.TryGetValue<string>(out var s) && s == skill).Select(p => p.i).ToList();
            if (present && at.Count == 0)
            {
                skills.Add(skill);
            }
            else if (!present)
            {
                foreach (var index in Enumerable.Reverse(at))
                {
                    skills.RemoveAt(index);
                }
            }
        }

        return root.ToJsonString();
    }
}
