using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Onboarding;
using TwilioConsole.Core.Routing;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Calls;

[Trait("Lane", "Integration")]
public sealed class SandboxCallTests : IAsyncDisposable
{
    private readonly ConsoleAppFactory _app = new(fakeTwilio: false);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private SandboxCalls Calls => _app.Services.GetRequiredService<SandboxCalls>();

    private Task QuickStartAsync(params QuickStartStep[] steps) => _app.RunQuickStartAsync(Ct, steps);

    [Fact]
    public async Task BeforeTheIvrIsPublished_ACallSaysWhatToDo()
    {
        var (call, error) = await Calls.PlaceAsync("+14155550142", null, Ct);

        Assert.Null(call);
        Assert.Equal("Publish the IVR first (IVR page → Publish).", error);
    }

    [Theory]
    [InlineData("not a number")]
    [InlineData("")]
    public async Task ABadCallerNumber_IsRefused(string number)
    {
        await QuickStartAsync(QuickStartStep.Routing, QuickStartStep.Ivr);

        var (call, error) = await Calls.PlaceAsync(number, null, Ct);

        Assert.Null(call);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public async Task Option2_IsTalkingWithTheSupportAgent_AndTheQueueCountsTheTask()
    {
        await QuickStartAsync(QuickStartStep.Routing, QuickStartStep.Ivr, QuickStartStep.Agents);
        var (call, error) = await Calls.PlaceAsync("+14155550142", "Zoë", Ct);
        Assert.Null(error);
        Assert.True(call!.WaitingForKey);

        await Calls.PressAsync(call, "2", Ct);

        Assert.Equal(SandboxCallState.Talking, call.State);
        Assert.Equal(("Support", "Sam Lee"), (call.QueueName, call.AgentName));
        var support = (await _app.Services.GetRequiredService<QueueStatistics>().SnapshotAsync(Ct)).Single(s => s.Name == "Support");
        Assert.Equal((1, 1), (support.Statistics!.TotalTasks, support.Statistics.TasksByStatus!["assigned"]));

        await Calls.HangUpAsync(call, Ct);

        Assert.Equal(SandboxCallState.WrappingUp, call.State); // by default the agent completes wrap-up
        Assert.Null(call.WrapUpDue);
        Assert.True(call.FollowingText);
        Assert.Equal(1, (await _app.Services.GetRequiredService<QueueStatistics>().SnapshotAsync(Ct)).Single(s => s.Name == "Support").Statistics!.TasksByStatus!["wrapping"]);

        await Calls.CompleteWrapUpAsync(call, Ct);

        Assert.Equal(SandboxCallState.Ended, call.State);
        Assert.Contains("Sam Lee completed wrap-up", call.Timeline[^1].Text, StringComparison.Ordinal);
        Assert.Equal(0, (await _app.Services.GetRequiredService<QueueStatistics>().SnapshotAsync(Ct)).Single(s => s.Name == "Support").Statistics!.TotalTasks);
    }

    [Fact]
    public async Task NoAvailableAgentWithTheSkill_TheCallWaits_AndHangingUpSendsNoText()
    {
        await QuickStartAsync(QuickStartStep.Routing, QuickStartStep.Ivr);
        var workers = _app.Services.GetRequiredService<RoutingWorkers>();
        foreach (var worker in (await workers.ListAsync(Ct)).Where(w => w.Skills.Contains("troubleshooting")))
        {
            await workers.SetSkillsAsync(worker.Sid, new Dictionary<string, bool> { ["troubleshooting"] = false }, "staff", Ct);
        }

        var (call, _) = await Calls.PlaceAsync("+14155550142", null, Ct);
        await Calls.PressAsync(call!, "1", Ct);

        Assert.Equal(SandboxCallState.Queued, call!.State);
        Assert.Contains(call.Timeline, e => e.Text.StartsWith("Waiting in Troubleshooting", StringComparison.Ordinal));
        var waiting = (await _app.Services.GetRequiredService<QueueStatistics>().SnapshotAsync(Ct)).Single(s => s.Name == "Troubleshooting");
        Assert.Equal(1, waiting.Statistics!.TasksByStatus!["pending"]);

        await Calls.HangUpAsync(call, Ct);

        Assert.False(call.FollowingText);
        Assert.Contains("no thank-you text", call.Timeline[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimeoutsUntilGoodbye_EndTheCallWithoutATask()
    {
        await QuickStartAsync(QuickStartStep.Routing, QuickStartStep.Ivr);
        var (call, _) = await Calls.PlaceAsync("+14155550142", null, Ct);

        for (var i = 0; i < 3; i++)
        {
            await Calls.TimeoutAsync(call!, Ct);
        }

        Assert.Equal(SandboxCallState.Ended, call!.State);
        Assert.Null(call.TaskSid);
        Assert.Contains("IVR said goodbye", call.Timeline[^1].Text, StringComparison.Ordinal);
    }
}
