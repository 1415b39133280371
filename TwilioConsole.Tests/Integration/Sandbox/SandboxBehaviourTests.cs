using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Core.Settings;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Sandbox;

/// <summary>The Sandbox behaves as Twilio documents, for everything the features use; reached through the gateway in Sandbox mode.</summary>
[Trait("Lane", "Integration")]
public sealed class SandboxBehaviourTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly ConsoleAppFactory _app;
    private TwilioProducts _twilio = default!;

    public SandboxBehaviourTests() => _app = new ConsoleAppFactory { Clock = _clock };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Ws => SandboxAccount.WorkspaceSid;

    public async ValueTask InitializeAsync() => _twilio = await _app.Services.GetRequiredService<ITwilioGateway>().CurrentAsync(CancellationToken.None);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private const string Definition = """{"description":"IVR","states":[{"name":"Trigger","type":"trigger","transitions":[{"event":"incomingCall","next":"Say"}],"properties":{}},{"name":"Say","type":"say-play","transitions":[],"properties":{"say":"Hi"}}],"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}""";

    [Fact]
    public void Gateway_InSandboxMode_ServesTheSandbox()
    {
        Assert.Equal(ConsoleMode.Sandbox, _twilio.Mode);
        Assert.Equal(SandboxAccount.WorkspaceSid, _twilio.WorkspaceSid);
        Assert.Contains("Sandbox", _twilio.ServedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_AfterSwitchingToTwilio_ServesTheHttpClients()
    {
        await _app.Services.GetRequiredService<SettingsService>().SaveAsync(
            new SettingsForm { Mode = ConsoleMode.Twilio, AccountSid = Sids.Account(), AuthToken = Sids.AuthToken(), WorkspaceSid = Sids.Workspace() }, "test", Ct);

        var twilio = await _app.Services.GetRequiredService<ITwilioGateway>().CurrentAsync(Ct);

        Assert.Equal(ConsoleMode.Twilio, twilio.Mode);
        Assert.Equal(Sids.Workspace(), twilio.WorkspaceSid);
        Assert.Equal("StudioApi", twilio.Studio.GetType().Name);
    }

    [Fact]
    public async Task Studio_EachSaveIsANewRevision_ListedNewestFirst()
    {
        var created = await _twilio.Studio.CreateFlowAsync(new FlowWrite("IVR", "draft", Definition, "first"), Ct);
        var updated = await _twilio.Studio.UpdateFlowAsync(created.Sid, new FlowWrite("IVR", "published", Definition, "second"), Ct);

        var revisions = await _twilio.Studio.ListRevisionsAsync(created.Sid, Ct).ToListAsync(Ct);

        Assert.Matches("^FW[0-9a-f]{32}$", created.Sid);
        Assert.Equal(2, updated.Revision);
        Assert.Equal(["second", "first"], revisions.Select(r => r.CommitMessage));
        Assert.Equal($"https://webhooks.twilio.com/v1/Accounts/{SandboxAccount.AccountSid}/Flows/{created.Sid}", created.WebhookUrl!.ToString());
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("""{"states":[],"initial_state":"Trigger"}""", "initial_state 'Trigger' is not a state")]
    [InlineData("""{"states":[{"name":"Trigger","transitions":[{"event":"incomingCall","next":"Nowhere"}]}],"initial_state":"Trigger"}""", "unknown state 'Nowhere'")]
    public async Task Studio_InvalidDefinition_Is400WithReason(string definition, string reason)
    {
        var error = await Assert.ThrowsAsync<TwilioApiException>(() => _twilio.Studio.ValidateFlowAsync(new FlowWrite("IVR", "draft", definition), Ct));

        Assert.Equal(400, (int)error.Status);
        Assert.Contains(reason, error.TwilioMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskRouter_WorkspaceIsSeededLikeFlex()
    {
        var channels = await _twilio.TaskRouter.ListTaskChannelsAsync(Ws, Ct).ToListAsync(Ct);
        var activities = await _twilio.TaskRouter.ListActivitiesAsync(Ws, Ct).ToListAsync(Ct);

        Assert.Equal(["default", "voice", "chat", "sms"], channels.Select(c => c.UniqueName));
        Assert.Contains(activities, a => a.FriendlyName == "Available" && a.Available);
    }

    [Fact]
    public async Task TaskRouter_UnknownWorkspace_Is404()
    {
        var error = await Assert.ThrowsAsync<TwilioApiException>(() => _twilio.TaskRouter.FetchWorkspaceAsync(Sids.Workspace(9), Ct));

        Assert.Equal(20404, error.Code);
    }

    [Fact]
    public async Task TaskRouter_WorkflowMustNameExistingQueues()
    {
        var queue = await _twilio.TaskRouter.CreateTaskQueueAsync(Ws, new TaskQueueWrite("Support", "routing.skills HAS \"support\""), Ct);
        var good = """{"task_routing":{"filters":[{"filter_friendly_name":"Support","expression":"type == \"support\"","targets":[{"queue":"QUEUE"}]}],"default_filter":{"queue":"QUEUE"}}}"""
            .Replace("QUEUE", queue.Sid, StringComparison.Ordinal);

        var workflow = await _twilio.TaskRouter.CreateWorkflowAsync(Ws, new WorkflowWrite("IVR routing", good), Ct);
        var error = await Assert.ThrowsAsync<TwilioApiException>(() =>
            _twilio.TaskRouter.CreateWorkflowAsync(Ws, new WorkflowWrite("Broken", good.Replace(queue.Sid, Sids.Make("WQ", 7), StringComparison.Ordinal)), Ct));

        Assert.Matches("^WW[0-9a-f]{32}$", workflow.Sid);
        Assert.Contains("does not exist", error.TwilioMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskRouter_InvalidTargetExpression_Is400WithPosition()
    {
        var error = await Assert.ThrowsAsync<TwilioApiException>(() =>
            _twilio.TaskRouter.CreateTaskQueueAsync(Ws, new TaskQueueWrite("Support", "routing.skills HAS"), Ct));

        Assert.Contains("Expected a value", error.TwilioMessage, StringComparison.Ordinal);
        Assert.Contains("position", error.TwilioMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskRouter_QueueNamesAreUnique()
    {
        await _twilio.TaskRouter.CreateTaskQueueAsync(Ws, new TaskQueueWrite("Support", "1==1"), Ct);

        await Assert.ThrowsAsync<TwilioApiException>(() => _twilio.TaskRouter.CreateTaskQueueAsync(Ws, new TaskQueueWrite("Support", "1==1"), Ct));
    }

    [Fact]
    public async Task TaskRouter_WorkersStartOffline_AndCountInTheirQueueWhenAvailable()
    {
        var queue = await _twilio.TaskRouter.CreateTaskQueueAsync(Ws, new TaskQueueWrite("Spanish", "routing.skills HAS \"spanish\""), Ct);
        var alice = await _twilio.TaskRouter.CreateWorkerAsync(Ws, new WorkerWrite("Alice", """{"routing":{"skills":["spanish"]},"contact_uri":"client:alice"}"""), Ct);
        await _twilio.TaskRouter.CreateWorkerAsync(Ws, new WorkerWrite("Bob", """{"routing":{"skills":["troubleshooting"]}}"""), Ct);
        var available = (await _twilio.TaskRouter.ListActivitiesAsync(Ws, Ct).ToListAsync(Ct)).Single(a => a.FriendlyName == "Available");

        var before = await _twilio.TaskRouter.FetchQueueRealTimeStatisticsAsync(Ws, queue.Sid, Ct);
        await _twilio.TaskRouter.UpdateWorkerAsync(Ws, alice.Sid, new WorkerWrite(ActivitySid: available.Sid), Ct);
        var after = await _twilio.TaskRouter.FetchQueueRealTimeStatisticsAsync(Ws, queue.Sid, Ct);

        Assert.Equal("Offline", alice.ActivityName);
        Assert.Equal((1, 0), (before.TotalEligibleWorkers, before.TotalAvailableWorkers));
        Assert.Equal((1, 1), (after.TotalEligibleWorkers, after.TotalAvailableWorkers));
    }

    [Fact]
    public async Task TaskRouter_EventCallbackUrl_IsKept()
    {
        await _twilio.TaskRouter.UpdateWorkspaceAsync(Ws, new WorkspaceUpdate("https://console.example.com/webhooks/taskrouter/events", "task.wrapup"), Ct);

        var workspace = await _twilio.TaskRouter.FetchWorkspaceAsync(Ws, Ct);

        Assert.Equal("https://console.example.com/webhooks/taskrouter/events", workspace.EventCallbackUrl);
        Assert.Equal("task.wrapup", workspace.EventsFilter);
    }

    [Fact]
    public async Task Messages_MoveQueuedSentDelivered()
    {
        var sent = await _twilio.Messaging.CreateMessageAsync(new MessageCreate("+15558675310", "Thanks for calling!", From: "+15005550006"), Ct);

        var queued = await _twilio.Messaging.FetchMessageAsync(sent.Sid, Ct);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var inFlight = await _twilio.Messaging.FetchMessageAsync(sent.Sid, Ct);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var delivered = await _twilio.Messaging.FetchMessageAsync(sent.Sid, Ct);

        Assert.Matches("^SM[0-9a-f]{32}$", sent.Sid);
        Assert.Equal(["queued", "sent", "delivered"], new[] { queued.Status, inFlight.Status, delivered.Status });
        Assert.NotNull(delivered.Price);
    }

    [Theory]
    [InlineData("+15005550001", 21211)]
    [InlineData("5558675310", 21211)]
    [InlineData("+15005550004", 21610)]
    [InlineData("+15005550009", 21614)]
    public async Task Messages_MagicTestNumbersFailAsAtTwilio(string to, int code)
    {
        var error = await Assert.ThrowsAsync<TwilioApiException>(() =>
            _twilio.Messaging.CreateMessageAsync(new MessageCreate(to, "Hi", From: "+15005550006"), Ct));

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public async Task Numbers_VoiceUrlCanPointAtAFlow()
    {
        var number = (await _twilio.Messaging.ListIncomingPhoneNumbersAsync(Ct).ToListAsync(Ct)).First();

        await _twilio.Messaging.UpdateVoiceUrlAsync(number.Sid, new Uri("https://webhooks.twilio.com/v1/Accounts/AC/Flows/FW"), Ct);

        var after = (await _twilio.Messaging.ListIncomingPhoneNumbersAsync(Ct).ToListAsync(Ct)).First();
        Assert.Equal(("https://webhooks.twilio.com/v1/Accounts/AC/Flows/FW", "POST"), (after.VoiceUrl, after.VoiceMethod));
    }

    [Fact]
    public async Task Serverless_DeploySequence_GivesAFunctionUrl()
    {
        var serverless = _twilio.Serverless;
        var service = await serverless.CreateServiceAsync("send-sms", "Send SMS", Ct);
        var environment = await serverless.CreateEnvironmentAsync(service.Sid, "production", null, Ct);
        var function = await serverless.CreateFunctionAsync(service.Sid, "send-sms", Ct);
        var version = await serverless.CreateFunctionVersionAsync(service.Sid, function.Sid, "/send-sms", "protected", "exports.handler = () => {};", Ct);
        var build = await serverless.CreateBuildAsync(service.Sid, [version.Sid], [], [new("twilio", "5.3.0")], "node22", Ct);

        var early = await Assert.ThrowsAsync<TwilioApiException>(() => serverless.CreateDeploymentAsync(service.Sid, environment.Sid, build.Sid, Ct));
        _clock.Advance(SandboxServerlessApi.BuildTime);
        var status = await serverless.FetchBuildStatusAsync(service.Sid, build.Sid, Ct);
        var deployment = await serverless.CreateDeploymentAsync(service.Sid, environment.Sid, build.Sid, Ct);
        var deployed = (await serverless.ListEnvironmentsAsync(service.Sid, Ct).ToListAsync(Ct)).Single();

        Assert.Contains("building", early.TwilioMessage, StringComparison.Ordinal);
        Assert.Equal("completed", status.Status);
        Assert.Matches("^ZD[0-9a-f]{32}$", deployment.Sid);
        Assert.Equal(build.Sid, deployed.BuildSid);
        Assert.EndsWith(".sandbox.test", deployed.DomainName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serverless_BadDependency_FailsTheBuild()
    {
        var service = await _twilio.Serverless.CreateServiceAsync("send-sms", "Send SMS", Ct);
        var function = await _twilio.Serverless.CreateFunctionAsync(service.Sid, "send-sms", Ct);
        var version = await _twilio.Serverless.CreateFunctionVersionAsync(service.Sid, function.Sid, "/send-sms", "protected", "x", Ct);
        var build = await _twilio.Serverless.CreateBuildAsync(service.Sid, [version.Sid], [], [new("twilio", "")], "node22", Ct);
        _clock.Advance(SandboxServerlessApi.BuildTime);

        var status = await _twilio.Serverless.FetchBuildStatusAsync(service.Sid, build.Sid, Ct);

        Assert.Equal("failed", status.Status);
    }

    [Fact]
    public async Task Serverless_ServiceUniqueNamesAreUnique()
    {
        await _twilio.Serverless.CreateServiceAsync("send-sms", "Send SMS", Ct);

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => _twilio.Serverless.CreateServiceAsync("send-sms", "Again", Ct));

        Assert.Equal(54301, error.Code);
    }
}
