using TwilioConsole.Core.Data.Entities;

namespace TwilioConsole.Core.Live;

/// <summary>
/// The board's state, built from events alone: per task when it was created, accepted, canceled, wrapped up and
/// completed; per agent their activity. Applying is idempotent and order-free (each time is the earliest seen, an
/// activity the latest), so a repeated or late event never counts twice. Figures are computed from it on demand.
/// Not thread-safe: <see cref="BoardFeed"/> owns one and serialises access.
/// </summary>
public sealed class BoardModel
{
    private readonly Dictionary<string, TaskTrack> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentTrack> _agents = new(StringComparer.Ordinal);
    private BoardReconcile? _reconcile;

    private sealed class TaskTrack
    {
        public string? Queue;
        public DateTimeOffset? Created, Accepted, Canceled, Wrapup, Completed;
        public string? WorkerSid;
        public bool Vanished; // TaskRouter no longer has it waiting, though no event said why (drift corrected by the reconcile)
    }

    private sealed class AgentTrack
    {
        public string Name = "";
        public string? Activity;
        public DateTimeOffset ActivityAt = DateTimeOffset.MinValue;
    }

    public long LastEventId { get; private set; }

    public DateTimeOffset? LastEventAt { get; private set; }

    /// <summary>The queues the routing manages: on the board even before any call.</summary>
    public IReadOnlyList<string> Queues { get; set; } = [];

    /// <summary>When TaskRouter was last asked, and which queues it was asked about.</summary>
    public BoardReconcile? LastReconcile => _reconcile;

    public void Apply(BoardEvent e)
    {
        LastEventId = Math.Max(LastEventId, e.Id);
        LastEventAt = LastEventAt is null || e.OccurredAt > LastEventAt ? e.OccurredAt : LastEventAt;
        if (e.WorkerSid is { Length: > 0 } workerSid)
        {
            var agent = Agent(workerSid);
            agent.Name = e.WorkerName ?? agent.Name;
            if (e.EventType == BoardEventTypes.WorkerActivityUpdate && e.Activity is not null && e.OccurredAt >= agent.ActivityAt)
            {
                (agent.Activity, agent.ActivityAt) = (e.Activity, e.OccurredAt);
            }
        }

        if (e.TaskSid is not { Length: > 0 } taskSid)
        {
            return;
        }

        if (!_tasks.TryGetValue(taskSid, out var task))
        {
            _tasks[taskSid] = task = new TaskTrack();
        }

        task.Queue ??= e.QueueName;
        switch (e.EventType)
        {
            case BoardEventTypes.TaskCreated:
                task.Created = Earliest(task.Created, e.OccurredAt);
                break;
            case BoardEventTypes.ReservationAccepted:
                task.Accepted = Earliest(task.Accepted, e.OccurredAt);
                task.WorkerSid ??= e.WorkerSid;
                break;
            case BoardEventTypes.TaskCanceled:
                task.Canceled = Earliest(task.Canceled, e.OccurredAt);
                break;
            case BoardEventTypes.TaskWrapup:
                task.Wrapup = Earliest(task.Wrapup, e.OccurredAt);
                task.WorkerSid ??= e.WorkerSid;
                break;
            case BoardEventTypes.TaskCompleted:
                task.Completed = Earliest(task.Completed, e.OccurredAt);
                task.WorkerSid ??= e.WorkerSid;
                break;
        }
    }

    private static DateTimeOffset Earliest(DateTimeOffset? current, DateTimeOffset at) => current is { } c && c <= at ? c : at;

    private AgentTrack Agent(string sid)
    {
        if (!_agents.TryGetValue(sid, out var agent))
        {
            _agents[sid] = agent = new AgentTrack();
        }

        return agent;
    }

    private static bool IsWaiting(TaskTrack t) => t.Created is not null && t.Accepted is null && t.Canceled is null && t.Completed is null && !t.Vanished;

    private static bool IsActive(TaskTrack t) => t.Accepted is not null && t.Completed is null && t.Canceled is null;

