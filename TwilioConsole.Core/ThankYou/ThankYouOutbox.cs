using Microsoft.EntityFrameworkCore;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Settings;

namespace TwilioConsole.Core.ThankYou;

public sealed record ThankYouQuery(string? Search = null, ThankYouStatus? Status = null, int Page = 0, int PageSize = 25);

public sealed record ThankYouPage(IReadOnlyList<ThankYouText> Items, int Total);

public sealed record ThankYouTotals(int Sent, int Pending, int Failed, int Skipped);

/// <summary>
/// Where TaskRouter events become thank-you texts: one row per TaskSid (a unique index), written in one insert, so a
/// repeated or late event never makes a second text. The dispatcher sends from here.
/// </summary>
public sealed partial class ThankYouOutbox(
    IDbContextFactory<AppDbContext> dbFactory,
    ThankYouSettingsStore settingsStore,
    SettingsService settings,
    TimeProvider clock,
    Operations.LoopHealth health,
    Microsoft.Extensions.Logging.ILogger<ThankYouOutbox> logger) : IDisposable
{
    public const string WriterName = "thank-you outbox writer";

    private const int MaxBatch = 256;
    private readonly System.Threading.Channels.Channel<PendingInsert> _inserts =
        System.Threading.Channels.Channel.CreateUnbounded<PendingInsert>(new() { SingleReader = true });
    private readonly Lock _writerGate = new();
    private Task? _writer;

    private readonly System.Threading.Channels.Channel<bool> _wake = System.Threading.Channels.Channel.CreateBounded<bool>(
        new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });

    /// <summary>Completes when a new text is waiting (or after <paramref name="timeout"/>); the dispatcher waits on it.</summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var signalled = _wake.Reader.WaitToReadAsync(linked.Token).AsTask();
        await Task.WhenAny(signalled, Task.Delay(timeout, clock, linked.Token));
        await linked.CancelAsync();
        ct.ThrowIfCancellationRequested();
        _wake.Reader.TryRead(out _);
    }

    public void Wake() => _wake.Writer.TryWrite(true);

    /// <returns>The decision taken, and whether a row was added (false for a repeat).</returns>
    public async Task<(ThankYouDecision Decision, bool Added)> AcceptAsync(TaskEvent e, CancellationToken ct)
    {
        var current = await settings.GetEffectiveAsync(ct);
        var decision = ThankYouPlanner.Plan(e, await settingsStore.GetAsync(ct), current.DefaultRegion);
        if (decision is ThankYouDecision.Ignore)
        {
            return (decision, false);
        }

        var now = clock.GetUtcNow();
        var row = new ThankYouText
        {
            TaskSid = e.TaskSid!, EventType = e.EventType, QueueName = TextBounds.Cut(e.TaskQueueName, 128), AgentName = TextBounds.Cut(e.WorkerName, 128),
            Body = "", CreatedAt = now, UpdatedAt = now, NextAttemptAt = now, Mode = current.Mode,
        };
        switch (decision)
        {
            case ThankYouDecision.Send send:
                (row.CustomerNumber, row.CustomerName, row.Body, row.Status) = (send.To, TextBounds.Cut(send.CustomerName, 128), send.Body, ThankYouStatus.Pending);
                break;
            case ThankYouDecision.Skip skip:
                (row.CustomerNumber, row.CustomerName, row.Status, row.SkipReason) =
                    (TextBounds.Cut(skip.CustomerNumber, 64), TextBounds.Cut(skip.CustomerName, 128), ThankYouStatus.Skipped, TextBounds.Cut(skip.Reason, 256));
                break;
        }

        if (!await InsertAsync(row, ct))
        {
            return (decision, false); // the same event again (a retry, a duplicate, another instance)
        }

        if (row.Status == ThankYouStatus.Pending)
        {
            Operations.ConsoleMetrics.TextsQueued.Add(1);
            Wake();
        }

        return (decision, true);
    }

    /// <summary>
    /// Adds the row unless its task already has one; true when added. Concurrent webhooks hand their rows to one writer,
    /// which stores whatever has arrived in a single transaction (group commit), so a burst of events costs a few
    /// commits instead of one each, and writers never queue up on the database's lock.
    /// </summary>
    private Task<bool> InsertAsync(ThankYouText row, CancellationToken ct)
    {
        lock (_writerGate)
        {
            if (_writer is null || _writer.IsCompleted)
            {
                _writer = Task.Run(WriteLoopAsync, CancellationToken.None); // started on first use; restarted should it ever end
            }
        }

        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        ObjectDisposedException.ThrowIf(!_inserts.Writer.TryWrite(new PendingInsert(row, done)), this);

        return done.Task.WaitAsync(ct);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingInsert>(MaxBatch);
        while (await _inserts.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _inserts.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await WriteBatchAsync(batch);
                health.Succeeded(WriterName);
            }
#pragma warning disable CA1031 // whatever the database throws (SQLite, Npgsql, a time-out), the batch fails and the writer goes on
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (health.Failed(WriterName, e))
                {
                    LogBatchFailed(logger, e, batch.Count);
                }

                foreach (var item in batch)
                {
                    item.Done.TrySetException(e); // each webhook answers 5xx, so Twilio sends the event again
                }
            }
        }
    }

    /// <summary>Skips tasks already stored (or twice in the batch), inserts the rest together; if another instance won a race, row by row.</summary>
    private async Task WriteBatchAsync(List<PendingInsert> batch)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var sids = batch.Select(b => b.Row.TaskSid).Distinct().ToList();
        var existing = (await db.ThankYouTexts.Where(t => sids.Contains(t.TaskSid)).Select(t => t.TaskSid).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var added = new List<PendingInsert>();
        foreach (var item in batch)
        {
            if (existing.Add(item.Row.TaskSid))
            {
                added.Add(item);
                db.ThankYouTexts.Add(item.Row);
            }
            else
            {
                item.Done.TrySetResult(false);
            }
        }

        try
        {
            await db.SaveChangesAsync();
            added.ForEach(item => item.Done.TrySetResult(true));
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            foreach (var item in added)
            {
                await using var single = await dbFactory.CreateDbContextAsync();
                item.Row.Id = 0;
                single.ThankYouTexts.Add(item.Row);
                try
                {
                    await single.SaveChangesAsync();
                    item.Done.TrySetResult(true);
                }
                catch (DbUpdateException)
                {
                    item.Done.TrySetResult(false);
                }
            }
        }
    }

    public void Dispose() => _inserts.Writer.TryComplete();

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "Could not store {Count} thank-you text(s); their webhooks answer 5xx so Twilio retries (logged once until it recovers)")]
    private static partial void LogBatchFailed(Microsoft.Extensions.Logging.ILogger logger, Exception error, int count);

    private sealed record PendingInsert(ThankYouText Row, TaskCompletionSource<bool> Done);

    public async Task<ThankYouPage> QueryAsync(ThankYouQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.ThankYouTexts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            rows = rows.Where(t => t.TaskSid.Contains(term) || (t.CustomerNumber != null && t.CustomerNumber.Contains(term)) ||
                                   (t.CustomerName != null && t.CustomerName.Contains(term)) || (t.AgentName != null && t.AgentName.Contains(term)) ||
                                   (t.QueueName != null && t.QueueName.Contains(term)));
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(t => t.Status == status);
        }

        var total = await rows.CountAsync(ct);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var items = await rows.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Skip(Math.Max(0, query.Page) * size).Take(size).ToListAsync(ct);
        return new ThankYouPage(items, total);
    }

    /// <summary>Counts by status. In Twilio mode, texts the Sandbox made are left out: the totals are the real account's.</summary>
    public async Task<ThankYouTotals> TotalsAsync(CancellationToken ct)
    {
        var twilio = (await settings.GetEffectiveAsync(ct)).Mode == ConsoleMode.Twilio;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.ThankYouTexts.Where(t => !twilio || t.Mode == null || t.Mode != ConsoleMode.Sandbox).GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(params ThankYouStatus[] statuses) => counts.Where(c => statuses.Contains(c.Key)).Sum(c => c.Count);
        return new ThankYouTotals(Of(ThankYouStatus.Sent), Of(ThankYouStatus.Pending, ThankYouStatus.Sending), Of(ThankYouStatus.Failed), Of(ThankYouStatus.Skipped));
    }

    /// <summary>Puts a failed text back in line (staff pressed Retry). Only failed texts; audited by the caller.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await db.ThankYouTexts.Where(t => t.Id == id && t.Status == ThankYouStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, ThankYouStatus.Pending).SetProperty(t => t.NextAttemptAt, clock.GetUtcNow())
                .SetProperty(t => t.Attempts, 0).SetProperty(t => t.UpdatedAt, clock.GetUtcNow()), ct);
        if (changed == 1)
        {
            Wake();
        }

        return changed == 1;
    }
}
