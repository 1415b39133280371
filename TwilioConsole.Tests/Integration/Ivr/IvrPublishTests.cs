using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Ivr;
using TwilioConsole.Core.Routing;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Ivr;

[Trait("Lane", "Integration")]
public sealed class IvrPublishTests : IAsyncDisposable
{
    private readonly ConsoleAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private IvrPublisher Publisher => _app.Services.GetRequiredService<IvrPublisher>();

    [Fact]
    public async Task Sandbox_BeforeRouting_SaysToApplyItFirst()
    {
        var result = await Publisher.PublishAsync(IvrDefinition.Default, publish: true, null, "staff", Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("apply the routing on the Routing page first", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_CreateThenUnchangedThenUpdate_WithRevisionsAndAuthors()
    {
        await _app.Services.GetRequiredService<RoutingService>().ApplyAsync("staff", null, Ct);

        var created = await Publisher.PublishAsync(IvrDefinition.Default, publish: true, "First IVR", "ana@example.com", Ct);
        var again = await Publisher.PublishAsync(IvrDefinition.Default, publish: true, "Same again", "ana@example.com", Ct);
        var updated = await Publisher.PublishAsync(IvrDefinition.Default with { Greeting = "Hello!" }, publish: true, "New greeting", "ben@example.com", Ct);

        Assert.Equal((PublishOutcome.Created, 1), (created.Outcome, created.Flow!.Revision));
        Assert.Equal(PublishOutcome.Unchanged, again.Outcome);
        Assert.Contains("No new revision", again.Message, StringComparison.Ordinal);
        Assert.Equal((PublishOutcome.Updated, 2), (updated.Outcome, updated.Flow!.Revision));
        Assert.Equal(created.Flow.Sid, updated.Flow.Sid);

        var revisions = await Publisher.RevisionsAsync(created.Flow.Sid, Ct);
        Assert.Equal([(2, "ben@example.com", "New greeting"), (1, "ana@example.com", "First IVR")], revisions.Select(r => (r.Revision, r.PublishedBy!, r.CommitMessage!)));

        var workflowSid = await _app.Services.GetRequiredService<RoutingService>().AppliedWorkflowSidAsync(Ct);
        var call = IvrCallSimulator.Start(updated.Flow.Definition!.Value.GetRawText());
        call.Press("2");
        Assert.Equal(workflowSid, call.Task!.WorkflowSid);
        Assert.Equal("TC5a4db0c5a4db0c5a4db0c5a4db0c502", call.Task.ChannelSid); // the Sandbox's voice channel

        await using var db = await _app.DbAsync(Ct);
        Assert.Equal(3, await db.AuditLog.CountAsync(a => a.Action == "ivr.publish" && a.Succeeded, Ct));
    }

    [Fact]
    public async Task Sandbox_AttachANumber_PointsItsVoiceUrlAtTheFlow()
    {
        await _app.Services.GetRequiredService<RoutingService>().ApplyAsync("staff", null, Ct);
        var flow = (await Publisher.PublishAsync(IvrDefinition.Default, publish: true, null, "staff", Ct)).Flow!;

        var (succeeded, message) = await Publisher.AttachAsync(SandboxAccount.PhoneNumbers[0].Sid, flow, "staff", Ct);
        var numbers = await Publisher.NumbersAsync(flow, Ct);

        Assert.True(succeeded, message);
        Assert.Equal([true, false], numbers.Select(n => n.PointsAtIvr));
        Assert.Equal(flow.WebhookUrl!.AbsoluteUri, numbers[0].VoiceUrl);
    }

    [Fact]
    public async Task InvalidIvr_IsRefused_BeforeAnyRequest()
    {
        await _app.UseTwilioModeAsync(Ct);

        var result = await Publisher.PublishAsync(IvrDefinition.Default with { Prompt = "" }, publish: true, null, "staff", Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("The menu prompt is required.", result.Errors["Prompt"]);
        Assert.Empty(_app.Twilio.Requests);
    }


    private void WorkspaceResponds()
    {
        var ws = Sids.Workspace();
        _app.Twilio
            .Respond(HttpMethod.Get, $"/v1/Workspaces/{ws}/Workflows", HttpStatusCode.OK,
                $$$"""{"workflows": [{"sid": "{{{Sids.Make("WW", 1)}}}", "friendly_name": "IVR routing", "configuration": "{}", "task_reservation_timeout": 120}], "meta": {"next_page_url": null, "key": "workflows"}}""")
            .Respond(HttpMethod.Get, $"/v1/Workspaces/{ws}/TaskChannels", HttpStatusCode.OK,
                $$$"""{"channels": [{"sid": "{{{Sids.Make("TC", 1)}}}", "friendly_name": "Default", "unique_name": "default"}, {"sid": "{{{Sids.Make("TC", 2)}}}", "friendly_name": "Voice", "unique_name": "voice"}], "meta": {"next_page_url": null, "key": "channels"}}""")
            .Respond(HttpMethod.Post, "/v2/Flows/Validate", HttpStatusCode.OK, """{"valid": true}""");
    }

    private static string FlowJson(int revision, string definition) =>
        $$$"""{"sid": "{{{Sids.Make("FW", 1)}}}", "friendly_name": "Support IVR", "definition": {{{definition}}}, "status": "published", "revision": {{{revision}}}, "webhook_url": "https://webhooks.twilio.com/v1/Accounts/{{{Sids.Account()}}}/Flows/{{{Sids.Make("FW", 1)}}}", "date_created": "2026-11-25T10:00:00Z"}""";

    [Fact]
    public async Task TwilioMode_ValidatesFirst_ThenCreates_WithTheRoutingTargets()
    {
        await _app.UseTwilioModeAsync(Ct);
        WorkspaceResponds();
        _app.Twilio
            .Respond(HttpMethod.Get, "/v2/Flows", HttpStatusCode.OK, """{"flows": [], "meta": {"next_page_url": null, "key": "flows"}}""")
            .Respond(HttpMethod.Post, "/v2/Flows", HttpStatusCode.Created, FlowJson(1, "{}"));

        var result = await Publisher.PublishAsync(IvrDefinition.Default, publish: true, "First", "staff", Ct);

        Assert.Equal(PublishOutcome.Created, result.Outcome);
        var posts = _app.Twilio.Requests.Where(r => r.Method == HttpMethod.Post).ToList();
        Assert.Equal(["/v2/Flows/Validate", "/v2/Flows"], posts.Select(p => p.Uri.AbsolutePath));
        var definition = posts[1].Form.Single(f => f.Key == "Definition").Value;
        Assert.Equal(IvrFlowBuilder.Build(IvrDefinition.Default, new IvrTargets(Sids.Make("WW", 1), Sids.Make("TC", 2))), definition);
        Assert.Contains(new("Status", "published"), posts[1].Form);
        Assert.Contains(new("CommitMessage", "First"), posts[1].Form);
    }

    [Fact]
    public async Task TwilioMode_UnchangedFlow_CreatesNothing_ChangedFlow_UpdatesIt()
    {
        await _app.UseTwilioModeAsync(Ct);
        WorkspaceResponds();
        var targets = new IvrTargets(Sids.Make("WW", 1), Sids.Make("TC", 2));
        _app.Twilio
            .Respond(HttpMethod.Get, "/v2/Flows", HttpStatusCode.OK,
                $$$"""{"flows": [{"sid": "{{{Sids.Make("FW", 1)}}}", "friendly_name": "Support IVR", "definition": null, "status": "published", "revision": 4, "date_created": "2026-11-25T10:00:00Z"}], "meta": {"next_page_url": null, "key": "flows"}}""")
            .Respond(HttpMethod.Get, $"/v2/Flows/{Sids.Make("FW", 1)}", HttpStatusCode.OK, FlowJson(4, IvrFlowBuilder.Build(IvrDefinition.Default, targets)))
            .Respond(HttpMethod.Post, $"/v2/Flows/{Sids.Make("FW", 1)}", HttpStatusCode.OK, FlowJson(5, "{}"));

        var unchanged = await Publisher.PublishAsync(IvrDefinition.Default, publish: true, null, "staff", Ct);
        var changed = await Publisher.PublishAsync(IvrDefinition.Default with { TimeoutSeconds = 7 }, publish: true, null, "staff", Ct);

        Assert.Equal(PublishOutcome.Unchanged, unchanged.Outcome);
        Assert.Equal((PublishOutcome.Updated, 5), (changed.Outcome, changed.Flow!.Revision));
        Assert.Single(_app.Twilio.Requests, r => r.Method == HttpMethod.Post && r.Uri.AbsolutePath == $"/v2/Flows/{Sids.Make("FW", 1)}");
        Assert.DoesNotContain(_app.Twilio.Requests, r => r.Method == HttpMethod.Post && r.Uri.AbsolutePath == "/v2/Flows");
    }

    [Fact]
    public async Task TwilioMode_AttachPostsVoiceUrlAndMethod()
    {
        await _app.UseTwilioModeAsync(Ct);
        var pn = Sids.Make("PN", 1);
        _app.Twilio.Respond(HttpMethod.Post, $"/2010-04-01/Accounts/{Sids.Account()}/IncomingPhoneNumbers/{pn}.json", HttpStatusCode.OK,
            $$$"""{"sid": "{{{pn}}}", "phone_number": "+14155550199", "voice_url": "https://webhooks.twilio.com/v1/Accounts/{{{Sids.Account()}}}/Flows/{{{Sids.Make("FW", 1)}}}"}""");
        var flow = new Core.Twilio.StudioFlow(Sids.Make("FW", 1), "Support IVR", null, "published", 1, null, true,
            new Uri($"https://webhooks.twilio.com/v1/Accounts/{Sids.Account()}/Flows/{Sids.Make("FW", 1)}"), DateTimeOffset.UtcNow, null);

        var (succeeded, message) = await Publisher.AttachAsync(pn, flow, "staff", Ct);

        Assert.True(succeeded, message);
        var form = Assert.Single(_app.Twilio.Requests).Form;
        Assert.Contains(new("VoiceUrl", flow.WebhookUrl!.AbsoluteUri), form);
        Assert.Contains(new("VoiceMethod", "POST"), form);
    }
}
