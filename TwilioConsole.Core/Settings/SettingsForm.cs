namespace TwilioConsole.Core.Settings;

/// <summary>
/// What an Admin submits on the Settings page. Secret fields left blank keep the saved secret;
/// <see cref="ClearAuthToken"/> / <see cref="ClearApiKey"/> remove it.
/// </summary>
public sealed class SettingsForm
{
    public ConsoleMode Mode { get; set; } = ConsoleMode.Sandbox;
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }
    public bool ClearAuthToken { get; set; }
    public string? ApiKeySid { get; set; }
    public string? ApiKeySecret { get; set; }
    public bool ClearApiKey { get; set; }
    public string? PublicBaseUrl { get; set; }
    public string? DefaultSender { get; set; }
    public string? WorkspaceSid { get; set; }
    public string? DefaultRegion { get; set; } = "US";

    public string? TimeZone { get; set; } = "UTC";

    public static SettingsForm From(SettingsSnapshot snapshot)
    {
        var s = snapshot.Settings;
        return new SettingsForm
        {
            Mode = s.Mode,
            AccountSid = s.AccountSid,
            ApiKeySid = s.ApiKeySid,
            PublicBaseUrl = s.PublicBaseUrl?.ToString(),
            DefaultSender = s.DefaultSender,
            WorkspaceSid = s.WorkspaceSid,
            DefaultRegion = s.DefaultRegion,
            TimeZone = s.TimeZone,
        };
    }
}
