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

    public static List<KeyValuePair<string, string>> Event(long task) => TaskRouterEvents.WithEventSid(TaskRouterEvents.Form(task, TaskRouterEvents.Caller(task), $"Caller {task}"));

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
