using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Messaging;

/// <summary>
/// The search both reconcilers (thank-you texts, the message log) make when a send had no recorded answer: Twilio's
/// messages to that number with that body, created after the attempt began, oldest first. Each caller then takes the
/// first one no other row of its own holds, so one Twilio message never settles two rows.
/// </summary>
public static class SentMessageSearch
{
    /// <summary>Clocks differ: a message Twilio dates this much before the attempt's start still counts as after it.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    public static Task<List<TwilioMessage>> CandidatesAsync(IMessagingApi messaging, string to, string body, DateTimeOffset attemptStarted, CancellationToken ct)
    {
        var since = attemptStarted - ClockSkew;
        return messaging.ListMessagesAsync(new MessageFilter(To: to), ct)
            .Where(m => m.DateCreated >= since && m.Body == body).OrderBy(m => m.DateCreated).ToListAsync(ct).AsTask();
    }
}
