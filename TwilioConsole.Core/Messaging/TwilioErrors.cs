namespace TwilioConsole.Core.Messaging;

/// <summary>Plain-language advice for the Twilio error codes staff meet when sending SMS.</summary>
public static class TwilioErrors
{
    private static readonly Dictionary<int, string> Advice = new()
    {
        [20003] = "Twilio did not accept the credentials. Check the Account SID and Auth Token or API Key in Settings.",
        [20429] = "Twilio is busy (too many requests). Wait a moment and send again.",
        [21211] = "The 'To' number is not a valid phone number. Check the digits and the country code.",
        [21408] = "Your Twilio account may not send SMS to this country. Enable it under Messaging geographic permissions.",
        [21602] = "The message body is empty.",
        [21603] = "A sender is missing: set a default sender (phone number or Messaging Service) in Settings.",
        [21606] = "The sender is not an SMS-capable number of this account. Pick another sender.",
        [21608] = "Trial accounts may only text verified numbers. Verify the number in the Twilio Console or upgrade.",
        [21610] = "The recipient replied STOP. They must text START before they can receive messages again.",
        [21612] = "Twilio cannot route a message between these two numbers.",
        [21614] = "The 'To' number cannot receive SMS (for example a landline).",
        [21617] = "The message is longer than 1,600 characters.",
        [30003] = "The recipient's phone is unreachable (off or out of coverage).",
        [30004] = "The message was blocked by the recipient or their carrier.",
        [30005] = "The recipient's number is unknown to their carrier.",
        [30006] = "The number is a landline or its carrier cannot take SMS.",
        [30007] = "The carrier filtered the message (for example as spam).",
        [30008] = "The carrier reported an unknown error.",
    };

    public static string? Explain(int? code) => code is { } c && Advice.TryGetValue(c, out var text) ? text : null;
}
