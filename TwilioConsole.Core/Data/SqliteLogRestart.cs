using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace TwilioConsole.Core.Data;

/// <summary>
/// Starting SQLite's write-ahead log over, which a background PASSIVE checkpoint cannot do under steady writes: it
/// copies the frames there were when it began, new commits land behind them, so the log is never wholly copied and
/// SQLite never starts it over (it grew by about 30 MB a second under webhook load, 600 MB in a 20-second run, and every
/// page lookup searched a longer log index). A RESTART checkpoint needs the writer's lock, which a writer that commits
/// batch after batch never leaves free long enough for another connection to take. So <see cref="SqliteCheckpointer"/>
/// asks (<see cref="Request"/>), and the busiest writer — the webhooks' group commit — restarts the log between two of
/// its batches (<see cref="RunIfRequestedAsync"/>); when no such writer comes, the checkpointer does it itself. A
/// restart copies only the frames since the last PASSIVE round, and the next commit starts the log from its beginning
/// (the file keeps its size, so no new blocks are zeroed). On PostgreSQL nothing asks, so nothing runs.
/// </summary>
public sealed class SqliteLogRestart(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>How long a RESTART waits for the writer's lock and for readers of the old log before it gives up until the next request.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(200);

    private int _requested;

    internal bool Requested => Volatile.Read(ref _requested) == 1;

    internal void Request() => Volatile.Write(ref _requested, 1);

    /// <summary>
    /// Restarts the log when the checkpointer asked for it; call it between batches, holding no transaction. Never
    /// throws: should the restart fail, the request stands, and the checkpointer runs it next round, where a failure
    /// is reported and retried as its own.
    /// </summary>
    public async Task RunIfRequestedAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _requested, 0) == 0)
        {
            return;
        }

        try
        {
            await RunAsync(ct);
        }
#pragma warning disable CA1031 // whatever SQLite throws here is the checkpointer's to report, not the caller's batch's
        catch (Exception)
#pragma warning restore CA1031
        {
            Request();
        }
    }

    /// <returns>SQLite's answer: whether it gave up on a lock (no failure: the next request tries again), the frames in the log, and those copied.</returns>
    internal async Task<(bool Busy, long Log, long Copied)> RunAsync(CancellationToken ct)
    {
        Interlocked.Exchange(ref _requested, 0);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct); // through EF, so SqlitePragmas sets the connection up as every app connection
        var connection = db.Database.GetDbConnection();
        await using (var wait = connection.CreateCommand())
        {
            wait.CommandText = $"PRAGMA busy_timeout={(int)Wait.TotalMilliseconds};";
            await wait.ExecuteNonQueryAsync(ct);
        }

        return await CheckpointAsync(connection, "RESTART", ct);
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
