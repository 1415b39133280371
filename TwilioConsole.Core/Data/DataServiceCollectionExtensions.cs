using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using TwilioConsole.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
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
            .Validate(o => o.Provider != DatabaseProvider.PostgreSql || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "TwilioConsole:Database:ConnectionString is required when the provider is PostgreSql, e.g. Host=db;Database=twilio_console;Username=console;Password=…")
            .ValidateOnStart();

        var contentRoot = builder.Environment.ContentRootPath;
        var provider = builder.Configuration.GetValue(DatabaseOptions.Section + ":Provider", DatabaseProvider.Sqlite);
        if (provider == DatabaseProvider.PostgreSql)
        {
            // Its own context type (own migrations); the rest of the app asks for AppDbContext and gets one of these.
            builder.Services.AddDbContextFactory<PostgreSqlAppDbContext>((sp, db) =>
                db.UseNpgsql(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString), ServiceLifetime.Singleton);
            builder.Services.AddSingleton<IDbContextFactory<AppDbContext>>(sp =>
                new UpcastFactory(sp.GetRequiredService<IDbContextFactory<PostgreSqlAppDbContext>>()));
            builder.Services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PostgreSqlAppDbContext>>().CreateDbContext());
        }
        else
        {
            builder.Services.AddDbContextFactory<AppDbContext>((sp, db) =>
                db.UseSqlite(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ResolveConnectionString(contentRoot)).AddInterceptors(Pragmas),
                ServiceLifetime.Singleton);
            builder.Services.AddHostedService<SqliteCheckpointer>();
        }

        // The key ring lives in the database, each key's secret encrypted with a key-encryption key that does not.
        builder.Services.AddOptions<KeyEncryptionKeyOptions>().BindConfiguration(KeyEncryptionKeyOptions.Section);
        builder.Services.AddSingleton<KeyEncryptionKeyStore>();
        builder.Services.AddDataProtection()
            .SetApplicationName("TwilioConsole")
            .PersistKeysToDbContext<AppDbContext>();
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<KeyEncryptionKeyStore>((options, store) => options.XmlEncryptor = new KeyRingXmlEncryptor(store));

        builder.Services.AddHostedService<DatabaseMigrator>();
        return builder;
    }

    private sealed class UpcastFactory(IDbContextFactory<PostgreSqlAppDbContext> inner) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
