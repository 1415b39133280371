using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Routing;

/// <summary>A managed queue's live numbers, or why they could not be read.</summary>
public sealed record QueueSnapshot(string Name, string? Sid, QueueRealTimeStatistics? Statistics, string? Error);

/// <summary>Live statistics (tasks by status, available workers, longest wait) for the queues the routing spec manages.</summary>
public sealed class QueueStatistics(ITwilioGateway gateway, RoutingSpecStore specs)
{
    public async Task<IReadOnlyList<QueueSnapshot>> SnapshotAsync(CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        var spec = await specs.GetAsync(ct);
        if (twilio.WorkspaceSid is not { } workspace)
        {
            return [.. spec.Queues.Select(q => new QueueSnapshot(q.FriendlyName, null, null, TwilioProducts.NoWorkspace))];
        }

        IReadOnlyList<TaskQueue> queues;
        try
        {
            queues = await twilio.TaskRouter.ListTaskQueuesAsync(workspace, ct).ToListAsync(ct);
        }
        catch (TwilioApiException e)
        {
            return [.. spec.Queues.Select(q => new QueueSnapshot(q.FriendlyName, null, null, $"Could not list queues: {e.TwilioMessage}"))];
        }

        var snapshots = new List<QueueSnapshot>();
        foreach (var wanted in spec.Queues)
        {
            var queue = queues.FirstOrDefault(q => q.FriendlyName == wanted.FriendlyName);
            if (queue is null)
            {
                snapshots.Add(new(wanted.FriendlyName, null, null, "Not created yet: apply the routing plan."));
                continue;
            }

            try
            {
                snapshots.Add(new(wanted.FriendlyName, queue.Sid, await twilio.TaskRouter.FetchQueueRealTimeStatisticsAsync(workspace, queue.Sid, ct), null));
            }
            catch (TwilioApiException e)
            {
                snapshots.Add(new(wanted.FriendlyName, queue.Sid, null, e.TwilioMessage));
            }
        }

        return snapshots;
    }
}
