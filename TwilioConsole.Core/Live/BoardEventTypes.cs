namespace TwilioConsole.Core.Live;

/// <summary>The TaskRouter events the live board keeps; the Workspace's EventsFilter must include them.</summary>
public static class BoardEventTypes
{
    public const string TaskCreated = "task.created";
    public const string TaskCanceled = "task.canceled";
    public const string TaskWrapup = "task.wrapup";
    public const string TaskCompleted = "task.completed";
    public const string ReservationAccepted = "reservation.accepted";
    public const string ReservationRejected = "reservation.rejected";
    public const string ReservationTimeout = "reservation.timeout";
    public const string WorkerActivityUpdate = "worker.activity.update";

    public static readonly IReadOnlyList<string> All =
        [TaskCreated, TaskCanceled, TaskWrapup, TaskCompleted, ReservationAccepted, ReservationRejected, ReservationTimeout, WorkerActivityUpdate];

    public static bool IsKept(string eventType) => All.Contains(eventType);
}
