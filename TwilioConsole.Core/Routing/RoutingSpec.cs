namespace TwilioConsole.Core.Routing;

/// <summary>A TaskRouter queue as this product wants it.</summary>
public sealed record QueueSpec(string FriendlyName, string TargetWorkers, string TaskOrder = "FIFO", int MaxReservedWorkers = 1);

/// <summary>A workflow filter: tasks matching <c>Expression</c> go to the queue named <c>Queue</c>.</summary>
public sealed record FilterSpec(string Name, string Expression, string Queue, int Priority = 1, int? TimeoutSeconds = null);

/// <summary>The desired routing: the queues and the workflow that feeds them (plan/apply compares Twilio with this).</summary>
public sealed record RoutingSpec(
    IReadOnlyList<QueueSpec> Queues,
    string WorkflowName,
    IReadOnlyList<FilterSpec> Filters,
    string DefaultQueue,
    int TaskReservationTimeout = 120)
{
    /// <summary>The IVR's two options: type "troubleshooting" and type "support", each to its own skilled queue.</summary>
    public static RoutingSpec Default { get; } = new(
        [
            new("Troubleshooting", "routing.skills HAS \"troubleshooting\""),
            new("Support", "routing.skills HAS \"support\""),
        ],
        "IVR routing",
        [
            new("Troubleshooting", "type == \"troubleshooting\"", "Troubleshooting"),
            new("Support", "type == \"support\"", "Support"),
        ],
        DefaultQueue: "Support");

    /// <summary>Problems that would make TaskRouter refuse the spec, each naming the field and what to fix.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var names = Queues.Select(q => q.FriendlyName).ToList();
        foreach (var queue in Queues)
        {
            if (string.IsNullOrWhiteSpace(queue.FriendlyName) || queue.FriendlyName.Length > 64)
            {
                errors.Add("Each queue needs a name of 1 to 64 characters.");
            }

            if (TaskRouterExpression.Check(queue.TargetWorkers) is { } e)
            {
                errors.Add($"Queue '{queue.FriendlyName}' target workers: {e.Message}");
            }

            if (queue.TaskOrder is not ("FIFO" or "LIFO"))
            {
                errors.Add($"Queue '{queue.FriendlyName}': task order is FIFO or LIFO.");
            }

            if (queue.MaxReservedWorkers is < 1 or > 50)
            {
                errors.Add($"Queue '{queue.FriendlyName}': max reserved workers is 1 to 50.");
            }
        }

        errors.AddRange(names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"Two queues are named '{g.Key}'; names must differ."));
        if (string.IsNullOrWhiteSpace(WorkflowName) || WorkflowName.Length > 64)
        {
            errors.Add("The workflow needs a name of 1 to 64 characters.");
        }

        foreach (var filter in Filters)
        {
            if (TaskRouterExpression.Check(filter.Expression) is { } e)
            {
                errors.Add($"Filter '{filter.Name}' expression: {e.Message}");
            }

            if (!names.Contains(filter.Queue))
            {
                errors.Add($"Filter '{filter.Name}' sends tasks to '{filter.Queue}', which is not one of the queues.");
            }
        }

        if (!names.Contains(DefaultQueue))
        {
            errors.Add($"The default queue '{DefaultQueue}' is not one of the queues.");
        }

        if (TaskReservationTimeout is < 1 or > 86_400)
        {
            errors.Add("The task reservation timeout is 1 to 86400 seconds.");
        }

        return errors;
    }
}
