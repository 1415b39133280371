using System.Globalization;
using Microsoft.Playwright;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Benchmarks;

/// <summary>
/// Memory per Blazor circuit: one signed-in chromium context opens N pages, alternating the Dashboard and the Routing
/// page (which refreshes its statistics), each live (interactive); the app process's resident memory is read before and
/// after, and the growth divided by N.
/// </summary>
internal static class CircuitMemory
{
    private const string Email = "bench@example.com";
    private const string Password = "Bench-Passw0rd!";

    public static async Task<int> RunAsync(string[] args)
    {
        var counts = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10, 25, 50];
        var data = Directory.CreateTempSubdirectory("twilio-console-circuits-").FullName;
        await using var app = AppProcess.OnFreePort();
        await app.StartAsync(new Dictionary<string, string>
        {
            ["TwilioConsole__Database__DataFolder"] = data,
            ["TwilioConsole__Admin__Email"] = Email,
            ["TwilioConsole__Admin__Password"] = Password,
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Development", // serves the framework's static files from the build output, as `dotnet run` does
        }, CancellationToken.None);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl.ToString() });
        var first = await context.NewPageAsync();
        await first.GotoAsync("Account/Login");
        await first.FillAsync("#Input\\.Email", Email);
        await first.FillAsync("#Input\\.Password", Password);
        await first.ClickAsync("button[type=submit]");
        await first.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 30_000 });
        await Task.Delay(3000);
        var baseline = app.ResidentBytes;

        Console.WriteLine($"Machine: {LoadApp.Machine()}; app resident memory with one signed-in page: {baseline / 1048576.0:0} MiB.");
        Console.WriteLine("| Live circuits | Resident MiB | Growth MiB | Per circuit KiB |");
        Console.WriteLine("|---:|---:|---:|---:|");
        var pages = new List<IPage> { first };
        foreach (var count in counts)
        {
            while (pages.Count < count)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(pages.Count % 2 == 0 ? "/" : "routing");
                await page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 30_000 });
                pages.Add(page);
            }

            await Task.Delay(5000); // let the statistics refreshes and allocations settle
            var now = app.ResidentBytes;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {pages.Count} | {now / 1048576.0:0} | {(now - baseline) / 1048576.0:0.0} | {(now - baseline) / 1024.0 / (pages.Count - 1):0} |"));
        }

        return 0;
    }
}
