using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Data;
using TwilioConsole.Web.Identity;

namespace TwilioConsole.Tests.Unit.Data;

/// <summary>
/// Each provider's migrations must describe the model exactly; after a model change, add a migration for both
/// (docs/DESIGN.md, "Databases"). No database server is needed to compare.
/// </summary>
[Trait("Lane", "Unit")]
public sealed class MigrationsInStepTests
{
    // Identity shapes the model (its schema version adds the passkeys table), so build it as the app configures it.
    private static readonly ServiceProvider Identity = new ServiceCollection()
        .AddLogging().AddIdentityCore<AppUser>(IdentityServiceExtensions.ConfigureIdentity).Services.BuildServiceProvider();

    private static AppDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").UseApplicationServiceProvider(Identity).Options);

    private static PostgreSqlAppDbContext PostgreSql() =>
        new(new DbContextOptionsBuilder<PostgreSqlAppDbContext>().UseNpgsql("Host=localhost;Database=unused").UseApplicationServiceProvider(Identity).Options);

    [Fact]
    public void Sqlite_MigrationsMatchTheModel()
    {
        using var db = Sqlite();

        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite migrations lag the model: dotnet ef migrations add <Name> --context AppDbContext …");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgreSql_MigrationsMatchTheModel()
    {
        using var db = PostgreSql();

        Assert.False(db.Database.HasPendingModelChanges(), "The PostgreSQL migrations lag the model: dotnet ef migrations add <Name> --context PostgreSqlAppDbContext …");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void BothProviders_HaveTheSameTables()
    {
        using var sqlite = Sqlite();
        using var postgres = PostgreSql();

        Assert.Contains("AspNetUserPasskeys", Tables(sqlite));
        Assert.Equal(Tables(sqlite), Tables(postgres));
    }

    private static List<string?> Tables(DbContext db) => [.. db.Model.GetEntityTypes().Select(t => t.GetTableName()).Distinct().Order(StringComparer.Ordinal)];
}
