using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Onboarding;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Sandbox;

/// <summary>
/// Sandbox-only actions check the mode when they run: a page opened in the Sandbox whose button is pressed after the
/// switch to Twilio mode is refused, and nothing reaches Twilio (the fake records every request).
/// </summary>
[Trait("Lane", "Integration")]
public sealed class ModeSafetyTests : IAsyncDisposable
{
    private readonly ConsoleAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<SandboxCall> TalkingCallAsync()
    {
        await _app.RunQuickStartAsync(Ct, QuickStartStep.Routing, QuickStartStep.Ivr, QuickStartStep.Agents);

        var calls = _app.Services.GetRequiredService<SandboxCalls>();
        var (call, error) = await calls.PlaceAsync("+14155550142", null, Ct);
        Assert.Null(error);
        await calls.PressAsync(call!, "2", Ct);
        Assert.Equal(SandboxCallState.Talking, call!.State);
        return call;
    }

    [Fact]
    public async Task HangingUpATestCall_AfterTheSwitchToTwilio_IsRefused_AndNothingIsSent()
    {
        var call = await TalkingCallAsync();
        await _app.UseTwilioModeAsync(Ct);

        await _app.Services.GetRequiredService<SandboxCalls>().HangUpAsync(call, Ct);
        await Task.Delay(1500, Ct); // time for any callback the courier might still post

        Assert.Equal(SandboxCallState.Ended, call.State);
        Assert.Contains("for Sandbox mode only, and the app is now in Twilio mode: nothing was sent", call.Timeline[^1].Text, StringComparison.Ordinal);
        Assert.Empty(_app.Twilio.Requests);
        await using var db = await _app.DbAsync(Ct);
        Assert.Equal(0, await db.ThankYouTexts.CountAsync(Ct));
    }

    [Fact]
    public async Task EndingAPretendCall_AfterTheSwitch_Throws_AndPostsNoEvent()
    {
        await _app.UseTwilioModeAsync(Ct);

        var error = await Assert.ThrowsAsync<SandboxOnlyException>(() =>
            _app.Services.GetRequiredService<SandboxCallEnder>().EndAsync(new EndedCall("+14155550142", null, "Support", "Alice", 60), Ct));
        await Task.Delay(1500, Ct);

        Assert.Contains("Sandbox mode only", error.Message, StringComparison.Ordinal);
        Assert.Empty(_app.Twilio.Requests);
        await using var db = await _app.DbAsync(Ct);
        Assert.Equal(0, await db.ThankYouTexts.CountAsync(Ct));
    }

    [Fact]
    public async Task QuickStart_InTwilioMode_RefusesDemoAgents_AndNeverRepointsANumber()
    {
        await _app.UseTwilioModeAsync(Ct);
        var quickStart = _app.Services.GetRequiredService<QuickStart>();

        var agents = await quickStart.RunAsync(QuickStartStep.Agents, "staff", Ct);
        await quickStart.RunAsync(QuickStartStep.Ivr, "staff", Ct);

        Assert.False(agents.Succeeded);
        Assert.Contains("Sandbox mode only", agents.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_app.Twilio.Requests, r => r.Method == HttpMethod.Post && (r.Uri.AbsolutePath.Contains("/Workers", StringComparison.Ordinal) ||
                                                                                          r.Uri.AbsolutePath.Contains("/IncomingPhoneNumbers/", StringComparison.Ordinal)));
        Assert.DoesNotContain(QuickStart.StepsFor(TwilioConsole.Core.Settings.ConsoleMode.Twilio), s => s.Step == QuickStartStep.Agents);
    }

    [Fact]
    public async Task ATestCall_PlacedAfterTheSwitch_IsRefused()
    {
        await _app.UseTwilioModeAsync(Ct);

        var (call, error) = await _app.Services.GetRequiredService<SandboxCalls>().PlaceAsync("+14155550142", null, Ct);

        Assert.Null(call);
        Assert.Contains("Sandbox mode only", error, StringComparison.Ordinal);
        Assert.Empty(_app.Twilio.Requests);
    }

    [Fact]
    public async Task RowsRecordTheirMode_AndSandboxTextsLeaveTheTotalsInTwilioMode()
    {
        var outbox = _app.Services.GetRequiredService<TwilioConsole.Core.ThankYou.ThankYouOutbox>();
        var sandboxEvent = new TwilioConsole.Core.ThankYou.TaskEvent("task.wrapup", Sids.Make("WT", 1), "voice",
            """{"from":"+14155550100","direction":"inbound"}""", "Support", "Alice", Sids.Make("WK", 1), 95);
        var intake = _app.Services.GetRequiredService<TwilioConsole.Core.Operations.TaskRouterIntake>();
        await intake.AcceptAsync(sandboxEvent, null, Ct);
        var inSandbox = await outbox.TotalsAsync(Ct);

        await _app.UseTwilioModeAsync(Ct);
        await intake.AcceptAsync(sandboxEvent with { TaskSid = Sids.Make("WT", 2) }, null, Ct);
        var inTwilio = await outbox.TotalsAsync(Ct);

        await using var db = await _app.DbAsync(Ct);
        var modes = await db.ThankYouTexts.OrderBy(t => t.TaskSid).Select(t => t.Mode).ToListAsync(Ct);
        Assert.Equal([TwilioConsole.Core.Settings.ConsoleMode.Sandbox, TwilioConsole.Core.Settings.ConsoleMode.Twilio], modes);
        Assert.Equal(1, inSandbox.Pending + inSandbox.Sent);
        Assert.Equal(1, inTwilio.Pending + inTwilio.Sent + inTwilio.Failed); // the Sandbox's text is not the real account's
    }
}