    /// <summary>
    /// What TaskRouter says now corrects what events missed: queue membership and agents' activities come from it, and a
    /// queue TaskRouter shows with fewer waiting tasks than the events do loses its oldest "waiting" tasks (an event that
    /// never arrived, say a cancel while the webhook was down).
    /// </summary>
    public void Reconcile(BoardReconcile reconcile)
    {
        _reconcile = reconcile;
        foreach (var agent in reconcile.Agents)
        {
            var track = Agent(agent.Sid);
            track.Name = agent.Name;
            if (agent.Activity is not null && reconcile.At >= track.ActivityAt)
            {
                (track.Activity, track.ActivityAt) = (agent.Activity, reconcile.At);
            }
        }

        foreach (var queue in reconcile.Queues.Where(q => q.Waiting is not null))
        {
            var waiting = _tasks.Values.Where(t => t.Queue == queue.Name && IsWaiting(t) && t.Created <= reconcile.At).OrderBy(t => t.Created).ToList();
            foreach (var gone in waiting.Take(Math.Max(0, waiting.Count - queue.Waiting!.Value)))
            {
                gone.Vanished = true;
            }
        }
    }

    /// <summary>Drops tasks finished before <paramref name="cutoff"/>: the board only needs today's.</summary>
    public void Forget(DateTimeOffset cutoff)
    {
        foreach (var (sid, task) in _tasks.Where(p => (p.Value.Completed ?? p.Value.Canceled ?? p.Value.Created ?? DateTimeOffset.MaxValue) < cutoff && !IsActive(p.Value)).ToList())
        {
            _tasks.Remove(sid);
        }
    }

    /// <summary>The day a moment falls on in the account's time zone.</summary>
    public static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The local day of <paramref name="at"/> as [start, end) instants; 23 or 25 hours long on a clock change.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayBounds(DateTimeOffset at, TimeZoneInfo zone)
    {
        var start = StartOfDay(at, zone);
        return (start, StartOfDay(start.AddHours(26), zone)); // 26 h after midnight is always within the next day
    }

    public static DateTimeOffset StartOfDay(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var midnight = local.Date;
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    /// <summary>
    /// The board now. Cost grows with the day's tasks, so it walks them once: the day's bounds are computed once
    /// (no time-zone conversion per task) and tasks are grouped by queue in the same pass.
    /// </summary>
    public BoardSnapshot Snapshot(DateTimeOffset now, TimeZoneInfo zone, int serviceLevelSeconds)
    {
        var (start, end) = DayBounds(now, zone);
        bool IsToday(DateTimeOffset? at) => at is { } a && a >= start && a < end;
        var sameOffset = zone.GetUtcOffset(start) == zone.GetUtcOffset(end.AddTicks(-1)) ? zone.GetUtcOffset(start) : (TimeSpan?)null;
        int HourOf(DateTimeOffset at) => sameOffset is { } offset ? at.ToOffset(offset).Hour : TimeZoneInfo.ConvertTime(at, zone).Hour;

        var available = AvailableActivities();
        var busy = new Dictionary<string, TaskTrack>(StringComparer.Ordinal);
        var byQueue = new Dictionary<string, List<TaskTrack>>(StringComparer.Ordinal);
        foreach (var task in _tasks.Values)
        {
            if (IsActive(task) && task.WorkerSid is { } worker && (!busy.TryGetValue(worker, out var other) || other.Accepted <= task.Accepted))
            {
                busy[worker] = task;
            }

            if (task.Queue is { } queue)
            {
                (byQueue.TryGetValue(queue, out var list) ? list : byQueue[queue] = []).Add(task);
            }
        }

        var names = Queues.Concat(_reconcile?.Queues.Select(q => q.Name) ?? []).Concat(byQueue.Keys).Distinct().Order(StringComparer.Ordinal);
        var queues = new List<QueueBoard>();
        foreach (var name in names)
        {
            var tasks = byQueue.GetValueOrDefault(name) ?? [];
            var waiting = tasks.Where(IsWaiting).ToList();
            var members = _reconcile?.Queues.FirstOrDefault(q => q.Name == name)?.MemberSids ?? [];
            var day = DayFigures(tasks.Where(t => IsToday(t.Created) || IsToday(t.Accepted) || IsToday(t.Canceled) || IsToday(t.Completed)), IsToday, serviceLevelSeconds);
            var hours = new int[24];
            foreach (var t in tasks.Where(t => IsToday(t.Created)))
            {
                hours[HourOf(t.Created!.Value)]++;
            }

            queues.Add(new QueueBoard(name, waiting.Count, waiting.Count == 0 ? null : now - waiting.Min(t => t.Created!.Value),
                members.Count(m => !busy.ContainsKey(m) && _agents.TryGetValue(m, out var a) && a.Activity is not null && available.Contains(a.Activity)),
                busy.Values.Count(t => t.Queue == name),
                day.Answered, day.Abandoned, day.ServiceLevel, day.AverageWait, day.AverageHandle, hours));
        }

        var agents = _agents.Where(a => a.Value.Name.Length > 0)
            .Select(a =>
            {
                var task = busy.GetValueOrDefault(a.Key);
                var activity = a.Value.Activity ?? "unknown";
                return new AgentBoard(a.Value.Name, activity, available.Contains(activity) && task is null, task?.Queue,
                    task is null ? null : task.Wrapup is null ? "talking" : "wrapping up", task?.Wrapup ?? task?.Accepted);
            })
            .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();

        return new BoardSnapshot(now, zone.Id, serviceLevelSeconds, queues, agents, LastEventId, LastEventAt, _reconcile?.At);
    }

    private HashSet<string> AvailableActivities()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "Available" };
        foreach (var agent in _reconcile?.Agents ?? [])
        {
            if (agent is { Available: true, Activity: { } activity })
            {
                names.Add(activity);
            }
        }

