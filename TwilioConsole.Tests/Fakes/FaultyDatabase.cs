using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TwilioConsole.Tests.Fakes;

/// <summary>
/// Fault injection: while <see cref="Failing"/> is set, every database command that touches <see cref="Table"/>, and
/// every transaction begun through EF (the outbox's batch writer prepares its own commands inside one), throws an
/// exception no code in the app expects by name (a <see cref="TimeoutException"/>), as a lost database would.
/// </summary>
public sealed class FaultyDatabase(string table) : DbCommandInterceptor, IDbTransactionInterceptor
{
    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
        Failing ? throw new TimeoutException($"Injected fault: the database did not answer (a transaction for {Table}).") : ValueTask.FromResult(result);

    public string Table { get; } = table;

    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    private void ThrowIfFailing(DbCommand command)
    {
        if (Failing && command.CommandText.Contains(Table, StringComparison.Ordinal))
        {
            throw new TimeoutException($"Injected fault: the database did not answer ({Table}).");
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
