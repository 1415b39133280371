using System.Text.Json;
using TwilioConsole.Core.Routing;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Sandbox;

/// <summary>
/// One TaskRouter workspace in the Sandbox, seeded like a Flex workspace (channels voice, chat, sms, default;
/// activities Offline, Available, Unavailable, Break), with queues, workflows and workers kept as Twilio would.
/// </summary>
internal sealed class SandboxTaskRouterApi(SandboxStore store) : ITaskRouterApi
{
    private const string WorkspaceKind = "tr.workspace";
    private const string QueueKind = "tr.queue";
    private const string WorkflowKind = "tr.workflow";
    private const string ChannelKind = "tr.channel";
    private const string ActivityKind = "tr.activity";
    private const string WorkerKind = "tr.worker";
    private const string TaskKind = "tr.task";

    private static readonly (string Sid, string Name, bool Available)[] Activities =
    [
        ("WA5a4db0c5a4db0c5a4db0c5a4db0c501", "Offline", false),
        ("WA5a4db0c5a4db0c5a4db0c5a4db0c502", "Available", true),
        ("WA5a4db0c5a4db0c5a4db0c5a4db0c503", "Unavailable", false),
        ("WA5a4db0c5a4db0c5a4db0c5a4db0c504", "Break", false),
    ];

    private static readonly (string Sid, string UniqueName, string Name)[] Channels =
    [
        ("TC5a4db0c5a4db0c5a4db0c5a4db0c501", "default", "Default"),
        ("TC5a4db0c5a4db0c5a4db0c5a4db0c502", "voice", "Voice"),
        ("TC5a4db0c5a4db0c5a4db0c5a4db0c503", "chat", "Programmable Chat"),
        ("TC5a4db0c5a4db0c5a4db0c5a4db0c504", "sms", "SMS"),
    ];

    /// <summary>Agents the Sandbox's workspace starts with, so routing can be tried on a fresh clone.</summary>
    private static readonly (string Sid, string Name, string Skills, int Activity)[] Agents =
    [
        ("WK5a4db0c5a4db0c5a4db0c5a4db0c501", "Alex Rivera", "\"troubleshooting\"", 1),
        ("WK5a4db0c5a4db0c5a4db0c5a4db0c502", "Sam Lee", "\"support\"", 1),
        ("WK5a4db0c5a4db0c5a4db0c5a4db0c503", "Jordan Kim", "\"troubleshooting\", \"support\"", 0),
    ];

    public async Task<Workspace> FetchWorkspaceAsync(string workspaceSid, CancellationToken ct)
    {
        await SeedAsync(workspaceSid, ct);
        return await store.GetAsync<Workspace>(WorkspaceKind, workspaceSid, ct);
    }

    public async Task<Workspace> UpdateWorkspaceAsync(string workspaceSid, WorkspaceUpdate update, CancellationToken ct)
    {
        await SeedAsync(workspaceSid, ct);
        if (update.EventCallbackUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            throw SandboxStore.BadRequest(20001, "EventCallbackUrl must be an absolute URL");
        }

        return await store.UpdateAsync<Workspace>(WorkspaceKind, workspaceSid, w => w with
        {
            EventCallbackUrl = update.EventCallbackUrl ?? w.EventCallbackUrl,
            EventsFilter = update.EventsFilter ?? w.EventsFilter,
            FriendlyName = update.FriendlyName ?? w.FriendlyName,
        }, ct);
    }

    public IAsyncEnumerable<TaskQueue> ListTaskQueuesAsync(string workspaceSid, CancellationToken ct) =>
        store.StreamAsync<TaskQueue>(QueueKind, workspaceSid, ct, c => SeedAsync(workspaceSid, c));

    public async Task<TaskQueue> CreateTaskQueueAsync(string workspaceSid, TaskQueueWrite queue, CancellationToken ct)
    {
        await SeedAsync(workspaceSid, ct);
        Require(queue.FriendlyName, "FriendlyName");
        if ((await store.ListAsync<TaskQueue>(QueueKind, workspaceSid, ct)).Any(q => q.FriendlyName == queue.FriendlyName))
        {
            throw SandboxStore.BadRequest(20001, $"A TaskQueue named '{queue.FriendlyName}' already exists"); // names are unique per workspace
        }

        var sid = SandboxStore.NewSid("WQ");
        return await store.AddAsync(QueueKind, workspaceSid, sid, ToQueue(sid, queue), ct);
    }

