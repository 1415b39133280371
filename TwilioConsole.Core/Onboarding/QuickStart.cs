using TwilioConsole.Core.Functions;
using TwilioConsole.Core.Ivr;
using TwilioConsole.Core.Routing;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Onboarding;

public enum QuickStartStep
{
    Routing,
    Ivr,
    Agents,
    Function,
}

public sealed record QuickStartResult(QuickStartStep Step, bool Succeeded, string Message);

/// <summary>
/// A fresh install's first minute: apply the saved routing, publish the saved IVR and route the first phone number to
/// it, make sure an available agent has each skill, and deploy the send-sms Function. Each step is safe to run again.
/// </summary>
/// <remarks>
/// The mode is read when each step runs, never taken from when the page loaded: in Twilio mode the IVR step publishes
/// but never repoints a real number (that is chosen on the IVR page), and demo agents are refused.
/// </remarks>
public sealed class QuickStart(RoutingService routing, RoutingSpecStore specs, IvrStore ivrs, IvrPublisher publisher, ITwilioGateway gateway, FunctionDeployer functions)
{
    /// <summary>
    /// What already exists, step by step, read from the workspace, Studio and the Functions state — not remembered from
    /// a run — so a reload or another user sees the same checklist. A step whose check cannot be made says why.
    /// </summary>
    public async Task<IReadOnlyDictionary<QuickStartStep, QuickStartResult>> CheckAsync(CancellationToken ct)
    {
        var mode = (await gateway.CurrentAsync(ct)).Mode;
        var state = new Dictionary<QuickStartStep, QuickStartResult>();
        foreach (var (step, _) in StepsFor(mode))
        {
            try
            {
                state[step] = step switch
                {
                    QuickStartStep.Routing => await RoutingStateAsync(ct),
                    QuickStartStep.Ivr => await IvrStateAsync(mode, ct),
                    QuickStartStep.Agents => await AgentsStateAsync(ct),
                    _ => await functions.CurrentAsync(ct) is { } deployed
                        ? new(step, true, $"Deployed at {deployed.Url}.")
                        : new(step, false, "Not deployed yet."),
                };
            }
            catch (Exception e) when (e is TwilioApiException or TwilioNotConfiguredException or HttpRequestException or InvalidOperationException)
            {
                state[step] = new(step, false, $"Could not check: {e.Message}");
            }
        }

        return state;
    }

    private async Task<QuickStartResult> RoutingStateAsync(CancellationToken ct)
    {
        var plan = await routing.PlanAsync(await specs.GetAsync(ct), ct);
        return plan.Plan is { HasChanges: false }
            ? new(QuickStartStep.Routing, true, "The workspace matches the saved routing.")
            : new(QuickStartStep.Routing, false, plan.Errors.Count > 0 ? string.Join(" ", plan.Errors) : "Not applied yet.");
    }

    private async Task<QuickStartResult> IvrStateAsync(Settings.ConsoleMode mode, CancellationToken ct)
    {
        var flow = await publisher.CurrentFlowAsync((await ivrs.GetAsync(ct)).Name, ct);
        if (flow is not { Status: "published" })
        {
            return new(QuickStartStep.Ivr, false, flow is null ? "Not published yet." : "Only a draft in Studio.");
        }

        var bound = (await publisher.NumbersAsync(flow, ct)).FirstOrDefault(n => n.PointsAtIvr);
        return bound is not null
            ? new(QuickStartStep.Ivr, true, $"Revision {flow.Revision} published; {bound.PhoneNumber} sends its calls to it.")
            : new(QuickStartStep.Ivr, mode != Settings.ConsoleMode.Sandbox, $"Revision {flow.Revision} published; no number sends calls to it yet.");
    }

    /// <summary>The managed skills no available worker has.</summary>
    private static List<string> MissingSkills(IReadOnlyList<Worker> workers) =>
        [.. WorkerSkills.Managed.Where(skill => !workers.Any(w => w.Available && WorkerSkills.Read(w.Attributes).Contains(skill)))];

    private async Task<QuickStartResult> AgentsStateAsync(CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        if (twilio.WorkspaceSid is not { } workspace)
        {
            return new(QuickStartStep.Agents, false, TwilioProducts.NoWorkspace);
        }

        var workers = await twilio.TaskRouter.ListWorkersAsync(workspace, ct).ToListAsync(ct);
        var missing = MissingSkills(workers);
        return missing.Count == 0
            ? new(QuickStartStep.Agents, true, "Every skill has an available agent.")
            : new(QuickStartStep.Agents, false, $"No available agent for: {string.Join(", ", missing)}.");
    }

    public static IReadOnlyList<(QuickStartStep Step, string Title)> Steps { get; } =
    [
        (QuickStartStep.Routing, "Apply the routing (Troubleshooting and Support queues, IVR workflow)"),
        (QuickStartStep.Ivr, "Publish the IVR and send the main line's calls to it"),
        (QuickStartStep.Agents, "An available agent for each skill"),
        (QuickStartStep.Function, "Deploy the send-sms Function"),
    ];

