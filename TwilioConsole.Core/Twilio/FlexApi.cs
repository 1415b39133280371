using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TwilioConsole.Core.Twilio;

/// <summary>Flex's configuration: the account it belongs to and its UI attributes (where plugins read their settings).</summary>
public sealed record FlexConfiguration(string AccountSid, JsonObject? UiAttributes);

public sealed record FlexPlugin(string Sid, string UniqueName, string? FriendlyName);

public sealed record FlexPluginVersion(string Sid, string PluginSid, string Version, string PluginUrl, string? Changelog, bool Private, DateTimeOffset DateCreated);

public sealed record FlexPluginConfiguration(string Sid, string Name, DateTimeOffset DateCreated);

/// <summary>A plugin version inside a plugin configuration.</summary>
public sealed record FlexConfiguredPlugin(string PluginSid, string PluginVersionSid, string UniqueName, string Version, string PluginUrl, int? Phase);

public sealed record FlexRelease(string Sid, string ConfigurationSid, DateTimeOffset DateCreated);

/// <summary>Flex v1: the Flex configuration (ui_attributes) and the Plugins API (plugins, versions, configurations, releases).</summary>
public interface IFlexApi
{
    Task<FlexConfiguration> FetchConfigurationAsync(CancellationToken ct);

    /// <summary>Replaces <c>ui_attributes</c> as a whole: callers merge into the fetched value first.</summary>
    Task<FlexConfiguration> UpdateUiAttributesAsync(string accountSid, JsonObject uiAttributes, CancellationToken ct);

    IAsyncEnumerable<FlexPlugin> ListPluginsAsync(CancellationToken ct);
    Task<FlexPlugin> CreatePluginAsync(string uniqueName, string friendlyName, string description, CancellationToken ct);
    IAsyncEnumerable<FlexPluginVersion> ListPluginVersionsAsync(string pluginSid, CancellationToken ct);
    Task<FlexPluginVersion> CreatePluginVersionAsync(string pluginSid, string version, Uri pluginUrl, string changelog, bool isPrivate, CancellationToken ct);
    Task<FlexPluginConfiguration> CreateConfigurationAsync(string name, string description, IReadOnlyList<string> pluginVersionSids, CancellationToken ct);
    IAsyncEnumerable<FlexConfiguredPlugin> ListConfigurationPluginsAsync(string configurationSid, CancellationToken ct);
    IAsyncEnumerable<FlexRelease> ListReleasesAsync(CancellationToken ct);

    /// <summary>The release Flex runs now, or null before the first release.</summary>
    Task<FlexRelease?> FetchActiveReleaseAsync(CancellationToken ct);

    Task<FlexRelease> CreateReleaseAsync(string configurationSid, CancellationToken ct);
}

internal sealed class FlexApi(HttpClient http) : IFlexApi
{
    private const string Plugins = "v1/PluginService/Plugins";

    public Task<FlexConfiguration> FetchConfigurationAsync(CancellationToken ct) => http.GetTwilioAsync<FlexConfiguration>("v1/Configuration", ct);

    /// <summary>The one Flex write with a JSON body (Twilio's spec: application/json).</summary>
    public async Task<FlexConfiguration> UpdateUiAttributesAsync(string accountSid, JsonObject uiAttributes, CancellationToken ct)
    {
        var body = new JsonObject { ["account_sid"] = accountSid, ["ui_attributes"] = uiAttributes.DeepClone() };
        using var response = await http.PostAsync("v1/Configuration", JsonContent.Create(body), ct);
        return await TwilioHttp.ReadAsync<FlexConfiguration>(response, ct);
    }

    public IAsyncEnumerable<FlexPlugin> ListPluginsAsync(CancellationToken ct) => http.PagesAsync<FlexPlugin>($"{Plugins}?PageSize=50", "plugins", ct);

    public Task<FlexPlugin> CreatePluginAsync(string uniqueName, string friendlyName, string description, CancellationToken ct) =>
        http.PostTwilioAsync<FlexPlugin>(Plugins, new TwilioForm().Add("UniqueName", uniqueName).Add("FriendlyName", friendlyName).Add("Description", description), ct);

    public IAsyncEnumerable<FlexPluginVersion> ListPluginVersionsAsync(string pluginSid, CancellationToken ct) =>
        http.PagesAsync<FlexPluginVersion>($"{Plugins}/{Uri.EscapeDataString(pluginSid)}/Versions?PageSize=50", "plugin_versions", ct);

    public Task<FlexPluginVersion> CreatePluginVersionAsync(string pluginSid, string version, Uri pluginUrl, string changelog, bool isPrivate, CancellationToken ct) =>
        http.PostTwilioAsync<FlexPluginVersion>($"{Plugins}/{Uri.EscapeDataString(pluginSid)}/Versions", new TwilioForm()
            .Add("Version", version).Add("PluginUrl", pluginUrl).Add("Changelog", changelog).Add("Private", isPrivate), ct);

    /// <summary>Each plugin version as Twilio's example sends it: a JSON object per repeated <c>Plugins</c> key.</summary>
    public Task<FlexPluginConfiguration> CreateConfigurationAsync(string name, string description, IReadOnlyList<string> pluginVersionSids, CancellationToken ct) =>
        http.PostTwilioAsync<FlexPluginConfiguration>("v1/PluginService/Configurations", new TwilioForm()
            .Add("Name", name).Add("Description", description)
            .AddEach("Plugins", pluginVersionSids.Select(sid => JsonSerializer.Serialize(new { plugin_version = sid }))), ct);

    public IAsyncEnumerable<FlexConfiguredPlugin> ListConfigurationPluginsAsync(string configurationSid, CancellationToken ct) =>
        http.PagesAsync<FlexConfiguredPlugin>($"v1/PluginService/Configurations/{Uri.EscapeDataString(configurationSid)}/Plugins?PageSize=50", "plugins", ct);

    public IAsyncEnumerable<FlexRelease> ListReleasesAsync(CancellationToken ct) =>
        http.PagesAsync<FlexRelease>("v1/PluginService/Releases?PageSize=50", "releases", ct);

    public async Task<FlexRelease?> FetchActiveReleaseAsync(CancellationToken ct)
    {
        try
        {
            return await http.GetTwilioAsync<FlexRelease>("v1/PluginService/Releases/Active", ct);
        }
        catch (TwilioApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<FlexRelease> CreateReleaseAsync(string configurationSid, CancellationToken ct) =>
        http.PostTwilioAsync<FlexRelease>("v1/PluginService/Releases", new TwilioForm().Add("ConfigurationId", configurationSid), ct);
}
