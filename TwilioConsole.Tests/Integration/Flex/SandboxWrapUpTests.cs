using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Flex;
using TwilioConsole.Core.Onboarding;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Core.ThankYou;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Flex;

/// <summary>
/// The test call honours the configuration sets saved to the Sandbox's Flex: the matching set applies, and its
/// auto-wrap-up completes the task after its time with no click, which a thank-you text triggered on task.completed sees.
/// </summary>
[Trait("Lane", "Integration")]
public sealed class SandboxWrapUpTests : IAsyncDisposable
{
    private readonly ConsoleAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private SandboxCalls Calls => _app.Services.GetRequiredService<SandboxCalls>();

    private async Task<SandboxCall> SupportCallAsync(params ConfigurationSetForm[] sets)
    {
        await _app.RunQuickStartAsync(Ct, QuickStartStep.Routing, QuickStartStep.Ivr, QuickStartStep.Agents);
        Assert.Null(await _app.Services.GetRequiredService<AgentAutomationStore>().SaveAsync("staff", sets, Ct));
        var (call, error) = await Calls.PlaceAsync("+14155550142", "Zoë", Ct);
        Assert.Null(error);
        await Calls.PressAsync(call!, "2", Ct);
        return call!;
    }

    private static ConfigurationSetForm Set(string name, bool autoWrapUp, int seconds = 1, params RequiredAttributeForm[] required) =>
        new() { Name = name, Channel = "voice", AutoWrapUp = autoWrapUp, WrapUpSeconds = seconds, RequiredAttributes = [.. required] };

    [Fact]
    public async Task AutoWrapUp_CompletesTheTaskWithoutAClick_AndTheCompletedTriggerSendsTheText()
    {
        var thankYou = _app.Services.GetRequiredService<ThankYouSettingsStore>();
        Assert.Empty(await thankYou.SaveAsync(new ThankYouSettings { TriggerEvent = ThankYouSettings.TaskCompleted }, "staff", Ct));
        var call = await SupportCallAsync(Set("Support calls", autoWrapUp: true, 1, new RequiredAttributeForm { Key = "type", Value = "support" }), Set("Other calls", false));
        Assert.Equal(SandboxCallState.Talking, call.State);
        Assert.Contains(call.Timeline, e => e.Text.Contains("configuration set \"Support calls\"", StringComparison.Ordinal));

        await Calls.HangUpAsync(call, Ct);
        Assert.Equal(SandboxCallState.WrappingUp, call.State);
        Assert.NotNull(call.WrapUpDue);
        for (var i = 0; i < 100 && call.NeedsRefresh; i++)
        {
            await Task.Delay(100, Ct);
            await Calls.RefreshAsync(call, Ct);
        }

        Assert.Equal(SandboxCallState.Ended, call.State);
        Assert.Contains(call.Timeline, e => e.Text.StartsWith("Auto wrap-up completed", StringComparison.Ordinal));
        await using var db = await _app.DbAsync(Ct);
        var text = await db.ThankYouTexts.SingleAsync(t => t.TaskSid == call.TaskSid, Ct);
        Assert.Equal("+14155550142", text.CustomerNumber);
    }

    [Fact]
    public async Task ASetWithoutAutoWrapUp_LeavesTheTaskInWrapUp_UntilTheAgentCompletes()
    {
        var call = await SupportCallAsync(Set("Calls", autoWrapUp: false));

        await Calls.HangUpAsync(call, Ct);
        await Calls.RefreshAsync(call, Ct);

        Assert.Equal(SandboxCallState.WrappingUp, call.State);
        Assert.Null(call.WrapUpDue);
        Assert.Contains("the task completes when they click Complete", call.Timeline.Last(e => e.Kind == TimelineKind.Agent).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extending_AddsThePluginsSeconds()
    {
        var call = await SupportCallAsync(Set("Calls", autoWrapUp: true, 60));
        await Calls.HangUpAsync(call, Ct);
        var due = call.WrapUpDue!.Value;

        Calls.ExtendWrapUp(call, Ct);

        Assert.Equal(due.AddSeconds(30), call.WrapUpDue);
        Assert.Contains("extended wrap-up by 30 s", call.Timeline[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASetThatLeavesTheAcceptToTheAgent_KeepsTheCallWaiting()
    {
        var manual = Set("Calls", autoWrapUp: true, 30);
        manual.AutoAccept = false;

        var call = await SupportCallAsync(manual);

        Assert.Equal(SandboxCallState.Queued, call.State);
        Assert.Contains("configuration set \"Calls\" leaves the accept to the agent", call.Timeline[^1].Text, StringComparison.Ordinal);
    }
}
