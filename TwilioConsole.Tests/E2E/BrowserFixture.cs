using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.E2E;

/// <summary>
/// The real app on Kestrel (a free loopback port, a temporary database) and Debian's chromium driven by Playwright.
/// Playwright's own browser download cannot work offline, so the system chromium is used. In CI a missing browser
/// fails the lane; elsewhere it skips with the command that installs it.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BrowserFixture()
        : this(new ConsoleAppFactory(fakeTwilio: false)) // Sandbox mode: nothing leaves the machine
    {
    }

    /// <summary>For lanes that need the app configured otherwise (see <see cref="ConsoleAppFactory.With"/>).</summary>
    protected BrowserFixture(ConsoleAppFactory app) => App = app;

    public ConsoleAppFactory App { get; }

    public IBrowser Browser { get; private set; } = default!;

    public Uri BaseUrl { get; private set; } = default!;

    public static string Screenshots => RepoPaths.Artifacts("e2e");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            var message = $"{ChromiumPath} is missing; install it with 'apt-get install chromium' (./test.sh does this when run as root).";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException(message);
            }

            return;
        }

        App.UseKestrel(0);
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/");

        // Expectations wait up to 15 s rather than Playwright's 5: the lane's classes run side by side on two cores, each
        // with its own app and chromium, and a page can take seconds to answer without anything being wrong.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>The app's open Blazor circuits, as its circuit handler counts them.</summary>
    public int LiveCircuits => App.Services.GetRequiredService<TwilioConsole.Web.Hosting.BareEndpoint.LiveCircuits>().Count;

    public void SkipWhenNoBrowser() =>
        Assert.SkipWhen(Browser is null, $"{ChromiumPath} is missing; install it with 'apt-get install chromium'.");

    /// <summary>A new page whose browser console errors and page errors are collected, to fail the test on any.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"page error: {error}");
        return (page, errors);
    }

    /// <summary>Creates the first Admin (once) and signs a new page in through the sign-in form.</summary>
    public async Task<(IPage Page, List<string> Errors)> SignedInPageAsync(int width = 1280, int height = 800)
    {
        var setup = App.Services.GetRequiredService<TwilioConsole.Core.Users.FirstRunSetup>();
        if (!await setup.IsCompleteAsync(CancellationToken.None))
        {
            await setup.CreateFirstAdminAsync(SignedInClient.AdminEmail, "Ada Admin", SignedInClient.Password, CancellationToken.None);
        }

        var (page, errors) = await NewPageAsync(width, height);
        await page.GotoAsync("Account/Login");
        await page.FillAsync("#Input\\.Email", SignedInClient.AdminEmail);
        await page.FillAsync("#Input\\.Password", SignedInClient.Password);
        await page.ClickAsync("button[type=submit]");
        await WaitForInteractiveAsync(page);
        return (page, errors);
    }

    /// <summary>Waits until the Blazor circuit is live: input typed into a prerendered page before that is lost.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = false });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            foreach (var context in Browser.Contexts)
            {
                await context.CloseAsync(); // each page unloads, so Blazor tells the server its circuit is done
            }

            await Browser.CloseAsync();

            // The closed pages' circuits end within a second or so; disposing the app under them first would have their
            // components render into a disposed container and fill the log with errors no test caused.
            for (var i = 0; i < 50 && LiveCircuits > 0; i++) // at most 5 s: a circuit left disconnected is kept for minutes
            {
                await Task.Delay(100);
            }
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
