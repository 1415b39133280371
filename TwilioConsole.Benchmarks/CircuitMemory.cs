using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using TwilioConsole.Core.Data;
using TwilioConsole.Core.Data.Entities;
using TwilioConsole.Core.Messaging;
using TwilioConsole.Core.Settings;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Benchmarks;

/// <summary>
/// Memory per Blazor circuit: one signed-in chromium context opens N pages, alternating the Dashboard and the Routing
/// page (which refreshes its statistics), each live (interactive). The managed heap after a forced full, compacting GC
/// (<c>GET /diagnostics/heap</c>) is read before and after, and the growth divided by the circuits added; resident
/// memory is shown beside it as the upper bound it is. Then every page but the first is hidden (as a browser reports a
/// background tab): once each has paused its circuit (js/pause-hidden.js, after the app's PauseHiddenAfterSeconds, here
/// 2 s) the heap is read again, and once more after they are all shown and live again.
/// </summary>
internal static class CircuitMemory
{
    public static async Task<int> RunAsync(string[] args)
    {
        // The pages opened in turn: the Dashboard and the Routing page unless CIRCUITS_PAGES lists others ("audit,live").
        var paths = System.Environment.GetEnvironmentVariable("CIRCUITS_PAGES") is { Length: > 0 } listed ? listed.Split(',') : ["/", "routing"];
        var counts = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10, 50, 200];
        using var scratch = ScratchFolder.Create("twilio-console-circuits-");
        var data = scratch.Path;
        await using var app = AppProcess.OnFreePort();
        await app.StartAsync(new Dictionary<string, string>(BenchBrowser.Admin)
        {
            ["TwilioConsole__Database__DataFolder"] = data,
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Development", // serves the framework's static files from the build output, as `dotnet run` does
            ["TwilioConsole__Diagnostics__BareEndpoint"] = "true",
            ["TwilioConsole__Circuits__PauseHiddenAfterSeconds"] = "2",
        }, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        // CIRCUITS_ROWS=N fills the three logs (texts, messages, audit) with N rows each, so their pages show full tables.
        if (System.Environment.GetEnvironmentVariable("CIRCUITS_ROWS") is { Length: > 0 } rows)
        {
            await SeedLogsAsync(data, int.Parse(rows, CultureInfo.InvariantCulture));
        }

        async Task<(long Bytes, int Circuits)> HeapAsync()
        {
            using var json = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("diagnostics/heap"));
            return (json.RootElement.GetProperty("managedBytes").GetInt64(), json.RootElement.GetProperty("circuits").GetInt32());
        }

        await using var browser = await BenchBrowser.SignInAsync(app.BaseUrl);
        var (context, first) = (browser.Context, browser.First);
        await Task.Delay(3000);
        var baseline = app.ResidentBytes;
        var (heapBaseline, circuitsBaseline) = await HeapAsync();

