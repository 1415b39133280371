using System.Globalization;
using System.Text.Json;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Ivr;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Routing;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.ThankYou;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Sandbox;

/// <summary>
/// Simulated inbound calls in Sandbox mode, end to end: the number's published IVR (its JSON, played by
/// <see cref="IvrCallSimulator"/>), a task routed by the applied workflow's configuration into its queue, an available
/// agent with the skill whose Flex accepts it as the plugin's own rules decide (<see cref="AutoAcceptRules"/>), and on hang-up the signed
/// TaskRouter events that make the thank-you text — which the call then follows to its delivery.
/// </summary>
public sealed class SandboxCalls
{
    private readonly SettingsService settings;
    private readonly IvrStore ivrs;
    private readonly IvrPublisher publisher;
    private readonly SandboxTaskRouterApi taskRouter;
    private readonly SandboxCallEnder ender;
    private readonly ThankYouOutbox thankYou;
    private readonly MessageLog messages;
    private readonly TimeProvider clock;
    private readonly AutoAcceptRules autoAccept;
    private readonly SandboxFlexApi flex;

    internal SandboxCalls(SettingsService settings, IvrStore ivrs, IvrPublisher publisher, SandboxTaskRouterApi taskRouter,
        SandboxCallEnder ender, ThankYouOutbox thankYou, MessageLog messages, TimeProvider clock, AutoAcceptRules autoAccept, SandboxFlexApi flex)
    {
        (this.settings, this.ivrs, this.publisher, this.taskRouter) = (settings, ivrs, publisher, taskRouter);
        (this.ender, this.thankYou, this.messages, this.clock, this.autoAccept, this.flex) = (ender, thankYou, messages, clock, autoAccept, flex);
    }

    public async Task<(SandboxCall? Call, string? Error)> PlaceAsync(string? customerNumber, string? customerName, CancellationToken ct)
    {
        var current = await settings.GetEffectiveAsync(ct);
        if (current.Mode != ConsoleMode.Sandbox)
        {
            return (null, SandboxOnly.Refusal("A test call") + " In Twilio mode, call your number from a phone.");
        }

        var number = Phone.Normalize(customerNumber, current.DefaultRegion);
        if (!number.IsValid)
        {
            return (null, number.Error);
        }

        var flow = await publisher.CurrentFlowAsync((await ivrs.GetAsync(ct)).Name, ct);
        if (flow is null)
        {
            return (null, "Publish the IVR first (IVR page → Publish).");
        }

        if (flow.Status != "published" || flow.Definition is not { } definition)
        {
            return (null, "The IVR is only a draft in Studio; publish it so callers get it.");
        }

        var bound = (await publisher.NumbersAsync(flow, ct)).FirstOrDefault(n => n.PointsAtIvr);
        if (bound is null)
        {
            return (null, "No phone number sends calls to the IVR yet (IVR page → Publish → Route calls to this IVR).");
        }

        var call = new SandboxCall(number.E164!, string.IsNullOrWhiteSpace(customerName) ? null : customerName.Trim(), bound.PhoneNumber);
        call.Add(Now, TimelineKind.Call, $"Incoming call from {call.CustomerNumber} to {bound.PhoneNumber} ({bound.FriendlyName}); Studio runs \"{flow.FriendlyName}\" revision {flow.Revision}.");
        call.Ivr = IvrCallSimulator.Start(definition.GetRawText(), call.CustomerNumber, bound.PhoneNumber);
        await AfterIvrAsync(call, ct);
        return (call, null);
    }

    public async Task PressAsync(SandboxCall call, string digits, CancellationToken ct)
    {
        if (!call.WaitingForKey || await RefusedAsync(call, ct))
        {
            return;
        }

        call.Ivr!.Press(digits);
        await AfterIvrAsync(call, ct);
    }

    public async Task TimeoutAsync(SandboxCall call, CancellationToken ct)
    {
        if (!call.WaitingForKey || await RefusedAsync(call, ct))
        {
            return;
        }

        call.Ivr!.Timeout();
        await AfterIvrAsync(call, ct);
    }

