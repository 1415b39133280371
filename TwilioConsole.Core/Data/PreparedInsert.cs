using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace TwilioConsole.Core.Data;

/// <summary>
/// One prepared <c>INSERT … ON CONFLICT (key) DO NOTHING</c> for an entity, inside a transaction begun through EF (so its
/// interceptors see it), with parameters typed by EF's own mapping of each column (Npgsql needs the types to prepare).
/// The same text on SQLite and PostgreSQL. A row whose key exists changes nothing: <see cref="ExecuteAsync"/> answers
/// null; an added row answers its generated key (<c>RETURNING</c>).
/// </summary>
internal sealed class PreparedInsert<T> : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<Type, List<(string Column, RelationalTypeMapping Mapping, Func<T, object?> Read)>> Columns = new();

    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;
    private readonly List<(string Column, RelationalTypeMapping Mapping, Func<T, object?> Read)> _columns;

    private PreparedInsert(DbCommand command, DbParameter[] parameters, List<(string, RelationalTypeMapping, Func<T, object?>)> columns) =>
        (_command, _parameters, _columns) = (command, parameters, columns);

    public static async Task<PreparedInsert<T>> CreateAsync(AppDbContext db, IDbContextTransaction transaction, string table, string conflictColumn, CancellationToken ct)
    {
        var columns = ColumnsOf(db);
        var key = db.Model.FindEntityType(typeof(T))!.FindPrimaryKey()!.Properties.Single().GetColumnName();
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))}) ON CONFLICT (\"{conflictColumn}\") DO NOTHING RETURNING \"{key}\"";
        var parameters = columns.Select((c, i) =>
        {
            var parameter = c.Mapping.CreateParameter(command, "@p" + i, null, nullable: true);
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync(ct);
        return new PreparedInsert<T>(command, parameters, columns);
    }

    /// <returns>The added row's generated key; null when its conflict key was already there.</returns>
    public async Task<long?> ExecuteAsync(T row, CancellationToken ct)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            _parameters[i].Value = _columns[i].Read(row) ?? DBNull.Value;
        }

        return await _command.ExecuteScalarAsync(ct) is { } key and not DBNull ? Convert.ToInt64(key, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The table's columns (not the generated key) with each value as the provider stores it, from EF's own model.</summary>
    private static List<(string Column, RelationalTypeMapping Mapping, Func<T, object?> Read)> ColumnsOf(AppDbContext db) =>
        Columns.GetOrAdd(db.GetType(), _ => [.. db.Model.FindEntityType(typeof(T))!.GetProperties()
            .Where(p => !p.IsPrimaryKey())
            .Select(p =>
            {
                var mapping = p.GetRelationalTypeMapping();
                var converter = mapping.Converter;
                var getter = p.GetGetter();
                return (p.GetColumnName(), mapping, (Func<T, object?>)(row =>
                {
                    var value = getter.GetClrValue(row!);
                    value = value is DateTimeOffset at ? at.ToUniversalTime() : value;
                    return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
                }));
            })]);

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
