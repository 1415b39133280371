using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Routing;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Ivr;

public enum PublishOutcome
{
    Created,
    Updated,
    Unchanged,
    Failed,
}

public sealed record IvrPublishResult(PublishOutcome Outcome, string Message, StudioFlow? Flow, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Outcome != PublishOutcome.Failed;
}

public sealed record IvrRevision(int Revision, string Status, string? CommitMessage, DateTimeOffset At, string? PublishedBy);

/// <summary>A phone number of the account, and where its incoming calls go now.</summary>
public sealed record NumberBinding(string Sid, string PhoneNumber, string? FriendlyName, string? VoiceUrl, bool PointsAtIvr);

/// <summary>
/// Publishes the IVR as a Studio Flow: checks it locally, has Studio validate the definition, creates the flow or
/// updates it as a new revision (an unchanged IVR creates nothing), records who published each revision, and points
/// phone numbers at the flow's webhook. Every publish and attach is audited.
/// </summary>
public sealed class IvrPublisher(ITwilioGateway gateway, RoutingService routing, RoutingSpecStore routingSpecs, SettingsService settings, AuditLog audit)
{
    private const string StatePrefix = "Ivr:";
    public const string VoiceChannel = "voice";

    public async Task<(IvrTargets? Targets, string? Problem)> TargetsAsync(CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        if (twilio.WorkspaceSid is not { } workspace)
        {
            return (null, TwilioProducts.NoWorkspace);
        }

        try
        {
            var workflowSid = await routing.AppliedWorkflowSidAsync(ct);
            if (workflowSid is null)
            {
                var name = (await routingSpecs.GetAsync(ct)).WorkflowName;
                workflowSid = (await twilio.TaskRouter.ListWorkflowsAsync(workspace, ct).FirstOrDefaultAsync(w => w.FriendlyName == name, ct))?.Sid;
            }

            if (workflowSid is null)
            {
                return (null, "No TaskRouter workflow yet: apply the routing on the Routing page first.");
            }

            var channel = await twilio.TaskRouter.ListTaskChannelsAsync(workspace, ct).FirstOrDefaultAsync(c => c.UniqueName == VoiceChannel, ct);
            return channel is null
                ? (null, "The workspace has no 'voice' TaskChannel; Flex workspaces have one.")
                : (new IvrTargets(workflowSid, channel.Sid), null);
        }
        catch (TwilioApiException e)
        {
            return (null, $"Could not read the workspace: {e.TwilioMessage}");
        }
    }

    /// <summary>The published flow this console manages in the current mode, if any.</summary>
    public async Task<StudioFlow?> CurrentFlowAsync(string flowName, CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        var key = FlowKey(twilio.Mode);
        var sid = (await settings.GetStateAsync(key, ct)).GetValueOrDefault(key);
        if (sid is not null)
        {
            try
            {
                return await twilio.Studio.FetchFlowAsync(sid, ct);
            }
            catch (TwilioApiException e) when (e.Status == HttpStatusCode.NotFound)
            {
                // deleted in the Twilio Console: look it up by name below
            }
        }

        var listed = await twilio.Studio.ListFlowsAsync(ct).FirstOrDefaultAsync(f => f.FriendlyName == flowName, ct);
        return listed is null ? null : await twilio.Studio.FetchFlowAsync(listed.Sid, ct);
    }

    public async Task<IvrPublishResult> PublishAsync(IvrDefinition ivr, bool publish, string? commitMessage, string actor, CancellationToken ct)
    {
        var errors = ivr.Validate();
        if (errors.Count > 0)
        {
            return Failed("Fix the highlighted fields first.", errors);
        }

        var (targets, problem) = await TargetsAsync(ct);
        if (targets is null)
        {
            return Failed(problem!, new Dictionary<string, string> { ["Targets"] = problem! });
        }

        var twilio = await gateway.CurrentAsync(ct);
        var definition = IvrFlowBuilder.Build(ivr, targets);
        var status = publish ? "published" : "draft";
        var write = new FlowWrite(ivr.Name, status, definition, string.IsNullOrWhiteSpace(commitMessage) ? null : commitMessage.Trim());
        IvrPublishResult result;
        try
        {
            var validation = await twilio.Studio.ValidateFlowAsync(write, ct);
            if (!validation.Valid)
            {
                return await AuditedAsync(actor, ivr, Failed("Studio says the flow is not valid.", new Dictionary<string, string>()), ct);
            }

            var current = await CurrentFlowAsync(ivr.Name, ct);
            if (current is not null && current.Status == status && current.FriendlyName == ivr.Name && SameDefinition(current, definition))
            {
                result = new(PublishOutcome.Unchanged, $"Nothing changed: revision {current.Revision} is already {status}. No new revision was made.", current, new Dictionary<string, string>());
            }
            else
            {
                var flow = current is null ? await twilio.Studio.CreateFlowAsync(write, ct) : await twilio.Studio.UpdateFlowAsync(current.Sid, write, ct);
                await settings.SetStateAsync(new Dictionary<string, string>
                {
                    [FlowKey(twilio.Mode)] = flow.Sid,
                    [RevisionKey(twilio.Mode, flow.Sid, flow.Revision)] = actor,
                }, new HashSet<string>(), actor, ct);
                result = new(current is null ? PublishOutcome.Created : PublishOutcome.Updated,
                    $"{(current is null ? "Created" : "Updated")} flow \"{flow.FriendlyName}\": revision {flow.Revision}, {flow.Status}.", flow, new Dictionary<string, string>());
            }
        }
        catch (TwilioApiException e)
        {
            result = Failed($"Studio refused: {e.TwilioMessage} (Twilio error {e.Code?.ToString(CultureInfo.InvariantCulture) ?? "none"})", new Dictionary<string, string>());
        }

        return await AuditedAsync(actor, ivr, result, ct);
    }

