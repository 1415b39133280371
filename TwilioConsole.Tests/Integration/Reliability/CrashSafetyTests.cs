using System.Net;
using Microsoft.Data.Sqlite;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Reliability;

/// <summary>
/// The app as a real process, killed with SIGKILL while it is sending thank-you texts to a slow Twilio, then started
/// again on the same database: every text is sent exactly once — none lost, none twice.
/// </summary>
[Trait("Lane", "Integration")]
public sealed class CrashSafetyTests : IAsyncDisposable
{
    private const int Tasks = 5;
    private readonly string _data = Directory.CreateTempSubdirectory("twilio-console-crash-").FullName;
    private readonly FakeMessagesServer _twilio = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Dictionary<string, string> Environment(Uri app) => new()
    {
        ["TwilioConsole__Mode"] = "Twilio",
        ["TwilioConsole__Twilio__AccountSid"] = Sids.Account(),
        ["TwilioConsole__Twilio__AuthToken"] = Sids.AuthToken(),
        ["TwilioConsole__Twilio__ApiBaseUrl"] = _twilio.BaseUrl.ToString(),
        ["TwilioConsole__Twilio__DefaultSender"] = "+15017122661",
        ["TwilioConsole__PublicBaseUrl"] = app.ToString(),
        ["TwilioConsole__Database__DataFolder"] = _data,
        ["TwilioConsole__ThankYou__InFlightGraceSeconds"] = "2",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private static KeyValuePair<string, string>[] Event(int task) =>
    [
        new("EventType", "task.wrapup"), new("TaskSid", Sids.Make("WT", task)), new("TaskChannelUniqueName", "voice"),
        new("TaskAttributes", $$"""{"from":"+1415555{{task:D4}}","direction":"inbound","name":"Caller {{task}}"}"""),
        new("TaskQueueName", "Support"), new("WorkerName", "Alice"), new("WorkerSid", Sids.Make("WK", 1)), new("TaskAge", "95"),
        new("WorkspaceSid", Sids.Workspace()), new("AccountSid", Sids.Account()), new("ResourceType", "task"),
    ];

    [Fact]
    public async Task KilledMidSend_RestartSendsEachTextExactlyOnce()
    {
        await _twilio.StartAsync();
        await using var first = AppProcess.OnFreePort();
        await first.StartAsync(Environment(first.BaseUrl), Ct);

        using (var http = new HttpClient { BaseAddress = first.BaseUrl })
        {
            for (var task = 1; task <= Tasks; task++)
            {
                var url = new Uri(first.BaseUrl, "webhooks/taskrouter/events").ToString();
                foreach (var _ in new[] { 1, 2 }) // TaskRouter may deliver an event twice
                {
                    using var response = await http.SendAsync(TwilioRequests.SignedPost(url, Event(task), Sids.AuthToken()), Ct);
                    Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{response.StatusCode}\n{first.Output}");
                }
            }
        }

        // Kill while the second create is in flight: Twilio has it, the app never hears back.
        await WaitUntilAsync(() => _twilio.Messages.Count >= 2, TimeSpan.FromSeconds(30), first);
        await first.KillAsync();
        var atKill = _twilio.Messages.Count;

        await using var second = AppProcess.OnFreePort();
        await second.StartAsync(Environment(second.BaseUrl), Ct);
        await WaitUntilAsync(() => SentRows() == Tasks, TimeSpan.FromSeconds(90), second);

        Assert.InRange(atKill, 2, Tasks - 1); // the kill really came mid-way
        var perNumber = _twilio.Messages.GroupBy(m => m.To).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Tasks, perNumber.Count);
        Assert.All(perNumber, p => Assert.Equal(1, p.Value));
    }

    private int SentRows()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "console.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM ThankYouTexts WHERE Status = 'Sent'";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, AppProcess app)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, $"Timed out. App output:\n{app.Output}");
            await Task.Delay(200, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _twilio.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans temp
        }
    }
}
