using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Web.Webhooks;

/// <summary>
/// Lets a webhook through only with a valid <c>X-Twilio-Signature</c>, checked against the URL Twilio called: the
/// configured public base URL plus the path and query as received (behind a tunnel or TLS proxy Kestrel sees another
/// host), or the request's own URL when none is set. 403 before model binding otherwise; no bypass for local calls.
/// </summary>
public sealed partial class TwilioSignatureFilter(SettingsService settings, ILogger<TwilioSignatureFilter> logger) : IAsyncAuthorizationFilter
{
    public const string Header = "X-Twilio-Signature";

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        var ct = context.HttpContext.RequestAborted;
        var current = await settings.GetEffectiveAsync(ct); // read once per webhook: key and public URL
        var key = await settings.GetWebhookSigningKeyAsync(current, ct);
        if (key is null)
        {
            LogNoKey(logger, request.Path);
            context.Result = new ObjectResult(new ProblemDetails { Title = "Webhook signing key not configured", Status = 403 }) { StatusCode = 403 };
            return;
        }

        // Authorization filters run before [RequestSizeLimit] applies, so bound the body here, before reading it.
        if (request.ContentLength > WebhookExtensions.MaxBodyBytes)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
            return;
        }

        if (context.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = WebhookExtensions.MaxBodyBytes;
        }

        var url = PublicUrl(request, current.PublicBaseUrl);
        var signature = request.Headers[Header].ToString();
        bool valid;
        try
        {
            valid = await IsSignedAsync(request, key, url, signature, ct);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            context.Result = new ObjectResult(new ProblemDetails { Title = "Unreadable webhook body", Detail = e.Message, Status = 400 }) { StatusCode = 400 };
            return;
        }

        if (!valid)
        {
            LogMismatch(logger, request.Path);
            context.Result = new ObjectResult(new ProblemDetails { Title = "Invalid Twilio signature", Status = 403 }) { StatusCode = 403 };
        }
    }

    private static async Task<bool> IsSignedAsync(HttpRequest request, string key, string url, string signature, CancellationToken ct)
    {
        bool valid;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            valid = TwilioSignature.IsValid(key, url, form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))), signature);
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            request.EnableBuffering();
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            request.Body.Position = 0;
            valid = TwilioSignature.IsValidJson(key, url, buffer.ToArray(), signature);
        }
        else
        {
            valid = TwilioSignature.IsValid(key, url, [], signature);
        }

        return valid;
    }

    private static string PublicUrl(HttpRequest request, Uri? publicBase)
    {
        var pathAndQuery = request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        return publicBase is null
            ? $"{request.Scheme}://{request.Host.ToUriComponent()}{pathAndQuery}"
            : publicBase.GetLeftPart(UriPartial.Authority) + publicBase.AbsolutePath.TrimEnd('/') + pathAndQuery;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected webhook {Path}: signature mismatch")]
    private static partial void LogMismatch(ILogger logger, PathString path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected webhook {Path}: no Auth Token is configured to check signatures")]
    private static partial void LogNoKey(ILogger logger, PathString path);
}
