using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Core.ThankYou;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.ThankYou;

[Trait("Lane", "Integration")]
public sealed class ThankYouSettingsTests : IAsyncDisposable
{
    private readonly ConsoleAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Save_RoundTrips()
    {
        var store = _app.Services.GetRequiredService<ThankYouSettingsStore>();
        var wanted = new ThankYouSettings { Enabled = false, TriggerEvent = ThankYouSettings.TaskCompleted, Template = "Thanks {first_name}!", OnlyIfAgentAccepted = false, MinimumCallSeconds = 30 };

        var errors = await store.SaveAsync(wanted, "admin", Ct);

        Assert.Empty(errors);
        Assert.Equal(wanted, await store.GetAsync(Ct));
    }

    [Fact]
    public async Task Save_BadValues_SavesNothing()
    {
        var store = _app.Services.GetRequiredService<ThankYouSettingsStore>();

        var errors = await store.SaveAsync(new ThankYouSettings { TriggerEvent = "task.created", Template = "Hi {nick}", MinimumCallSeconds = -1 }, "admin", Ct);

        Assert.Equal(["MinimumCallSeconds", "Template", "TriggerEvent"], errors.Keys.Order());
        Assert.Equal(new ThankYouSettings(), await store.GetAsync(Ct));
    }

    [Fact]
    public async Task PointWorkspaceEvents_SetsCallbackAndFilter()
    {
        var result = await _app.Services.GetRequiredService<WorkspaceEventsLink>().PointAtThisHostAsync("admin", Ct);

        Assert.True(result.Succeeded, result.Message);
        var twilio = await _app.Services.GetRequiredService<ITwilioGateway>().CurrentAsync(Ct);
        var workspace = await twilio.TaskRouter.FetchWorkspaceAsync(SandboxAccount.WorkspaceSid, Ct);
        Assert.EndsWith("/webhooks/taskrouter/events", workspace.EventCallbackUrl, StringComparison.Ordinal);
        Assert.Equal("task.wrapup,task.created,task.canceled,task.completed,reservation.accepted,reservation.rejected,reservation.timeout,worker.activity.update",
            workspace.EventsFilter); // the thank-you trigger and the live board's events
    }
}
