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
/// Each instance's view of the board. One loop applies new board events to its <see cref="BoardModel"/>: those this
/// instance's <see cref="TaskRouterIntake"/> hands over as it commits them (woken at once), and those it reads from the
/// table at least every <see cref="LiveOptions.PollMilliseconds"/> (other instances' events) — then publishes a new
/// <see cref="BoardSnapshot"/>; open pages re-render from that one shared snapshot (nobody polls Twilio per page). With
/// no page watching, no snapshot is made until someone reads <see cref="Current"/>. A second loop reconciles with
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
    private readonly System.Collections.Concurrent.ConcurrentQueue<BoardEvent> _handed = new();
    private DateTimeOffset _lastQuery = DateTimeOffset.MinValue;
    private long _tableId; // the newest id the table has been read up to (on SQLite, also what was handed over)
    private bool? _sqlite; // known after the first read
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private BoardSnapshot _current = BoardSnapshot.Empty(clock.GetUtcNow());
    private bool _stale; // the model changed since _current was made, and nobody was watching
    private BoardModel _model = new();
    private ConsoleMode? _mode;
    private DateTimeOffset _lastReconcile = DateTimeOffset.MinValue;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    /// <summary>The board now; replaced (never changed) on every update.</summary>
    public BoardSnapshot Current
    {
        get
        {
            lock (_gate)
            {
                if (_stale)
                {
                    (_current, _stale) = (_model.Snapshot(clock.GetUtcNow(), _zone, options.Value.ServiceLevelSeconds), false);
                }

                return _current;
            }
        }
    }

    /// <summary>Raised after <see cref="Current"/> changed. Handlers must be quick (pages call InvokeAsync).</summary>
    public event Action<BoardSnapshot>? Changed;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        intake.BoardEventsStored += Take;
        return Task.WhenAll(
            SupervisedLoop.RunAsync(FeedLoop, ReadNewAsync, WaitAsync, health, logger, clock, stoppingToken),
            SupervisedLoop.RunAsync(MaintenanceLoop, UpkeepAsync, ct => Task.Delay(TimeSpan.FromSeconds(5), clock, ct), health, logger, clock, stoppingToken));
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        intake.BoardEventsStored -= Take;
        return base.StopAsync(cancellationToken);
    }

    private void Take(IReadOnlyList<BoardEvent> stored)
    {
        foreach (var e in stored)
        {
            _handed.Enqueue(e);
        }

        _wake.Writer.TryWrite(true);
    }

    private async Task WaitAsync(CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAny(_wake.Reader.WaitToReadAsync(linked.Token).AsTask(), Task.Delay(TimeSpan.FromMilliseconds(options.Value.PollMilliseconds), clock, linked.Token));
        await linked.CancelAsync();
        ct.ThrowIfCancellationRequested();
        _wake.Reader.TryRead(out _);
    }

    /// <summary>
    /// One round of the feed, applied once each (by id) and published: first the events this instance's intake handed
    /// over (in memory, so never lost to a failed read); then new rows from the table — on PostgreSQL every round, from
    /// the newest row read there less a window, for the events other instances stored; on SQLite, whose one writer is
    /// this instance's intake, only after a change of mode, when nothing was handed over, or every PollMilliseconds.
    /// </summary>
    public async Task ReadNewAsync(CancellationToken ct)
    {
        var current = await settings.GetEffectiveAsync(ct);
        var handed = new List<BoardEvent>();
        while (_handed.TryDequeue(out var e))
        {
            handed.Add(e);
        }

        var now = clock.GetUtcNow();
        bool reset;
        var fresh = 0;
        lock (_gate)
        {
            reset = _mode != current.Mode;
            if (!reset)
            {
                fresh += Apply(handed.Where(e => e.Mode == current.Mode), fromTable: _sqlite == true);
            }
        }

        if (reset || handed.Count == 0 || _sqlite != true || now - _lastQuery >= TimeSpan.FromMilliseconds(options.Value.PollMilliseconds))
        {
            var events = await ReadRowsAsync(current, reset, ct);
            _lastQuery = now;
            lock (_gate)
            {
                if (reset)
                {
                    (_model, _mode, _tableId) = (new BoardModel(), current.Mode, 0); // what was handed over is in this read
                    _recent.Clear();
                }

                fresh += Apply(events, fromTable: true);
            }
        }

        if (fresh > 0 || reset)
        {
            await PublishAsync(current, ct);
        }
    }

    /// <summary>Applies the events not applied yet (under the lock); answers how many.</summary>
    /// <param name="fromTable">They come from the table (or SQLite's only writer), so the next read may start after them.</param>
    private int Apply(IEnumerable<BoardEvent> events, bool fromTable)
    {
        var fresh = 0;
        foreach (var e in events)
        {
            _tableId = fromTable ? Math.Max(_tableId, e.Id) : _tableId;
            if (_recent.Add(e.Id))
            {
                _model.Apply(e); // idempotent too: an event applied again after _recent forgot it changes nothing
                fresh++;
            }
        }

        while (_recent.Count > Window * 4)
        {
            _recent.Remove(_recent.Min);
        }

        return fresh;
    }

    /// <summary>The table's new rows: since yesterday after a change of mode, else after the newest read (less a window on PostgreSQL).</summary>
    private async Task<List<BoardEvent>> ReadRowsAsync(ConsoleSettings current, bool reset, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        _sqlite ??= db.Database.IsSqlite();
        var rows = db.BoardEvents.AsNoTracking().Where(e => e.Mode == current.Mode);
        if (reset)
        {
            var since = BoardModel.StartOfDay(clock.GetUtcNow(), current.Zone).AddDays(-1);
            return await rows.Where(e => e.OccurredAt >= since).OrderBy(e => e.Id).Take(500_000).ToListAsync(ct);
        }

        long from;
        lock (_gate)
        {
            // SQLite has one writer at a time, so ids become visible in order and nothing is re-read.
            from = Math.Max(0, _tableId - (_sqlite == true ? 0 : Window));
        }

        return await rows.Where(e => e.Id > from).OrderBy(e => e.Id).Take(20_000).ToListAsync(ct);
    }

    /// <summary>At most ten snapshots a second: events arriving faster are folded into the next one (pages re-render once for them).</summary>
    public static readonly TimeSpan MinPublishInterval = TimeSpan.FromMilliseconds(100);

    private DateTimeOffset _lastPublish = DateTimeOffset.MinValue;

    private async Task PublishAsync(ConsoleSettings current, CancellationToken ct)
    {
        if (Changed is null)
        {
            lock (_gate)
            {
                (_zone, _stale) = (current.Zone, true); // nobody is watching: the next reader of Current makes it
            }

            return;
        }

        var wait = _lastPublish + MinPublishInterval - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, ct);
        }

        BoardSnapshot snapshot;
        lock (_gate)
        {
            snapshot = _model.Snapshot(clock.GetUtcNow(), current.Zone, options.Value.ServiceLevelSeconds);
            (_current, _stale, _zone) = (snapshot, false, current.Zone);
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
