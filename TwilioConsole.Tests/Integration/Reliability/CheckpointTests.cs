using System.Buffers.Binary;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Audit;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Operations;
using TwilioConsole.Core.ThankYou;
using TwilioConsole.Tests.Fakes;
using Microsoft.EntityFrameworkCore;

namespace TwilioConsole.Tests.Integration.Reliability;

/// <summary>
/// SQLite's checkpoints run in the background (<see cref="SqliteCheckpointer"/>), not inside the webhooks' commits:
/// app connections have automatic checkpoints off, yet what they commit reaches the database file within seconds.
/// </summary>
[Trait("Lane", "Integration")]
public sealed class CheckpointTests : IAsyncDisposable
{
    private readonly ConsoleAppFactory _app = new ConsoleAppFactory().With(ThankYouDispatcher.EnabledKey, "false");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The database size in pages, as the file's header says: it grows only when a checkpoint copies the log in.</summary>
    private int HeaderPages()
    {
        using var file = new FileStream(Path.Combine(_app.DataFolder, "console.db"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var header = new byte[32];
        file.ReadExactly(header);
        return BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(28, 4));
    }

    [Fact]
    public async Task CommitsReachTheDatabaseFile_ThroughTheBackgroundCheckpoint()
    {
        var intake = _app.Services.GetRequiredService<TaskRouterIntake>();
        await using (var db = await _app.DbAsync(Ct))
        {
            await db.Database.OpenConnectionAsync(Ct); // as the app opens them: through EF, so its interceptors run
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint;";
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync(Ct))!); // no commit pays for a checkpoint
        }

        await Task.Delay(SqliteCheckpointer.Every * 2, Ct); // whatever start-up wrote is in the file
        var before = HeaderPages();
        await Task.WhenAll(Enumerable.Range(1, 400).Select(task => intake.AcceptAsync(Wrapup(task), null, Ct)));

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (HeaderPages() <= before && DateTime.UtcNow < until)
        {
            await Task.Delay(100, Ct);
        }

        Assert.True(HeaderPages() > before, $"The database file still has {before} pages: nothing was checkpointed.");
    }

    /// <summary>
    /// The log header's checkpoint sequence number and first salt (bytes 12–19), which change each time SQLite starts
    /// the log over from its first frame; null while there is no log file (the last connection closed: another test
    /// may clear every connection pool at any moment).
    /// </summary>
    private ulong? LogHeader()
    {
        try
        {
            using var file = new FileStream(Path.Combine(_app.DataFolder, "console.db-wal"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var header = new byte[20];
            return file.Read(header) == header.Length ? BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(12, 8)) : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    [Fact]
    public async Task UnderSteadyWrites_TheLogIsStartedOver_NotGrownWithoutEnd()
    {
        // Eight callers keep the writer busy batch after batch, as webhooks under load do: the lock is never free for
        // long, and a PASSIVE checkpoint alone never finds the log wholly copied, so SQLite would never start it over.
        var intake = _app.Services.GetRequiredService<TaskRouterIntake>();
        await intake.AcceptAsync(Wrapup(0), null, Ct);
        var next = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await intake.AcceptAsync(Wrapup(Interlocked.Increment(ref next)), null, Ct);
            }
        }, Ct)).ToList();

        var restarts = await CountLogRestartsAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.True(restarts >= 2, $"The log was started over {restarts} time(s) while {next} events were stored without pause.");
        await using var db = await _app.DbAsync(Ct);
        Assert.Equal(next + 1, await db.ThankYouTexts.CountAsync(Ct)); // every event stored once, none lost to a restart
    }

    /// <summary>How many times (up to two) the log is started over within 90 seconds, while the test's writers run.</summary>
    private async Task<int> CountLogRestartsAsync()
    {
        var (restarts, last) = (0, LogHeader());
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(90); // about 10 s here; room for a busy CI machine
        while (restarts < 2 && DateTime.UtcNow < until)
        {
            await Task.Delay(100, Ct);
            if (LogHeader() is { } header && header != last)
            {
                (restarts, last) = (restarts + (last is null ? 0 : 1), header);
            }
        }

        return restarts;
    }

    [Fact]
    public async Task UnderSteadyWritesFromManyRequests_TheLogIsStartedOver_Too()
    {
        // No batch writer this time: eight callers each commit on their own, as many small requests do. The
        // checkpointer's request stands unanswered for a round, and it starts the log over itself.
        var audit = _app.Services.GetRequiredService<AuditLog>();
        var written = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await audit.RecordAsync("load@example.com", "test.steady", $"writer {writer}", new string('x', 400), true, null, Ct);
                Interlocked.Increment(ref written);
            }
        }, Ct)).ToList();

        var restarts = await CountLogRestartsAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.True(restarts >= 2, $"The log was started over {restarts} time(s) while {written} audit entries were committed one by one.");
    }

    private static TaskEvent Wrapup(int task) =>
        new("task.wrapup", "WT" + task.ToString("x32", System.Globalization.CultureInfo.InvariantCulture), "voice",
            $$"""{"from":"{{TaskRouterEvents.Caller(task % 1000)}}","name":"Caller {{task}} {{new string('x', 200)}}"}""", "Support", "Alice", Sids.Make("WK", 1), 95);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
