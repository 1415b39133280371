using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Settings;

public sealed record ConnectionTestResult(bool Succeeded, string Message, int? TwilioCode = null, Uri? MoreInfo = null)
{
    /// <summary>Sandbox mode with no account to test: neither a success nor a failure, and not audited.</summary>
    public bool NothingToTest { get; init; }
}

/// <summary>"Test connection": fetches the configured account with the configured credentials, and says plainly what happened.</summary>
public sealed class ConnectionTester(SettingsService settings, IAccountsApi accounts, AuditLog audit)
{
    public async Task<ConnectionTestResult> TestAsync(string actor, CancellationToken ct)
    {
        var current = await settings.GetEffectiveAsync(ct);
        ConnectionTestResult result;
        if (!current.HasCredentials && current.Mode == ConsoleMode.Sandbox)
        {
            return new(false, "Sandbox mode needs no Twilio account, so there is nothing to test yet. To connect a real account, add its Account SID and Auth Token (or an API Key), save, then test.")
            {
                NothingToTest = true,
            };
        }

        if (!current.HasCredentials)
        {
            result = new(false, "Add the Account SID and an Auth Token (or an API Key and its secret), save, then test again.");
        }
        else
        {
            try
            {
                var account = await accounts.FetchAsync(current.AccountSid!, ct);
                result = new(true, $"Connected to \"{account.FriendlyName}\" ({account.Type} account, {account.Status}).");
            }
            catch (TwilioApiException e)
            {
                var hint = e.Status switch
                {
                    System.Net.HttpStatusCode.Unauthorized => " Check the Account SID and the Auth Token or API Key secret.",
                    System.Net.HttpStatusCode.NotFound => " Check the Account SID.",
                    _ => "",
                };
                result = new(false, $"Twilio refused: {e.TwilioMessage}{hint}", e.Code, e.MoreInfo);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                result = new(false, $"Twilio could not be reached ({e.GetType().Name}). Check this host's network and proxy settings.");
            }
        }

        await audit.RecordAsync(actor, "twilio.test-connection", current.AccountSid ?? "(no account)", result.Message, result.Succeeded, result.Succeeded ? null : result.Message, ct);
        return result;
    }
}
