using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using System.Globalization;
using System.Text;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Benchmarks;

/// <summary>
/// The webhook load run with a C client (wrk): a raw Kestrel endpoint, the app's bare endpoint and correctly signed
/// TaskRouter events (10 % repeats), in one run, against the <b>published</b> app started from its publish folder so
/// its appsettings apply. Reports requests/s, p50, p99, non-2xx, outbox rows against unique tasks, and the app's start
/// time (process start to the first 200 on /health). bench/wrk.sh publishes, installs wrk and calls this.
/// </summary>
internal static class WrkLoad
{
    private const int Threads = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var publish = Path.GetFullPath(args.ElementAtOrDefault(0) ?? Path.Combine(RepoPaths.Root, "artifacts", "bench", "publish"));
        var seconds = int.Parse(args.ElementAtOrDefault(1) ?? "10", CultureInfo.InvariantCulture);
        var connections = int.Parse(args.ElementAtOrDefault(2) ?? "200", CultureInfo.InvariantCulture);
        var dll = Path.Combine(publish, "TwilioConsole.Web.dll");
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"{dll} is missing: run bench/wrk.sh (it publishes the app first).");
            return 2;
        }

        using var scratch = ScratchFolder.Create("twilio-console-wrk-");
        var data = scratch.Path;
        await using var app = AppProcess.OnFreePort();
        await app.StartAsync(LoadApp.Environment(app.BaseUrl, data, null, dispatch: false), CancellationToken.None, dll);
        using var raw = RawKestrel.Start();
        if (Environment.GetEnvironmentVariable("WRK_PIPELINE_ONLY") is { } rounds)
        {
            return await PipelineOnlyAsync(app, raw, seconds, connections, int.Parse(rounds, CultureInfo.InvariantCulture));
        }

        var events = Path.Combine(data, "events.tsv");
        var tasks = WriteSignedEvents(events, app.BaseUrl, count: 120_000);

        // Warm-ups, so every path is measured after the JIT has done its tiers (the signed path's own tasks, counted apart).
        var warmUpEvents = Path.Combine(data, "warm-up.tsv");
        WriteSignedEvents(warmUpEvents, app.BaseUrl, count: 60_000, firstTask: 20_000_000);
        await WrkAsync(raw.BaseUrl, "bare.lua", 3, connections, ("WRK_PATH", "/"));
        await WrkAsync(app.BaseUrl, "bare.lua", 3, connections, ("WRK_PATH", "/diagnostics/bare"));
        await WrkAsync(app.BaseUrl, "signed-events.lua", seconds, connections, ("WRK_EVENTS", warmUpEvents));
        var rowsBefore = AppDatabase.CountThankYouTexts(data, "1=1");
        var kestrel = await WrkAsync(raw.BaseUrl, "bare.lua", seconds, connections, ("WRK_PATH", "/"));
        var bare = await WrkAsync(app.BaseUrl, "bare.lua", seconds, connections, ("WRK_PATH", "/diagnostics/bare"));
        Result signed;
        using (var profiler = Profiler.Start(app.ProcessId, seconds))
        {
            signed = await WrkAsync(app.BaseUrl, "signed-events.lua", seconds, connections, ("WRK_EVENTS", events));
            await profiler.StopAsync();
        }

        var ignoredEvents = Path.Combine(data, "ignored.tsv");
        WriteSignedEvents(ignoredEvents, app.BaseUrl, count: 20_000, type: "task.updated", firstTask: 10_000_000); // neither a text nor a board event
        var ignored = await WrkAsync(app.BaseUrl, "signed-events.lua", seconds, connections, ("WRK_EVENTS", ignoredEvents));

        var unique = signed.Sent.Select((count, thread) => tasks.Where((_, line) => line % Threads == thread).Take(count)).SelectMany(t => t).Distinct().Count();
        var rows = AppDatabase.CountThankYouTexts(data, "1=1") - rowsBefore;
        Console.WriteLine($"Machine: {LoadApp.Machine()}. wrk -t{Threads} -c{connections} -d{seconds}s on the same host; app published (Release) and started from its folder.");
        Console.WriteLine($"App start (process start to first 200 on /health): {app.StartupTime.TotalSeconds:0.00} s");
        Console.WriteLine("| Endpoint | Requests | Requests/s | p50 ms | p99 ms | Non-2xx |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(kestrel.Row("Raw Kestrel `MapPost` (separate process)"));
        Console.WriteLine(bare.Row("App `POST /diagnostics/bare`"));
        Console.WriteLine(signed.Row("Signed TaskRouter event (dedup + outbox)"));
        Console.WriteLine(ignored.Row("Signed event the app ignores (gate only, no write)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Bare / raw Kestrel: {bare.PerSecond / kestrel.PerSecond:0.00} (goal ≥ 0.8). Signed / bare: {signed.PerSecond / bare.PerSecond:0.00} (goal ≥ 0.5); signed p99 {signed.P99:0.0} ms (goal < 50)."));
        Console.WriteLine($"Unique tasks sent: {unique}; outbox rows: {rows} ({(rows == unique ? "exactly one per task" : "MISMATCH")}).");
        return rows == unique && signed.NonSuccess == 0 ? 0 : 1;
    }

    /// <summary>
    /// <c>WRK_PIPELINE_ONLY=N</c>: only the raw Kestrel endpoint and the app's bare one, in N alternating rounds, for
    /// work on the app's middleware (bare ÷ raw), whose ratio varies from run to run on these shared cores.
    /// </summary>
    private static async Task<int> PipelineOnlyAsync(AppProcess app, RawKestrel raw, int seconds, int connections, int rounds)
    {
        await WrkAsync(raw.BaseUrl, "bare.lua", 3, connections, ("WRK_PATH", "/"));
        await WrkAsync(app.BaseUrl, "bare.lua", 3, connections, ("WRK_PATH", "/diagnostics/bare"));
        Console.WriteLine($"Machine: {LoadApp.Machine()}. wrk -t{Threads} -c{connections} -d{seconds}s on the same host, {rounds} rounds.");
        Console.WriteLine("| Round | Raw Kestrel req/s | Bare req/s | Bare p99 ms | Bare ÷ raw |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        for (var round = 1; round <= rounds; round++)
        {
            var kestrel = await WrkAsync(raw.BaseUrl, "bare.lua", seconds, connections, ("WRK_PATH", "/"));
            var bare = await WrkAsync(app.BaseUrl, "bare.lua", seconds, connections, ("WRK_PATH", "/diagnostics/bare"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {round} | {kestrel.PerSecond:N0} | {bare.PerSecond:N0} | {bare.P99:0.0} | {bare.PerSecond / kestrel.PerSecond:0.00} |"));
        }

        return 0;
    }

    /// <summary>Pre-signed events, as TaskRouter would sign them for this app's public URL; every tenth repeats an earlier task.</summary>
    private static List<long> WriteSignedEvents(string path, Uri app, int count, string type = "task.wrapup", long firstTask = 0)
    {
        var url = new Uri(app, "webhooks/taskrouter/events").ToString();
        var tasks = new List<long>(count);
        var random = new Random(42);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 1; i <= count; i++)
        {
            var task = firstTask + (i % 10 == 0 ? random.NextInt64(1, i) : i);
            tasks.Add(task);
            var form = LoadApp.Event(task).Select(f => f.Key == "EventType" ? KeyValuePair.Create(f.Key, type) : f).ToList();
            var body = string.Join('&', form.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
            writer.Write(TwilioSignature.Compute(Sids.AuthToken(), url, form));
            writer.Write('\t');
            writer.WriteLine(body);
        }

        return tasks;
    }

    internal sealed record Result(long Requests, double PerSecond, double P50, double P99, long NonSuccess, IReadOnlyList<int> Sent)
    {
        public string Row(string name) => string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Requests:N0} | {PerSecond:N0} | {P50:0.0} | {P99:0.0} | {NonSuccess} |");
    }

    private static async Task<Result> WrkAsync(Uri target, string script, int seconds, int connections, params (string Key, string Value)[] environment)
    {
        var start = new ProcessStartInfo("wrk", ["-t" + Threads, "-c" + connections, "-d" + seconds + "s", "--latency", "-s",
            Path.Combine(RepoPaths.Root, "bench", "wrk", script), target.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["WRK_THREADS"] = Threads.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start: install it (apt-get install wrk).");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no RESULT line:\n{output}\n{await wrk.StandardError.ReadToEndAsync()}");
        var fields = line[7..].Split(' ').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1]);
        double Number(string key) => double.Parse(fields[key], CultureInfo.InvariantCulture);
        var requests = (long)Number("requests");
        return new Result(requests, requests / Number("seconds"), Number("p50"), Number("p99"), (long)(Number("non2xx") + Number("errors")),
            fields["sent"] == "-" ? [] : [.. fields["sent"].Split(',').Select(int.Parse)]);
    }

    /// <summary>
    /// A profiler run against the app during the signed run when <c>WRK_PROFILER</c> holds a command, with <c>{pid}</c>
    /// and <c>{seconds}</c> filled in, e.g. <c>perf record -F 499 -g -p {pid} -o /tmp/perf.data -- sleep {seconds}</c>
    /// (with <c>DOTNET_PerfMapEnabled=1</c> exported so perf names JIT-compiled methods) or
    /// <c>dotnet-trace collect -p {pid} --duration 00:00:{seconds} -o /tmp/signed.nettrace</c>.
    /// </summary>
    private sealed class Profiler : IDisposable
    {
        private readonly Process? _process;

        private Profiler(Process? process) => _process = process;

        public static Profiler Start(int processId, int seconds)
        {
            var process = ShellHook.Start("WRK_PROFILER", ("pid", processId), ("seconds", seconds));
            if (process is not null)
            {
                Thread.Sleep(1000); // the profiler is attached before the load starts
            }

            return new Profiler(process);
        }

        public async Task StopAsync()
        {
            if (_process is not null)
            {
                await _process.WaitForExitAsync();
            }
        }

        public void Dispose() => _process?.Dispose();
    }

    /// <summary>The baseline: an empty Kestrel app answering 200 to POST /, in its own process (this program, "kestrel" mode).</summary>
    private sealed class RawKestrel : IDisposable
    {
        private readonly Process _process;

        private RawKestrel(Process process, Uri baseUrl) => (_process, BaseUrl) = (process, baseUrl);

        public Uri BaseUrl { get; }

        public static RawKestrel Start()
        {
            var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            port.Start();
            var url = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)port.LocalEndpoint).Port}/");
            port.Stop();
            var self = typeof(RawKestrel).Assembly.Location;
            var process = Process.Start(new ProcessStartInfo("dotnet", [self, "kestrel", url.ToString()]) { RedirectStandardOutput = true })!;
            using var http = new HttpClient();
            for (var i = 0; i < 600; i++) // up to 30 s: a busy machine starts it slowly
            {
                try
                {
                    if (http.PostAsync(url, null).GetAwaiter().GetResult().IsSuccessStatusCode)
                    {
                        return new RawKestrel(process, url);
                    }
                }
                catch (HttpRequestException)
                {
                    Thread.Sleep(50);
                }
            }

            throw new TimeoutException("The raw Kestrel baseline did not start.");
        }

        /// <summary>The baseline process itself.</summary>
        public static async Task<int> ServeAsync(string url)
        {
            var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls(url);
            var web = builder.Build();
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(web, "/", () => Microsoft.AspNetCore.Http.Results.Ok());
            await web.RunAsync();
            return 0;
        }

        public void Dispose()
        {
            _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }

    public static Task<int> ServeKestrelAsync(string url) => RawKestrel.ServeAsync(url);
}
