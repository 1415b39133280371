using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Sandbox;

internal sealed class SandboxAccountsApi : IAccountsApi
{
    public Task<TwilioAccount> FetchAsync(string accountSid, CancellationToken ct) =>
        accountSid == SandboxAccount.AccountSid
            ? Task.FromResult(new TwilioAccount(SandboxAccount.AccountSid, SandboxAccount.FriendlyName, "active", "Full"))
            : Task.FromException<TwilioAccount>(SandboxStore.NotFound(accountSid));
}
