namespace TwilioConsole.Core.Twilio;

public sealed record Workspace(string Sid, string FriendlyName, string? EventCallbackUrl, string? EventsFilter,
    string? DefaultActivitySid, string? TimeoutActivitySid, bool MultiTaskEnabled);

/// <summary>Null fields are left as they are.</summary>
public sealed record WorkspaceUpdate(string? EventCallbackUrl = null, string? EventsFilter = null, string? FriendlyName = null);

public sealed record TaskQueue(string Sid, string FriendlyName, string TargetWorkers, string TaskOrder, int MaxReservedWorkers,
    string? ReservationActivitySid, string? AssignmentActivitySid);

public sealed record TaskQueueWrite(string FriendlyName, string TargetWorkers, string TaskOrder = "FIFO", int MaxReservedWorkers = 1);

/// <summary>A workflow; <c>Configuration</c> is the JSON text TaskRouter stores.</summary>
public sealed record Workflow(string Sid, string FriendlyName, string Configuration, int TaskReservationTimeout, string? AssignmentCallbackUrl);

public sealed record WorkflowWrite(string FriendlyName, string Configuration, int TaskReservationTimeout = 120);

public sealed record TaskChannel(string Sid, string FriendlyName, string UniqueName);

public sealed record Activity(string Sid, string FriendlyName, bool Available);

/// <summary>A worker; <c>Attributes</c> is the JSON text TaskRouter stores.</summary>
public sealed record Worker(string Sid, string FriendlyName, string? ActivitySid, string? ActivityName, string Attributes, bool Available);

public sealed record WorkerWrite(string? FriendlyName = null, string? Attributes = null, string? ActivitySid = null);

public sealed record QueueRealTimeStatistics(string TaskQueueSid, int TotalTasks, int TotalAvailableWorkers, int TotalEligibleWorkers,
    int LongestTaskWaitingAge, string? LongestTaskWaitingSid, IReadOnlyDictionary<string, int>? TasksByStatus);

public sealed record QueueCumulativeStatistics(string TaskQueueSid, DateTimeOffset StartTime, DateTimeOffset EndTime,
    int TasksEntered, int TasksCompleted, int TasksCanceled, int ReservationsAccepted, int? AvgTaskAcceptanceTime);
