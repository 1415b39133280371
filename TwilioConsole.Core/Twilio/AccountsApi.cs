namespace TwilioConsole.Core.Twilio;

public sealed record TwilioAccount(string Sid, string FriendlyName, string Status, string Type);

/// <summary>API 2010 Accounts: used by "Test connection".</summary>
public interface IAccountsApi
{
    Task<TwilioAccount> FetchAsync(string accountSid, CancellationToken ct);
}

internal sealed class AccountsApi(HttpClient http) : IAccountsApi
{
    public Task<TwilioAccount> FetchAsync(string accountSid, CancellationToken ct) =>
        http.GetTwilioAsync<TwilioAccount>($"2010-04-01/Accounts/{Uri.EscapeDataString(accountSid)}.json", ct);
}
