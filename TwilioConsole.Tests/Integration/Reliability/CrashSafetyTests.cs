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

    private Dictionary<string, string> Environment(Uri app) => new(AppProcess.TwilioMode(_twilio.BaseUrl, app))
    {
        ["TwilioConsole__Database__DataFolder"] = _data,
        ["TwilioConsole__ThankYou__InFlightGraceSeconds"] = "2",
    };

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
                    var form = TaskRouterEvents.Form(task, TaskRouterEvents.Caller(task), $"Caller {task}");
                    using var response = await http.SendAsync(TwilioRequests.SignedPost(url, form, Sids.AuthToken()), Ct);
                    Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{response.StatusCode}\n{first.Output}");
                }
            }
        }

        // Kill while the second create is in flight: Twilio has it, the app never hears back.
        await first.WaitUntilAsync(() => _twilio.Messages.Count >= 2, TimeSpan.FromSeconds(30), Ct);
        await first.KillAsync();
        var atKill = _twilio.Messages.Count;

        await using var second = AppProcess.OnFreePort();
        await second.StartAsync(Environment(second.BaseUrl), Ct);
        await second.WaitUntilAsync(() => AppDatabase.CountThankYouTexts(_data, "Status = 'Sent'") == Tasks, TimeSpan.FromSeconds(90), Ct);

        Assert.InRange(atKill, 2, Tasks - 1); // the kill really came mid-way
        var perNumber = _twilio.Messages.GroupBy(m => m.To).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Tasks, perNumber.Count);
        Assert.All(perNumber, p => Assert.Equal(1, p.Value));
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
