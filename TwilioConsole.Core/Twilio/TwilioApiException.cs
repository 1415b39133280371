using System.Net;

namespace TwilioConsole.Core.Twilio;

/// <summary>
/// Twilio refused a request. Carries Twilio's own fields; branch on <see cref="Code"/> (e.g. 21211 invalid 'To'),
/// never on the message text. The message never contains request bodies or phone numbers.
/// </summary>
public sealed class TwilioApiException(HttpStatusCode status, int? code, string twilioMessage, Uri? moreInfo)
    : Exception($"Twilio returned {(int)status} (code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}): {twilioMessage}")
{
    public HttpStatusCode Status { get; } = status;

    public int? Code { get; } = code;

    public string TwilioMessage { get; } = twilioMessage;

    public Uri? MoreInfo { get; } = moreInfo;

    /// <summary>Twilio says the request was not processed and may be tried again later.</summary>
    public bool IsTransient => Status is HttpStatusCode.TooManyRequests || (int)Status >= 500 || Code == 20429;
}

/// <summary>Twilio mode needs credentials that are not set; says where to set them.</summary>
public sealed class TwilioNotConfiguredException() : InvalidOperationException(
    "Twilio credentials are not set. An Admin can add the Account SID and an Auth Token (or an API Key) on the Settings page.");
