using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.ThankYou;

public sealed record WorkspaceLinkResult(bool Succeeded, string Message);

/// <summary>
/// Points the TaskRouter Workspace's EventCallbackUrl at this host's event webhook, with an EventsFilter of the thank-you
/// trigger and the events the live board keeps (thank-you texts ignore the others).
/// </summary>
public sealed class WorkspaceEventsLink(ITwilioGateway gateway, IPublicUrls urls, ThankYouSettingsStore thankYou, AuditLog audit)
{
    public async Task<(string? Current, Uri Wanted)> StateAsync(CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        var wanted = new Uri(await urls.BaseAsync(ct), WebhookPaths.TaskRouterEvents);
        if (twilio.WorkspaceSid is null)
        {
            return (null, wanted);
        }

        var workspace = await twilio.TaskRouter.FetchWorkspaceAsync(twilio.WorkspaceSid, ct);
        return (workspace.EventCallbackUrl, wanted);
    }

    public async Task<WorkspaceLinkResult> PointAtThisHostAsync(string actor, CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        if (twilio.WorkspaceSid is null)
        {
            return new(false, TwilioProducts.NoWorkspace);
        }

        var url = new Uri(await urls.BaseAsync(ct), WebhookPaths.TaskRouterEvents);
        var trigger = string.Join(",", new[] { (await thankYou.GetAsync(ct)).TriggerEvent }.Concat(Live.BoardEventTypes.All).Distinct());
        WorkspaceLinkResult result;
        try
        {
            var workspace = await twilio.TaskRouter.UpdateWorkspaceAsync(twilio.WorkspaceSid, new WorkspaceUpdate(url.AbsoluteUri, trigger), ct);
            result = new(true, $"Workspace \"{workspace.FriendlyName}\" now sends {trigger} events to {url}.");
        }
        catch (TwilioApiException e)
        {
            result = new(false, $"Twilio refused: {e.TwilioMessage}");
        }

        await audit.RecordAsync(actor, "thankyou.workspace-events", twilio.WorkspaceSid, $"EventCallbackUrl {url}, EventsFilter {trigger}", result.Succeeded, result.Succeeded ? null : result.Message, ct);
        return result;
    }
}
