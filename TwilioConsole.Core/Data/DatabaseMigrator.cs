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
    Security.KeyEncryptionKeyStore keys,
    ILogger<DatabaseMigrator> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var db = options.Value;
        var folder = db.ResolveDataFolder(environment.ContentRootPath);
        var ownFile = db.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(db.ConnectionString);
        if (ownFile)
        {
            DataFolder.EnsureWritable(folder);
            Security.FilePermissions.OwnerOnlyFolder(folder); // 0700: the database and the key file are the operator's alone
        }

        await using var context = await dbFactory.CreateDbContextAsync(cancellationToken);
        await context.Database.MigrateAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // Write-ahead logging: readers no longer wait for the writer (webhooks write while pages read). Kept in the file.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        if (ownFile)
        {
            var file = Path.Combine(folder, "console.db");
            Security.FilePermissions.OwnerOnlyFiles(file, file + "-wal", file + "-shm");
        }

        // Before anything reads the key ring: the key-encryption key must be here; plain keys of an older install get protected.
        var protectedKeys = await Security.KeyRingProtection.EnsureAsync(context, keys, cancellationToken);
        if (protectedKeys > 0)
        {
            LogProtected(logger, protectedKeys, keys.Where);
        }

        LogReady(logger, db.Provider);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Protected {Count} Data Protection key(s) stored in plain form with the key-encryption key in {Where}; back that key up")]
    private static partial void LogProtected(ILogger logger, int count, string where);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider})")]
    private static partial void LogReady(ILogger logger, DatabaseProvider provider);
}