    public async Task<TaskQueue> UpdateTaskQueueAsync(string workspaceSid, string queueSid, TaskQueueWrite queue, CancellationToken ct)
    {
        await SeedAsync(workspaceSid, ct);
        return await store.UpdateAsync<TaskQueue>(QueueKind, queueSid, _ => ToQueue(queueSid, queue), ct);
    }

    public Task DeleteTaskQueueAsync(string workspaceSid, string queueSid, CancellationToken ct) => store.DeleteAsync(QueueKind, queueSid, ct);

    public async Task<QueueRealTimeStatistics> FetchQueueRealTimeStatisticsAsync(string workspaceSid, string queueSid, CancellationToken ct)
    {
        var queue = await store.GetAsync<TaskQueue>(QueueKind, queueSid, ct);
        var workers = await store.ListAsync<Worker>(WorkerKind, workspaceSid, ct);
        var target = TaskRouterExpression.Parse(queue.TargetWorkers);
        var eligible = workers.Where(w => target.Evaluate(w.Attributes)).ToList();
        // Tasks come from the Sandbox's simulated calls (SandboxCalls); finished ones no longer count.
        var tasks = (await store.ListAsync<SandboxTask>(TaskKind, workspaceSid, ct)).Where(t => t.QueueSid == queueSid && t.Status is not ("completed" or "canceled")).ToList();
        var now = store.Clock.GetUtcNow();
        var longest = tasks.Where(t => t.Status == "pending").OrderBy(t => t.CreatedAt).FirstOrDefault();
        var byStatus = new Dictionary<string, int> { ["pending"] = 0, ["reserved"] = 0, ["assigned"] = 0, ["wrapping"] = 0 };
        foreach (var task in tasks)
        {
            byStatus[task.Status] = byStatus.GetValueOrDefault(task.Status) + 1;
        }

        return new QueueRealTimeStatistics(queueSid, tasks.Count, eligible.Count(w => w.Available), eligible.Count,
            longest is null ? 0 : (int)(now - longest.CreatedAt).TotalSeconds, longest?.Sid, byStatus);
    }

    /// <summary>A task placed by a simulated call, kept so queue statistics count it.</summary>
    internal async Task<SandboxTask> CreateTaskAsync(string queueSid, string attributes, string status, CancellationToken ct)
    {
        var sid = SandboxStore.NewSid("WT");
        return await store.AddAsync(TaskKind, SandboxAccount.WorkspaceSid, sid, new SandboxTask(sid, queueSid, status, attributes, store.Clock.GetUtcNow()), ct);
    }

    internal Task<SandboxTask> SetTaskStatusAsync(string taskSid, string status, CancellationToken ct) =>
        store.UpdateAsync<SandboxTask>(TaskKind, taskSid, t => t with { Status = status }, ct);

    public async Task<QueueCumulativeStatistics> FetchQueueCumulativeStatisticsAsync(string workspaceSid, string queueSid, int minutes, CancellationToken ct)
    {
        await store.GetAsync<TaskQueue>(QueueKind, queueSid, ct);
        var end = store.Clock.GetUtcNow();
        return new QueueCumulativeStatistics(queueSid, end.AddMinutes(-minutes), end, 0, 0, 0, 0, null);
    }

    public IAsyncEnumerable<Workflow> ListWorkflowsAsync(string workspaceSid, CancellationToken ct) =>
        store.StreamAsync<Workflow>(WorkflowKind, workspaceSid, ct, c => SeedAsync(workspaceSid, c));

    public async Task<Workflow> CreateWorkflowAsync(string workspaceSid, WorkflowWrite workflow, CancellationToken ct)
    {
        await SeedAsync(workspaceSid, ct);
        await ValidateConfigurationAsync(workspaceSid, workflow, ct);
        var sid = SandboxStore.NewSid("WW");
        return await store.AddAsync(WorkflowKind, workspaceSid, sid, new Workflow(sid, workflow.FriendlyName, workflow.Configuration, workflow.TaskReservationTimeout, null), ct);
    }

