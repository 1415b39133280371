namespace TwilioConsole.Core.Twilio;

/// <summary>TaskRouter v1: the workspace, its queues, workflows, channels, activities and workers, and queue statistics.</summary>
public interface ITaskRouterApi
{
    Task<Workspace> FetchWorkspaceAsync(string workspaceSid, CancellationToken ct);
    Task<Workspace> UpdateWorkspaceAsync(string workspaceSid, WorkspaceUpdate update, CancellationToken ct);

    IAsyncEnumerable<TaskQueue> ListTaskQueuesAsync(string workspaceSid, CancellationToken ct);
    Task<TaskQueue> CreateTaskQueueAsync(string workspaceSid, TaskQueueWrite queue, CancellationToken ct);
    Task<TaskQueue> UpdateTaskQueueAsync(string workspaceSid, string queueSid, TaskQueueWrite queue, CancellationToken ct);
    Task DeleteTaskQueueAsync(string workspaceSid, string queueSid, CancellationToken ct);
    Task<QueueRealTimeStatistics> FetchQueueRealTimeStatisticsAsync(string workspaceSid, string queueSid, CancellationToken ct);
    Task<QueueCumulativeStatistics> FetchQueueCumulativeStatisticsAsync(string workspaceSid, string queueSid, int minutes, CancellationToken ct);

    IAsyncEnumerable<Workflow> ListWorkflowsAsync(string workspaceSid, CancellationToken ct);
    Task<Workflow> CreateWorkflowAsync(string workspaceSid, WorkflowWrite workflow, CancellationToken ct);
    Task<Workflow> UpdateWorkflowAsync(string workspaceSid, string workflowSid, WorkflowWrite workflow, CancellationToken ct);
    Task DeleteWorkflowAsync(string workspaceSid, string workflowSid, CancellationToken ct);

    IAsyncEnumerable<TaskChannel> ListTaskChannelsAsync(string workspaceSid, CancellationToken ct);
    IAsyncEnumerable<Activity> ListActivitiesAsync(string workspaceSid, CancellationToken ct);

    IAsyncEnumerable<Worker> ListWorkersAsync(string workspaceSid, CancellationToken ct);
    Task<Worker> FetchWorkerAsync(string workspaceSid, string workerSid, CancellationToken ct);
    Task<Worker> CreateWorkerAsync(string workspaceSid, WorkerWrite worker, CancellationToken ct);
    Task<Worker> UpdateWorkerAsync(string workspaceSid, string workerSid, WorkerWrite worker, CancellationToken ct);
}

internal sealed class TaskRouterApi(HttpClient http) : ITaskRouterApi
{
    private static string Ws(string sid) => $"v1/Workspaces/{Uri.EscapeDataString(sid)}";

    public Task<Workspace> FetchWorkspaceAsync(string workspaceSid, CancellationToken ct) =>
        http.GetTwilioAsync<Workspace>(Ws(workspaceSid), ct);

    public Task<Workspace> UpdateWorkspaceAsync(string workspaceSid, WorkspaceUpdate update, CancellationToken ct) =>
        http.PostTwilioAsync<Workspace>(Ws(workspaceSid), new TwilioForm()
            .Add("FriendlyName", update.FriendlyName)
            .Add("EventCallbackUrl", update.EventCallbackUrl)
            .Add("EventsFilter", update.EventsFilter), ct);

    public IAsyncEnumerable<TaskQueue> ListTaskQueuesAsync(string workspaceSid, CancellationToken ct) =>
        http.PagesAsync<TaskQueue>($"{Ws(workspaceSid)}/TaskQueues?PageSize=100", "task_queues", ct);

    public Task<TaskQueue> CreateTaskQueueAsync(string workspaceSid, TaskQueueWrite queue, CancellationToken ct) =>
        http.PostTwilioAsync<TaskQueue>($"{Ws(workspaceSid)}/TaskQueues", QueueForm(queue), ct);

    public Task<TaskQueue> UpdateTaskQueueAsync(string workspaceSid, string queueSid, TaskQueueWrite queue, CancellationToken ct) =>
        http.PostTwilioAsync<TaskQueue>($"{Ws(workspaceSid)}/TaskQueues/{Uri.EscapeDataString(queueSid)}", QueueForm(queue), ct);

    public Task DeleteTaskQueueAsync(string workspaceSid, string queueSid, CancellationToken ct) =>
        http.DeleteTwilioAsync($"{Ws(workspaceSid)}/TaskQueues/{Uri.EscapeDataString(queueSid)}", ct);

