using System.Globalization;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Benchmarks;

/// <summary>What the load and drain runs share: the app's settings as environment, signed TaskRouter events.</summary>
internal static class LoadApp
{
    public static Dictionary<string, string> Environment(Uri app, string dataFolder, Uri? twilio, bool dispatch, int concurrency = 4) =>
        new(AppProcess.TwilioMode(twilio ?? new Uri("http://127.0.0.1:9/"), app))
        {
            ["TwilioConsole__Database__DataFolder"] = dataFolder,
            ["TwilioConsole__ThankYou__Dispatch"] = dispatch ? "true" : "false",
            ["TwilioConsole__ThankYou__SendConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["TwilioConsole__ThankYou__InFlightGraceSeconds"] = "5",
            ["TwilioConsole__RateLimits__WebhookRequestsPerSecond"] = "100000000",
            ["TwilioConsole__Diagnostics__BareEndpoint"] = "true",
        };

    /// <summary>When this run's events are stamped from: TaskRouter stamps each event with its time (Timestamp, TimestampMs).</summary>
    private static readonly long EpochMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>
    /// Task <paramref name="task"/>'s wrap-up as TaskRouter sends it: a TaskSid as random as a real one (not the tests'
    /// counted <c>WT000…0001</c>, whose index inserts would all land on the last page), the event's SID, and its time —
    /// the same for a repeat of the event.
    /// </summary>
    public static List<KeyValuePair<string, string>> Event(long task)
    {
        var taskSid = "WT" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"task:{task}")))[..32];
        var at = EpochMs + task % 10_000_000 / 10;
        var form = TaskRouterEvents.Form(task, TaskRouterEvents.Caller(task), $"Caller {task}")
            .Select(f => f.Key == "TaskSid" ? KeyValuePair.Create(f.Key, taskSid) : f).ToList();
        return [.. TaskRouterEvents.WithEventSid(form), new("Timestamp", (at / 1000).ToString(CultureInfo.InvariantCulture)), new("TimestampMs", at.ToString(CultureInfo.InvariantCulture))];
    }

    public static HttpRequestMessage SignedEvent(Uri app, long task)
    {
        var url = new Uri(app, "webhooks/taskrouter/events");
        var form = Event(task);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(Sids.AuthToken(), url.ToString(), form));
        return request;
    }

    public static HttpClient Client(int connections) => new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static string Machine() =>
        $"{System.Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {System.Environment.Version}";
}
