using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace TwilioConsole.Web.Hosting;

/// <summary>
/// Running behind a TLS-terminating proxy (README "Running in production"): X-Forwarded-For and X-Forwarded-Proto are
/// believed only from the proxies and networks configured here (loopback when none are), so rate limits partition by
/// the real client, cookies are Secure and HSTS is sent whenever the client's request was HTTPS.
/// </summary>
public static class ReverseProxyExtensions
{
    public const string KnownProxiesKey = "TwilioConsole:ReverseProxy:KnownProxies";
    public const string KnownNetworksKey = "TwilioConsole:ReverseProxy:KnownNetworks";

    public static IHostApplicationBuilder AddReverseProxySupport(this IHostApplicationBuilder builder)
    {
        var proxies = List(builder.Configuration, KnownProxiesKey);
        var networks = List(builder.Configuration, KnownNetworksKey);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Count + networks.Count == 0)
            {
                return; // ASP.NET's default: only a proxy on this machine (loopback) is believed
            }

            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"{KnownProxiesKey} has '{proxy}', which is not an IP address (e.g. 10.0.0.5)."));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                    : throw new InvalidOperationException($"{KnownNetworksKey} has '{network}', which is not a network in CIDR form (e.g. 10.0.0.0/24)."));
            }
        });
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(180));
        return builder;
    }

    /// <summary>A comma-separated value (environment variable) or an array (appsettings.json).</summary>
    private static List<string> List(IConfiguration configuration, string key)
    {
        var values = configuration.GetSection(key).GetChildren().Select(c => c.Value).ToList();
        values.Add(configuration[key]);
        return [.. values.Where(v => !string.IsNullOrWhiteSpace(v)).SelectMany(v => v!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }
}
