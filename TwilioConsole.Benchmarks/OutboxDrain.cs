using System.Diagnostics;
using System.Globalization;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Benchmarks;

/// <summary>
/// Queues N thank-you texts (signed events, dispatch off), then starts the app with dispatch on against a fake Twilio
/// with 100 ms latency and 5% transient errors, and times the drain: every text sent, none twice, none lost.
/// </summary>
internal static class OutboxDrain
{
    public static async Task<int> RunAsync(string[] args)
    {
        var texts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
        using var scratch = ScratchFolder.Create("twilio-console-drain-");
        var data = scratch.Path;
        await using var twilio = new FakeMessagesServer { Latency = TimeSpan.FromMilliseconds(100), TransientErrorRate = 0.05 };
        await twilio.StartAsync();

        await using (var filling = AppProcess.OnFreePort())
        {
            await filling.StartAsync(LoadApp.Environment(filling.BaseUrl, data, twilio.BaseUrl, dispatch: false), CancellationToken.None);
            using var http = LoadApp.Client(50);
            long next = 0;
            await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
            {
                for (var task = Interlocked.Increment(ref next); task <= texts; task = Interlocked.Increment(ref next))
                {
                    using var response = await http.SendAsync(LoadApp.SignedEvent(filling.BaseUrl, task));
                    response.EnsureSuccessStatusCode();
                }
            }));
        }

        var queued = AppDatabase.CountThankYouTexts(data, "Status = 'Pending'");
        await using var draining = AppProcess.OnFreePort();
        var clock = Stopwatch.StartNew();
        await draining.StartAsync(LoadApp.Environment(draining.BaseUrl, data, twilio.BaseUrl, dispatch: true, concurrency), CancellationToken.None);
        while (AppDatabase.CountThankYouTexts(data, "Status IN ('Sent', 'Failed')") < texts && clock.Elapsed < TimeSpan.FromMinutes(30))
        {
            await Task.Delay(500);
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var sent = AppDatabase.CountThankYouTexts(data, "Status = 'Sent'");
        var failed = AppDatabase.CountThankYouTexts(data, "Status = 'Failed'");
        var perNumber = twilio.Messages.GroupBy(m => m.To).Select(g => g.Count()).ToList();
        var duplicates = perNumber.Sum(c => c - 1);
        Console.WriteLine($"Machine: {LoadApp.Machine()}; fake Twilio 100 ms per create, 5% transient 503s; send concurrency {concurrency}.");
        Console.WriteLine("| Texts queued | Sent | Failed | Lost | Duplicates | Transient errors retried | Drain time | Texts/s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {queued:N0} | {sent:N0} | {failed} | {texts - perNumber.Count} | {duplicates} | {twilio.TransientErrors} | {elapsed:0.0} s | {sent / elapsed:0.0} |"));
        return sent == texts && duplicates == 0 ? 0 : 1;
    }
}
