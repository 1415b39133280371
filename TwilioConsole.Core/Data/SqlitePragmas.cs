using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TwilioConsole.Core.Data;

/// <summary>
/// Per-connection SQLite settings. With write-ahead logging (set once, in the file, by the migrator),
/// <c>synchronous=NORMAL</c> syncs at checkpoints instead of on every commit: a killed process loses nothing it
/// committed; only an operating-system crash or power cut can drop the last commits. A 5-second busy timeout lets
/// a writer wait for another instead of failing. Automatic checkpoints are off: <see cref="SqliteCheckpointer"/> runs
/// them in the background, so no commit (and no webhook waiting on it) pays for one. When the log is started over, a
/// file grown past 64 MiB by a burst is cut back to that size (<c>journal_size_limit</c>); smaller, it is reused as it is.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=67108864;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
