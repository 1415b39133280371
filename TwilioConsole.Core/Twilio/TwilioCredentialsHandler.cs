using System.Net.Http.Headers;
using System.Text;
using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.Twilio;

/// <summary>
/// Adds HTTP Basic auth from the settings in force for each request: an API Key (SK… / secret) when set, else the
/// Account SID and Auth Token. Reading per request means a credential saved on the Settings page applies at once.
/// </summary>
internal sealed class TwilioCredentialsHandler(SettingsService settings) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = await settings.GetEffectiveAsync(cancellationToken);
        if (!current.HasCredentials)
        {
            throw new TwilioNotConfiguredException();
        }

        var (user, password) = !string.IsNullOrEmpty(current.ApiKeySid) && !string.IsNullOrEmpty(current.ApiKeySecret)
            ? (current.ApiKeySid, current.ApiKeySecret)
            : (current.AccountSid!, current.AuthToken!);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return await base.SendAsync(request, cancellationToken);
    }
}