    public async Task<IReadOnlyList<IvrRevision>> RevisionsAsync(string flowSid, CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        var prefix = $"{StatePrefix}{twilio.Mode}:Revision:{flowSid}:";
        var authors = await settings.GetStateAsync(prefix, ct);
        var revisions = await twilio.Studio.ListRevisionsAsync(flowSid, ct).ToListAsync(ct);
        return [.. revisions.Select(r => new IvrRevision(r.Revision, r.Status, r.CommitMessage, r.DateUpdated ?? r.DateCreated,
            authors.GetValueOrDefault(prefix + r.Revision.ToString(CultureInfo.InvariantCulture))))];
    }

    public async Task<IReadOnlyList<NumberBinding>> NumbersAsync(StudioFlow? flow, CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        var numbers = await twilio.Messaging.ListIncomingPhoneNumbersAsync(ct).ToListAsync(ct);
        return [.. numbers.Select(n => new NumberBinding(n.Sid, n.PhoneNumber, n.FriendlyName, n.VoiceUrl,
            flow?.WebhookUrl is { } url && string.Equals(n.VoiceUrl, url.AbsoluteUri, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>Points the number's incoming calls at the flow (VoiceUrl = the flow's webhook, POST).</summary>
    public async Task<(bool Succeeded, string Message)> AttachAsync(string phoneNumberSid, StudioFlow flow, string actor, CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        var url = flow.WebhookUrl ?? new Uri($"https://webhooks.twilio.com/v1/Accounts/{twilio.AccountSid}/Flows/{flow.Sid}");
        (bool, string) result;
        try
        {
            var number = await twilio.Messaging.UpdateVoiceUrlAsync(phoneNumberSid, url, ct);
            result = (true, $"Calls to {number.PhoneNumber} now go to \"{flow.FriendlyName}\".");
        }
        catch (TwilioApiException e)
        {
            result = (false, $"Twilio refused: {e.TwilioMessage}");
        }

        await audit.RecordAsync(actor, "ivr.attach-number", phoneNumberSid, $"VoiceUrl {url} (POST)", result.Item1, result.Item1 ? null : result.Item2, ct);
        return result;
    }

    /// <summary>Studio may return the definition with other spacing or key order; only the JSON value matters.</summary>
    private static bool SameDefinition(StudioFlow flow, string definition) =>
        flow.Definition is { } current && JsonNode.DeepEquals(JsonNode.Parse(current.GetRawText()), JsonNode.Parse(definition));

    private async Task<IvrPublishResult> AuditedAsync(string actor, IvrDefinition ivr, IvrPublishResult result, CancellationToken ct)
    {
        var details = result.Flow is { } flow ? $"{result.Outcome}: {flow.Sid} revision {flow.Revision} ({flow.Status})" : result.Outcome.ToString();
        await audit.RecordAsync(actor, "ivr.publish", ivr.Name, details, result.Succeeded, result.Succeeded ? null : result.Message, ct);
        return result;
    }

    private static IvrPublishResult Failed(string message, IReadOnlyDictionary<string, string> errors) => new(PublishOutcome.Failed, message, null, errors);

    private static string FlowKey(ConsoleMode mode) => $"{StatePrefix}{mode}:FlowSid";

    private static string RevisionKey(ConsoleMode mode, string flowSid, int revision) =>
        $"{StatePrefix}{mode}:Revision:{flowSid}:{revision.ToString(CultureInfo.InvariantCulture)}";
}
