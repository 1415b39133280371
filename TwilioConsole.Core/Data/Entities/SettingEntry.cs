namespace TwilioConsole.Core.Data.Entities;

/// <summary>One setting saved from the Settings page. Secret values are stored protected (ASP.NET Data Protection).</summary>
public sealed class SettingEntry
{
    public required string Key { get; set; }

    public string? Value { get; set; }

    public bool IsProtected { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}
