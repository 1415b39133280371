using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.ThankYou;

namespace TwilioConsole.Core.Operations;

/// <summary>What storing one TaskRouter event decided.</summary>
/// <param name="Decision">The thank-you planner's decision for the event.</param>
/// <param name="TextAdded">A thank-you row was added (false for a repeat, or for an event that asks for nothing).</param>
/// <param name="BoardEventAdded">The board's event was added (false for a repeat, or when none was given).</param>
public sealed record TaskRouterIntakeResult(ThankYouDecision Decision, bool TextAdded, bool BoardEventAdded);

/// <summary>
/// Where the TaskRouter webhook's events become durable, in <b>one</b> group commit for both of their uses: the
/// request thread only hands the raw event over; one writer takes whatever has queued, plans the thank-you texts
/// (attributes, phone number, template; one settings read per batch) and stores, in one transaction, the texts with
/// one prepared <c>INSERT … ON CONFLICT ("TaskSid") DO NOTHING</c> and the board's events with one prepared
/// <c>INSERT … ON CONFLICT ("EventKey") DO NOTHING</c> (SQLite and PostgreSQL alike). A repeat — earlier, by another
/// instance, or twice in one batch — changes nothing. The webhook answers once its batch is committed; a failed batch
/// fails each of its webhooks (5xx, so TaskRouter delivers again). After the commit the dispatcher is woken and the
/// local board is handed the events just added (with their ids), so it need not read them back; then, when asked, the
/// writer starts SQLite's log over (<see cref="SqliteLogRestart"/>). One writer rather than one per table: SQLite takes
/// one writer at a time, so two would wait on each other's locks, and each commit costs its own transaction.
/// </summary>
public sealed partial class TaskRouterIntake(
    IDbContextFactory<AppDbContext> dbFactory,
    ThankYouSettingsStore thankYouSettings,
    SettingsService settings,
    ThankYouOutbox outbox,
    TimeProvider clock,
    LoopHealth health,
    SqliteLogRestart logRestart,
    ILogger<TaskRouterIntake> logger) : IDisposable
{
    public const string WriterName = "TaskRouter event writer";
    private const int MaxBatch = 256;
    private BatchWriter<Pending>? _writer;

    private sealed record Pending(TaskEvent Event, BoardEvent? BoardEvent, TaskCompletionSource<TaskRouterIntakeResult> Done);

    /// <summary>
    /// Raised after a batch that added board events is committed, with those events (ids set), in commit order — on the
    /// writer's thread, so handlers must be quick and must not change them.
    /// </summary>
    public event Action<IReadOnlyList<BoardEvent>>? BoardEventsStored;

    private BatchWriter<Pending> Writer => LazyInitializer.EnsureInitialized(ref _writer, () => new(WriterName, MaxBatch, WriteAsync,
        (item, e) => item.Done.TrySetException(e), health, (e, count) => LogBatchFailed(logger, e, count)));

    /// <summary>Takes one event (and the board's record of it, when the board keeps its type); completes once durably decided.</summary>
    public Task<TaskRouterIntakeResult> AcceptAsync(TaskEvent e, BoardEvent? boardEvent, CancellationToken ct)
    {
        var done = new TaskCompletionSource<TaskRouterIntakeResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Writer.Post(new Pending(e, boardEvent, done));
        return done.Task.WaitAsync(ct);
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        var current = await settings.GetEffectiveAsync(CancellationToken.None);
        var thankYou = await thankYouSettings.GetAsync(CancellationToken.None);
        var now = clock.GetUtcNow();
        var planned = new List<(Pending Item, ThankYouDecision Decision, ThankYouText? Row)>(batch.Count);
        foreach (var item in batch)
        {
            var decision = ThankYouPlanner.Plan(item.Event, thankYou, current.DefaultRegion);
            if (item.BoardEvent is { Mode: null } boardEvent)
            {
                boardEvent.Mode = current.Mode;
            }

            planned.Add((item, decision, ThankYouOutbox.Row(item.Event, decision, current.Mode, now)));
        }

        var textAdded = new bool[planned.Count];
        var eventAdded = new bool[planned.Count];
        List<BoardEvent>? stored = null;
        var (anyText, anyEvent) = (planned.Any(p => p.Row is not null), planned.Any(p => p.Item.BoardEvent is not null));
        if (anyText || anyEvent)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var texts = anyText ? await PreparedInsert<ThankYouText>.CreateAsync(db, transaction, "ThankYouTexts", "TaskSid", CancellationToken.None) : null;
            var events = anyEvent ? await PreparedInsert<BoardEvent>.CreateAsync(db, transaction, "BoardEvents", "EventKey", CancellationToken.None) : null;
            await using (texts)
            await using (events)
            {
                // Every writer inserts in one order (texts by TaskSid, then events by key): on PostgreSQL, two instances
                // storing overlapping batches then wait for each other at most, and never deadlock.
                foreach (var i in Order(planned.Count, i => planned[i].Row?.TaskSid))
                {
                    textAdded[i] = await texts!.ExecuteAsync(planned[i].Row!, CancellationToken.None) is not null;
                }

                foreach (var i in Order(planned.Count, i => planned[i].Item.BoardEvent?.EventKey))
                {
                    var boardEvent = planned[i].Item.BoardEvent!;
                    if (await events!.ExecuteAsync(boardEvent, CancellationToken.None) is { } id)
                    {
                        (eventAdded[i], boardEvent.Id) = (true, id);
                        (stored ??= []).Add(boardEvent);
                    }
                }
            }

            await transaction.CommitAsync();
        }

        var results = planned.Select((p, i) => new TaskRouterIntakeResult(p.Decision, textAdded[i], eventAdded[i])).ToList();
        var queued = planned.Zip(results).Count(p => p.Second.TextAdded && p.First.Row!.Status == ThankYouStatus.Pending);
        if (queued > 0)
        {
            ConsoleMetrics.TextsQueued.Add(queued);
            outbox.Wake();
        }

        if (stored is not null)
        {
            stored.Sort((a, b) => a.Id.CompareTo(b.Id));
            BoardEventsStored?.Invoke(stored);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(results[i]);
        }

        // Between two batches, holding no transaction: the one moment a steady stream of them leaves SQLite's lock free.
        await logRestart.RunIfRequestedAsync(CancellationToken.None);
    }

    /// <summary>The indexes whose key is set, in ordinal order of the key.</summary>
    private static IEnumerable<int> Order(int count, Func<int, string?> key) =>
        Enumerable.Range(0, count).Where(i => key(i) is not null).OrderBy(key, StringComparer.Ordinal);

    public void Dispose() => _writer?.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Count} TaskRouter event(s); their webhooks answer 5xx so TaskRouter retries (logged once until it recovers)")]
    private static partial void LogBatchFailed(ILogger logger, Exception error, int count);
}
