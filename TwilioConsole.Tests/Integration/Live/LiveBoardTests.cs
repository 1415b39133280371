using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Live;
using TwilioConsole.Core.Onboarding;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Core.Settings;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Live;

/// <summary>Signed TaskRouter events reach the live board through the real webhook, once each, whatever their order.</summary>
[Trait("Lane", "Integration")]
public sealed class LiveBoardTests : IAsyncDisposable
{
    private readonly ConsoleAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private BoardFeed Feed => _app.Services.GetRequiredService<BoardFeed>();

    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow;

    /// <summary>An event <paramref name="secondsAgo"/> before the test class started, so its times do not drift while posting.</summary>
    private static KeyValuePair<string, string>[] Event(string type, int task, int secondsAgo, string? sid = null, string queue = "Support")
    {
        var form = TaskRouterEvents.Form(task, type: type);
        form.RemoveAll(f => f.Key == "TaskQueueName");
        form.Add(new("TaskQueueName", queue));
        form.Add(new("TimestampMs", Start.AddSeconds(-secondsAgo).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        if (sid is not null)
        {
            form.Add(new("Sid", sid));
        }

        return [.. form];
    }

    private async Task<HttpStatusCode> PostAsync(KeyValuePair<string, string>[] form)
    {
        var key = await _app.Services.GetRequiredService<SettingsService>().GetWebhookSigningKeyAsync(Ct);
        using var client = _app.NewClient();
        using var response = await client.SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/taskrouter/events", form, key!), Ct);
        return response.StatusCode;
    }

    private async Task<QueueBoard> QueueWhenAsync(string name, Func<QueueBoard, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            if (Feed.Current.Queues.FirstOrDefault(q => q.Name == name) is { } queue && done(queue))
            {
                return queue;
            }

            await Task.Delay(50, Ct);
        }

        return Assert.Single(Feed.Current.Queues, q => q.Name == name);
    }

    [Fact]
    public async Task SignedEvents_UpdateTheBoard()
    {
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(Event("task.created", 1, 60, "EV1")));
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(Event("reservation.accepted", 1, 45, "EV2")));
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(Event("task.created", 2, 30, "EV3")));

        var support = await QueueWhenAsync("Support", q => q.AcceptedToday == 1 && q.Waiting == 1);

        Assert.Equal((1, 1, 1), (support.AcceptedToday, support.Waiting, support.AgentsBusy));
        Assert.InRange(support.LongestWait!.Value.TotalSeconds, 30, 90);
        Assert.Equal(TimeSpan.FromSeconds(15), support.AverageWait);
    }

    [Fact]
    public async Task RepeatedAndOutOfOrderEvents_AreStoredOnce_AndCountedOnce()
    {
        await PostAsync(Event("reservation.accepted", 1, 45, "EV2")); // before its task.created
        await PostAsync(Event("task.created", 1, 60, "EV1"));
        await PostAsync(Event("task.created", 1, 60, "EV1"));        // TaskRouter delivers again
        var noSid = Event("task.canceled", 2, 10);
        await PostAsync(Event("task.created", 2, 40, "EV3"));
        await PostAsync(noSid);
        await PostAsync(noSid);                                       // keyed by type, task and time

        var support = await QueueWhenAsync("Support", q => q.AcceptedToday == 1 && q.AbandonedToday == 1);

        Assert.Equal((1, 1, 0), (support.AcceptedToday, support.AbandonedToday, support.Waiting));
        await using var db = await _app.DbAsync(Ct);
        Assert.Equal(4, await db.BoardEvents.CountAsync(Ct));
    }

    [Fact]
    public async Task EventsTheBoardDoesNotUse_AreNotStored_AndThankYouTextsWorkAsBefore()
    {
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(Event("task-queue.entered", 1, 5, "EV9")));
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(Event("task.wrapup", 1, 5, "EV8")));

        await using var db = await _app.DbAsync(Ct);
        Assert.Equal(["task.wrapup"], await db.BoardEvents.Select(e => e.EventType).ToListAsync(Ct));
        Assert.Single(await db.ThankYouTexts.ToListAsync(Ct));
    }

    [Fact]
    public async Task ATestCall_ShowsOnTheBoard_AsItHappens()
    {
        await _app.RunQuickStartAsync(Ct, QuickStartStep.Routing, QuickStartStep.Ivr, QuickStartStep.Agents);
        var calls = _app.Services.GetRequiredService<SandboxCalls>();
        var (call, _) = await calls.PlaceAsync("+14155550142", null, Ct);
        await calls.PressAsync(call!, "2", Ct);

        var support = await QueueWhenAsync("Support", q => q.AcceptedToday == 1);

        Assert.Equal((1, 1), (support.AcceptedToday, support.AgentsBusy));
        var sam = Feed.Current.Agents.Single(a => a.Name == "Sam Lee");
        Assert.Equal(("Support", "talking"), (sam.TaskQueue, sam.TaskState));
    }

    [Fact]
    public async Task TheReconcile_BringsTaskRoutersAgents_AndDropsAWaitingTaskItNoLongerHas()
    {
        await using var app = new ConsoleAppFactory().With("TwilioConsole:Live:Reconcile", "true").With("TwilioConsole:Live:ReconcileSeconds", "5");
        await app.RunQuickStartAsync(Ct, QuickStartStep.Routing, QuickStartStep.Agents);
        var feed = app.Services.GetRequiredService<BoardFeed>();
        var key = await app.Services.GetRequiredService<SettingsService>().GetWebhookSigningKeyAsync(Ct);
        using (var client = app.NewClient())
        {
            // TaskRouter never had this task: the events say it waits, the reconcile says the queue is empty.
            using var response = await client.SendAsync(TwilioRequests.SignedPost("http://localhost/webhooks/taskrouter/events", Event("task.created", 7, 5, "EV7"), key!), Ct);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        QueueBoard? support = null;
        for (var i = 0; i < 300 && support is not { AgentsAvailable: > 0, Waiting: 0 }; i++)
        {
            await Task.Delay(100, Ct);
            support = feed.Current.Queues.FirstOrDefault(q => q.Name == "Support");
        }

        Assert.True(support is { AgentsAvailable: > 0, Waiting: 0 }, $"Support: {support}");
        Assert.NotNull(feed.Current.ReconciledAt);
        Assert.Contains(feed.Current.Agents, a => a is { Name: "Sam Lee", Activity: "Available", Available: true });
    }

    [Fact]
    public async Task SimulatedTraffic_StartsOnlyWithRouting_AndCanBeStopped()
    {
        var traffic = _app.Services.GetRequiredService<SandboxTraffic>();
        Assert.Equal("Place 1 to 500 calls.", await traffic.StartAsync(new TrafficPlan(0, 1), "staff", Ct));
        Assert.StartsWith("Apply the routing first", await traffic.StartAsync(new TrafficPlan(5, 1), "staff", Ct), StringComparison.Ordinal);
        await _app.RunQuickStartAsync(Ct, QuickStartStep.Routing, QuickStartStep.Agents);

        Assert.Null(await traffic.StartAsync(new TrafficPlan(5, 1), "staff", Ct));
        Assert.Equal("A simulation is already running; stop it first.", await traffic.StartAsync(new TrafficPlan(5, 1), "staff", Ct));
        Assert.True(traffic.Progress.Running);
        traffic.Stop();
        for (var i = 0; i < 50 && traffic.Progress.Running; i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.False(traffic.Progress.Running);
        Assert.Equal("Stopped.", traffic.Progress.Problem);
    }

    [Fact]
    public async Task SimulatedTraffic_IsRefusedInTwilioMode()
    {
        await _app.UseTwilioModeAsync(Ct);

        var refusal = await _app.Services.GetRequiredService<SandboxTraffic>().StartAsync(new TrafficPlan(5, 1), "staff", Ct);

        Assert.Contains("Sandbox mode only", refusal, StringComparison.Ordinal);
        Assert.Empty(_app.Twilio.Requests);
    }
}
