using System.Text.Json.Nodes;
using TwilioConsole.Core.Flex;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Contract;

/// <summary>
/// Every Flex and Serverless request the Flex page makes, sent to the Prism mocks of Twilio's Flex v1 and Serverless v1
/// specs: the Configuration API (fetch, and update with a JSON body), the Plugins API calls of a deploy, release and
/// rollback, and the Serverless asset calls. (The bundle upload goes to serverless-upload, which has no spec.)
/// </summary>
[Trait("Lane", "Contract")]
public sealed class FlexContractTests(ContractHarness harness) : IClassFixture<ContractHarness>
{
    private static readonly string Fp = Sids.Make("FP", 1);
    private static readonly string Fv = Sids.Make("FV", 1);
    private static readonly string Fj = Sids.Make("FJ", 1);
    private static readonly string Zs = Sids.Make("ZS", 1);
    private static readonly string Zb = Sids.Make("ZB", 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SavingTheSets_FetchesAndUpdatesTheConfiguration_WithAJsonBodyTheSpecAccepts()
    {
        harness.SkipWhenMissing();
        var store = harness.Service<AgentAutomationStore>();

        var error = await store.SaveAsync("admin@example.com",
            [new ConfigurationSetForm { Name = "Support calls", Channel = "voice", AutoWrapUp = true, WrapUpSeconds = 20,
                RequiredAttributes = [new RequiredAttributeForm { Key = "type", Value = "support" }] }], Ct);

        Assert.Null(error);
        Assert.Contains(harness.Sent.All, r => r.Method == HttpMethod.Get && r.Path == "/v1/Configuration");
        var update = Assert.Single(harness.Sent.Posts("/v1/Configuration"));
        var body = JsonNode.Parse(update.Json!)!;
        Assert.StartsWith("AC", body["account_sid"]!.GetValue<string>(), StringComparison.Ordinal);
        var set = body["ui_attributes"]!["autoAccept"]!["configurationSets"]![0]!;
        Assert.Equal(("voice", 20, "support"), (set["channel"]!.GetValue<string>(), set["wrapUpSeconds"]!.GetValue<int>(), set["requiredAttributes"]![0]!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task LoadingTheSets_ReadsTheConfiguration()
    {
        harness.SkipWhenMissing();

        var state = await harness.Service<AgentAutomationStore>().LoadAsync(Ct);

        Assert.NotEmpty(state.Sets);
        Assert.Single(harness.Sent.All, r => r.Path == "/v1/Configuration");
    }

    [Fact]
    public async Task PluginsApi_EveryCallOfADeployAndRelease_IsAccepted()
    {
        harness.SkipWhenMissing();
        var flex = harness.Service<IFlexApi>();

        await flex.ListPluginsAsync(Ct).ToListAsync(Ct);
        Assert.StartsWith("FP", (await flex.CreatePluginAsync("plugin-auto-accept", "Auto-accept", "Accepts tasks", Ct)).Sid, StringComparison.Ordinal);
        await flex.ListPluginVersionsAsync(Fp, Ct).ToListAsync(Ct);
        var version = await flex.CreatePluginVersionAsync(Fp, "1.0.1", new Uri("https://twilio-console-flex-1234.twil.io/plugins/plugin-auto-accept/1.0.1/bundle.js"),
            "Deployed from TwilioConsole; bundle sha256 ab12", isPrivate: true, Ct);
        Assert.StartsWith("FV", version.Sid, StringComparison.Ordinal);
        Assert.StartsWith("FJ", (await flex.CreateConfigurationAsync("plugin-auto-accept 1.0.1", "TwilioConsole", [Sids.Make("FV", 2), Fv], Ct)).Sid, StringComparison.Ordinal);
        await flex.ListConfigurationPluginsAsync(Fj, Ct).ToListAsync(Ct);
        await flex.ListReleasesAsync(Ct).ToListAsync(Ct);
        await flex.FetchActiveReleaseAsync(Ct);
        Assert.StartsWith("FK", (await flex.CreateReleaseAsync(Fj, Ct)).Sid, StringComparison.Ordinal);

        Assert.Equal("plugin-auto-accept", Assert.Single(harness.Sent.Posts("/PluginService/Plugins")).Field("UniqueName"));
        var versionForm = Assert.Single(harness.Sent.Posts($"/Plugins/{Fp}/Versions"));
        Assert.Equal(("1.0.1", "true"), (versionForm.Field("Version"), versionForm.Field("Private")));
        Assert.Equal([$$"""{"plugin_version":"{{Sids.Make("FV", 2)}}"}""", $$"""{"plugin_version":"{{Fv}}"}"""],
            Assert.Single(harness.Sent.Posts("/PluginService/Configurations")).Fields("Plugins"));
        Assert.Equal(Fj, Assert.Single(harness.Sent.Posts("/PluginService/Releases")).Field("ConfigurationId"));
        Assert.Contains(harness.Sent.All, r => r.Method == HttpMethod.Get && r.Path == "/v1/PluginService/Releases/Active");
    }

    [Fact]
    public async Task TheReleaseCardsStatus_AndARollback_AreAccepted()
    {
        harness.SkipWhenMissing();
        var deployer = harness.Service<FlexPluginDeployer>();

        var status = await deployer.StatusAsync(Ct);
        var rollback = await deployer.RollbackAsync("admin@example.com", Ct);

        Assert.NotNull(status.Active);
        Assert.True(rollback.Succeeded || rollback.Error == "There is no earlier release to roll back to.", rollback.Error);
        Assert.All(harness.Sent.All, r => Assert.StartsWith("/v1/PluginService/", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerlessAssets_AndABuildThatKeepsEarlierBundles_AreAccepted()
    {
        harness.SkipWhenMissing();
        var serverless = harness.Service<IServerlessApi>();

        await serverless.ListAssetsAsync(Zs, Ct).ToListAsync(Ct);
        Assert.StartsWith("ZH", (await serverless.CreateAssetAsync(Zs, "plugin-auto-accept", Ct)).Sid, StringComparison.Ordinal);
        var current = await serverless.FetchBuildAsync(Zs, Zb, Ct);
        Assert.NotNull(current.AssetVersions);
        var build = await serverless.CreateBuildAsync(Zs, [], [Sids.Make("ZN", 1), Sids.Make("ZN", 2)], [new("twilio", "5.3.0")], "node22", Ct);

        Assert.StartsWith("ZB", build.Sid, StringComparison.Ordinal);
        Assert.Equal("plugin-auto-accept", Assert.Single(harness.Sent.Posts($"/Services/{Zs}/Assets")).Field("FriendlyName"));
        var buildForm = Assert.Single(harness.Sent.Posts($"/Services/{Zs}/Builds"));
        Assert.Equal([Sids.Make("ZN", 1), Sids.Make("ZN", 2)], buildForm.Fields("AssetVersions"));
        Assert.Empty(buildForm.Fields("FunctionVersions"));
    }
}
