using Microsoft.Extensions.Logging;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Routing;
using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.Sandbox;

/// <summary>How much pretend traffic to place: calls spread over minutes, some abandoned.</summary>
public sealed record TrafficPlan(int Calls, int Minutes, int AbandonPercent = 15)
{
    public const int MaxCalls = 500;
    public const int MaxMinutes = 60;

    public string? Error =>
        Calls is < 1 or > MaxCalls ? $"Place 1 to {MaxCalls} calls."
        : Minutes is < 1 or > MaxMinutes ? $"Spread them over 1 to {MaxMinutes} minutes."
        : AbandonPercent is < 0 or > 100 ? "Abandoned calls are 0 to 100 %."
        : null;
}

/// <summary>Where a simulation stands, for the Live page.</summary>
public sealed record TrafficProgress(bool Running, int Calls, int Answered, int Abandoned, int Done, DateTimeOffset? Ends, string? Problem)
{
    public static readonly TrafficProgress Idle = new(false, 0, 0, 0, 0, null, null);
}

/// <summary>
/// "Simulate traffic" in the Sandbox: pretend calls over a few minutes, each a real Sandbox task in a managed queue that
/// is waited on, then answered by an agent whose skills fit the queue (talk, wrap-up, complete) or abandoned — with the
/// signed TaskRouter events of each step posted to this app's webhook as they happen, so the live board, the charts and
/// the thank-you texts move exactly as they would for real calls. One simulation at a time; every step checks the mode
/// when it runs, and a failed step is noted and skipped, never ending the run or the host.
/// </summary>
public sealed partial class SandboxTraffic
{
    private readonly SandboxTaskRouterApi taskRouter;
    private readonly SandboxCallEnder events;
    private readonly RoutingSpecStore specs;
    private readonly SettingsService settings;
    private readonly AuditLog audit;
    private readonly TimeProvider clock;
    private readonly ILogger<SandboxTraffic> logger;

    internal SandboxTraffic(SandboxTaskRouterApi taskRouter, SandboxCallEnder events, RoutingSpecStore specs, SettingsService settings, AuditLog audit,
        TimeProvider clock, ILogger<SandboxTraffic> logger)
    {
        (this.taskRouter, this.events, this.specs, this.settings) = (taskRouter, events, specs, settings);
        (this.audit, this.clock, this.logger) = (audit, clock, logger);
    }

    private readonly Lock _gate = new();
    private CancellationTokenSource? _run;

    public TrafficProgress Progress { get; private set; } = TrafficProgress.Idle;

    /// <summary>Raised when the progress changes (on the simulation's thread).</summary>
    public event Action<TrafficProgress>? Changed;

    private sealed class SimulatedCall
    {
        public required string Queue { get; init; }
        public required string QueueSid { get; init; }
        public required string Attributes { get; init; }
        public (string Sid, string Name)? Agent { get; init; }
        public string? TaskSid { get; set; }

        public SandboxTaskFacts Facts => new(TaskSid!, Attributes, Queue, QueueSid, Agent?.Name, Agent?.Sid);
    }

    private sealed record Step(TimeSpan At, SimulatedCall Call, string Kind);

    /// <summary>Starts a simulation; returns what to fix instead when it cannot.</summary>
    public async Task<string?> StartAsync(TrafficPlan plan, string actor, CancellationToken ct)
    {
        if (plan.Error is { } error)
        {
            return error;
        }

        if (await SandboxOnly.RefusalAsync(settings, "Simulated traffic", ct) is { } refusal)
        {
            return refusal;
        }

        var spec = await specs.GetAsync(ct);
        var queues = await taskRouter.ListTaskQueuesAsync(SandboxAccount.WorkspaceSid, ct).Where(q => spec.Queues.Any(s => s.FriendlyName == q.FriendlyName)).ToListAsync(ct);
        if (queues.Count == 0)
        {
            return "Apply the routing first (Routing page, or Run all on the Dashboard): simulated calls go into its queues.";
        }

        var workers = await taskRouter.ListWorkersAsync(SandboxAccount.WorkspaceSid, ct).ToListAsync(ct);
        var members = queues.ToDictionary(q => q.Sid, q =>
        {
            var target = WorkflowEvaluator.Compiled(q.TargetWorkers);
            return workers.Where(w => target.Evaluate(w.Attributes)).Select(w => (w.Sid, w.FriendlyName)).ToList();
        });
        var steps = Plan(plan, queues.Select(q => (q.FriendlyName, q.Sid, members[q.Sid])).ToList());

        CancellationTokenSource run;
        lock (_gate)
        {
            if (Progress.Running)
            {
                return "A simulation is already running; stop it first.";
            }

            _run = run = new CancellationTokenSource();
            var abandoned = steps.Count(s => s.Kind == "task.canceled");
            Progress = new TrafficProgress(true, plan.Calls, plan.Calls - abandoned, abandoned, 0, clock.GetUtcNow() + steps.Max(s => s.At), null);
        }

        await audit.RecordAsync(actor, "live.simulate", "Sandbox", $"{plan.Calls} calls over {plan.Minutes} min, {plan.AbandonPercent} % abandoned", true, null, ct);
        _ = Task.Run(() => RunAsync(steps, run.Token), CancellationToken.None);
        Changed?.Invoke(Progress);
        return null;
    }

