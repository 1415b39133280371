namespace TwilioConsole.Core.Settings;

/// <summary>
/// Setting keys. Each is also read from configuration under <c>TwilioConsole:</c> (environment:
/// <c>TwilioConsole__Twilio__AccountSid</c>), and a configured value wins over one saved on the Settings page.
/// </summary>
public static class SettingKeys
{
    public const string ConfigurationPrefix = "TwilioConsole:";

    public const string Mode = "Mode";
    public const string AccountSid = "Twilio:AccountSid";
    public const string AuthToken = "Twilio:AuthToken";
    public const string ApiKeySid = "Twilio:ApiKeySid";
    public const string ApiKeySecret = "Twilio:ApiKeySecret";
    public const string PublicBaseUrl = "PublicBaseUrl";
    public const string DefaultSender = "Twilio:DefaultSender";
    public const string WorkspaceSid = "Twilio:WorkspaceSid";
    public const string DefaultRegion = "Messaging:DefaultRegion";
    public const string TimeZone = "TimeZone";

    public static readonly IReadOnlyList<SettingDefinition> All =
    [
        new(Mode, "Mode", IsSecret: false, Default: nameof(ConsoleMode.Sandbox)),
        new(AccountSid, "Account SID", IsSecret: false, Default: null),
        new(AuthToken, "Auth Token", IsSecret: true, Default: null),
        new(ApiKeySid, "API Key SID", IsSecret: false, Default: null),
        new(ApiKeySecret, "API Key secret", IsSecret: true, Default: null),
        new(PublicBaseUrl, "Public base URL", IsSecret: false, Default: null),
        new(DefaultSender, "Default sender", IsSecret: false, Default: null),
        new(WorkspaceSid, "TaskRouter Workspace SID", IsSecret: false, Default: null),
        new(DefaultRegion, "Default phone region", IsSecret: false, Default: "US"),
        new(TimeZone, "Time zone", IsSecret: false, Default: "UTC"),
    ];

    public static SettingDefinition Get(string key) =>
        All.FirstOrDefault(d => d.Key == key) ?? throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown setting.");
}

public sealed record SettingDefinition(string Key, string Label, bool IsSecret, string? Default)
{
    public string ConfigurationKey => SettingKeys.ConfigurationPrefix + Key;

    public string EnvironmentVariable => ConfigurationKey.Replace(":", "__", StringComparison.Ordinal);
}
