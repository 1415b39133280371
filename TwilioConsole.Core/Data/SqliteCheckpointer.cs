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
/// and this loop runs a PASSIVE checkpoint, which never blocks writers or readers. Under steady writes that alone never
/// lets SQLite start the log over, so when a round finds a log of at least <see cref="RestartAfterFrames"/> frames that
/// grew since the last round, it asks the webhooks' writer to start it over (<see cref="SqliteLogRestart"/>), and
/// does so itself a round later if no batch came.
/// Durability is unchanged: a commit is safe in the log whether or not it has been copied yet. Supervised: a failing
/// round is retried with backoff.
/// </summary>
internal sealed class SqliteCheckpointer(IDbContextFactory<AppDbContext> dbFactory, SqliteLogRestart restart, LoopHealth health,
    TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public const string LoopName = "SQLite checkpoint";
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The log size in frames (64 MiB of SQLite's 4 KiB pages, the size <c>journal_size_limit</c> keeps) from which a
    /// growing log is started over. Each restart holds the webhooks' writer for a few milliseconds, so not at every
    /// round: under the wrk run's load about every second or two; at a contact center's pace, quiet moments restart it first.
    /// </summary>
    public const int RestartAfterFrames = 16_384;

    private long _lastLog;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        SupervisedLoop.RunAsync(LoopName, CheckpointAsync, ct => Task.Delay(Every, clock, ct), health, logger, clock, stoppingToken);

    private async Task CheckpointAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        if (restart.TakeRequest())
        {
            await SqliteLogRestart.RestartAsync(connection, ct); // asked a round ago and no batch writer came: the writes come from elsewhere
            return;
        }

        var (_, log, _) = await SqliteLogRestart.CheckpointAsync(connection, "PASSIVE", ct);
        if (log >= RestartAfterFrames && log != _lastLog)
        {
            // A second round copies what came in during the first (a tenth of the frames, by measure), so the writer
            // copies only the last few milliseconds' worth.
            await SqliteLogRestart.CheckpointAsync(connection, "PASSIVE", ct);
            restart.Request(); // a log that stopped growing needs none: with no writer behind it, PASSIVE copied it all
        }

        _lastLog = log;
    }
}
