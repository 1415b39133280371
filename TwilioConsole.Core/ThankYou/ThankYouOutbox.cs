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
    private Operations.BatchWriter<PendingInsert>? _writer;

    private Operations.BatchWriter<PendingInsert> Writer => LazyInitializer.EnsureInitialized(ref _writer, () => new(WriterName, MaxBatch, WriteBatchAsync,
        (item, e) => item.Done.TrySetException(e), health, (e, count) => LogBatchFailed(logger, e, count)));

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

    /// <summary>
    /// Takes one event and answers once it is durably decided: the request thread only hands the raw event to the
    /// writer; planning the text (attributes, phone number, template) happens there, once per batch's settings read.
    /// </summary>
    /// <returns>The decision taken, and whether a row was added (false for a repeat, or for an event that asks for nothing).</returns>
    public Task<(ThankYouDecision Decision, bool Added)> AcceptAsync(TaskEvent e, CancellationToken ct)
    {
        var done = new TaskCompletionSource<(ThankYouDecision, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        Writer.Post(new PendingInsert(e, done));
        return done.Task.WaitAsync(ct);
    }

    /// <summary>The row an event makes, or null when the planner says to store nothing.</summary>
    private ThankYouText? Plan(TaskEvent e, ThankYouDecision decision, ConsoleSettings current)
    {
        if (decision is ThankYouDecision.Ignore)
        {
            return null;
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

        return row;
    }

    /// <summary>
    /// Plans each event of the batch (one settings read for all), then stores the rows in one transaction with one
    /// prepared <c>INSERT … ON CONFLICT ("TaskSid") DO NOTHING</c> (SQLite and PostgreSQL alike): a row whose task is
    /// already stored — earlier, by another instance, or twice in this batch — changes nothing and reports "not added".
    /// No change tracking, no read before the write. Concurrent webhooks thus cost a few commits instead of one each.
    /// </summary>
    private async Task WriteBatchAsync(List<PendingInsert> batch)
    {
        var current = await settings.GetEffectiveAsync(CancellationToken.None);
        var thankYou = await settingsStore.GetAsync(CancellationToken.None);
        var planned = new List<(PendingInsert Item, ThankYouDecision Decision, ThankYouText Row)>(batch.Count);
        foreach (var item in batch)
        {
            var decision = ThankYouPlanner.Plan(item.Event, thankYou, current.DefaultRegion);
            if (Plan(item.Event, decision, current) is { } row)
            {
                planned.Add((item, decision, row));
            }
            else
            {
                item.Done.TrySetResult((decision, false)); // nothing to store for this event
            }
        }

        if (planned.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using var insert = await PreparedInsert<ThankYouText>.CreateAsync(db, transaction, "ThankYouTexts", "TaskSid", CancellationToken.None);
        var results = new List<(PendingInsert Item, ThankYouDecision Decision, ThankYouText Row, bool Added)>(planned.Count);
        foreach (var (item, decision, row) in planned)
        {
            results.Add((item, decision, row, await insert.ExecuteAsync(row, CancellationToken.None)));
        }

        await transaction.CommitAsync();
        var queued = results.Count(r => r.Added && r.Row.Status == ThankYouStatus.Pending);
        if (queued > 0)
        {
            Operations.ConsoleMetrics.TextsQueued.Add(queued);
            Wake();
        }

        results.ForEach(r => r.Item.Done.TrySetResult((r.Decision, r.Added)));
    }

    public void Dispose() => _writer?.Dispose();

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "Could not store {Count} thank-you text(s); their webhooks answer 5xx so Twilio retries (logged once until it recovers)")]
    private static partial void LogBatchFailed(Microsoft.Extensions.Logging.ILogger logger, Exception error, int count);

    private sealed record PendingInsert(TaskEvent Event, TaskCompletionSource<(ThankYouDecision, bool)> Done);

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
