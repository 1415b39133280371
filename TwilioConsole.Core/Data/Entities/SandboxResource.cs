namespace TwilioConsole.Core.Data.Entities;

/// <summary>
/// One resource of the Sandbox's stand-in Twilio (a flow, queue, message, build, …), stored as the JSON of its
/// Twilio-shaped record. One table for all kinds keeps the stand-in small; it is never queried by its contents.
/// </summary>
public sealed class SandboxResource
{
    public required string Sid { get; set; }

    public required string Kind { get; set; }

    public string? ParentSid { get; set; }

    public required string Json { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