    /// <summary>The steps that make sense in a mode: all four in the Sandbox; no demo agents against a real account.</summary>
    public static IReadOnlyList<(QuickStartStep Step, string Title)> StepsFor(Settings.ConsoleMode mode) =>
        mode == Settings.ConsoleMode.Sandbox
            ? Steps
            : [.. Steps.Where(s => s.Step != QuickStartStep.Agents).Select(s => s.Step == QuickStartStep.Ivr ? (s.Step, "Publish the IVR (choose its number on the IVR page)") : s)];

    public Task<QuickStartResult> RunAsync(QuickStartStep step, string actor, CancellationToken ct) => step switch
    {
        QuickStartStep.Routing => RoutingAsync(actor, ct),
        QuickStartStep.Ivr => IvrAsync(actor, ct),
        QuickStartStep.Agents => AgentsAsync(actor, ct),
        _ => FunctionAsync(actor, ct),
    };

    private async Task<QuickStartResult> RoutingAsync(string actor, CancellationToken ct)
    {
        var result = await routing.ApplyAsync(actor, null, ct);
        var made = result.Steps.Count(s => s.State == ApplyStepState.Done);
        return new(QuickStartStep.Routing, result.Succeeded, result.Succeeded
            ? made == 0 ? "Already in place." : $"{made} change(s) applied."
            : result.Error ?? "Apply failed.");
    }

    private async Task<QuickStartResult> IvrAsync(string actor, CancellationToken ct)
    {
        var published = await publisher.PublishAsync(await ivrs.GetAsync(ct), publish: true, "Quick start", actor, ct);
        if (!published.Succeeded || published.Flow is not { } flow)
        {
            return new(QuickStartStep.Ivr, false, published.Message);
        }

        var numbers = await publisher.NumbersAsync(flow, ct);
        if (numbers.FirstOrDefault(n => n.PointsAtIvr) is { } bound)
        {
            return new(QuickStartStep.Ivr, true, $"{published.Message} {bound.PhoneNumber} already sends its calls to it.");
        }

        if ((await gateway.CurrentAsync(ct)).Mode != Settings.ConsoleMode.Sandbox)
        {
            return new(QuickStartStep.Ivr, true, $"{published.Message} Choose which of your numbers sends its calls to it on the IVR page (quick start never repoints a real number).");
        }

        if (numbers.Count == 0)
        {
            return new(QuickStartStep.Ivr, false, $"{published.Message} The account has no phone number to route to it.");
        }

        var (attached, message) = await publisher.AttachAsync(numbers[0].Sid, flow, actor, ct);
        return new(QuickStartStep.Ivr, attached, $"{published.Message} {message}");
    }

    /// <summary>Creates "Demo agent" workers, available, only for skills no available agent has yet.</summary>
    private async Task<QuickStartResult> AgentsAsync(string actor, CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        if (twilio.Mode != Settings.ConsoleMode.Sandbox)
        {
            return new(QuickStartStep.Agents, false, Sandbox.SandboxOnly.Refusal("Creating demo agents") + " Add agents in Flex, and give them skills on the Routing page.");
        }

        if (twilio.WorkspaceSid is not { } workspace)
        {
            return new(QuickStartStep.Agents, false, TwilioProducts.NoWorkspace);
        }

        try
        {
            var workers = await twilio.TaskRouter.ListWorkersAsync(workspace, ct).ToListAsync(ct);
            var missing = MissingSkills(workers);
            if (missing.Count == 0)
            {
                return new(QuickStartStep.Agents, true, $"Ready: {string.Join(", ", WorkerSkills.Managed.Select(skill => $"{skill} — {string.Join(", ", workers.Where(w => w.Available && WorkerSkills.Read(w.Attributes).Contains(skill)).Select(w => w.FriendlyName))}"))}.");
            }

            var available = await twilio.TaskRouter.ListActivitiesAsync(workspace, ct).FirstOrDefaultAsync(a => a.Available, ct)
                ?? throw new InvalidOperationException("The workspace has no available activity.");
            foreach (var skill in missing)
            {
                var attributes = WorkerSkills.Merge("{}", new Dictionary<string, bool> { [skill] = true });
                await twilio.TaskRouter.CreateWorkerAsync(workspace, new WorkerWrite($"Demo agent ({skill})", attributes, available.Sid), ct);
            }

            return new(QuickStartStep.Agents, true, $"Created {string.Join(", ", missing.Select(s => $"Demo agent ({s})"))}, available.");
        }
        catch (TwilioApiException e)
        {
            return new(QuickStartStep.Agents, false, $"Twilio refused: {e.TwilioMessage}");
        }
        catch (InvalidOperationException e)
        {
            return new(QuickStartStep.Agents, false, e.Message);
        }
    }

    private async Task<QuickStartResult> FunctionAsync(string actor, CancellationToken ct)
    {
        var result = await functions.DeployAsync(actor, null, ct);
        return new(QuickStartStep.Function, result.Succeeded, result.Succeeded ? $"Deployed at {result.Deployment!.Url}." : result.Error ?? "Deploy failed.");
    }
}
