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
