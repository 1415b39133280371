using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TwilioConsole.Core.Flex;
using TwilioConsole.Core.Functions;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Flex;

/// <summary>
/// Deploy, release and rollback of the plugin bundle: against the Sandbox's stateful Flex and Serverless for the whole
/// sequence, and against the fake Twilio for what is sent and for a failed step that stops.
/// </summary>
[Trait("Lane", "Integration")]
public sealed class FlexDeployTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly string _bundle = Path.Combine(Directory.CreateTempSubdirectory("flex-bundle-").FullName, "build", PluginBundle.FileName);
    private readonly ConsoleAppFactory _app;

    public FlexDeployTests()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_bundle)!);
        File.WriteAllText(_bundle, "/* bundle one */");
        _app = new ConsoleAppFactory { Clock = _clock }.With("TwilioConsole:Flex:PluginBundlePath", _bundle);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(_bundle))!, recursive: true);
    }

    private FlexPluginDeployer Deployer => _app.Services.GetRequiredService<FlexPluginDeployer>();

    private Task<FlexDeployResult> DeployAsync() => _clock.WhileAdvancingAsync(Deployer.DeployAsync("admin@example.com", null, Ct), Ct);

    private SandboxFlexApi SandboxFlex => _app.Services.GetRequiredService<SandboxFlexApi>();

    [Fact]
    public async Task Sandbox_FirstDeploy_UploadsBuildsRegistersAndReleases()
    {
        var result = await DeployAsync();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["Bundle", "Plugin", "Service", "Upload", "Build", "Deploy", "Version", "Release"], result.Steps.Select(s => s.Name));
        Assert.Equal("1.0.0", result.Version);
        var status = await Deployer.StatusAsync(Ct);
        Assert.Equal(result.Release!.Sid, status.Active!.Sid);
        Assert.Equal("1.0.0", status.Ours!.Version);
        Assert.Matches(@"^https://twilio-console-flex-\d+\.sandbox\.test/plugins/plugin-auto-accept/1\.0\.0/bundle\.js$", status.Ours.PluginUrl);
        await using var db = await _app.DbAsync(Ct);
        Assert.True((await db.AuditLog.SingleAsync(a => a.Action == "flex.deploy", Ct)).Succeeded);
    }

    [Fact]
    public async Task Sandbox_RedeployOfAnUnchangedBundle_MakesNoNewVersionOrRelease()
    {
        var first = await DeployAsync();

        var again = await DeployAsync();

        Assert.True(again.Succeeded, again.Error);
        Assert.Equal(["Bundle", "Plugin", "Version", "Release"], again.Steps.Select(s => s.Name));
        Assert.All(again.Steps.Skip(1), s => Assert.Equal(DeployStepState.Reused, s.State));
        var plugin = await SandboxFlex.ListPluginsAsync(Ct).SingleAsync(Ct);
        Assert.Single(await SandboxFlex.ListPluginVersionsAsync(plugin.Sid, Ct).ToListAsync(Ct));
        Assert.Equal(first.Release!.Sid, (await SandboxFlex.FetchActiveReleaseAsync(Ct))!.Sid);
    }

    [Fact]
    public async Task Sandbox_AChangedBundle_IsTheNextPatch_KeepsTheOldBundleServed_AndRollbackReturnsToIt()
    {
        await DeployAsync();
        await File.WriteAllTextAsync(_bundle, "/* bundle two */", Ct);

        var second = await DeployAsync();

        Assert.True(second.Succeeded, second.Error);
        Assert.Equal("1.0.1", second.Version);
        Assert.Contains("2 bundle(s) served", second.Steps.Single(s => s.Name == "Build").Detail, StringComparison.Ordinal);
        var status = await Deployer.StatusAsync(Ct);
        Assert.Equal(("1.0.1", "1.0.0"), (status.Ours!.Version, status.PreviousOurs!.Version));

        var rollback = await Deployer.RollbackAsync("admin@example.com", Ct);

        Assert.True(rollback.Succeeded, rollback.Error);
        Assert.Equal("1.0.0", (await Deployer.StatusAsync(Ct)).Ours!.Version);
        await using var db = await _app.DbAsync(Ct);
        Assert.Contains("1.0.0", (await db.AuditLog.SingleAsync(a => a.Action == "flex.rollback", Ct)).Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_ARelease_KeepsTheOtherPluginsOfTheActiveRelease()
    {
        var other = await SandboxFlex.CreatePluginAsync("plugin-crm", "CRM", "x", Ct);
        var otherVersion = await SandboxFlex.CreatePluginVersionAsync(other.Sid, "2.3.0", new Uri("https://example.twil.io/crm.js"), "x", true, Ct);
        await SandboxFlex.CreateReleaseAsync((await SandboxFlex.CreateConfigurationAsync("crm", "x", [otherVersion.Sid], Ct)).Sid, Ct);

        var result = await DeployAsync();

        Assert.True(result.Succeeded, result.Error);
        var plugins = (await Deployer.StatusAsync(Ct)).ActivePlugins.Select(p => $"{p.UniqueName}@{p.Version}").Order();
        Assert.Equal(["plugin-auto-accept@1.0.0", "plugin-crm@2.3.0"], plugins);
    }

    [Fact]
    public async Task Rollback_WithNoEarlierRelease_SaysSo()
    {
        var result = await Deployer.RollbackAsync("admin@example.com", Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("There is no earlier release to roll back to.", result.Error);
    }

    [Fact]
    public async Task AMissingBundle_FailsAtTheFirstStep_AndSaysHowToBuildIt()
    {
        File.Delete(_bundle);

        var result = await DeployAsync();

        Assert.False(result.Succeeded);
        Assert.Equal([("Bundle", DeployStepState.Failed)], result.Steps.Select(s => (s.Name, s.State)));
        Assert.Contains("npm run build", result.Error, StringComparison.Ordinal);
        Assert.Null(await SandboxFlex.FetchActiveReleaseAsync(Ct));
    }

    [Fact]
    public async Task Twilio_AFailedStep_StopsTheSequence_AndIsAudited()
    {
        await _app.UseTwilioModeAsync(Ct);
        var (fp, zs, ze, zh, zn, zb) = (Sids.Make("FP", 1), Sids.Make("ZS", 1), Sids.Make("ZE", 1), Sids.Make("ZH", 1), Sids.Make("ZN", 1), Sids.Make("ZB", 1));
        _app.Twilio
            .Respond(HttpMethod.Get, "/v1/PluginService/Plugins", HttpStatusCode.OK, $$"""{"plugins": [{"sid": "{{fp}}", "unique_name": "plugin-auto-accept"}], "meta": {} }""")
            .Respond(HttpMethod.Get, $"/v1/PluginService/Plugins/{fp}/Versions", HttpStatusCode.OK,
                """{"plugin_versions": [{"sid": "FV1", "plugin_sid": "x", "version": "1.0.4", "plugin_url": "https://x.twil.io/a.js", "changelog": "by the CLI", "private": true, "date_created": "2026-01-01T00:00:00Z"}], "meta": {} }""")
            .Respond(HttpMethod.Get, "/v1/Services", HttpStatusCode.OK, $$"""{"services": [{"sid": "{{zs}}", "unique_name": "twilio-console-flex", "friendly_name": "x", "include_credentials": true}], "meta": {} }""")
            .Respond(HttpMethod.Get, $"/v1/Services/{zs}/Environments", HttpStatusCode.OK,
                $$"""{"environments": [{"sid": "{{ze}}", "unique_name": "plugins", "domain_name": "twilio-console-flex-1234.twil.io", "build_sid": "{{zb}}"}], "meta": {} }""")
            .Respond(HttpMethod.Get, $"/v1/Services/{zs}/Assets", HttpStatusCode.OK, $$"""{"assets": [{"sid": "{{zh}}", "friendly_name": "plugin-auto-accept"}], "meta": {} }""")
            .Respond(HttpMethod.Post, $"/v1/Services/{zs}/Assets/{zh}/Versions", HttpStatusCode.Created, $$"""{"sid": "{{Sids.Make("ZN", 2)}}", "path": "/plugins/plugin-auto-accept/1.0.5/bundle.js", "visibility": "protected"}""")
            .Respond(HttpMethod.Get, $"/v1/Services/{zs}/Builds/{zb}", HttpStatusCode.OK,
                $$"""{"sid": "{{zb}}", "status": "completed", "asset_versions": [{"sid": "{{zn}}", "path": "/plugins/plugin-auto-accept/1.0.4/bundle.js"}], "function_versions": [], "dependencies": [], "runtime": "node22"}""")
            .Respond(HttpMethod.Post, $"/v1/Services/{zs}/Builds", HttpStatusCode.Created, $$"""{"sid": "{{Sids.Make("ZB", 2)}}", "status": "building"}""")
            .Respond(HttpMethod.Get, $"/v1/Services/{zs}/Builds/{Sids.Make("ZB", 2)}/Status", HttpStatusCode.OK, $$"""{"sid": "{{Sids.Make("ZB", 2)}}", "status": "completed"}""")
            .Respond(HttpMethod.Post, $"/v1/Services/{zs}/Environments/{ze}/Deployments", HttpStatusCode.Created, $$"""{"sid": "{{Sids.Make("ZD", 1)}}", "build_sid": "x"}""")
            .RespondError(HttpMethod.Post, $"/v1/PluginService/Plugins/{fp}/Versions", HttpStatusCode.BadRequest, 20001, "Version already exists");

        var result = await DeployAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(("Version", DeployStepState.Failed), (result.Steps[^1].Name, result.Steps[^1].State));
        Assert.Equal("Version: Version already exists (Twilio error 20001)", result.Error);
        var build = _app.Twilio.Requests.Single(r => r.Method == HttpMethod.Post && r.Uri.AbsolutePath.EndsWith("/Builds", StringComparison.Ordinal));
        Assert.Equal([zn, Sids.Make("ZN", 2)], build.Form.Where(f => f.Key == "AssetVersions").Select(f => f.Value)); // the old bundle stays served
        var version = _app.Twilio.Requests.Single(r => r.Method == HttpMethod.Post && r.Uri.AbsolutePath.EndsWith($"{fp}/Versions", StringComparison.Ordinal));
        Assert.Equal("1.0.5", version.Form.Single(f => f.Key == "Version").Value);
        Assert.Equal("https://twilio-console-flex-1234.twil.io/plugins/plugin-auto-accept/1.0.5/bundle.js", version.Form.Single(f => f.Key == "PluginUrl").Value);
        Assert.DoesNotContain(_app.Twilio.Requests, r => r.Uri.AbsolutePath.Contains("/Configurations", StringComparison.Ordinal) || r.Uri.AbsolutePath.EndsWith("/Releases", StringComparison.Ordinal));
        await using var db = await _app.DbAsync(Ct);
        Assert.False((await db.AuditLog.SingleAsync(a => a.Action == "flex.deploy", Ct)).Succeeded);
    }

    [Fact]
    public async Task Twilio_SavingTheSets_MergesIntoUiAttributes_KeepingOtherKeys()
    {
        await _app.UseTwilioModeAsync(Ct);
        _app.Twilio
            .Respond(HttpMethod.Get, "/v1/Configuration", HttpStatusCode.OK,
                $$"""{"account_sid": "{{Sids.Account()}}", "ui_attributes": {"theme": {"isLight": false}, "autoAccept": {"channels": ["chat"]}, "crm": {"url": "https://crm.example"} } }""")
            .Respond(HttpMethod.Post, "/v1/Configuration", HttpStatusCode.OK, $$"""{"account_sid": "{{Sids.Account()}}", "ui_attributes": {} }""");
        var store = _app.Services.GetRequiredService<AgentAutomationStore>();

        var error = await store.SaveAsync("admin@example.com",
            [new ConfigurationSetForm { Name = "Calls", Channel = "voice", AutoWrapUp = true, WrapUpSeconds = 45 }], Ct);

        Assert.Null(error);
        var post = _app.Twilio.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.Equal("application/json", post.ContentType);
        var body = JsonNode.Parse(post.Body)!;
        Assert.Equal(Sids.Account(), body["account_sid"]!.GetValue<string>());
        var ui = body["ui_attributes"]!.AsObject();
        Assert.Equal(["theme", "autoAccept", "crm"], ui.Select(p => p.Key));
        Assert.Equal("""{"isLight":false}""", ui["theme"]!.ToJsonString());
        Assert.Equal(45, ui["autoAccept"]!["configurationSets"]![0]!["wrapUpSeconds"]!.GetValue<int>());
        Assert.Null(ui["autoAccept"]!["channels"]);
    }

    [Fact]
    public async Task Sandbox_LoadingTheSets_ReadsThemAsThePluginDoes()
    {
        var store = _app.Services.GetRequiredService<AgentAutomationStore>();
        var before = await store.LoadAsync(Ct);
        await SandboxFlex.UpdateUiAttributesAsync(SandboxAccount.AccountSid,
            JsonNode.Parse("""{"autoAccept": {"configurationSets": [{"channel": "voice", "wrapUpSeconds": 0}]}, "other": 1}""")!.AsObject(), Ct);

        var broken = await store.LoadAsync(Ct);

        Assert.False(before.Configured);
        Assert.Equal("Voice calls", Assert.Single(before.Sets).Name);
        Assert.True(broken.Configured);
        Assert.Contains("wrapUpSeconds", Assert.Single(broken.Warnings), StringComparison.Ordinal);
        Assert.Equal(["other"], broken.OtherKeys);
        Assert.Equal(JsonSerializer.Serialize(before.Sets), JsonSerializer.Serialize(broken.Sets)); // agents get the defaults
    }
}