    public async Task<Workflow> UpdateWorkflowAsync(string workspaceSid, string workflowSid, WorkflowWrite workflow, CancellationToken ct)
    {
        await ValidateConfigurationAsync(workspaceSid, workflow, ct);
        return await store.UpdateAsync<Workflow>(WorkflowKind, workflowSid, w => w with
        {
            FriendlyName = workflow.FriendlyName, Configuration = workflow.Configuration, TaskReservationTimeout = workflow.TaskReservationTimeout,
        }, ct);
    }

    public Task DeleteWorkflowAsync(string workspaceSid, string workflowSid, CancellationToken ct) => store.DeleteAsync(WorkflowKind, workflowSid, ct);

    public IAsyncEnumerable<TaskChannel> ListTaskChannelsAsync(string workspaceSid, CancellationToken ct) =>
        store.StreamAsync<TaskChannel>(ChannelKind, workspaceSid, ct, c => SeedAsync(workspaceSid, c));

    public IAsyncEnumerable<Activity> ListActivitiesAsync(string workspaceSid, CancellationToken ct) =>
        store.StreamAsync<Activity>(ActivityKind, workspaceSid, ct, c => SeedAsync(workspaceSid, c));

    public IAsyncEnumerable<Worker> ListWorkersAsync(string workspaceSid, CancellationToken ct) =>
        store.StreamAsync<Worker>(WorkerKind, workspaceSid, ct, c => SeedAsync(workspaceSid, c));

    public async Task<Worker> FetchWorkerAsync(string workspaceSid, string workerSid, CancellationToken ct)
    {
        await SeedAsync(workspaceSid, ct);
        return await store.GetAsync<Worker>(WorkerKind, workerSid, ct);
    }

    public async Task<Worker> CreateWorkerAsync(string workspaceSid, WorkerWrite worker, CancellationToken ct)
    {
        await SeedAsync(workspaceSid, ct);
        Require(worker.FriendlyName, "FriendlyName");
        var attributes = ValidAttributes(worker.Attributes ?? "{}");
        var activity = Activities.FirstOrDefault(a => a.Sid == worker.ActivitySid);
        if (worker.ActivitySid is not null && activity.Sid is null)
        {
            throw SandboxStore.NotFound(worker.ActivitySid);
        }

        activity = activity.Sid is null ? Activities[0] : activity; // new workers start Offline, as in TaskRouter
        var sid = SandboxStore.NewSid("WK");
        return await store.AddAsync(WorkerKind, workspaceSid, sid, new Worker(sid, worker.FriendlyName!, activity.Sid, activity.Name, attributes, activity.Available), ct);
    }

    public async Task<Worker> UpdateWorkerAsync(string workspaceSid, string workerSid, WorkerWrite worker, CancellationToken ct)
    {
        var attributes = worker.Attributes is null ? null : ValidAttributes(worker.Attributes);
        var activity = worker.ActivitySid is null ? default : Activities.FirstOrDefault(a => a.Sid == worker.ActivitySid);
        if (worker.ActivitySid is not null && activity.Sid is null)
        {
            throw SandboxStore.NotFound(worker.ActivitySid);
        }

        return await store.UpdateAsync<Worker>(WorkerKind, workerSid, w => w with
        {
            FriendlyName = worker.FriendlyName ?? w.FriendlyName,
            Attributes = attributes ?? w.Attributes,
            ActivitySid = activity.Sid ?? w.ActivitySid,
            ActivityName = activity.Name ?? w.ActivityName,
            Available = activity.Sid is null ? w.Available : activity.Available,
        }, ct);
    }

    /// <summary>The Sandbox knows one workspace; any other SID is a 404, as it would be at Twilio.</summary>
    private async Task SeedAsync(string workspaceSid, CancellationToken ct)
    {
        if (workspaceSid != SandboxAccount.WorkspaceSid)
        {
            throw SandboxStore.NotFound(workspaceSid);
        }

        await store.EnsureAsync(WorkspaceKind, null, workspaceSid,
            new Workspace(workspaceSid, "Sandbox contact center", null, null, Activities[0].Sid, Activities[0].Sid, true), ct);
        foreach (var (sid, name, available) in Activities)
        {
            await store.EnsureAsync(ActivityKind, workspaceSid, sid, new Activity(sid, name, available), ct);
        }

        foreach (var (sid, unique, name) in Channels)
        {
            await store.EnsureAsync(ChannelKind, workspaceSid, sid, new TaskChannel(sid, name, unique), ct);
        }

        foreach (var (sid, name, skills, activity) in Agents)
        {
            var contact = "client:" + name.Split(' ')[0].ToLowerInvariant();
            var attributes = $$$"""{"routing":{"skills":[{{{skills}}}],"levels":{}},"contact_uri":"{{{contact}}}","full_name":"{{{name}}}"}""";
            var (activitySid, activityName, available) = Activities[activity];
            await store.EnsureAsync(WorkerKind, workspaceSid, sid, new Worker(sid, name, activitySid, activityName, attributes, available), ct);
        }
    }

