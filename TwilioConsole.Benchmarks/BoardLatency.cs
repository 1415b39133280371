using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Benchmarks;

/// <summary>
/// Event-to-screen latency of the live board: N signed-in chromium pages on /live (each a Blazor circuit), while signed
/// TaskRouter events are posted at a steady rate. Each event carries its send time (TimestampMs); every page records,
/// when its board shows a newer event (<c>data-last-event-at</c>), how long ago that event was sent. Reports p50/p95/max
/// over all pages and the app's CPU (process CPU time ÷ wall time, in cores) during the run.
/// Usage: <c>board [pages=50] [events-per-second=100] [seconds=30]</c>.
/// </summary>
internal static class BoardLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var (pageCount, rate, seconds) = (Arg(0, 50), Arg(1, 100), Arg(2, 30));
        using var scratch = ScratchFolder.Create("twilio-console-board-");
        var data = scratch.Path;
        var publicUrl = new Uri("https://console.example.com/");
        await using var app = AppProcess.OnFreePort();
        await app.StartAsync(new Dictionary<string, string>(AppProcess.TwilioMode(new Uri("http://127.0.0.1:9/"), publicUrl).Concat(BenchBrowser.Admin))
        {
            ["TwilioConsole__Database__DataFolder"] = data,
            ["TwilioConsole__ThankYou__Dispatch"] = "false",
            ["TwilioConsole__RateLimits__WebhookRequestsPerSecond"] = "100000",
            ["ASPNETCORE_ENVIRONMENT"] = "Development", // serves the framework's static files from the build output
        }, CancellationToken.None);

        await using var browser = await BenchBrowser.SignInAsync(app.BaseUrl);
        var context = browser.Context;
        await browser.First.CloseAsync();

        var pages = new List<IPage>();
        for (var i = 0; i < pageCount; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("live");
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 60_000 });
            await page.EvaluateAsync("""
                () => {
                  window.__latencies = [];
                  const board = document.querySelector('[data-testid=board]').parentElement;
                  let last = 0;
                  new MutationObserver(() => {
                    const el = document.querySelector('[data-testid=board]');
                    const at = Number(el && el.getAttribute('data-last-event-at'));
                    if (at > last) { last = at; window.__latencies.push(Date.now() - at); }
                  }).observe(board, { subtree: true, attributes: true, childList: true });
                }
                """);
            pages.Add(page);
        }

        Console.WriteLine($"Machine: {LoadApp.Machine()}; {pageCount} live pages open, resident {app.ResidentBytes / 1048576.0:0} MiB.");
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        var cpuBefore = app.CpuTime;
        var wall = Stopwatch.StartNew();
        var sent = 0;
        var failed = 0;
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        var inFlight = new List<Task>();
        while (wall.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            var due = interval * sent;
            if (wall.Elapsed < due)
            {
                await Task.Delay(due - wall.Elapsed);
            }

            var n = ++sent;
            inFlight.Add(PostAsync(http, publicUrl, n).ContinueWith(t => { if (!t.Result) { Interlocked.Increment(ref failed); } }, TaskScheduler.Default));
        }

        await Task.WhenAll(inFlight);
        await Task.Delay(2000); // the last events reach the pages
        var cpu = (app.CpuTime - cpuBefore).TotalSeconds / wall.Elapsed.TotalSeconds;
        var latencies = new List<double>();
        foreach (var page in pages)
        {
            latencies.AddRange(await page.EvaluateAsync<double[]>("() => window.__latencies"));
        }

        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine("| Pages | Events/s | Events sent (failed) | Board updates seen | Latency p50 ms | p95 ms | max ms | App CPU (cores) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {pageCount} | {rate} | {sent} ({failed}) | {latencies.Count} | {Percentile(0.5):0} | {Percentile(0.95):0} | {latencies.LastOrDefault():0} | {cpu:0.00} |"));
        return Percentile(0.95) < 1000 ? 0 : 1;
    }

    /// <summary>One task.created for a new task, signed for the public URL as TaskRouter would sign it.</summary>
    private static async Task<bool> PostAsync(HttpClient http, Uri publicUrl, int n)
    {
        var form = TaskRouterEvents.Form(n, type: "task.created");
        form.Add(new("Sid", Sids.Make("EV", n)));
        form.Add(new("TimestampMs", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        using var request = TwilioRequests.SignedPost(new Uri(publicUrl, "webhooks/taskrouter/events").AbsoluteUri, form, Sids.AuthToken());
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }
}
