using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Operations;

namespace TwilioConsole.Core.Live;

/// <summary>
/// Stores the events the board needs, next to the thank-you outbox and the same way: the webhook hands the event over,
/// one writer stores a batch with one prepared <c>INSERT … ON CONFLICT ("EventKey") DO NOTHING</c>, and the webhook
/// answers once it is durable (a failure answers 5xx, so TaskRouter delivers it again). After each commit the local
/// <see cref="BoardFeed"/> is woken; other instances find the rows on their next poll.
/// </summary>
public sealed partial class BoardEventRecorder(IDbContextFactory<AppDbContext> dbFactory, Settings.SettingsService settings, LoopHealth health,
    ILogger<BoardEventRecorder> logger) : IDisposable
{
    public const string WriterName = "board event writer";
    private BatchWriter<Pending>? _writer;

    private sealed record Pending(BoardEvent Event, TaskCompletionSource<bool> Done);

    /// <summary>Raised after a batch is committed (on the writer's thread).</summary>
    public event Action? Stored;

    private BatchWriter<Pending> Writer => LazyInitializer.EnsureInitialized(ref _writer, () => new(WriterName, 256, WriteAsync,
        (item, e) => item.Done.TrySetException(e), health, (e, count) => LogFailed(logger, e, count)));

    /// <returns>True when stored; false when this event was stored before (a repeat).</returns>
    public Task<bool> RecordAsync(BoardEvent e, CancellationToken ct)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Writer.Post(new Pending(e, done));
        return done.Task.WaitAsync(ct);
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        var mode = (await settings.GetEffectiveAsync(CancellationToken.None)).Mode; // one settings read per batch
        batch.ForEach(item => item.Event.Mode ??= mode);
        var results = new List<(Pending Item, bool Added)>(batch.Count);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await using var insert = await PreparedInsert<BoardEvent>.CreateAsync(db, transaction, "BoardEvents", "EventKey", CancellationToken.None);
            foreach (var item in batch)
            {
                results.Add((item, await insert.ExecuteAsync(item.Event, CancellationToken.None)));
            }

            await transaction.CommitAsync();
        }

        if (results.Any(r => r.Added))
        {
            Stored?.Invoke();
        }

        results.ForEach(r => r.Item.Done.TrySetResult(r.Added));
    }

    public void Dispose() => _writer?.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store {Count} board event(s); their webhooks answer 5xx so TaskRouter retries (logged once until it recovers)")]
    private static partial void LogFailed(ILogger logger, Exception error, int count);
}
