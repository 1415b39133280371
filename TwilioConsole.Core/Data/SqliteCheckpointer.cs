using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwilioConsole.Core.Operations;

namespace TwilioConsole.Core.Data;

/// <summary>
/// Moves SQLite's write-ahead log into the database file once a second, off the request path. SQLite would otherwise
/// checkpoint inside whichever commit crosses its threshold — under load the webhooks' group commit — and every
/// webhook waiting on that batch would wait for the copy and its fsync too (a p99 of 0.1–0.9 s at 200 connections,
/// 41 ms without; bench/RESULTS.md). So app connections turn automatic checkpoints off (<see cref="SqlitePragmas"/>)
/// and this loop runs a PASSIVE checkpoint, which never blocks writers or readers. Durability is unchanged: a commit
/// is safe in the log whether or not it has been copied yet. Supervised: a failing round is retried with backoff.
/// </summary>
internal sealed class SqliteCheckpointer(IDbContextFactory<AppDbContext> dbFactory, LoopHealth health, TimeProvider clock,
    ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public const string LoopName = "SQLite checkpoint";
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        SupervisedLoop.RunAsync(LoopName, CheckpointAsync, ct => Task.Delay(Every, clock, ct), health, logger, clock, stoppingToken);

    private async Task CheckpointAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", ct);
    }
}
