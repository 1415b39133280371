using System.Text.RegularExpressions;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Sandbox;

/// <summary>
/// Messages in the Sandbox. They move queued → sent → delivered over about two seconds (worked out when read, so
/// no timer is needed), and Twilio's documented magic test numbers fail as they do at Twilio.
/// </summary>
internal sealed class SandboxMessagingApi(SandboxStore store, SandboxCallbackCourier courier) : IMessagingApi
{
    private const string MessageKind = "msg.message";
    private const string NumberKind = "msg.number";
    internal static readonly TimeSpan SendingTime = TimeSpan.FromSeconds(1);

    /// <summary>Twilio's magic 'To' numbers for test credentials, and the error each one produces.</summary>
    internal static readonly IReadOnlyDictionary<string, (int Code, string Message)> FailingNumbers = new Dictionary<string, (int, string)>
    {
        ["+15005550001"] = (21211, "Invalid 'To' Phone Number"),
        ["+15005550002"] = (21612, "The 'To' phone number is not currently reachable via SMS"),
        ["+15005550003"] = (21408, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number"),
        ["+15005550004"] = (21610, "Attempt to send to unsubscribed recipient"),
        ["+15005550009"] = (21614, "'To' number is not a valid mobile number"),
    };

    public async Task<TwilioMessage> CreateMessageAsync(MessageCreate message, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(message.To) || !Phone.IsE164(message.To))
        {
            throw SandboxStore.BadRequest(21211, "Invalid 'To' Phone Number");
        }

        if (FailingNumbers.TryGetValue(message.To, out var failure))
        {
            throw SandboxStore.BadRequest(failure.Code, failure.Message);
        }

        if (string.IsNullOrEmpty(message.From) == string.IsNullOrEmpty(message.MessagingServiceSid))
        {
            throw SandboxStore.BadRequest(21603, "A 'From' phone number or a Messaging Service SID is required, not both");
        }

        if (message.From is { } from && !SandboxAccount.PhoneNumbers.Any(n => n.Number == from))
        {
            throw SandboxStore.BadRequest(21606, "The 'From' phone number provided is not a valid message-capable phone number for this account");
        }

        if (string.IsNullOrEmpty(message.Body))
        {
            throw SandboxStore.BadRequest(21602, "Message body is required");
        }

        if (message.Body.Length > 1600)
        {
            throw SandboxStore.BadRequest(21617, "The concatenated message body exceeds the 1600 character limit");
        }

        var sid = SandboxStore.NewSid("SM");
        var record = new TwilioMessage(sid, message.To, message.From ?? SandboxAccount.PhoneNumbers[0].Number, message.Body, "queued", "outbound-api",
            SegmentCounter.Count(message.Body).Segments, null, null, null, "USD", message.MessagingServiceSid, store.Clock.GetUtcNow(), null, null);
        await store.AddAsync(MessageKind, null, sid, record, ct);
        if (message.StatusCallback is { } callback)
        {
            // Twilio posts each status as it happens; the Sandbox posts the two its clock produces.
            courier.Schedule(callback, StatusForm(record, "sent"), SendingTime);
            courier.Schedule(callback, StatusForm(record, "delivered"), 2 * SendingTime);
        }

        return record;
    }

    public async Task<TwilioMessage> FetchMessageAsync(string messageSid, CancellationToken ct) =>
        Progress(await store.GetAsync<TwilioMessage>(MessageKind, messageSid, ct));

    public async IAsyncEnumerable<TwilioMessage> ListMessagesAsync(MessageFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var message in (await store.ListAsync<TwilioMessage>(MessageKind, null, ct)).Reverse().Select(Progress))
        {
            if ((filter.To is null || message.To == filter.To) && (filter.From is null || message.From == filter.From) &&
                (filter.DateSentAfter is null || message.DateSent >= filter.DateSentAfter))
            {
                yield return message;
            }
        }
    }

    public async IAsyncEnumerable<IncomingPhoneNumber> ListIncomingPhoneNumbersAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await SeedAsync(ct);
        foreach (var number in await store.ListAsync<IncomingPhoneNumber>(NumberKind, null, ct))
        {
            yield return number;
        }
    }

    public async Task<IncomingPhoneNumber> UpdateVoiceUrlAsync(string phoneNumberSid, Uri voiceUrl, CancellationToken ct)
    {
        await SeedAsync(ct);
        return await store.UpdateAsync<IncomingPhoneNumber>(NumberKind, phoneNumberSid, n => n with { VoiceUrl = voiceUrl.AbsoluteUri, VoiceMethod = "POST" }, ct);
    }

    /// <summary>The status a message has reached by now: queued, then sent after a second, delivered after two.</summary>
    private TwilioMessage Progress(TwilioMessage message)
    {
        if (message.Status is not ("queued" or "sent"))
        {
            return message;
        }

        var age = store.Clock.GetUtcNow() - message.DateCreated;
        var sentAt = message.DateCreated + SendingTime;
        return age < SendingTime ? message
            : age < 2 * SendingTime ? message with { Status = "sent", DateSent = sentAt, DateUpdated = sentAt }
            : message with { Status = "delivered", DateSent = sentAt, DateUpdated = sentAt + SendingTime, Price = -0.0079m * message.NumSegments };
    }

    private static KeyValuePair<string, string>[] StatusForm(TwilioMessage message, string status) =>
    [
        new("AccountSid", SandboxAccount.AccountSid), new("ApiVersion", "2010-04-01"), new("From", message.From ?? ""),
        new("MessageSid", message.Sid), new("MessageStatus", status), new("SmsSid", message.Sid), new("SmsStatus", status), new("To", message.To),
    ];

    private async Task SeedAsync(CancellationToken ct)
    {
        foreach (var (sid, number, name) in SandboxAccount.PhoneNumbers)
        {
            await store.EnsureAsync(NumberKind, null, sid, new IncomingPhoneNumber(sid, number, name, null, null, null), ct);
        }
    }


}
