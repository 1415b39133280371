using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TwilioConsole.Core.Data;

public static class DataServiceCollectionExtensions
{
    private static readonly SqlitePragmas Pragmas = new();

    /// <summary>
    /// Registers <see cref="AppDbContext"/> (factory and scoped), the migrator, and Data Protection with its keys in
    /// the database. Checks the data folder before anything opens the database.
    /// </summary>
    public static IHostApplicationBuilder AddConsoleData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddDbContextFactory<AppDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            switch (options.Provider)
            {
                case DatabaseProvider.Sqlite:
                    db.UseSqlite(options.ResolveConnectionString(contentRoot)).AddInterceptors(Pragmas);
                    break;
                default:
                    throw new InvalidOperationException($"Database provider '{options.Provider}' is not supported.");
            }
        }, ServiceLifetime.Singleton);

        builder.Services.AddDataProtection()
            .SetApplicationName("TwilioConsole")
            .PersistKeysToDbContext<AppDbContext>();

        builder.Services.AddHostedService<DatabaseMigrator>();
        return builder;
    }
}
