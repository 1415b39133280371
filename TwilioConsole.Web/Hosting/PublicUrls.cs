using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Settings;

namespace TwilioConsole.Web.Hosting;

/// <summary>The configured public base URL, else the first address this server listens on (loopback in Sandbox use).</summary>
internal sealed class PublicUrls(SettingsService settings, IServer server) : IPublicUrls
{
    public async Task<Uri> BaseAsync(CancellationToken ct)
    {
        if ((await settings.GetEffectiveAsync(ct)).PublicBaseUrl is { } configured)
        {
            return configured;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        address = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        return new Uri(address.TrimEnd('/') + "/");
    }
}
