using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Contract;

[Trait("Lane", "Contract")]
public sealed class AccountsContractTests(ContractHarness harness) : IClassFixture<ContractHarness>
{
    [Fact]
    public async Task FetchAccount_IsAcceptedByTheApiSpec()
    {
        harness.SkipWhenMissing();

        var account = await harness.App.Services.GetRequiredService<IAccountsApi>().FetchAsync(Sids.Account(), TestContext.Current.CancellationToken);

        Assert.StartsWith("AC", account.Sid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAccount_WithMalformedSid_IsRejectedByTheSpec()
    {
        harness.SkipWhenMissing(); // proves the lane can fail: Prism checks the path SID pattern

        var error = await Assert.ThrowsAsync<TwilioApiException>(() =>
            harness.App.Services.GetRequiredService<IAccountsApi>().FetchAsync("AC-not-a-sid", TestContext.Current.CancellationToken));

        Assert.Equal(422, (int)error.Status);
    }
}
