namespace TwilioConsole.Core.Data.Entities;

public enum ThankYouStatus
{
    /// <summary>Waiting for the dispatcher (first try, or a retry after a transient failure).</summary>
    Pending,

    /// <summary>Claimed and being sent. A row left here by a crash is reconciled before any resend.</summary>
    Sending,

    Sent,

    /// <summary>Stopped on a permanent error, or out of attempts.</summary>
    Failed,

    /// <summary>Not sent, on purpose: no customer number, an internal caller, a rule. The reason says which.</summary>
    Skipped,
}

/// <summary>One thank-you text per TaskSid: the outbox row the dispatcher sends exactly once.</summary>
public sealed class ThankYouText
{
    public long Id { get; set; }

    public required string TaskSid { get; set; }

    public required string EventType { get; set; }

    public string? CustomerNumber { get; set; }

    public string? CustomerName { get; set; }

    public string? QueueName { get; set; }

    public string? AgentName { get; set; }

    public required string Body { get; set; }

    public ThankYouStatus Status { get; set; }

    public string? SkipReason { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>When the current attempt began; with <see cref="ThankYouStatus.Sending"/> it marks a send in flight.</summary>
    public DateTimeOffset? AttemptStartedAt { get; set; }

    public int? LastErrorCode { get; set; }

    public string? LastError { get; set; }

    public string? MessageSid { get; set; }

    /// <summary>The mode the event came in under; null for rows recorded before modes were kept (counted as real).</summary>
    public Settings.ConsoleMode? Mode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
