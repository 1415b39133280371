using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Operations;
using TwilioConsole.Core.Routing;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Core.Live;

/// <summary>
/// Each instance's view of the board. One loop reads new board events from the database — woken at once by this
/// instance's <see cref="TaskRouterIntake"/> after it stored board events, and every <see cref="LiveOptions.PollMilliseconds"/> for events other
/// instances stored — applies them to its <see cref="BoardModel"/> and publishes a new <see cref="BoardSnapshot"/>;
/// open pages re-render from that one shared snapshot (nobody polls Twilio per page). A second loop reconciles with
/// TaskRouter's real-time statistics, refreshes "longest wait" as time passes, forgets yesterday and prunes old rows.
/// Both are supervised: a failing database or Twilio never stops them or the host.
/// </summary>
public sealed partial class BoardFeed(
    IDbContextFactory<AppDbContext> dbFactory,
    TaskRouterIntake intake,
    SettingsService settings,
    ITwilioGateway gateway,
    RoutingSpecStore specs,
    IOptions<LiveOptions> options,
    TimeProvider clock,
    LoopHealth health,
    ILogger<BoardFeed> logger) : BackgroundService
{
    public const string FeedLoop = "live board feed";
    public const string MaintenanceLoop = "live board upkeep";
    private const int Window = 256; // ids re-read behind the newest on PostgreSQL, which may commit a lower id after a higher one

    private readonly Lock _gate = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SortedSet<long> _recent = [];
    private BoardModel _model = new();
    private ConsoleMode? _mode;
    private DateTimeOffset _lastReconcile = DateTimeOffset.MinValue;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    /// <summary>The board now; replaced (never changed) on every update.</summary>
    public BoardSnapshot Current { get; private set; } = BoardSnapshot.Empty(clock.GetUtcNow());

    /// <summary>Raised after <see cref="Current"/> changed. Handlers must be quick (pages call InvokeAsync).</summary>
    public event Action<BoardSnapshot>? Changed;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        intake.BoardEventsStored += Wake;
        return Task.WhenAll(
            SupervisedLoop.RunAsync(FeedLoop, ReadNewAsync, WaitAsync, health, logger, clock, stoppingToken),
            SupervisedLoop.RunAsync(MaintenanceLoop, UpkeepAsync, ct => Task.Delay(TimeSpan.FromSeconds(5), clock, ct), health, logger, clock, stoppingToken));
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        intake.BoardEventsStored -= Wake;
        return base.StopAsync(cancellationToken);
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task WaitAsync(CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAny(_wake.Reader.WaitToReadAsync(linked.Token).AsTask(), Task.Delay(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), clock, linked.Token));
        await linked.CancelAsync();
        ct.ThrowIfCancellationRequested();
        _wake.Reader.TryRead(out _);
    }

    /// <summary>One round of the feed: new rows since the last round (and a window behind it), applied and published.</summary>
    public async Task ReadNewAsync(CancellationToken ct)
    {
        var current = await settings.GetEffectiveAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        IQueryable<BoardEvent> rows = db.BoardEvents.AsNoTracking().Where(e => e.Mode == current.Mode);
        bool reset;
        long from;
        lock (_gate)
        {
            reset = _mode != current.Mode;
            // SQLite has one writer at a time, so ids become visible in order and nothing is re-read.
            from = reset ? 0 : Math.Max(0, _model.LastEventId - (db.Database.IsSqlite() ? 0 : Window));
        }

        List<BoardEvent> events;
        if (reset)
        {
            var since = BoardModel.StartOfDay(clock.GetUtcNow(), current.Zone).AddDays(-1);
            events = await rows.Where(e => e.OccurredAt >= since).OrderBy(e => e.Id).Take(500_000).ToListAsync(ct);
        }
        else
        {
            events = await rows.Where(e => e.Id > from).OrderBy(e => e.Id).Take(20_000).ToListAsync(ct);
        }

        lock (_gate)
        {
            if (reset)
            {
                (_model, _mode) = (new BoardModel(), current.Mode);
                _recent.Clear();
            }

            var fresh = events.Where(e => _recent.Add(e.Id)).ToList();
            while (_recent.Count > Window * 4)
            {
                _recent.Remove(_recent.Min);
            }

            if (fresh.Count == 0 && !reset)
            {
                return;
            }

            fresh.ForEach(_model.Apply);
        }

        await PublishAsync(current, ct);
    }

    /// <summary>At most ten snapshots a second: events arriving faster are folded into the next one (pages re-render once for them).</summary>
    public static readonly TimeSpan MinPublishInterval = TimeSpan.FromMilliseconds(100);

    private DateTimeOffset _lastPublish = DateTimeOffset.MinValue;

    private async Task PublishAsync(ConsoleSettings current, CancellationToken ct)
    {
        var wait = _lastPublish + MinPublishInterval - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, ct);
        }

        BoardSnapshot snapshot;
        lock (_gate)
        {
            snapshot = _model.Snapshot(clock.GetUtcNow(), current.Zone, options.Value.ServiceLevelSeconds);
            Current = snapshot;
            _lastPublish = snapshot.At;
        }

        Changed?.Invoke(snapshot);
    }

    /// <summary>
    /// Every 5 s: the managed queues (read here, off the publishing path) and a fresh "now" for waits; every
    /// ReconcileSeconds, or when the managed queues changed: TaskRouter's view; hourly: prune old rows.
    /// </summary>
    private async Task UpkeepAsync(CancellationToken ct)
    {
        var current = await settings.GetEffectiveAsync(ct);
        var now = clock.GetUtcNow();
        var managed = (await specs.GetAsync(ct)).Queues.Select(q => q.FriendlyName).Order(StringComparer.Ordinal).ToList();
        List<string> asked;
        lock (_gate)
        {
            _model.Queues = managed;
            asked = _model.LastReconcile?.Queues.Select(q => q.Name).Order(StringComparer.Ordinal).ToList() ?? [];
        }

        if (options.Value.Reconcile && (now - _lastReconcile >= TimeSpan.FromSeconds(options.Value.ReconcileSeconds) || !managed.SequenceEqual(asked)))
        {
            _lastReconcile = now;
            var reconcile = await FetchReconcileAsync(managed, ct);
            if (reconcile is not null)
            {
                lock (_gate)
                {
                    _model.Reconcile(reconcile);
                }
            }
        }

        if (now - _lastPrune >= TimeSpan.FromHours(1))
        {
            _lastPrune = now;
            var cutoff = now.AddDays(-options.Value.RetentionDays);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var pruned = await db.BoardEvents.Where(e => e.OccurredAt < cutoff).ExecuteDeleteAsync(ct);
            if (pruned > 0)
            {
                LogPruned(logger, pruned, options.Value.RetentionDays);
            }

            lock (_gate)
            {
                _model.Forget(BoardModel.StartOfDay(now, current.Zone).AddDays(-1));
            }
        }

        await PublishAsync(current, ct);
    }

    /// <summary>TaskRouter's queues (members by their target expression, tasks waiting) and workers; null without a workspace.</summary>
    private async Task<BoardReconcile?> FetchReconcileAsync(IReadOnlyList<string> managed, CancellationToken ct)
    {
        var twilio = await gateway.CurrentAsync(ct);
        if (twilio.WorkspaceSid is not { } workspace)
        {
            return null;
        }

        var queues = await twilio.TaskRouter.ListTaskQueuesAsync(workspace, ct).ToListAsync(ct);
        var workers = await twilio.TaskRouter.ListWorkersAsync(workspace, ct).ToListAsync(ct);
        var reconciled = new List<ReconciledQueue>();
        foreach (var queue in queues.Where(q => managed.Contains(q.FriendlyName)))
        {
            var target = WorkflowEvaluator.Compiled(queue.TargetWorkers);
            var stats = await twilio.TaskRouter.FetchQueueRealTimeStatisticsAsync(workspace, queue.Sid, ct);
            var waiting = stats.TasksByStatus is { } byStatus ? byStatus.GetValueOrDefault("pending") + byStatus.GetValueOrDefault("reserved") : (int?)null;
            reconciled.Add(new ReconciledQueue(queue.FriendlyName, waiting, [.. workers.Where(w => target.Evaluate(w.Attributes)).Select(w => w.Sid)]));
        }

        return new BoardReconcile(clock.GetUtcNow(), reconciled, [.. workers.Select(w => new ReconciledAgent(w.Sid, w.FriendlyName, w.ActivityName, w.Available))]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} board event(s) older than {Days} days")]
    private static partial void LogPruned(ILogger logger, int count, int days);
}