    /// <summary>
    /// Every step of a test call checks the mode as it runs: a page left open across a switch to Twilio mode ends
    /// the pretend call there, and nothing reaches the real account (no task, no signed event, no text).
    /// </summary>
    private async Task<bool> RefusedAsync(SandboxCall call, CancellationToken ct)
    {
        if (await SandboxOnly.RefusalAsync(settings, "This test call", ct) is not { } refusal)
        {
            return false;
        }

        call.Add(Now, TimelineKind.Problem, refusal);
        (call.State, call.FollowingText) = (SandboxCallState.Ended, false);
        return true;
    }

    public async Task HangUpAsync(SandboxCall call, CancellationToken ct)
    {
        if (call.State != SandboxCallState.Ended && await RefusedAsync(call, ct))
        {
            return;
        }

        switch (call.State)
        {
            case SandboxCallState.InIvr:
                call.Add(Now, TimelineKind.HangUp, "The caller hung up in the IVR; no task was created.");
                break;
            case SandboxCallState.Queued:
                await taskRouter.SetTaskStatusAsync(call.TaskSid!, "canceled", ct);
                await ender.PostAsync("task.canceled", call.Facts, TimeSpan.Zero, ct);
                call.Add(Now, TimelineKind.HangUp, "The caller hung up while waiting. No agent handled the call, so no thank-you text.");
                break;
            case SandboxCallState.Talking:
                var seconds = Math.Max(1, (int)(Now - call.TalkingSince!.Value).TotalSeconds);
                await taskRouter.SetTaskStatusAsync(call.TaskSid!, "wrapping", ct);
                call.Add(Now, TimelineKind.HangUp, $"Call ended after {TimeSpan.FromSeconds(seconds).ToString(@"m\:ss", CultureInfo.InvariantCulture)} with {call.AgentName}.");
                await ender.EndAsync(Ended(call, seconds), completeAfter: null, ct);
                call.Add(Now, TimelineKind.Task, $"TaskRouter posts signed task.wrapup for {call.TaskSid} to {WebhookPaths.TaskRouterEvents}.");
                call.WrapUpDue = call.WrapUpSeconds is { } wrapUp ? Now.AddSeconds(wrapUp) : null;
                call.Add(Now, TimelineKind.Agent, call.WrapUpDue is null
                    ? $"{call.AgentName} is wrapping up in Flex; the task completes when they click Complete."
                    : $"Auto wrap-up (configuration set \"{call.AutomationSet}\"): {call.AgentName}'s Flex completes the task in {call.WrapUpSeconds} s unless they extend it.");
                (call.State, call.FollowingText) = (SandboxCallState.WrappingUp, true);
                return;
            default:
                return;
        }

        call.State = SandboxCallState.Ended;
    }

    private static EndedCall Ended(SandboxCall call, int seconds) =>
        new(call.CustomerNumber, call.CustomerName, call.QueueName!, call.AgentName!, seconds, call.TaskSid, call.AgentSid);

    /// <summary>The agent's "extend" on the auto-wrap-up countdown: the plugin's own number of seconds more.</summary>
    public void ExtendWrapUp(SandboxCall call, CancellationToken ct)
    {
        if (call is { State: SandboxCallState.WrappingUp, WrapUpDue: { } due })
        {
            var extra = autoAccept.ExtendSeconds(ct);
            call.WrapUpDue = due.AddSeconds(extra);
            call.Add(Now, TimelineKind.Agent, $"{call.AgentName} extended wrap-up by {extra} s.");
        }
    }

    /// <summary>The agent clicks Complete (or auto-wrap-up's time is up): the task completes and TaskRouter posts task.completed.</summary>
    public async Task CompleteWrapUpAsync(SandboxCall call, CancellationToken ct) => await CompleteWrapUpAsync(call, automatic: false, ct);

    private async Task CompleteWrapUpAsync(SandboxCall call, bool automatic, CancellationToken ct)
    {
        if (call.State != SandboxCallState.WrappingUp || await RefusedAsync(call, ct))
        {
            return;
        }

        await taskRouter.SetTaskStatusAsync(call.TaskSid!, "completed", ct);
        await ender.CompleteAsync(Ended(call, 0), ct);
        call.Add(Now, TimelineKind.Task, automatic
            ? $"Auto wrap-up completed {call.TaskSid} without {call.AgentName} clicking anything; TaskRouter posts signed task.completed."
            : $"{call.AgentName} completed wrap-up; TaskRouter posts signed task.completed for {call.TaskSid}.");
        (call.State, call.WrapUpDue) = (SandboxCallState.Ended, null);
    }

