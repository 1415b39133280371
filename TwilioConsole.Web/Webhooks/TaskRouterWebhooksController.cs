using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.ThankYou;

namespace TwilioConsole.Web.Webhooks;

/// <summary>
/// TaskRouter's workspace events (EventCallbackUrl). The signature is checked first; a matching event adds at most one
/// thank-you text for its task and the answer is immediate (204) — the dispatcher sends in the background.
/// </summary>
[Route(WebhookPaths.TaskRouterEvents)]
public sealed class TaskRouterWebhooksController(ThankYouOutbox outbox) : WebhookControllerBase
{
    [HttpPost]
    public async Task<IActionResult> EventAsync([FromForm] TaskRouterEventForm form, CancellationToken ct)
    {
        await outbox.AcceptAsync(new TaskEvent(form.EventType!, form.TaskSid, form.TaskChannelUniqueName, form.TaskAttributes,
            form.TaskQueueName, form.WorkerName, form.WorkerSid,
            int.TryParse(form.TaskAge, NumberStyles.Integer, CultureInfo.InvariantCulture, out var age) ? age : null), ct);
        return NoContent();
    }
}

/// <summary>The event fields this app reads; TaskRouter sends many more, all covered by the signature.</summary>
public sealed class TaskRouterEventForm
{
    [Required, StringLength(64)]
    public string? EventType { get; set; }

    [StringLength(34)]
    public string? TaskSid { get; set; }

    [StringLength(64)]
    public string? TaskChannelUniqueName { get; set; }

    [StringLength(16_384)]
    public string? TaskAttributes { get; set; }

    [StringLength(256)]
    public string? TaskQueueName { get; set; }

    [StringLength(256)]
    public string? WorkerName { get; set; }

    [StringLength(34)]
    public string? WorkerSid { get; set; }

    [StringLength(16)]
    public string? TaskAge { get; set; }
}
