using Microsoft.Playwright;

namespace TwilioConsole.Benchmarks;

/// <summary>
/// Debian's chromium signed in to an app the benchmarks started with <see cref="Admin"/> as its Admin: one browser
/// context (so every page opened in it shares the sign-in) and the first page, live once the circuit is.
/// </summary>
internal sealed class BenchBrowser : IAsyncDisposable
{
    public const string Email = "bench@example.com";
    public const string Password = "Bench-Passw0rd!";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BenchBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage first) =>
        (_playwright, _browser, Context, First) = (playwright, browser, context, first);

    /// <summary>The settings that make <see cref="Email"/> the app's Admin.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Admin =>
        [new("TwilioConsole__Admin__Email", Email), new("TwilioConsole__Admin__Password", Password)];

    public IBrowserContext Context { get; }

    /// <summary>The page that signed in, now on the Dashboard with its circuit live.</summary>
    public IPage First { get; }

    public static async Task<BenchBrowser> SignInAsync(Uri app)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"] });
        var context = await browser.NewContextAsync(new() { BaseURL = app.ToString() });
        var first = await context.NewPageAsync();
        await first.GotoAsync("Account/Login");
        await first.FillAsync("#Input\\.Email", Email);
        await first.FillAsync("#Input\\.Password", Password);
        await first.ClickAsync("button[type=submit]");
        await first.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 30_000 });
        return new BenchBrowser(playwright, browser, context, first);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