    /// <summary>After hang-up: notes the thank-you text's progress (queued, sent, delivered …) until it settles.</summary>
    public async Task RefreshAsync(SandboxCall call, CancellationToken ct)
    {
        if (call is { State: SandboxCallState.WrappingUp, WrapUpDue: { } due } && Now >= due)
        {
            await CompleteWrapUpAsync(call, automatic: true, ct);
        }

        if (!call.FollowingText)
        {
            return;
        }

        var text = (await thankYou.QueryAsync(new ThankYouQuery(call.TaskSid), ct)).Items.FirstOrDefault(t => t.TaskSid == call.TaskSid);
        if (text is null)
        {
            return;
        }

        if (text.MessageSid is { } sid)
        {
            var message = (await messages.QueryAsync(new MessageQuery(sid), ct)).Items.FirstOrDefault(m => m.Sid == sid);
            var status = message?.Status ?? "sent";
            if (status != call.TextStatus)
            {
                // The text itself once, on its first entry; after that only how it is getting on.
                var first = call.Timeline.All(e => e.Kind is not (TimelineKind.Text or TimelineKind.Delivered));
                call.TextStatus = status;
                call.Add(Now, status is "delivered" or "read" ? TimelineKind.Delivered : MessageStatuses.IsFinal(status) ? TimelineKind.Problem : TimelineKind.Text,
                    first ? $"Thank-you text {sid} to {text.CustomerNumber}: {status}. \"{text.Body}\"" : $"Thank-you text {sid}: {status}.");
            }

            call.FollowingText = !MessageStatuses.IsFinal(status);
            return;
        }

        var state = text.Status.ToString();
        if (state != call.TextStatus)
        {
            call.TextStatus = state;
            call.Add(Now, text.Status is ThankYouStatus.Failed or ThankYouStatus.Skipped ? TimelineKind.Problem : TimelineKind.Text,
                text.Status switch
                {
                    ThankYouStatus.Skipped => $"No thank-you text: {text.SkipReason}",
                    ThankYouStatus.Failed => $"The thank-you text failed: {text.LastError}",
                    _ => $"Thank-you text recorded ({state.ToLowerInvariant()}).",
                });
        }

        call.FollowingText = text.Status is ThankYouStatus.Pending or ThankYouStatus.Sending;
    }

    private DateTimeOffset Now => clock.GetUtcNow();

    private async Task AfterIvrAsync(SandboxCall call, CancellationToken ct)
    {
        var ivr = call.Ivr!;
        foreach (var e in ivr.Events.Skip(call.IvrEventsShown))
        {
            if (e.Kind is not CallEventKind.Logic and not CallEventKind.HungUp)
            {
                call.Add(Now, TimelineKind.Ivr, e.Kind switch
                {
                    CallEventKind.Say or CallEventKind.Prompt => $"IVR says: “{e.Text}”",
                    CallEventKind.Enqueued => "IVR hands the call to Flex.",
                    _ => e.Text,
                });
            }
        }

        call.IvrEventsShown = ivr.Events.Count;
        if (ivr.Error is { } error)
        {
            call.Add(Now, TimelineKind.Problem, $"The IVR stopped: {error}");
            call.State = SandboxCallState.Ended;
        }
        else if (ivr.Task is { } task)
        {
            await EnqueueAsync(call, task, ct);
        }
        else if (ivr.Ended)
        {
            call.Add(Now, TimelineKind.HangUp, "The IVR said goodbye and hung up; the caller was not connected.");
            call.State = SandboxCallState.Ended;
        }
    }

