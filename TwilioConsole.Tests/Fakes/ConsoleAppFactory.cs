using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TwilioConsole.Tests.Fakes;

/// <summary>
/// The real app over a temporary SQLite folder, with every outgoing HTTP call answered by <see cref="Twilio"/>.
/// Each factory has its own data folder, so tests never share a database.
/// </summary>
public class ConsoleAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new();

    private readonly bool _fakeTwilio;

    /// <param name="fakeTwilio">False only for the Contract lane, whose requests go to the Prism mocks.</param>
    public ConsoleAppFactory(bool fakeTwilio = true)
    {
        _fakeTwilio = fakeTwilio;
        DataFolder = Directory.CreateTempSubdirectory("twilio-console-test-").FullName;
    }

    public string DataFolder { get; }

    public FakeTwilio Twilio { get; } = new();

    /// <summary>When set, the app's <see cref="TimeProvider"/>: tests move time on instead of waiting.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider? Clock { get; init; }

    /// <summary>The setup page's one-time code, as the operator reads it from the log.</summary>
    public string SetupCode => Services.GetRequiredService<Core.Users.FirstRunSetup>().SetupCode;

    /// <summary>A fresh context on the app's database, for a test to look at what was stored.</summary>
    public Task<Core.Data.AppDbContext> DbAsync(CancellationToken ct) =>
        Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Data.AppDbContext>>().CreateDbContextAsync(ct);

    /// <summary>Saves Twilio mode with the test account, its Auth Token and the test workspace, as an Admin would on the Settings page.</summary>
    /// <param name="sender">A default sender, for tests that send texts.</param>
    /// <param name="publicBaseUrl">The public base URL webhooks are signed for.</param>
    public async Task UseTwilioModeAsync(CancellationToken ct, string? sender = null, string? publicBaseUrl = null)
    {
        var saved = await Services.GetRequiredService<Core.Settings.SettingsService>().SaveAsync(new Core.Settings.SettingsForm
        {
            Mode = Core.Settings.ConsoleMode.Twilio, AccountSid = Sids.Account(), AuthToken = Sids.AuthToken(), WorkspaceSid = Sids.Workspace(),
            DefaultSender = sender, PublicBaseUrl = publicBaseUrl,
        }, "admin", ct);
        Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Values));
    }

    /// <summary>Runs quick-start steps as staff would from the Dashboard; each must succeed.</summary>
    public async Task RunQuickStartAsync(CancellationToken ct, params Core.Onboarding.QuickStartStep[] steps)
    {
        var quickStart = Services.GetRequiredService<Core.Onboarding.QuickStart>();
        foreach (var step in steps)
        {
            var result = await quickStart.RunAsync(step, "staff", ct);
            Assert.True(result.Succeeded, result.Message);
        }
    }

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Changes the app's services before the host starts (after the app's own registrations).</summary>
    public ConsoleAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Adds a configuration value (as an environment variable would), before the host starts.</summary>
    public ConsoleAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets(); // on only in Development by default; the E2E browser needs blazor.web.js and MudBlazor's files
        builder.UseSetting("TwilioConsole:Database:DataFolder", DataFolder);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.DataProtection", "Error");
        // The live board's reconcile would call TaskRouter in the background, into tests that count requests; tests of it turn it on.
        builder.UseSetting("TwilioConsole:Live:Reconcile", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var configure in _services)
        {
            builder.ConfigureServices(configure);
        }

        if (Clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        }

        if (_fakeTwilio)
        {
            builder.ConfigureServices(services =>
            {
                services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new FakeTwilioHandler(Twilio)));
                // The Sandbox posts its callbacks to this app, which here lives in the in-memory test server.
                services.AddHttpClient(Core.Sandbox.SandboxCallbackCourier.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
            });
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown: the temp folder is cleaned by the OS.
        }
    }
}
