using System.Text.Json;
using System.Text.Json.Nodes;

namespace TwilioConsole.Core.Routing;

/// <summary>Builds a TaskRouter workflow Configuration (JSON text) from a <see cref="RoutingSpec"/> and the queues' SIDs.</summary>
public static class WorkflowConfigBuilder
{
    // Relaxed escaping keeps quotes in expressions readable; the text goes into a form field, never into HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="spec">The routing wanted.</param>
    /// <param name="queueSid">The SID of each queue by name (for a template, placeholders such as <c>{{queue:Support}}</c>).</param>
    public static string Build(RoutingSpec spec, Func<string, string> queueSid)
    {
        var filters = new JsonArray();
        foreach (var filter in spec.Filters)
        {
            var target = new JsonObject { ["queue"] = queueSid(filter.Queue), ["priority"] = filter.Priority };
            if (filter.TimeoutSeconds is { } timeout)
            {
                target["timeout"] = timeout;
            }

            filters.Add(new JsonObject
            {
                ["filter_friendly_name"] = filter.Name,
                ["expression"] = filter.Expression,
                ["targets"] = new JsonArray(target),
            });
        }

        var configuration = new JsonObject
        {
            ["task_routing"] = new JsonObject
            {
                ["filters"] = filters,
                ["default_filter"] = new JsonObject { ["queue"] = queueSid(spec.DefaultQueue) },
            },
        };
        return configuration.ToJsonString(Indented);
    }

    /// <summary>The placeholder used in <c>assets/taskrouter/workflow.json</c> where a queue SID goes.</summary>
    public static string Placeholder(string queueName) => $"{{{{queue:{queueName}}}}}";
}