    private async Task EnqueueAsync(SandboxCall call, SimulatedTask task, CancellationToken ct)
    {
        var workspace = SandboxAccount.WorkspaceSid;
        var workflow = await taskRouter.ListWorkflowsAsync(workspace, ct).FirstOrDefaultAsync(w => w.Sid == task.WorkflowSid, ct);
        if (workflow is null)
        {
            call.Add(Now, TimelineKind.Problem, $"The IVR sends calls to workflow {task.WorkflowSid}, which is not in the workspace: apply the routing, then publish the IVR again.");
            call.State = SandboxCallState.Ended;
            return;
        }

        using var attributes = JsonDocument.Parse(task.Attributes);
        var (filter, queueSid) = WorkflowEvaluator.RouteConfiguration(workflow.Configuration, attributes.RootElement);
        var queue = await taskRouter.ListTaskQueuesAsync(workspace, ct).FirstOrDefaultAsync(q => q.Sid == queueSid, ct);
        if (queue is null)
        {
            call.Add(Now, TimelineKind.Problem, $"Workflow \"{workflow.FriendlyName}\" sends the task to queue {queueSid}, which does not exist: apply the routing again.");
            call.State = SandboxCallState.Ended;
            return;
        }

        var created = await taskRouter.CreateTaskAsync(queue.Sid, task.Attributes, "pending", ct);
        (call.TaskSid, call.QueueName, call.QueueSid, call.TaskAttributes) = (created.Sid, queue.FriendlyName, queue.Sid, task.Attributes);
        await ender.PostAsync("task.created", call.Facts, TimeSpan.Zero, ct);
        call.Add(Now, TimelineKind.Task, filter is null
            ? $"Task {created.Sid} created; no filter matched, so the default filter sends it to {queue.FriendlyName}."
            : $"Task {created.Sid} created; workflow filter “{filter}” sends it to the {queue.FriendlyName} queue.");

        var target = WorkflowEvaluator.Compiled(queue.TargetWorkers);
        var agent = (await taskRouter.ListWorkersAsync(workspace, ct).ToListAsync(ct))
            .Where(w => w.Available && target.Evaluate(w.Attributes))
            .OrderBy(w => w.FriendlyName, StringComparer.Ordinal)
            .FirstOrDefault();
        if (agent is null)
        {
            call.State = SandboxCallState.Queued;
            call.Add(Now, TimelineKind.Task, $"Waiting in {queue.FriendlyName}: no available agent matches {queue.TargetWorkers}. Give an available agent the skill (Routing → Workers).");
            return;
        }

        await taskRouter.SetTaskStatusAsync(created.Sid, "reserved", ct);
        call.Add(Now, TimelineKind.Agent, $"Reserved for {agent.FriendlyName}, who has the skill and is {agent.ActivityName}.");
        var channel = await taskRouter.ListTaskChannelsAsync(workspace, ct).FirstOrDefaultAsync(c => c.Sid == task.ChannelSid, ct);
        AutoAcceptDecision decision;
        try
        {
            decision = autoAccept.Decide(channel?.UniqueName ?? "", task.Attributes, transfer: false, await flex.UiAttributesJsonAsync(ct),
                AutoAcceptRules.IsPaused(agent.Attributes), ct);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Jint.Runtime.JavaScriptException or Acornima.ParseErrorException)
        {
            call.State = SandboxCallState.Queued;
            call.Add(Now, TimelineKind.Problem, $"The auto-accept plugin's rules could not run, so the reservation waits for {agent.FriendlyName}: {e.Message}");
            return;
        }

        if (!decision.Accept)
        {
            call.State = SandboxCallState.Queued;
            call.Add(Now, TimelineKind.Problem,
                $"{agent.FriendlyName}'s Flex does not accept it automatically ({decision.Explanation}; task channel {channel?.UniqueName ?? task.ChannelSid}): the reservation waits for the agent to accept by hand.");
            return;
        }

        await taskRouter.SetTaskStatusAsync(created.Sid, "assigned", ct);
        (call.AgentName, call.AgentSid, call.TalkingSince, call.State) = (agent.FriendlyName, agent.Sid, Now, SandboxCallState.Talking);
        (call.AutomationSet, call.WrapUpSeconds) = (decision.Set, decision.WrapUpSeconds);
        await ender.PostAsync("reservation.accepted", call.Facts, TimeSpan.Zero, ct);
        call.Add(Now, TimelineKind.Agent,
            $"{agent.FriendlyName}'s Flex accepts it automatically (auto-accept plugin, configuration set \"{decision.Set}\": {channel?.UniqueName} task, not paused" +
            (decision.Select ? "" : "; not selected, so it waits in the task list") + "). Caller and agent are talking.");
    }
}
