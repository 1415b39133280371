using System.Globalization;
using Microsoft.Data.Sqlite;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Benchmarks;

/// <summary>What the load and drain runs share: the app's settings as environment, signed TaskRouter events, row counts.</summary>
internal static class LoadApp
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "ffffffffffffffffffffffffffffff1f";

    public static Dictionary<string, string> Environment(Uri app, string dataFolder, Uri? twilio, bool dispatch, int concurrency = 4) => new()
    {
        ["TwilioConsole__Mode"] = "Twilio",
        ["TwilioConsole__Twilio__AccountSid"] = AccountSid,
        ["TwilioConsole__Twilio__AuthToken"] = AuthToken,
        ["TwilioConsole__Twilio__ApiBaseUrl"] = (twilio ?? new Uri("http://127.0.0.1:9/")).ToString(),
        ["TwilioConsole__Twilio__DefaultSender"] = "+15017122661",
        ["TwilioConsole__PublicBaseUrl"] = app.ToString(),
        ["TwilioConsole__Database__DataFolder"] = dataFolder,
        ["TwilioConsole__ThankYou__Dispatch"] = dispatch ? "true" : "false",
        ["TwilioConsole__ThankYou__SendConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
        ["TwilioConsole__ThankYou__InFlightGraceSeconds"] = "5",
        ["TwilioConsole__RateLimits__WebhookRequestsPerSecond"] = "100000000",
        ["TwilioConsole__Diagnostics__BareEndpoint"] = "true",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public static string Sid(string prefix, long n) => prefix + n.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>A caller number per task that libphonenumber accepts as a real US number.</summary>
    public static string Caller(long n) => "+1415" + (2_000_000 + n).ToString(CultureInfo.InvariantCulture);

    public static KeyValuePair<string, string>[] Event(long task) =>
    [
        new("EventType", "task.wrapup"), new("TaskSid", Sid("WT", task)), new("TaskChannelUniqueName", "voice"),
        new("TaskAttributes", $$"""{"from":"{{Caller(task)}}","direction":"inbound","name":"Caller {{task}}"}"""),
        new("TaskQueueName", "Support"), new("WorkerName", "Alice"), new("WorkerSid", Sid("WK", 1)), new("TaskAge", "95"),
        new("WorkspaceSid", Sid("WS", 1)), new("AccountSid", AccountSid), new("ResourceType", "task"),
    ];

    public static HttpRequestMessage SignedEvent(Uri app, long task)
    {
        var url = new Uri(app, "webhooks/taskrouter/events");
        var form = Event(task);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(AuthToken, url.ToString(), form));
        return request;
    }

    public static int Count(string dataFolder, string where)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "console.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ThankYouTexts WHERE " + where;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static HttpClient Client(int connections) => new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static string Machine() =>
        $"{System.Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {System.Environment.Version}";
}