        Console.WriteLine($"Machine: {LoadApp.Machine()}; with one signed-in page: resident {baseline / 1048576.0:0} MiB, managed heap after GC {heapBaseline / 1048576.0:0.0} MiB.");
        Console.WriteLine("| Live circuits | Managed heap after GC, MiB | Per circuit KiB (after GC) | Resident MiB | Per circuit KiB (resident, upper bound) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        // A row for each step after the live pages: what was done, the heap after a full GC, and what it adds per page.
        void PrintStep(string step, long heap, int circuits, int pages, string perPage) =>
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {step}: {circuits} live | {heap / 1048576.0:0.0} | {(heap - heapBaseline) / 1024.0 / pages:0}{perPage} | {app.ResidentBytes / 1048576.0:0} | |"));

        var pages = new List<IPage> { first };
        foreach (var count in counts)
        {
            while (pages.Count < count)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync(paths[pages.Count % paths.Length]);
                await page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 30_000 });
                pages.Add(page);
            }

            await Task.Delay(5000); // let the statistics refreshes and allocations settle
            var (heap, circuits) = await HeapAsync();
            var now = app.ResidentBytes;
            var added = Math.Max(1, circuits - circuitsBaseline);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {circuits} | {heap / 1048576.0:0.0} | {(heap - heapBaseline) / 1024.0 / added:0} | {now / 1048576.0:0} | {(now - baseline) / 1024.0 / added:0} |"));
        }

        // The same pages left idle on screen for a minute: what a circuit keeps, without the render buffers the last
        // pages' first renders (and their prerenders) gave back to the runtime's shared array pool, which a full
        // collection trims once they have been unused for a minute.
        await Task.Delay(TimeSpan.FromSeconds(65));
        var (idleHeap, idleCircuits) = await HeapAsync();
        PrintStep($"the same pages idle on screen, 65 s later", idleHeap, idleCircuits, Math.Max(1, idleCircuits - circuitsBaseline), "");
        await ShellHook.RunAsync("CIRCUITS_INSPECT_IDLE", ("pid", app.ProcessId));

        // Hidden tabs: each gives up its circuit after the delay; then all are shown again.
        var others = pages.Skip(1).ToList();
        var hideStarted = System.Diagnostics.Stopwatch.StartNew();
        foreach (var page in others)
        {
            await TwilioConsole.Tests.E2E.TabVisibility.SetAsync(page, hidden: true);
        }

        foreach (var page in others)
        {
            await page.Locator("html[data-circuit=paused]").WaitForAsync(new() { Timeout = 60_000, State = WaitForSelectorState.Attached });
        }

        var pausedIn = hideStarted.Elapsed;
        // Right after the pauses, and a minute later: the closed circuits' render buffers went back to the runtime's
        // shared array pool, which keeps unused arrays for a minute before a full collection trims them.
        foreach (var wait in new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(65) })
        {
            await Task.Delay(wait);
            var (hiddenHeap, hiddenCircuits) = await HeapAsync();
            PrintStep(string.Create(CultureInfo.InvariantCulture, $"{others.Count} hidden pages (paused in {pausedIn.TotalSeconds:0} s), {wait.TotalSeconds:0} s later"),
                hiddenHeap, hiddenCircuits, others.Count, " per hidden page");
        }

        await ShellHook.RunAsync("CIRCUITS_INSPECT_HIDDEN", ("pid", app.ProcessId));

        var showStarted = System.Diagnostics.Stopwatch.StartNew();
        foreach (var page in others)
        {
            await TwilioConsole.Tests.E2E.TabVisibility.SetAsync(page, hidden: false);
        }

        foreach (var page in others)
        {
            await page.Locator("html[data-circuit=live]").WaitForAsync(new() { Timeout = 60_000, State = WaitForSelectorState.Attached });
            await page.Locator("[data-interactive=true]").WaitForAsync(new() { Timeout = 60_000 });
        }

        var showTime = showStarted.Elapsed;
        await Task.Delay(5000);
        var (shownHeap, shownCircuits) = await HeapAsync();
        PrintStep(string.Create(CultureInfo.InvariantCulture, $"all shown again (live in {showTime.TotalSeconds:0.0} s)"),
            shownHeap, shownCircuits, Math.Max(1, shownCircuits - circuitsBaseline), "");

        // What the circuits hold, with the pages still open: a command with {pid}, e.g.
        // "dotnet-gcdump collect -p {pid} -o /tmp/circuits.gcdump" (then dotnet-gcdump report), or dotnet-dump collect.
        await ShellHook.RunAsync("CIRCUITS_INSPECT", ("pid", app.ProcessId));

        // Closed tabs, as a user closes them (unload runs): the browser tells the server, which should drop each circuit
        // at once rather than keep it as a disconnected one for minutes. The heap is read a minute later, as above.
        var closeStarted = System.Diagnostics.Stopwatch.StartNew();
        foreach (var page in others)
        {
            await page.CloseAsync(new() { RunBeforeUnload = true });
        }

        var (closedHeap, closedCircuits) = await HeapAsync();
        while (closedCircuits > circuitsBaseline && closeStarted.Elapsed < TimeSpan.FromMinutes(4))
        {
            await Task.Delay(500);
            (closedHeap, closedCircuits) = await HeapAsync();
        }

        var closedIn = closeStarted.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(65));
        (closedHeap, closedCircuits) = await HeapAsync();
        PrintStep(string.Create(CultureInfo.InvariantCulture, $"{others.Count} pages closed (circuits gone in {closedIn.TotalSeconds:0.0} s), 65 s later"),
            closedHeap, closedCircuits, others.Count, " per closed page");
        return 0;
    }

    /// <summary>Rows for the log pages, written straight into the app's database (it runs on, in WAL mode).</summary>
    private static async Task SeedLogsAsync(string dataFolder, int count)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={Path.Combine(dataFolder, "console.db")}").Options;
        await using var db = new AppDbContext(options);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var at = now.AddMinutes(-i);
            var number = string.Create(CultureInfo.InvariantCulture, $"+1415555{i % 10000:0000}");
            db.Add(new ThankYouText
            {
                TaskSid = string.Create(CultureInfo.InvariantCulture, $"WT{i:x32}"), EventType = "task.wrapup", CustomerNumber = number, CustomerName = "Ada",
                QueueName = "Support", AgentName = "Grace", Body = "Thanks for calling! We are glad we could help.", Status = (ThankYouStatus)(i % 5),
                Attempts = 1, Mode = ConsoleMode.Sandbox, CreatedAt = at, UpdatedAt = at, NextAttemptAt = at,
            });
            db.Add(new MessageRecord
            {
                To = number, Sender = "+14155550000", Body = "Your ticket is #4521.", Status = i % 3 == 0 ? "delivered" : "sent", Segments = 1,
                Source = MessageSource.Form, SentBy = "ada@example.com", Mode = ConsoleMode.Sandbox, CreatedAt = at, UpdatedAt = at,
            });
            db.Add(new AuditEntry { At = at, Actor = "ada@example.com", Action = "sms.send", Target = number, Details = "Sent from the form.", Succeeded = i % 4 != 0, Error = i % 4 == 0 ? "21211: invalid number" : null });
        }

        await db.SaveChangesAsync();
    }
}