        return names;
    }

    /// <summary>
    /// A day's figures for a set of tasks: answered (accepted that day), abandoned (canceled that day before any agent
    /// accepted), service level = answered within the threshold ÷ (answered + abandoned), of the tasks created that day;
    /// average wait (created → accepted) of answered tasks; average handle time (accepted → completed) of tasks completed that day.
    /// </summary>
    private static (int Answered, int Abandoned, double? ServiceLevel, TimeSpan? AverageWait, TimeSpan? AverageHandle) DayFigures(
        IEnumerable<TaskTrack> tasks, Func<DateTimeOffset?, bool> onDay, int serviceLevelSeconds)
    {
        var list = tasks.ToList();
        var answered = list.Where(t => onDay(t.Accepted)).ToList();
        var abandoned = list.Count(t => onDay(t.Canceled) && t.Accepted is null);
        var created = list.Where(t => onDay(t.Created)).ToList();
        var offered = created.Count(t => t.Accepted is not null || t.Canceled is not null);
        var within = created.Count(t => t.Accepted is { } a && (a - t.Created!.Value).TotalSeconds <= serviceLevelSeconds);
        var waits = answered.Where(t => t.Created is not null).Select(t => (t.Accepted!.Value - t.Created!.Value).TotalSeconds).ToList();
        var handles = list.Where(t => onDay(t.Completed) && t.Accepted is not null).Select(t => (t.Completed!.Value - t.Accepted!.Value).TotalSeconds).ToList();
        return (answered.Count, abandoned, offered == 0 ? null : (double)within / offered,
            waits.Count == 0 ? null : TimeSpan.FromSeconds(waits.Average()), handles.Count == 0 ? null : TimeSpan.FromSeconds(handles.Average()));
    }

    /// <summary>Per day and queue over [<paramref name="from"/>, <paramref name="to"/>] (local days), for charts and the CSV.</summary>
    public IReadOnlyList<QueueDay> Days(DateOnly from, DateOnly to, TimeZoneInfo zone, int serviceLevelSeconds)
    {
        var result = new List<QueueDay>();
        var byQueue = _tasks.Values.Where(t => t.Queue is not null).GroupBy(t => t.Queue!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Queue: g.Key, Tasks: g.ToList())).ToList(); // once, not once per day
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var noon = day.ToDateTime(new TimeOnly(12, 0));
            var (start, end) = DayBounds(new DateTimeOffset(noon, zone.GetUtcOffset(noon)), zone);
            bool OnDay(DateTimeOffset? at) => at is { } a && a >= start && a < end;
            foreach (var (queue, tasks) in byQueue)
            {
                var f = DayFigures(tasks, OnDay, serviceLevelSeconds);
                result.Add(new QueueDay(day, queue, tasks.Count(t => OnDay(t.Created)), f.Answered, f.Abandoned, f.ServiceLevel, f.AverageWait, f.AverageHandle));
            }
        }

        return result;
    }
}
