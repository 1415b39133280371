using TwilioConsole.Core.Ivr;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Contract;

/// <summary>The IVR's own requests (its built definition, validated, created, updated; a number attached), checked by the Studio and API 2010 specs' mocks.</summary>
[Trait("Lane", "Contract")]
public sealed class IvrContractTests(ContractHarness harness) : IClassFixture<ContractHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    [Fact]
    public async Task BuiltFlow_ValidateCreateUpdate_AreAccepted()
    {
        var studio = harness.Service<IStudioApi>();
        var definition = IvrFlowBuilder.Build(IvrDefinition.Default, new IvrTargets(Sids.Make("WW", 1), Sids.Make("TC", 1)));
        var write = new FlowWrite(IvrDefinition.Default.Name, "published", definition, "Published from TwilioConsole");

        Assert.True((await studio.ValidateFlowAsync(write, Ct)).Valid);
        Assert.StartsWith("FW", (await studio.CreateFlowAsync(write with { Status = "draft" }, Ct)).Sid, StringComparison.Ordinal);
        Assert.StartsWith("FW", (await studio.UpdateFlowAsync(Sids.Make("FW", 1), write, Ct)).Sid, StringComparison.Ordinal);

        var sent = harness.Sent.All.Where(r => r.Method == HttpMethod.Post).ToList();
        Assert.Equal(["/v2/Flows/Validate", "/v2/Flows", $"/v2/Flows/{Sids.Make("FW", 1)}"], sent.Select(r => r.Path));
        Assert.All(sent, r => Assert.Equal(definition, r.Field("Definition")));
        Assert.Equal(["published", "draft", "published"], sent.Select(r => r.Field("Status")));
        Assert.Equal("Published from TwilioConsole", sent[2].Field("CommitMessage"));
    }

    [Fact]
    public async Task AttachNumber_IsAccepted()
    {
        var messaging = harness.Service<IMessagingApi>();

        var number = await messaging.UpdateVoiceUrlAsync(Sids.Make("PN", 1), new Uri($"https://webhooks.twilio.com/v1/Accounts/{Sids.Account()}/Flows/{Sids.Make("FW", 1)}"), Ct);

        Assert.StartsWith("PN", number.Sid, StringComparison.Ordinal);
        var sent = Assert.Single(harness.Sent.All);
        Assert.EndsWith($"/IncomingPhoneNumbers/{Sids.Make("PN", 1)}.json", sent.Path, StringComparison.Ordinal);
        Assert.Equal(($"https://webhooks.twilio.com/v1/Accounts/{Sids.Account()}/Flows/{Sids.Make("FW", 1)}", "POST"), (sent.Field("VoiceUrl"), sent.Field("VoiceMethod")));
    }
}
