namespace TwilioConsole.Core.Settings;

/// <summary>Where an effective setting value came from, shown next to each field on the Settings page.</summary>
public enum SettingSource
{
    /// <summary>Nothing set; the built-in default applies.</summary>
    Default,

    /// <summary>Saved from the Settings page (stored in the database).</summary>
    Saved,

    /// <summary>From configuration or an environment variable; it wins and cannot be changed on the page.</summary>
    Configuration,
}
