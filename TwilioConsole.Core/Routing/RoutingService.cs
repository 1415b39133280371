using System.Globalization;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Routing;

public enum ApplyStepState
{
    Done,
    Unchanged,
    Failed,
    Skipped,
}

public sealed record ApplyStepResult(string Kind, string Name, PlanAction Action, ApplyStepState State, string? Sid, string? Error);

public sealed record ApplyResult(IReadOnlyList<ApplyStepResult> Steps, string? Error)
{
    public bool Succeeded => Error is null && Steps.All(s => s.State is ApplyStepState.Done or ApplyStepState.Unchanged);
}

/// <summary>Either a plan, or why none could be made (no workspace, an invalid spec, Twilio refused to list).</summary>
public sealed record PlanResult(RoutingPlan? Plan, IReadOnlyList<string> Errors);

/// <summary>
/// Plan and apply for the routing: reads the workspace's queues and workflows, computes a <see cref="RoutingPlan"/>,
/// and applies it step by step (queues first, then the workflow with their SIDs). Applying an applied state changes
/// nothing. Every apply is audited; the workflow SID is kept for the IVR's send-to-Flex widgets.
/// </summary>
public sealed class RoutingService(ITwilioGateway gateway, RoutingSpecStore specs, SettingsService settings, AuditLog audit)
{
    internal const string StatePrefix = "Routing:Applied:";

    public async Task<PlanResult> PlanAsync(RoutingSpec spec, CancellationToken ct)
    {
        var errors = spec.Validate();
        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        var twilio = await gateway.CurrentAsync(ct);
        if (twilio.WorkspaceSid is not { } workspace)
        {
            return new(null, [TwilioProducts.NoWorkspace]);
        }

        try
        {
            var queues = await twilio.TaskRouter.ListTaskQueuesAsync(workspace, ct).ToListAsync(ct);
            var workflows = await twilio.TaskRouter.ListWorkflowsAsync(workspace, ct).ToListAsync(ct);
            return new(RoutingPlan.Compute(spec, queues, workflows), []);
        }
        catch (TwilioApiException e)
        {
            return new(null, [$"Could not read the workspace: {e.TwilioMessage}"]);
        }
    }

    /// <summary>Plans afresh against the workspace as it is now and applies that plan.</summary>
    public async Task<ApplyResult> ApplyAsync(string actor, IProgress<IReadOnlyList<ApplyStepResult>>? progress, CancellationToken ct)
    {
        var spec = await specs.GetAsync(ct);
        var planned = await PlanAsync(spec, ct);
        if (planned.Plan is not { } plan)
        {
            var error = string.Join(" ", planned.Errors);
            await audit.RecordAsync(actor, "routing.apply", spec.WorkflowName, null, false, error, ct);
            return new([], error);
        }

        var twilio = await gateway.CurrentAsync(ct);
        var workspace = twilio.WorkspaceSid!;
        var results = new List<ApplyStepResult>();
        var queueSids = new Dictionary<string, string>(StringComparer.Ordinal);
        string? failure = null;
        foreach (var step in plan.Steps)
        {
            if (failure is not null)
            {
                results.Add(new(step.Kind, step.Name, step.Action, ApplyStepState.Skipped, step.Sid, "Not tried: an earlier step failed."));
                continue;
            }

            try
            {
                var sid = step.Kind == RoutingPlan.QueueKind
                    ? await ApplyQueueAsync(twilio.TaskRouter, workspace, spec.Queues.Single(q => q.FriendlyName == step.Name), step, ct)
                    : await ApplyWorkflowAsync(twilio.TaskRouter, workspace, spec, step, queueSids, ct);
                if (step.Kind == RoutingPlan.QueueKind)
                {
                    queueSids[step.Name] = sid;
                }

                results.Add(new(step.Kind, step.Name, step.Action, step.Action == PlanAction.Unchanged ? ApplyStepState.Unchanged : ApplyStepState.Done, sid, null));
            }
            catch (TwilioApiException e)
            {
                failure = $"{step.Kind} \"{step.Name}\": {e.TwilioMessage} (Twilio error {e.Code?.ToString(CultureInfo.InvariantCulture) ?? "none"})";
                results.Add(new(step.Kind, step.Name, step.Action, ApplyStepState.Failed, step.Sid, e.TwilioMessage));
            }

            progress?.Report([.. results]);
        }

        if (failure is null && results.LastOrDefault(r => r.Kind == RoutingPlan.WorkflowKind) is { Sid: { } workflowSid })
        {
            await settings.SetStateAsync(new Dictionary<string, string> { [StatePrefix + twilio.Mode + ":WorkflowSid"] = workflowSid }, new HashSet<string>(), actor, ct);
        }

        var summary = AuditSummary(results);
        await audit.RecordAsync(actor, "routing.apply", spec.WorkflowName, summary, failure is null, failure, ct);
        return new(results, failure);
    }

    /// <summary>
    /// One line a person reads: what was created or updated (and what failed or was skipped) by name, and how many
    /// resources were already right, e.g. "Queue Support updated; 2 unchanged" — never "Unchanged → Unchanged".
    /// </summary>
    public static string AuditSummary(IReadOnlyList<ApplyStepResult> results)
    {
        var changed = results.Where(r => r.State != ApplyStepState.Unchanged)
            .Select(r => $"{r.Kind} {r.Name} {r.State switch
            {
                ApplyStepState.Done => r.Action == PlanAction.Create ? "created" : "updated",
                ApplyStepState.Failed => "failed",
                ApplyStepState.Skipped => "skipped",
                _ => r.State.ToString().ToLowerInvariant(),
            }}").ToList();
        var unchanged = results.Count(r => r.State == ApplyStepState.Unchanged);
        if (unchanged > 0)
        {
            changed.Add(changed.Count == 0 ? $"nothing to change ({unchanged} already matched)" : $"{unchanged} unchanged");
        }

        return string.Join("; ", changed);
    }

    /// <summary>The SID of the workflow the last successful apply wrote in the current mode, if any.</summary>
    public async Task<string?> AppliedWorkflowSidAsync(CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        var key = StatePrefix + twilio.Mode + ":WorkflowSid";
        return (await settings.GetStateAsync(key, ct)).GetValueOrDefault(key);
    }

    private static async Task<string> ApplyQueueAsync(ITaskRouterApi api, string workspace, QueueSpec queue, PlanStep step, CancellationToken ct)
    {
        var write = new TaskQueueWrite(queue.FriendlyName, queue.TargetWorkers, queue.TaskOrder, queue.MaxReservedWorkers);
        return step.Action switch
        {
            PlanAction.Create => (await api.CreateTaskQueueAsync(workspace, write, ct)).Sid,
            PlanAction.Update => (await api.UpdateTaskQueueAsync(workspace, step.Sid!, write, ct)).Sid,
            _ => step.Sid!,
        };
    }

    private static async Task<string> ApplyWorkflowAsync(ITaskRouterApi api, string workspace, RoutingSpec spec, PlanStep step,
        Dictionary<string, string> queueSids, CancellationToken ct)
    {
        var write = new WorkflowWrite(spec.WorkflowName, WorkflowConfigBuilder.Build(spec, name => queueSids[name]), spec.TaskReservationTimeout);
        return step.Action switch
        {
            PlanAction.Create => (await api.CreateWorkflowAsync(workspace, write, ct)).Sid,
            PlanAction.Update => (await api.UpdateWorkflowAsync(workspace, step.Sid!, write, ct)).Sid,
            _ => step.Sid!,
        };
    }
}
