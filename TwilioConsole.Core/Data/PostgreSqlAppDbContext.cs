using Microsoft.EntityFrameworkCore;

namespace TwilioConsole.Core.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own so its migrations (Data/Migrations/PostgreSql) stay apart from
/// SQLite's; everything else asks for <see cref="AppDbContext"/> and gets this when the provider is PostgreSql.
/// Add a migration with the app's own configuration (Identity shapes the model), no server needed:
/// <c>TwilioConsole__Database__Provider=PostgreSql TwilioConsole__Database__ConnectionString="Host=localhost" dotnet ef migrations add Name
/// --context PostgreSqlAppDbContext --project TwilioConsole.Core --startup-project TwilioConsole.Web --output-dir Data/Migrations/PostgreSql</c>.
/// </summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options);
