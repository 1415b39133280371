namespace TwilioConsole.Core.Data.Entities;

/// <summary>A record of who changed what, when, and how it went. Never holds a secret.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Actor { get; set; }

    /// <summary>A dotted action name such as <c>settings.save</c> or <c>users.create</c>.</summary>
    public required string Action { get; set; }

    public string? Target { get; set; }

    public string? Details { get; set; }

    public bool Succeeded { get; set; }

    public string? Error { get; set; }
}
