using Microsoft.AspNetCore.Mvc;
using TwilioConsole.Core.Messaging;

namespace TwilioConsole.Web.Webhooks;

/// <summary>Twilio's message status callbacks: signature checked by the base class, then recorded once, in order.</summary>
[Route(WebhookPaths.MessageStatus)]
public sealed class MessagingWebhooksController(MessageLog log) : WebhookControllerBase
{
    [HttpPost]
    public async Task<IActionResult> StatusAsync([FromForm] MessageStatusForm form, CancellationToken ct)
    {
        await log.ApplyStatusAsync(new MessageStatusUpdate(form.MessageSid!, form.MessageStatus!, form.ErrorCode), ct);
        return Ok();
    }
}

/// <summary>The fields of a status callback this app uses; Twilio sends more, all covered by the signature.</summary>
public sealed class MessageStatusForm
{
    [System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.RegularExpression("^(SM|MM)[0-9a-fA-F]{32}$")]
    public string? MessageSid { get; set; }

    [System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.StringLength(16)]
    public string? MessageStatus { get; set; }

    public int? ErrorCode { get; set; }
}
