using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;
using TwilioConsole.Core;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Web.Identity;

namespace TwilioConsole.Tests.Components;

/// <summary>
/// bUnit with MudBlazor and the real Core services over a temporary SQLite file; Twilio itself is a fake.
/// Register extra fakes before the first Render: it locks the service collection.
/// </summary>
public abstract class MudTestContext : BunitContext
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twilio-console-bunit-").FullName;

    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose; // MudBlazor's JS calls aren't what we test
        Services.AddMudServices(o => o.SnackbarConfiguration.ShowTransitionDuration = 0);
        Services.AddDbContextFactory<AppDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(_folder, "test.db")}"), ServiceLifetime.Singleton);
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddSingleton(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        Services.AddConsoleServices();
        Services.AddSingleton<IAccountsApi>(Accounts);          // Twilio itself is a fake here
        Services.AddSingleton<IPublicUrls>(new FixedPublicUrls());
        Services.AddIdentityCore<AppUser>(IdentityServiceExtensions.ConfigureIdentity); // the store version shapes the model
        AddAuthorization().SetAuthorized("admin@example.com").SetRoles(AppRoles.Admin);
    }

    private bool _migrated;

    /// <summary>Creates the database on first use; resolving services here locks the registrations, so fakes go first.</summary>
    protected IServiceProvider Migrated
    {
        get
        {
            if (!_migrated)
            {
                using var db = Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
                db.Database.Migrate();
                _migrated = true;
            }

            return Services;
        }
    }

    protected FakeAccountsApi Accounts { get; } = new();

    /// <summary>An element's classes in a fixed order, to compare markup written by hand with what MudBlazor renders.</summary>
    protected static string[] Classes(string? className) =>
        [.. (className ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    protected (IRenderedComponent<T> Page, IRenderedComponent<MudPopoverProvider> Popovers) RenderWithPopovers<T>()
        where T : IComponent
    {
        _ = Migrated;
        var popovers = Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return (Render<T>(), popovers);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // cleaned by the OS
        }
    }

    private sealed class FixedPublicUrls : IPublicUrls
    {
        public Task<Uri> BaseAsync(CancellationToken ct) => Task.FromResult(new Uri("http://localhost/"));
    }

    protected sealed class FakeAccountsApi : IAccountsApi
    {
        public Exception? Failure { get; set; }

        public Task<TwilioAccount> FetchAsync(string accountSid, CancellationToken ct) =>
            Failure is not null ? Task.FromException<TwilioAccount>(Failure) : Task.FromResult(new TwilioAccount(accountSid, "Test account", "active", "Full"));
    }
}