    private async Task ValidateConfigurationAsync(string workspaceSid, WorkflowWrite workflow, CancellationToken ct)
    {
        Require(workflow.FriendlyName, "FriendlyName");
        JsonElement routing;
        try
        {
            using var doc = JsonDocument.Parse(workflow.Configuration);
            if (!doc.RootElement.TryGetProperty("task_routing", out routing))
            {
                throw SandboxStore.BadRequest(20001, "Invalid workflow configuration: 'task_routing' is missing");
            }

            routing = routing.Clone();
        }
        catch (JsonException e)
        {
            throw SandboxStore.BadRequest(20001, $"Invalid workflow configuration: not JSON ({e.Message})");
        }

        foreach (var expression in StringsNamed(routing, "expression").Concat(StringsNamed(routing, "target_expression")))
        {
            if (TaskRouterExpression.Check(expression) is { } invalid)
            {
                throw SandboxStore.BadRequest(20001, $"Invalid workflow configuration: expression '{expression}': {invalid.Message}");
            }
        }

        // Every queue a workflow names must exist in the workspace, as TaskRouter checks.
        var queues = (await store.ListAsync<TaskQueue>(QueueKind, workspaceSid, ct)).Select(q => q.Sid).ToHashSet();
        foreach (var queue in StringsNamed(routing, "queue"))
        {
            if (!queues.Contains(queue))
            {
                throw SandboxStore.BadRequest(20001, $"Invalid workflow configuration: TaskQueue {queue} does not exist in this workspace");
            }
        }
    }

    /// <summary>Every string value of a property with this name, at any depth.</summary>
    private static IEnumerable<string> StringsNamed(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == name && property.Value.ValueKind == JsonValueKind.String)
                {
                    yield return property.Value.GetString()!;
                }

                foreach (var nested in StringsNamed(property.Value, name))
                {
                    yield return nested;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var nested in element.EnumerateArray().SelectMany(e => StringsNamed(e, name)))
            {
                yield return nested;
            }
        }
    }

    private static string ValidAttributes(string attributes)
    {
        try
        {
            using var doc = JsonDocument.Parse(attributes);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? attributes
                : throw SandboxStore.BadRequest(20001, "Attributes must be a JSON object");
        }
        catch (JsonException)
        {
            throw SandboxStore.BadRequest(20001, "Attributes must be valid JSON");
        }
    }

    private static TaskQueue ToQueue(string sid, TaskQueueWrite queue)
    {
        Require(queue.FriendlyName, "FriendlyName");
        if (queue.TaskOrder is not ("FIFO" or "LIFO"))
        {
            throw SandboxStore.BadRequest(20001, "TaskOrder must be FIFO or LIFO");
        }

        if (queue.MaxReservedWorkers is < 1 or > 50)
        {
            throw SandboxStore.BadRequest(20001, "MaxReservedWorkers must be between 1 and 50");
        }

        var target = string.IsNullOrWhiteSpace(queue.TargetWorkers) ? "1==1" : queue.TargetWorkers;
        if (TaskRouterExpression.Check(target) is { } invalid)
        {
            throw SandboxStore.BadRequest(20001, $"Invalid TargetWorkers expression: {invalid.Message}");
        }

        return new TaskQueue(sid, queue.FriendlyName, target,
            queue.TaskOrder, queue.MaxReservedWorkers, null, null);
    }

    private static void Require(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw SandboxStore.BadRequest(20001, $"Missing required parameter {name} in the post body");
        }
    }
}

/// <summary>A TaskRouter task in the Sandbox: statuses as TaskRouter names them (pending, reserved, assigned, wrapping, completed, canceled).</summary>
internal sealed record SandboxTask(string Sid, string QueueSid, string Status, string Attributes, DateTimeOffset CreatedAt);
