using System.Diagnostics;
using System.Globalization;
using System.Net;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Benchmarks;

/// <summary>
/// Drives the real app (a separate process, SQLite) on loopback with a bounded number of concurrent connections:
/// first a bare endpoint that only answers 200, then correctly signed TaskRouter events (unique TaskSids plus 10%
/// duplicates). Reports requests/s and p50/p99 latency for both, and checks one outbox row per unique TaskSid.
/// </summary>
internal static class WebhookLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
        var connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        using var scratch = ScratchFolder.Create("twilio-console-load-");
        var data = scratch.Path;
        await using var app = AppProcess.OnFreePort();
        await app.StartAsync(LoadApp.Environment(app.BaseUrl, data, null, dispatch: false), CancellationToken.None);
        using var http = LoadApp.Client(connections);

        var bareUrl = new Uri(app.BaseUrl, "diagnostics/bare");
        HttpRequestMessage Bare(long _) => new(HttpMethod.Post, bareUrl) { Content = new FormUrlEncodedContent(LoadApp.Event(1)) };
        await DriveAsync(http, Bare, TimeSpan.FromSeconds(3), connections, 0); // warm-up
        var bare = await DriveAsync(http, Bare, TimeSpan.FromSeconds(seconds), connections, 0);

        long next = 0;
        var accepted = new System.Collections.Concurrent.ConcurrentDictionary<long, bool>();
        HttpRequestMessage Webhook(long i)
        {
            // Every tenth request repeats an earlier task, as TaskRouter's retries would.
            var task = i % 10 == 9 && i > 10 ? Random.Shared.NextInt64(1, Math.Max(2, Interlocked.Read(ref next))) : Interlocked.Increment(ref next);
            accepted.TryAdd(task, true);
            return LoadApp.SignedEvent(app.BaseUrl, task);
        }

        var webhook = await DriveAsync(http, Webhook, TimeSpan.FromSeconds(seconds), connections, 1_000_000);
        var rows = AppDatabase.CountThankYouTexts(data, "1=1");

        Console.WriteLine($"Machine: {LoadApp.Machine()}; {connections} connections, {seconds} s per run, client and app on the same host.");
        Console.WriteLine("| Endpoint | Requests | Requests/s | p50 ms | p99 ms | Non-2xx |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(bare.Row("Bare POST (200, nothing else)"));
        Console.WriteLine(webhook.Row("Signed TaskRouter event (dedup + outbox)"));
        Console.WriteLine($"Throughput ratio webhook/bare: {webhook.PerSecond / bare.PerSecond:P0}. Unique tasks sent: {accepted.Count}; outbox rows: {rows} ({(rows == accepted.Count ? "exactly one per task" : "MISMATCH")}).");
        return rows == accepted.Count && webhook.Failures == 0 ? 0 : 1;
    }

    internal sealed record Result(long Requests, double PerSecond, double P50, double P99, long Failures)
    {
        public string Row(string name) => string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Requests:N0} | {PerSecond:N0} | {P50:0.0} | {P99:0.0} | {Failures} |");
    }

    private static async Task<Result> DriveAsync(HttpClient http, Func<long, HttpRequestMessage> make, TimeSpan duration, int workers, long firstIndex)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long index = firstIndex;
        long failures = 0;
        var latencies = new List<double>[workers];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            var mine = latencies[w] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < until)
            {
                using var request = make(Interlocked.Increment(ref index));
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NoContent))
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
        return new Result(all.Length, all.Length / elapsed, Percentile(0.50), Percentile(0.99), failures);
    }
}
