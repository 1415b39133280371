using System.Text.Json;
using System.Text.Json.Nodes;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Sandbox;

/// <summary>
/// Flex in the Sandbox: one Flex configuration whose <c>ui_attributes</c> are replaced as a whole on update (as Twilio
/// does), and the Plugins API with Twilio's rules: unique plugin names, unique versions per plugin, configurations of
/// existing plugin versions, releases of existing configurations, the newest release active.
/// </summary>
internal sealed class SandboxFlexApi(SandboxStore store) : IFlexApi
{
    private const string ConfigurationKind = "flex.configuration";
    private const string PluginKind = "flex.plugin";
    private const string VersionKind = "flex.plugin-version";
    private const string PluginConfigurationKind = "flex.plugin-configuration";
    private const string ReleaseKind = "flex.release";

    private sealed record StoredConfiguration(string Sid, string Name, DateTimeOffset DateCreated, IReadOnlyList<string> PluginVersions);

    private sealed record StoredUiAttributes(string Json);

    /// <summary>Releases carry their order: several can share a creation instant.</summary>
    private sealed record StoredRelease(string Sid, string ConfigurationSid, DateTimeOffset DateCreated, int Sequence)
    {
        public FlexRelease ToRelease() => new(Sid, ConfigurationSid, DateCreated);
    }

    private async Task<List<StoredRelease>> ReleasesNewestFirstAsync(CancellationToken ct) =>
        [.. (await store.ListAsync<StoredRelease>(ReleaseKind, null, ct)).OrderByDescending(r => r.Sequence)];

    public async Task<FlexConfiguration> FetchConfigurationAsync(CancellationToken ct)
    {
        var stored = await store.FindAsync<StoredUiAttributes>(ConfigurationKind, SandboxAccount.AccountSid, ct);
        return new FlexConfiguration(SandboxAccount.AccountSid, stored is null ? new JsonObject() : JsonNode.Parse(stored.Json)!.AsObject());
    }

    public async Task<FlexConfiguration> UpdateUiAttributesAsync(string accountSid, JsonObject uiAttributes, CancellationToken ct)
    {
        if (accountSid != SandboxAccount.AccountSid)
        {
            throw SandboxStore.BadRequest(20001, $"account_sid {accountSid} is not this account");
        }

        var json = uiAttributes.ToJsonString();
        await store.EnsureAsync(ConfigurationKind, null, SandboxAccount.AccountSid, new StoredUiAttributes(json), ct);
        await store.UpdateAsync<StoredUiAttributes>(ConfigurationKind, SandboxAccount.AccountSid, _ => new StoredUiAttributes(json), ct);
        return await FetchConfigurationAsync(ct);
    }

    public IAsyncEnumerable<FlexPlugin> ListPluginsAsync(CancellationToken ct) => store.StreamAsync<FlexPlugin>(PluginKind, null, ct);

    public async Task<FlexPlugin> CreatePluginAsync(string uniqueName, string friendlyName, string description, CancellationToken ct)
    {
        if ((await store.ListAsync<FlexPlugin>(PluginKind, null, ct)).Any(p => p.UniqueName == uniqueName))
        {
            throw SandboxStore.BadRequest(20001, $"A plugin named {uniqueName} already exists");
        }

        var sid = SandboxStore.NewSid("FP");
        return await store.AddAsync(PluginKind, null, sid, new FlexPlugin(sid, uniqueName, friendlyName), ct);
    }

    public IAsyncEnumerable<FlexPluginVersion> ListPluginVersionsAsync(string pluginSid, CancellationToken ct) =>
        store.StreamAsync<FlexPluginVersion>(VersionKind, pluginSid, ct, c => store.GetAsync<FlexPlugin>(PluginKind, pluginSid, c));

    public async Task<FlexPluginVersion> CreatePluginVersionAsync(string pluginSid, string version, Uri pluginUrl, string changelog, bool isPrivate, CancellationToken ct)
    {
        await store.GetAsync<FlexPlugin>(PluginKind, pluginSid, ct);
        if ((await store.ListAsync<FlexPluginVersion>(VersionKind, pluginSid, ct)).Any(v => v.Version == version))
        {
            throw SandboxStore.BadRequest(20001, $"Version {version} of this plugin already exists");
        }

        var sid = SandboxStore.NewSid("FV");
        return await store.AddAsync(VersionKind, pluginSid, sid,
            new FlexPluginVersion(sid, pluginSid, version, pluginUrl.AbsoluteUri, changelog, isPrivate, store.Clock.GetUtcNow()), ct);
    }

    public async Task<FlexPluginConfiguration> CreateConfigurationAsync(string name, string description, IReadOnlyList<string> pluginVersionSids, CancellationToken ct)
    {
        foreach (var sid in pluginVersionSids)
        {
            await store.GetAsync<FlexPluginVersion>(VersionKind, sid, ct);
        }

        var configurationSid = SandboxStore.NewSid("FJ");
        var stored = await store.AddAsync(PluginConfigurationKind, null, configurationSid,
            new StoredConfiguration(configurationSid, name, store.Clock.GetUtcNow(), [.. pluginVersionSids]), ct);
        return new FlexPluginConfiguration(stored.Sid, stored.Name, stored.DateCreated);
    }

    public async IAsyncEnumerable<FlexConfiguredPlugin> ListConfigurationPluginsAsync(string configurationSid,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var configuration = await store.GetAsync<StoredConfiguration>(PluginConfigurationKind, configurationSid, ct);
        foreach (var versionSid in configuration.PluginVersions)
        {
            var version = await store.GetAsync<FlexPluginVersion>(VersionKind, versionSid, ct);
            var plugin = await store.GetAsync<FlexPlugin>(PluginKind, version.PluginSid, ct);
            yield return new FlexConfiguredPlugin(plugin.Sid, version.Sid, plugin.UniqueName, version.Version, version.PluginUrl, 3);
        }
    }

    /// <summary>Newest first, as Twilio lists releases.</summary>
    public async IAsyncEnumerable<FlexRelease> ListReleasesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var release in await ReleasesNewestFirstAsync(ct))
        {
            yield return release.ToRelease();
        }
    }

    public async Task<FlexRelease?> FetchActiveReleaseAsync(CancellationToken ct) => (await ReleasesNewestFirstAsync(ct)).FirstOrDefault()?.ToRelease();

    public async Task<FlexRelease> CreateReleaseAsync(string configurationSid, CancellationToken ct)
    {
        await store.GetAsync<StoredConfiguration>(PluginConfigurationKind, configurationSid, ct);
        var sid = SandboxStore.NewSid("FK");
        var sequence = (await store.ListAsync<StoredRelease>(ReleaseKind, null, ct)).Count + 1;
        return (await store.AddAsync(ReleaseKind, null, sid, new StoredRelease(sid, configurationSid, store.Clock.GetUtcNow(), sequence), ct)).ToRelease();
    }

    /// <summary>The Flex UI attributes as JSON text, for the Sandbox's agents (null before anything was saved).</summary>
    internal async Task<string?> UiAttributesJsonAsync(CancellationToken ct) =>
        (await store.FindAsync<StoredUiAttributes>(ConfigurationKind, SandboxAccount.AccountSid, ct))?.Json;
}
