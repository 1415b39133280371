using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TwilioConsole.Core.Data;

/// <summary>
/// Applies EF Core migrations when the host starts, before the server takes requests (hosted services start first),
/// after checking that the SQLite data folder is writable.
/// </summary>
internal sealed partial class DatabaseMigrator(
    IDbContextFactory<AppDbContext> dbFactory,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseMigrator> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var db = options.Value;
        if (db.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(db.ConnectionString))
        {
            DataFolder.EnsureWritable(db.ResolveDataFolder(environment.ContentRootPath));
        }

        await using var context = await dbFactory.CreateDbContextAsync(cancellationToken);
        await context.Database.MigrateAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging: readers no longer wait for the writer (webhooks write while pages read). Kept in the file.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        LogReady(logger, db.Provider);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider})")]
    private static partial void LogReady(ILogger logger, DatabaseProvider provider);
}
