namespace TwilioConsole.Core.Live;

/// <summary>One queue on the board: now (waiting, agents) and today so far (in the account's time zone).</summary>
public sealed record QueueBoard(
    string Name,
    int Waiting,
    TimeSpan? LongestWait,
    int AgentsAvailable,
    int AgentsBusy,
    int AcceptedToday,
    int AbandonedToday,
    double? ServiceLevel,
    TimeSpan? AverageWait,
    TimeSpan? AverageHandle,
    IReadOnlyList<int> CallsByHour);

/// <summary>One agent: their activity, and the task they are on (talking or wrapping up), if any.</summary>
public sealed record AgentBoard(string Name, string Activity, bool Available, string? TaskQueue, string? TaskState, DateTimeOffset? TaskSince);

/// <summary>The whole board at one moment: shared by every open page of an instance.</summary>
public sealed record BoardSnapshot(
    DateTimeOffset At,
    string TimeZone,
    int ServiceLevelSeconds,
    IReadOnlyList<QueueBoard> Queues,
    IReadOnlyList<AgentBoard> Agents,
    long LastEventId,
    DateTimeOffset? LastEventAt,
    DateTimeOffset? ReconciledAt)
{
    public static BoardSnapshot Empty(DateTimeOffset at) => new(at, "UTC", 20, [], [], 0, null, null);
}

/// <summary>One queue on one day, for the charts and the CSV.</summary>
public sealed record QueueDay(DateOnly Day, string Queue, int Calls, int Answered, int Abandoned, double? ServiceLevel, TimeSpan? AverageWait, TimeSpan? AverageHandle);

/// <summary>What TaskRouter says now, fetched by the reconcile: queues with their members and waiting tasks, agents' activities.</summary>
public sealed record BoardReconcile(DateTimeOffset At, IReadOnlyList<ReconciledQueue> Queues, IReadOnlyList<ReconciledAgent> Agents);

public sealed record ReconciledQueue(string Name, int? Waiting, IReadOnlyList<string> MemberSids);

public sealed record ReconciledAgent(string Sid, string Name, string? Activity, bool Available);
