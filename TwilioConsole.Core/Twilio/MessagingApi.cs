using System.Globalization;
using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.Twilio;

/// <summary>A message to send. Exactly one of <c>From</c> and <c>MessagingServiceSid</c>.</summary>
public sealed record MessageCreate(string To, string Body, string? From = null, string? MessagingServiceSid = null, Uri? StatusCallback = null);

public sealed record TwilioMessage(
    string Sid,
    string To,
    string? From,
    string? Body,
    string Status,
    string? Direction,
    int NumSegments,
    int? ErrorCode,
    string? ErrorMessage,
    decimal? Price,
    string? PriceUnit,
    string? MessagingServiceSid,
    DateTimeOffset DateCreated,
    DateTimeOffset? DateSent,
    DateTimeOffset? DateUpdated);

public sealed record MessageFilter(string? To = null, string? From = null, DateTimeOffset? DateSentAfter = null);

public sealed record IncomingPhoneNumber(string Sid, string PhoneNumber, string? FriendlyName, string? VoiceUrl, string? VoiceMethod, string? SmsUrl);

/// <summary>API 2010 messages and incoming phone numbers, under the configured account.</summary>
public interface IMessagingApi
{
    Task<TwilioMessage> CreateMessageAsync(MessageCreate message, CancellationToken ct);
    Task<TwilioMessage> FetchMessageAsync(string messageSid, CancellationToken ct);
    IAsyncEnumerable<TwilioMessage> ListMessagesAsync(MessageFilter filter, CancellationToken ct);
    IAsyncEnumerable<IncomingPhoneNumber> ListIncomingPhoneNumbersAsync(CancellationToken ct);
    Task<IncomingPhoneNumber> UpdateVoiceUrlAsync(string phoneNumberSid, Uri voiceUrl, CancellationToken ct);
}

internal sealed class MessagingApi(HttpClient http, SettingsService settings) : IMessagingApi
{
    public async Task<TwilioMessage> CreateMessageAsync(MessageCreate message, CancellationToken ct) =>
        await http.PostTwilioAsync<TwilioMessage>($"{await AccountAsync(ct)}/Messages.json", new TwilioForm()
            .Add("To", message.To)
            .Add("From", message.From)
            .Add("MessagingServiceSid", message.MessagingServiceSid)
            .Add("Body", message.Body)
            .Add("StatusCallback", message.StatusCallback), ct);

    public async Task<TwilioMessage> FetchMessageAsync(string messageSid, CancellationToken ct) =>
        await http.GetTwilioAsync<TwilioMessage>($"{await AccountAsync(ct)}/Messages/{Uri.EscapeDataString(messageSid)}.json", ct);

    public async IAsyncEnumerable<TwilioMessage> ListMessagesAsync(MessageFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var query = new List<string> { "PageSize=100" };
        if (filter.To is not null)
        {
            query.Add("To=" + Uri.EscapeDataString(filter.To));
        }

        if (filter.From is not null)
        {
            query.Add("From=" + Uri.EscapeDataString(filter.From));
        }

        if (filter.DateSentAfter is { } after)
        {
            // The spec types DateSent as date-time; the '>' suffix asks for messages sent on or after it.
            query.Add("DateSent%3E=" + Uri.EscapeDataString(after.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        }

        await foreach (var message in http.PagesAsync<TwilioMessage>($"{await AccountAsync(ct)}/Messages.json?{string.Join('&', query)}", "messages", ct))
        {
            yield return message;
        }
    }

    public async IAsyncEnumerable<IncomingPhoneNumber> ListIncomingPhoneNumbersAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var number in http.PagesAsync<IncomingPhoneNumber>($"{await AccountAsync(ct)}/IncomingPhoneNumbers.json?PageSize=100", "incoming_phone_numbers", ct))
        {
            yield return number;
        }
    }

    public async Task<IncomingPhoneNumber> UpdateVoiceUrlAsync(string phoneNumberSid, Uri voiceUrl, CancellationToken ct) =>
        await http.PostTwilioAsync<IncomingPhoneNumber>($"{await AccountAsync(ct)}/IncomingPhoneNumbers/{Uri.EscapeDataString(phoneNumberSid)}.json",
            new TwilioForm().Add("VoiceUrl", voiceUrl).Add("VoiceMethod", "POST"), ct);

    /// <summary>2010 paths embed the Account SID, even when an API Key authenticates.</summary>
    private async Task<string> AccountAsync(CancellationToken ct)
    {
        var sid = (await settings.GetEffectiveAsync(ct)).AccountSid ?? throw new TwilioNotConfiguredException();
        return $"2010-04-01/Accounts/{Uri.EscapeDataString(sid)}";
    }
}
