using System.Collections.Concurrent;
using System.Text.Json;

namespace TwilioConsole.Core.Routing;

/// <summary>Where a task goes: the filter that matched (null when the default filter took it) and the queue.</summary>
public sealed record RouteDecision(FilterSpec? Filter, string Queue);

/// <summary>
/// Routes task attributes through a spec's workflow the way TaskRouter does: the first filter whose expression
/// matches wins, else the default filter. Expressions are parsed once and cached, so routing a task costs only the
/// evaluation.
/// </summary>
public sealed class WorkflowEvaluator
{
    private static readonly ConcurrentDictionary<string, TaskRouterExpression> Cache = new(StringComparer.Ordinal);
    private readonly (FilterSpec Filter, TaskRouterExpression Expression)[] _filters;
    private readonly string _defaultQueue;

    public WorkflowEvaluator(RoutingSpec spec)
    {
        _filters = [.. spec.Filters.Select(f => (f, Compiled(f.Expression)))];
        _defaultQueue = spec.DefaultQueue;
    }

    /// <summary>The parsed expression, from the cache (bounded: it is cleared if it ever grows past 1,000 entries).</summary>
    public static TaskRouterExpression Compiled(string expression)
    {
        if (Cache.TryGetValue(expression, out var cached))
        {
            return cached;
        }

        if (Cache.Count >= 1000)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd(expression, TaskRouterExpression.Parse);
    }

    /// <summary>
    /// Routes through a workflow Configuration as TaskRouter stores it (not a spec): the first filter whose expression
    /// matches sends the task to its first target's queue SID, else the default filter's queue.
    /// </summary>
    public static (string? FilterName, string? QueueSid) RouteConfiguration(string configurationJson, JsonElement taskAttributes)
    {
        using var doc = JsonDocument.Parse(configurationJson);
        var routing = doc.RootElement.GetProperty("task_routing");
        if (routing.TryGetProperty("filters", out var filters))
        {
            foreach (var filter in filters.EnumerateArray())
            {
                if (Compiled(filter.GetProperty("expression").GetString() ?? "1==2").Evaluate(taskAttributes))
                {
                    var name = filter.TryGetProperty("filter_friendly_name", out var n) ? n.GetString() : null;
                    return (name, filter.GetProperty("targets")[0].GetProperty("queue").GetString());
                }
            }
        }

        return (null, routing.TryGetProperty("default_filter", out var fallback) ? fallback.GetProperty("queue").GetString() : null);
    }

    public RouteDecision Route(JsonElement taskAttributes)
    {
        foreach (var (filter, expression) in _filters)
        {
            if (expression.Evaluate(taskAttributes))
            {
                return new RouteDecision(filter, filter.Queue);
            }
        }

        return new RouteDecision(null, _defaultQueue);
    }
}
