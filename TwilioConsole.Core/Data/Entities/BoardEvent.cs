namespace TwilioConsole.Core.Data.Entities;

/// <summary>
/// One TaskRouter event the live board needs (task created/canceled/wrapup/completed, reservation accepted/rejected/
/// timeout, worker activity update), compact and bounded: pruned after the retention period. <see cref="EventKey"/> is
/// TaskRouter's event SID, unique, so a repeated delivery is stored once.
/// </summary>
public sealed class BoardEvent
{
    public long Id { get; set; }

    public required string EventKey { get; set; }

    public required string EventType { get; set; }

    /// <summary>When TaskRouter says it happened (its Timestamp), not when it arrived.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    public string? TaskSid { get; set; }

    public string? QueueSid { get; set; }

    public string? QueueName { get; set; }

    public string? WorkerSid { get; set; }

    public string? WorkerName { get; set; }

    public string? Channel { get; set; }

    /// <summary>The worker's activity after the event (worker.activity.update).</summary>
    public string? Activity { get; set; }

    public Settings.ConsoleMode? Mode { get; set; }
}
