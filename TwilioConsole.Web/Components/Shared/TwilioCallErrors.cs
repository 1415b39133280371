using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Web.Components.Shared;

/// <summary>How pages tell a Twilio call that failed as calls do (refused, not configured, unreachable) from a bug, and say why.</summary>
internal static class TwilioCallErrors
{
    public static bool IsExpected(Exception error) => error is TwilioApiException or TwilioNotConfiguredException or HttpRequestException;

    /// <summary>Twilio's own message when Twilio answered; otherwise the exception's.</summary>
    public static string Describe(Exception error) => error is TwilioApiException twilio ? twilio.TwilioMessage : error.Message;
}
