using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace TwilioConsole.Core.Settings;

/// <summary>
/// Validates settings that come from configuration at start-up, with the Settings page's own rules, so a typo in an
/// environment variable stops the app with a clear message instead of failing at the first Twilio call.
/// </summary>
internal sealed class ConfiguredSettingsCheck(IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = Problems(configuration).ToList();
        return problems.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException("Invalid configuration: " + string.Join(" ", problems));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static IEnumerable<string> Problems(IConfiguration configuration)
    {
        foreach (var definition in SettingKeys.All)
        {
            var value = configuration[definition.ConfigurationKey];
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var message = definition.Key switch
            {
                SettingKeys.Mode => Enum.TryParse<ConsoleMode>(value, ignoreCase: true, out _) ? null : "Use Sandbox or Twilio.",
                SettingKeys.AccountSid => SettingsValidator.AccountSid(value),
                SettingKeys.AuthToken => SettingsValidator.AuthToken(value),
                SettingKeys.ApiKeySid => SettingsValidator.ApiKeySid(value),
                SettingKeys.ApiKeySecret => SettingsValidator.ApiKeySecret(value),
                SettingKeys.PublicBaseUrl => SettingsValidator.PublicBaseUrl(value),
                SettingKeys.DefaultSender => SettingsValidator.DefaultSender(value),
                SettingKeys.WorkspaceSid => SettingsValidator.WorkspaceSid(value),
                SettingKeys.DefaultRegion => SettingsValidator.DefaultRegion(value),
                SettingKeys.TimeZone => SettingsValidator.TimeZone(value),
                _ => null,
            };
            if (message is not null)
            {
                yield return $"{definition.EnvironmentVariable}: {message}";
            }
        }
    }
}
