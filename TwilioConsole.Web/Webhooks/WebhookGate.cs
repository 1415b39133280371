using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using TwilioConsole.Core.Operations;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Web.Webhooks;

/// <summary>A webhook's form once it has passed the gate, with the settings it was checked against.</summary>
public sealed record WebhookForm(IReadOnlyDictionary<string, StringValues> Fields, ConsoleSettings Settings)
{
    public string? this[string name] => Fields.TryGetValue(name, out var value) ? value.ToString() : null;
}

/// <summary>
/// Everything a Twilio webhook passes before its handler runs, in the order that keeps it cheap and safe: POST only
/// (405 otherwise); the body's size bounded before a byte is read (413); the form read once, with per-value limits;
/// the <c>X-Twilio-Signature</c> checked over that form and the URL Twilio called (the public base URL when set);
/// in Twilio mode, the AccountSid (and the WorkspaceSid of TaskRouter events, when one is configured) must be the
/// account in force (403). Refusals are counted in the metrics and logged at most once a minute per reason.
/// </summary>
public sealed partial class WebhookGate(SettingsService settings, TimeProvider clock, ILogger<WebhookGate> logger)
{
    public const int MaxBodyBytes = 64 * 1024;
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastLogged = new(StringComparer.Ordinal);

    /// <returns>The form, or the answer to give instead.</returns>
    public async Task<(WebhookForm? Form, IResult? Refusal)> OpenAsync(HttpContext context, string kind, bool checkWorkspace)
    {
        var request = context.Request;
        var ct = context.RequestAborted;
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "POST";
            return Refuse(kind, "method", Results.StatusCode(StatusCodes.Status405MethodNotAllowed));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Refuse(kind, "too large", Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes; // a chunked body without a length stops at the limit too
        }

        Dictionary<string, StringValues> fields;
        byte[]? json = null;
        try
        {
            (fields, json) = await ReadAsync(request, ct);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
        {
            var tooLarge = e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };
            return Refuse(kind, tooLarge ? "too large" : "unreadable", tooLarge
                ? Results.StatusCode(StatusCodes.Status413PayloadTooLarge)
                : Results.Problem(title: "Unreadable webhook body", detail: e.Message, statusCode: StatusCodes.Status400BadRequest));
        }

        var current = await settings.GetEffectiveAsync(ct); // read once per webhook: key, public URL, account
        var key = await settings.GetWebhookSigningKeyAsync(current, ct);
        if (key is null)
        {
            return Refuse(kind, "no signing key", Results.Problem(title: "Webhook signing key not configured", statusCode: StatusCodes.Status403Forbidden));
        }

        var url = SignedUrl(request, current.PublicBaseUrl);
        var signature = request.Headers["X-Twilio-Signature"].ToString();
        var valid = json is not null
            ? TwilioSignature.IsValidJson(key, url, json, signature)
            : TwilioSignature.IsValid(key, url, fields.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))), signature);
        if (!valid)
        {
            return Refuse(kind, "signature", Results.Problem(title: "Invalid Twilio signature", statusCode: StatusCodes.Status403Forbidden));
        }

        var form = new WebhookForm(fields, current);
        if (current.Mode == ConsoleMode.Twilio && Foreign(form, "AccountSid", current.AccountSid) is { } account)
        {
            return Refuse(kind, "foreign account", Results.Problem(title: "Event for another account", detail: $"AccountSid {account} is not this console's account.", statusCode: StatusCodes.Status403Forbidden));
        }

        if (checkWorkspace && current.Mode == ConsoleMode.Twilio && Foreign(form, "WorkspaceSid", current.WorkspaceSid) is { } workspace)
        {
            return Refuse(kind, "foreign workspace", Results.Problem(title: "Event for another workspace", detail: $"WorkspaceSid {workspace} is not this console's workspace.", statusCode: StatusCodes.Status403Forbidden));
        }

        ConsoleMetrics.WebhooksReceived.Add(1, new KeyValuePair<string, object?>("kind", kind));
        return (form, null);
    }

    /// <summary>The form's value for <paramref name="field"/> when it is present and differs from the expected SID.</summary>
    private static string? Foreign(WebhookForm form, string field, string? expected) =>
        expected is not null && form[field] is { Length: > 0 } given && !string.Equals(given, expected, StringComparison.Ordinal) ? given : null;

    private static async Task<(Dictionary<string, StringValues> Fields, byte[]? Json)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await WebhookBody.ReadAsync(request.BodyReader, MaxBodyBytes, ct);
        if (request.HasFormContentType && request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (WebhookBody.ParseForm(body), null);
        }

        // Twilio signs a JSON body by its SHA-256 (bodySHA256 in the URL); anything else has no form to sign.
        return request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true ? ([], body) : ([], null);
    }

    private static string SignedUrl(HttpRequest request, Uri? publicBase)
    {
        var pathAndQuery = request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        return publicBase is null
            ? $"{request.Scheme}://{request.Host.ToUriComponent()}{pathAndQuery}"
            : publicBase.GetLeftPart(UriPartial.Authority) + publicBase.AbsolutePath.TrimEnd('/') + pathAndQuery;
    }

    private (WebhookForm?, IResult?) Refuse(string kind, string reason, IResult result)
    {
        ConsoleMetrics.WebhooksRefused.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("reason", reason));
        var now = clock.GetUtcNow();
        var key = kind + "|" + reason;
        if (!_lastLogged.TryGetValue(key, out var last) || now - last >= LogEvery)
        {
            _lastLogged[key] = now;
            LogRefused(logger, kind, reason);
        }

        return (null, result);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Kind} webhook: {Reason} (logged at most once a minute per reason; see the metrics for counts)")]
    private static partial void LogRefused(ILogger logger, string kind, string reason);
}
