namespace TwilioConsole.Core.Settings;

/// <summary>The settings in force, after configuration, saved values and defaults are combined.</summary>
public sealed record ConsoleSettings
{
    public ConsoleMode Mode { get; init; } = ConsoleMode.Sandbox;
    public string? AccountSid { get; init; }
    public string? AuthToken { get; init; }
    public string? ApiKeySid { get; init; }
    public string? ApiKeySecret { get; init; }
    public Uri? PublicBaseUrl { get; init; }
    public string? DefaultSender { get; init; }
    public string? WorkspaceSid { get; init; }
    public string DefaultRegion { get; init; } = "US";

    /// <summary>The account's time zone (IANA id): "today" and hour buckets of the live board and charts follow it.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>The time zone in force; UTC should the saved id be unknown to this machine.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>True when an Account SID and either an Auth Token or an API Key with its secret are set.</summary>
    public bool HasCredentials =>
        !string.IsNullOrEmpty(AccountSid) &&
        (!string.IsNullOrEmpty(AuthToken) || (!string.IsNullOrEmpty(ApiKeySid) && !string.IsNullOrEmpty(ApiKeySecret)));

    /// <summary>Never print secrets, even by accident in a log or a debugger.</summary>
    public override string ToString() =>
        $"Mode={Mode}, AccountSid={AccountSid}, Credentials={(HasCredentials ? "set" : "missing")}, PublicBaseUrl={PublicBaseUrl}";
}

/// <summary>One setting as the Settings page shows it: its value (secrets only as a hint) and its source.</summary>
public sealed record SettingView(SettingDefinition Definition, string? Value, SettingSource Source, string? SecretHint)
{
    public bool IsSet => Definition.IsSecret ? SecretHint is not null : !string.IsNullOrEmpty(Value);
}

/// <summary>The effective settings plus, per key, what the Settings page shows.</summary>
public sealed record SettingsSnapshot(ConsoleSettings Settings, IReadOnlyDictionary<string, SettingView> Views)
{
    public SettingView this[string key] => Views[key];
}
