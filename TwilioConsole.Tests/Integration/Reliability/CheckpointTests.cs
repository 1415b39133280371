using System.Buffers.Binary;
using Microsoft.Extensions.DependencyInjection;
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
        await Task.WhenAll(Enumerable.Range(1, 400).Select(task =>
            intake.AcceptAsync(new TaskEvent("task.wrapup", "WT" + task.ToString("x32", System.Globalization.CultureInfo.InvariantCulture), "voice",
                $$"""{"from":"{{TaskRouterEvents.Caller(task)}}","name":"Caller {{task}} {{new string('x', 200)}}"}""", "Support", "Alice", Sids.Make("WK", 1), 95), null, Ct)));

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (HeaderPages() <= before && DateTime.UtcNow < until)
        {
            await Task.Delay(100, Ct);
        }

        Assert.True(HeaderPages() > before, $"The database file still has {before} pages: nothing was checkpointed.");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
