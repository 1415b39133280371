using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace TwilioConsole.Core.Data;

/// <summary>
/// Starting SQLite's write-ahead log over, which a background PASSIVE checkpoint cannot do under steady writes: it
/// copies the frames there were when it began, new commits land behind them, so the log is never wholly copied and
/// SQLite never starts it over (it grew by about 30 MB a second under webhook load, 600 MB in a 20-second run, and every
/// page lookup searched a longer log index). A RESTART checkpoint would need the writer's lock, which a writer that
/// commits batch after batch never leaves free long enough for another connection to take. So
/// <see cref="SqliteCheckpointer"/> asks (<see cref="Request"/>), and the busiest writer — the webhooks' group commit —
/// runs one more checkpoint itself between two of its batches (<see cref="RunIfRequestedAsync"/>), when no commit can
/// land behind it. It copies only the frames since the checkpointer's last round, and the next commit starts the log
/// from its beginning (the file keeps its size, so no new blocks are zeroed). When no batch comes within a round, the
/// writes come from elsewhere — many requests each committing on its own, which leave the lock free between them — and
/// the checkpointer runs a RESTART itself (<see cref="RestartAsync"/>). On PostgreSQL nothing asks, so nothing runs.
/// </summary>
public sealed class SqliteLogRestart(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>How long the checkpointer's RESTART waits for the lock and for readers before it gives up until the next request.</summary>
    public static readonly TimeSpan RestartWait = TimeSpan.FromMilliseconds(100);

    private int _requested;

    internal void Request() => Volatile.Write(ref _requested, 1);

    /// <summary>Takes the standing request, if there is one: whoever takes it does the copy.</summary>
    internal bool TakeRequest() => Interlocked.Exchange(ref _requested, 0) == 1;

    /// <summary>
    /// Copies the whole log when the checkpointer asked for it; call it between batches, holding no transaction. Never
    /// throws, so the caller's batches go on: should it fail, the request stands for the next batch, and the
    /// checkpointer's own rounds, on the same database, report what keeps failing.
    /// </summary>
    public async Task RunIfRequestedAsync(CancellationToken ct)
    {
        if (!TakeRequest())
        {
            return;
        }

        try
        {
            await RunAsync(ct);
        }
#pragma warning disable CA1031 // whatever SQLite throws here, the checkpointer's rounds report it; the caller's batches go on
        catch (Exception)
#pragma warning restore CA1031
        {
            Request();
        }
    }

    /// <summary>
    /// A PASSIVE checkpoint run by the writer itself: with no commit landing while it copies, it copies the whole log,
    /// and SQLite starts the log over at the next commit (unless a reader still reads an older part of it, when the
    /// next request tries again). Unlike RESTART it never waits for readers: RESTART does, through SQLite's busy handler,
    /// which sleeps in steps of up to 25 ms, and held the writer for 10–80 ms each time under load.
    /// </summary>
    private async Task RunAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct); // through EF, so SqlitePragmas sets the connection up as every app connection
        await CheckpointAsync(db.Database.GetDbConnection(), "PASSIVE", ct);
    }

    /// <summary>
    /// The checkpointer's own restart, for when no batch writer took the request within a round: RESTART waits for the
    /// writer's lock and for readers of the old log, here at most <see cref="RestartWait"/> (then it gives up until the
    /// next request), copies what is left, and has the next commit start the log over.
    /// </summary>
    internal static async Task RestartAsync(DbConnection connection, CancellationToken ct)
    {
        await using (var wait = connection.CreateCommand())
        {
            wait.CommandText = $"PRAGMA busy_timeout={(int)RestartWait.TotalMilliseconds};"; // SqlitePragmas sets it back at the next open
            await wait.ExecuteNonQueryAsync(ct);
        }

        await CheckpointAsync(connection, "RESTART", ct);
    }

    /// <returns>SQLite's answer to <c>PRAGMA wal_checkpoint(mode)</c>: busy, frames in the log, frames copied.</returns>
    internal static async Task<(bool Busy, long Log, long Copied)> CheckpointAsync(DbConnection connection, string mode, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0) != 0, reader.GetInt64(1), reader.GetInt64(2)) : (false, 0, 0);
    }
}