    public Task<QueueRealTimeStatistics> FetchQueueRealTimeStatisticsAsync(string workspaceSid, string queueSid, CancellationToken ct) =>
        http.GetTwilioAsync<QueueRealTimeStatistics>($"{Ws(workspaceSid)}/TaskQueues/{Uri.EscapeDataString(queueSid)}/RealTimeStatistics", ct);

    public Task<QueueCumulativeStatistics> FetchQueueCumulativeStatisticsAsync(string workspaceSid, string queueSid, int minutes, CancellationToken ct) =>
        http.GetTwilioAsync<QueueCumulativeStatistics>(
            $"{Ws(workspaceSid)}/TaskQueues/{Uri.EscapeDataString(queueSid)}/CumulativeStatistics?Minutes={minutes.ToString(System.Globalization.CultureInfo.InvariantCulture)}", ct);

    public IAsyncEnumerable<Workflow> ListWorkflowsAsync(string workspaceSid, CancellationToken ct) =>
        http.PagesAsync<Workflow>($"{Ws(workspaceSid)}/Workflows?PageSize=100", "workflows", ct);

    public Task<Workflow> CreateWorkflowAsync(string workspaceSid, WorkflowWrite workflow, CancellationToken ct) =>
        http.PostTwilioAsync<Workflow>($"{Ws(workspaceSid)}/Workflows", WorkflowForm(workflow), ct);

    public Task<Workflow> UpdateWorkflowAsync(string workspaceSid, string workflowSid, WorkflowWrite workflow, CancellationToken ct) =>
        http.PostTwilioAsync<Workflow>($"{Ws(workspaceSid)}/Workflows/{Uri.EscapeDataString(workflowSid)}", WorkflowForm(workflow), ct);

    public Task DeleteWorkflowAsync(string workspaceSid, string workflowSid, CancellationToken ct) =>
        http.DeleteTwilioAsync($"{Ws(workspaceSid)}/Workflows/{Uri.EscapeDataString(workflowSid)}", ct);

    public IAsyncEnumerable<TaskChannel> ListTaskChannelsAsync(string workspaceSid, CancellationToken ct) =>
        http.PagesAsync<TaskChannel>($"{Ws(workspaceSid)}/TaskChannels?PageSize=100", "channels", ct);

    public IAsyncEnumerable<Activity> ListActivitiesAsync(string workspaceSid, CancellationToken ct) =>
        http.PagesAsync<Activity>($"{Ws(workspaceSid)}/Activities?PageSize=100", "activities", ct);

    public IAsyncEnumerable<Worker> ListWorkersAsync(string workspaceSid, CancellationToken ct) =>
        http.PagesAsync<Worker>($"{Ws(workspaceSid)}/Workers?PageSize=100", "workers", ct);

    public Task<Worker> FetchWorkerAsync(string workspaceSid, string workerSid, CancellationToken ct) =>
        http.GetTwilioAsync<Worker>($"{Ws(workspaceSid)}/Workers/{Uri.EscapeDataString(workerSid)}", ct);

    public Task<Worker> CreateWorkerAsync(string workspaceSid, WorkerWrite worker, CancellationToken ct) =>
        http.PostTwilioAsync<Worker>($"{Ws(workspaceSid)}/Workers", WorkerForm(worker), ct);

    public Task<Worker> UpdateWorkerAsync(string workspaceSid, string workerSid, WorkerWrite worker, CancellationToken ct) =>
        http.PostTwilioAsync<Worker>($"{Ws(workspaceSid)}/Workers/{Uri.EscapeDataString(workerSid)}", WorkerForm(worker), ct);

    private static TwilioForm QueueForm(TaskQueueWrite q) => new TwilioForm()
        .Add("FriendlyName", q.FriendlyName)
        .Add("TargetWorkers", q.TargetWorkers)
        .Add("TaskOrder", q.TaskOrder)
        .Add("MaxReservedWorkers", q.MaxReservedWorkers);

    private static TwilioForm WorkflowForm(WorkflowWrite w) => new TwilioForm()
        .Add("FriendlyName", w.FriendlyName)
        .Add("Configuration", w.Configuration)
        .Add("TaskReservationTimeout", w.TaskReservationTimeout);

    private static TwilioForm WorkerForm(WorkerWrite w) => new TwilioForm()
        .Add("FriendlyName", w.FriendlyName)
        .Add("Attributes", w.Attributes)
        .Add("ActivitySid", w.ActivitySid);
}
