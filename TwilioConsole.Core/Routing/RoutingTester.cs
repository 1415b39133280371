using System.Text.Json;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Routing;

/// <summary>A worker the queue's target expression accepts, and whether they could take the task now.</summary>
public sealed record QualifiedWorker(string Sid, string FriendlyName, string? Activity, bool Available);

public sealed record RoutingTestResult(string? Error, RouteDecision? Decision, string? TargetWorkers, IReadOnlyList<QualifiedWorker> Workers);

/// <summary>Answers "where would this task go?": the matching filter, its queue, and which workers that queue would offer it to.</summary>
public static class RoutingTester
{
    /// <summary>Task attributes for each IVR option, as the IVR's send-to-Flex widgets set them.</summary>
    public static IReadOnlyList<(string Label, string Attributes)> Samples { get; } =
    [
        ("IVR option 1: Troubleshooting", """{"type":"troubleshooting"}"""),
        ("IVR option 2: Support", """{"type":"support"}"""),
        ("Something else", """{"type":"billing"}"""),
    ];

    public static RoutingTestResult Test(RoutingSpec spec, string taskAttributesJson, IEnumerable<Worker> workers)
    {
        JsonElement attributes;
        try
        {
            using var doc = JsonDocument.Parse(taskAttributesJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new("Task attributes must be a JSON object, such as {\"type\": \"support\"}.", null, null, []);
            }

            attributes = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return new($"Task attributes are not valid JSON: {e.Message}", null, null, []);
        }

        if (spec.Validate() is { Count: > 0 } errors)
        {
            return new($"The routing has problems: {string.Join(" ", errors)}", null, null, []);
        }

        var decision = new WorkflowEvaluator(spec).Route(attributes);
        var target = spec.Queues.Single(q => q.FriendlyName == decision.Queue).TargetWorkers;
        var expression = WorkflowEvaluator.Compiled(target);
        var qualified = workers
            .Where(w => Accepts(expression, w.Attributes))
            .Select(w => new QualifiedWorker(w.Sid, w.FriendlyName, w.ActivityName, w.Available))
            .OrderByDescending(w => w.Available).ThenBy(w => w.FriendlyName, StringComparer.CurrentCulture)
            .ToList();
        return new(null, decision, target, qualified);
    }

    private static bool Accepts(TaskRouterExpression expression, string workerAttributes)
    {
        try
        {
            return expression.Evaluate(workerAttributes);
        }
        catch (JsonException)
        {
            return false; // a worker whose attributes are not JSON matches nothing, as in TaskRouter
        }
    }
}
