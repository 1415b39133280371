using System.Globalization;
using System.Text.Json.Nodes;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Routing;

public enum PlanAction
{
    Create,
    Update,
    Unchanged,
}

/// <summary>One field that differs: what Twilio has now, and what apply will set.</summary>
public sealed record FieldChange(string Field, string? Current, string Wanted);

/// <summary>One resource in the plan: a queue or the workflow, what happens to it, and (for an update) which fields change.</summary>
public sealed record PlanStep(string Kind, string Name, PlanAction Action, string? Sid, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// What apply would do to the workspace, like an infrastructure-as-code plan: create, update (field by field) or leave
/// unchanged each managed queue and the workflow. Resources this product does not manage are listed and never touched.
/// </summary>
public sealed record RoutingPlan(IReadOnlyList<PlanStep> Steps, IReadOnlyList<string> Unmanaged)
{
    public const string QueueKind = "Queue";
    public const string WorkflowKind = "Workflow";

    public bool HasChanges => Steps.Any(s => s.Action != PlanAction.Unchanged);

    /// <summary>Compares the wanted routing with what the workspace holds. Queues are matched by friendly name, as are workflows.</summary>
    public static RoutingPlan Compute(RoutingSpec spec, IReadOnlyList<TaskQueue> queues, IReadOnlyList<Workflow> workflows)
    {
        var steps = new List<PlanStep>();
        var sids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var wanted in spec.Queues)
        {
            var current = queues.FirstOrDefault(q => q.FriendlyName == wanted.FriendlyName);
            if (current is null)
            {
                steps.Add(new(QueueKind, wanted.FriendlyName, PlanAction.Create, null,
                [
                    new("Target workers", null, wanted.TargetWorkers),
                    new("Task order", null, wanted.TaskOrder),
                    new("Max reserved workers", null, Text(wanted.MaxReservedWorkers)),
                ]));
                continue;
            }

            sids[wanted.FriendlyName] = current.Sid;
            var changes = new List<FieldChange>();
            AddIfDifferent(changes, "Target workers", current.TargetWorkers, wanted.TargetWorkers);
            AddIfDifferent(changes, "Task order", current.TaskOrder, wanted.TaskOrder);
            AddIfDifferent(changes, "Max reserved workers", Text(current.MaxReservedWorkers), Text(wanted.MaxReservedWorkers));
            steps.Add(new(QueueKind, wanted.FriendlyName, changes.Count == 0 ? PlanAction.Unchanged : PlanAction.Update, current.Sid, changes));
        }

        // Queues still to be created have no SID yet: the plan shows a placeholder, apply fills in the real SID.
        var configuration = WorkflowConfigBuilder.Build(spec, name => sids.GetValueOrDefault(name) ?? WorkflowConfigBuilder.Placeholder(name));
        var workflow = workflows.FirstOrDefault(w => w.FriendlyName == spec.WorkflowName);
        if (workflow is null)
        {
            steps.Add(new(WorkflowKind, spec.WorkflowName, PlanAction.Create, null,
            [
                new("Configuration", null, configuration),
                new("Task reservation timeout", null, Text(spec.TaskReservationTimeout)),
            ]));
        }
        else
        {
            var changes = new List<FieldChange>();
            if (!SameJson(workflow.Configuration, configuration))
            {
                changes.Add(new("Configuration", workflow.Configuration, configuration));
            }

            AddIfDifferent(changes, "Task reservation timeout", Text(workflow.TaskReservationTimeout), Text(spec.TaskReservationTimeout));
            steps.Add(new(WorkflowKind, spec.WorkflowName, changes.Count == 0 ? PlanAction.Unchanged : PlanAction.Update, workflow.Sid, changes));
        }

        var managedQueues = spec.Queues.Select(q => q.FriendlyName).ToHashSet(StringComparer.Ordinal);
        var unmanaged = queues.Where(q => !managedQueues.Contains(q.FriendlyName)).Select(q => $"Queue \"{q.FriendlyName}\" ({q.Sid})")
            .Concat(workflows.Where(w => w.FriendlyName != spec.WorkflowName).Select(w => $"Workflow \"{w.FriendlyName}\" ({w.Sid})"))
            .ToList();
        return new RoutingPlan(steps, unmanaged);
    }

    /// <summary>TaskRouter may store the configuration with other spacing or key order; only the JSON value matters.</summary>
    internal static bool SameJson(string current, string wanted)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(current), JsonNode.Parse(wanted));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static void AddIfDifferent(List<FieldChange> changes, string field, string current, string wanted)
    {
        if (!string.Equals(current, wanted, StringComparison.Ordinal))
        {
            changes.Add(new(field, current, wanted));
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
