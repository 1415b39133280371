using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace TwilioConsole.Web.Webhooks;

/// <summary>
/// What every webhook controller shares: no sign-in (Twilio proves itself with a signature instead), the signature
/// filter, and a small body limit (Twilio's callbacks are a few KB).
/// </summary>
[ApiController]
[AllowAnonymous]
[ServiceFilter<TwilioSignatureFilter>]
[RequestSizeLimit(WebhookExtensions.MaxBodyBytes)]
[RequestFormLimits(ValueLengthLimit = WebhookExtensions.MaxBodyBytes, MultipartBodyLengthLimit = WebhookExtensions.MaxBodyBytes)]
public abstract class WebhookControllerBase : ControllerBase;
