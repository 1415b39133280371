namespace TwilioConsole.Core.Messaging;

/// <summary>
/// Twilio message statuses in the order a message moves through them. Callbacks arrive out of order, so a status is
/// only taken when it ranks above the current one: delivered never goes back to sent.
/// </summary>
public static class MessageStatuses
{
    public const string Pending = "pending"; // our own: recorded, not yet accepted by Twilio

    private static readonly Dictionary<string, int> Rank = new(StringComparer.Ordinal)
    {
        [Pending] = 0,
        ["accepted"] = 1,
        ["scheduled"] = 1,
        ["queued"] = 2,
        ["sending"] = 3,
        ["sent"] = 4,
        ["undelivered"] = 5,
        ["failed"] = 5,
        ["canceled"] = 5,
        ["delivered"] = 5,
        ["read"] = 6,
    };

    public static bool IsKnown(string status) => Rank.ContainsKey(status);

    public static bool IsFinal(string status) => Rank.TryGetValue(status, out var rank) && rank >= 5;

    /// <summary>True when <paramref name="next"/> moves the message forward from <paramref name="current"/>.</summary>
    public static bool Advances(string current, string next) =>
        Rank.TryGetValue(next, out var to) && (!Rank.TryGetValue(current, out var from) || to > from);
}
