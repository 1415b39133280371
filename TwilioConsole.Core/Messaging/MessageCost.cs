using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.Messaging;

/// <summary>
/// What a message cost, shown as Twilio's Console shows it: Twilio's API reports a price as a negative amount (money
/// out), the Console as a positive cost with its currency. One rule for every row, priced or not.
/// </summary>
public static class MessageCost
{
    public static string Format(decimal? price, string? unit, string status, ConsoleMode? mode) => price switch
    {
        { } p => $"{Math.Abs(p).ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)} {unit ?? "USD"}",
        null when mode == ConsoleMode.Sandbox => "free (Sandbox)",
        null when MessageStatuses.IsFinal(status) => "not priced yet",
        _ => "after delivery",
    };
}