    public void Stop()
    {
        lock (_gate)
        {
            _run?.Cancel();
        }
    }

    /// <summary>Each call: created at a random moment, then answered after 3–45 s (talk 15–120 s, wrap-up 5–20 s) or abandoned after 8–60 s.</summary>
    private static List<Step> Plan(TrafficPlan plan, List<(string Name, string Sid, List<(string Sid, string Name)> Members)> queues)
    {
        var random = Random.Shared;
        var window = TimeSpan.FromMinutes(plan.Minutes);
        var steps = new List<Step>();
        for (var i = 0; i < plan.Calls; i++)
        {
            var queue = queues[random.Next(queues.Count)];
            var number = $"+1415555{random.Next(1000, 9999)}";
            var call = new SimulatedCall
            {
                Queue = queue.Name, QueueSid = queue.Sid, Attributes = SandboxCallEnder.Attributes(number, $"Caller {i + 1}", queue.Name.ToLowerInvariant()),
                Agent = queue.Members.Count == 0 ? null : queue.Members[random.Next(queue.Members.Count)],
            };
            var start = window * (random.NextDouble() * 0.6);
            steps.Add(new Step(start, call, "task.created"));
            if (call.Agent is null || random.Next(100) < plan.AbandonPercent)
            {
                steps.Add(new Step(start + Seconds(8, 60), call, "task.canceled"));
                continue;
            }

            var answered = start + Seconds(3, 45);
            var wrap = answered + Seconds(15, 120);
            steps.Add(new Step(answered, call, "reservation.accepted"));
            steps.Add(new Step(wrap, call, "task.wrapup"));
            steps.Add(new Step(wrap + Seconds(5, 20), call, "task.completed"));
        }

        return [.. steps.OrderBy(s => s.At)];

        TimeSpan Seconds(int min, int max) => TimeSpan.FromSeconds(Math.Min(max, min + (max - min) * random.NextDouble() * plan.Minutes / 2.0));
    }

    private async Task RunAsync(List<Step> steps, CancellationToken ct)
    {
        var started = clock.GetUtcNow();
        string? problem = null;
        var done = 0;
        try
        {
            foreach (var step in steps)
            {
                var wait = started + step.At - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, ct);
                }

                if (await SandboxOnly.RefusalAsync(settings, "Simulated traffic", ct) is { } refusal)
                {
                    problem = refusal;
                    break;
                }

                try
                {
                    await RunStepAsync(step, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    problem ??= $"A step failed and was skipped: {e.Message}";
                    LogStepFailed(logger, e, step.Kind);
                }

                if (step.Kind is "task.completed" or "task.canceled")
                {
                    done++;
                    Report(p => p with { Done = done, Problem = problem });
                }
            }
        }
        catch (OperationCanceledException)
        {
            problem ??= "Stopped.";
        }
#pragma warning disable CA1031 // the simulation is demo traffic: whatever ends it early is reported on the page, never thrown into the host
        catch (Exception e)
#pragma warning restore CA1031
        {
            problem = $"The simulation stopped: {e.Message}";
            LogStepFailed(logger, e, "run");
        }
        finally
        {
            Report(p => p with { Running = false, Done = done, Problem = problem });
        }
    }

    private async Task RunStepAsync(Step step, CancellationToken ct)
    {
        var call = step.Call;
        switch (step.Kind)
        {
            case "task.created":
                call.TaskSid = (await taskRouter.CreateTaskAsync(call.QueueSid, call.Attributes, "pending", ct)).Sid;
                break;
            case "reservation.accepted":
                await taskRouter.SetTaskStatusAsync(call.TaskSid!, "assigned", ct);
                break;
            case "task.wrapup":
                await taskRouter.SetTaskStatusAsync(call.TaskSid!, "wrapping", ct);
                break;
            case "task.completed":
                await taskRouter.SetTaskStatusAsync(call.TaskSid!, "completed", ct);
                break;
            case "task.canceled":
                await taskRouter.SetTaskStatusAsync(call.TaskSid!, "canceled", ct);
                break;
        }

        await events.PostAsync(step.Kind, call.Facts, TimeSpan.Zero, ct);
    }

    private void Report(Func<TrafficProgress, TrafficProgress> change)
    {
        TrafficProgress now;
        lock (_gate)
        {
            Progress = now = change(Progress);
        }

        Changed?.Invoke(now);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated traffic: step {Step} failed")]
    private static partial void LogStepFailed(ILogger logger, Exception error, string step);
}
