using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TwilioConsole.Core.Routing;
using TwilioConsole.Core.Sandbox;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Integration.Routing;

[Trait("Lane", "Integration")]
public sealed class RoutingApplyTests : IAsyncDisposable
{
    private readonly ConsoleAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private RoutingService Routing => _app.Services.GetRequiredService<RoutingService>();

    [Fact]
    public async Task Sandbox_ApplyCreatesEverything_AndASecondApplyChangesNothing()
    {
        var first = await Routing.ApplyAsync("staff@example.com", null, Ct);
        var second = await Routing.ApplyAsync("staff@example.com", null, Ct);

        Assert.True(first.Succeeded, first.Error);
        Assert.All(first.Steps, s => Assert.Equal((PlanAction.Create, ApplyStepState.Done), (s.Action, s.State)));
        Assert.True(second.Succeeded, second.Error);
        Assert.All(second.Steps, s => Assert.Equal((PlanAction.Unchanged, ApplyStepState.Unchanged), (s.Action, s.State)));
        Assert.Equal(first.Steps.Select(s => s.Sid), second.Steps.Select(s => s.Sid));

        var taskRouter = (await _app.Services.GetRequiredService<ITwilioGateway>().CurrentAsync(Ct)).TaskRouter;
        var queues = await taskRouter.ListTaskQueuesAsync(SandboxAccount.WorkspaceSid, Ct).ToListAsync(Ct);
        Assert.Equal(["Troubleshooting", "Support"], queues.Select(q => q.FriendlyName));
        var workflow = Assert.Single(await taskRouter.ListWorkflowsAsync(SandboxAccount.WorkspaceSid, Ct).ToListAsync(Ct));
        Assert.Contains(queues[0].Sid, workflow.Configuration, StringComparison.Ordinal);
        Assert.Equal(workflow.Sid, await Routing.AppliedWorkflowSidAsync(Ct));

        await using var db = await _app.DbAsync(Ct);
        var audits = await db.AuditLog.Where(a => a.Action == "routing.apply").OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(2, audits.Count);
        Assert.All(audits, a => Assert.True(a.Succeeded));
        Assert.Equal("Queue Troubleshooting created; Queue Support created; Workflow IVR routing created", audits[0].Details);
        Assert.Equal("nothing to change (3 already matched)", audits[1].Details);
    }

    [Fact]
    public async Task Sandbox_EditedSpec_PlansAnUpdate_ThenApplies()
    {
        await Routing.ApplyAsync("staff", null, Ct);
        var specs = _app.Services.GetRequiredService<RoutingSpecStore>();
        var edited = RoutingSpec.Default with { Queues = [RoutingSpec.Default.Queues[0], RoutingSpec.Default.Queues[1] with { TaskOrder = "LIFO" }] };
        Assert.Empty(await specs.SaveAsync(edited, "staff", Ct));

        var plan = (await Routing.PlanAsync(await specs.GetAsync(Ct), Ct)).Plan!;
        var applied = await Routing.ApplyAsync("staff", null, Ct);

        Assert.Equal([new FieldChange("Task order", "FIFO", "LIFO")], plan.Steps.Single(s => s.Name == "Support").Changes);
        Assert.Equal(ApplyStepState.Done, applied.Steps.Single(s => s.Name == "Support").State);
        Assert.False((await Routing.PlanAsync(edited, Ct)).Plan!.HasChanges);
    }

    [Fact]
    public async Task InvalidSpec_IsNotSaved_AndSaysWhy()
    {
        var specs = _app.Services.GetRequiredService<RoutingSpecStore>();

        var errors = await specs.SaveAsync(RoutingSpec.Default with { DefaultQueue = "Sales" }, "staff", Ct);

        Assert.Contains(errors, e => e.Contains("default queue 'Sales'", StringComparison.Ordinal));
        Assert.Equal(RoutingSpec.Default, await specs.GetAsync(Ct) with { Queues = RoutingSpec.Default.Queues, Filters = RoutingSpec.Default.Filters });
        Assert.Equal("Support", (await specs.GetAsync(Ct)).DefaultQueue);
    }

    [Fact]
    public async Task Sandbox_WorkerSkills_MergeAndAudit()
    {
        var workers = _app.Services.GetRequiredService<RoutingWorkers>();
        var sam = (await workers.ListAsync(Ct)).Single(w => w.FriendlyName == "Sam Lee");

        var result = await workers.SetSkillsAsync(sam.Sid, new Dictionary<string, bool> { ["troubleshooting"] = true }, "staff", Ct);
        var refused = await workers.SetSkillsAsync(sam.Sid, new Dictionary<string, bool> { ["sales"] = true }, "staff", Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["support", "troubleshooting"], result.Worker!.Skills);
        Assert.Contains("\"contact_uri\":\"client:sam\"", result.Worker.Attributes, StringComparison.Ordinal);
        Assert.False(refused.Succeeded);
        Assert.Contains("Only these skills", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_Statistics_BeforeAndAfterApply()
    {
        var statistics = _app.Services.GetRequiredService<QueueStatistics>();

        var before = await statistics.SnapshotAsync(Ct);
        await Routing.ApplyAsync("staff", null, Ct);
        var after = await statistics.SnapshotAsync(Ct);

        Assert.All(before, s => Assert.Contains("apply the routing plan", s.Error, StringComparison.Ordinal));
        Assert.Equal([(1, 2), (1, 2)], after.Select(s => (s.Statistics!.TotalAvailableWorkers, s.Statistics.TotalEligibleWorkers)));
    }


    private static string QueuesPath => $"/v1/Workspaces/{Sids.Workspace()}/TaskQueues";

    private static string WorkflowsPath => $"/v1/Workspaces/{Sids.Workspace()}/Workflows";

    private static string QueueJson(int n, string name, string target) =>
        $$"""{"sid": "{{Sids.Make("WQ", n)}}", "friendly_name": "{{name}}", "target_workers": {{System.Text.Json.JsonSerializer.Serialize(target)}}, "task_order": "FIFO", "max_reserved_workers": 1}""";

    [Fact]
    public async Task TwilioMode_CreatesMissing_UpdatesChanged_ThenWritesTheWorkflowWithRealSids()
    {
        await _app.UseTwilioModeAsync(Ct);
        _app.Twilio
            .Respond(HttpMethod.Get, QueuesPath, HttpStatusCode.OK,
                $$$"""{"task_queues": [{{{QueueJson(2, "Support", "1==1")}}}, {{{QueueJson(9, "Everyone", "1==1")}}}], "meta": {"next_page_url": null, "key": "task_queues"}}""")
            .Respond(HttpMethod.Get, WorkflowsPath, HttpStatusCode.OK, """{"workflows": [], "meta": {"next_page_url": null, "key": "workflows"}}""")
            .Respond(HttpMethod.Post, QueuesPath, HttpStatusCode.Created, QueueJson(1, "Troubleshooting", "routing.skills HAS \"troubleshooting\""))
            .Respond(HttpMethod.Post, $"{QueuesPath}/{Sids.Make("WQ", 2)}", HttpStatusCode.OK, QueueJson(2, "Support", "routing.skills HAS \"support\""))
            .Respond(HttpMethod.Post, WorkflowsPath, HttpStatusCode.Created,
                $$"""{"sid": "{{Sids.Make("WW", 1)}}", "friendly_name": "IVR routing", "configuration": "{}", "task_reservation_timeout": 120}""");

        var result = await Routing.ApplyAsync("staff", null, Ct);

        Assert.True(result.Succeeded, result.Error);
        var posts = _app.Twilio.Requests.Where(r => r.Method == HttpMethod.Post).ToList();
        Assert.Equal([QueuesPath, $"{QueuesPath}/{Sids.Make("WQ", 2)}", WorkflowsPath], posts.Select(p => p.Uri.AbsolutePath));
        Assert.Contains(new("TargetWorkers", "routing.skills HAS \"support\""), posts[1].Form);
        var configuration = posts[2].Form.Single(f => f.Key == "Configuration").Value;
        Assert.Contains(Sids.Make("WQ", 1), configuration, StringComparison.Ordinal);
        Assert.Contains(Sids.Make("WQ", 2), configuration, StringComparison.Ordinal);
        Assert.DoesNotContain("{{queue:", configuration, StringComparison.Ordinal);
        Assert.DoesNotContain(_app.Twilio.Requests, r => r.Uri.AbsolutePath.Contains(Sids.Make("WQ", 9), StringComparison.Ordinal)); // "Everyone" is left alone
    }

    [Fact]
    public async Task TwilioMode_AppliedState_SendsNoWrites()
    {
        await _app.UseTwilioModeAsync(Ct);
        var configuration = WorkflowConfigBuilder.Build(RoutingSpec.Default, name => name == "Troubleshooting" ? Sids.Make("WQ", 1) : Sids.Make("WQ", 2));
        _app.Twilio
            .Respond(HttpMethod.Get, QueuesPath, HttpStatusCode.OK,
                $$$"""{"task_queues": [{{{QueueJson(1, "Troubleshooting", "routing.skills HAS \"troubleshooting\"")}}}, {{{QueueJson(2, "Support", "routing.skills HAS \"support\"")}}}], "meta": {"next_page_url": null, "key": "task_queues"}}""")
            .Respond(HttpMethod.Get, WorkflowsPath, HttpStatusCode.OK,
                $$$"""{"workflows": [{"sid": "{{{Sids.Make("WW", 1)}}}", "friendly_name": "IVR routing", "configuration": {{{System.Text.Json.JsonSerializer.Serialize(configuration)}}}, "task_reservation_timeout": 120}], "meta": {"next_page_url": null, "key": "workflows"}}""");

        var result = await Routing.ApplyAsync("staff", null, Ct);

        Assert.True(result.Succeeded, result.Error);
        Assert.All(result.Steps, s => Assert.Equal(ApplyStepState.Unchanged, s.State));
        Assert.DoesNotContain(_app.Twilio.Requests, r => r.Method != HttpMethod.Get);
    }

    [Fact]
    public async Task TwilioMode_RefusedQueue_StopsBeforeTheWorkflow_AndIsAudited()
    {
        await _app.UseTwilioModeAsync(Ct);
        _app.Twilio
            .Respond(HttpMethod.Get, QueuesPath, HttpStatusCode.OK, """{"task_queues": [], "meta": {"next_page_url": null, "key": "task_queues"}}""")
            .Respond(HttpMethod.Get, WorkflowsPath, HttpStatusCode.OK, """{"workflows": [], "meta": {"next_page_url": null, "key": "workflows"}}""")
            .RespondError(HttpMethod.Post, QueuesPath, HttpStatusCode.BadRequest, 20001, "Invalid target workers expression");

        var result = await Routing.ApplyAsync("staff", null, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal([ApplyStepState.Failed, ApplyStepState.Skipped, ApplyStepState.Skipped], result.Steps.Select(s => s.State));
        Assert.Contains("Invalid target workers expression (Twilio error 20001)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_app.Twilio.Requests, r => r.Uri.AbsolutePath == WorkflowsPath && r.Method == HttpMethod.Post);
        await using var db = await _app.DbAsync(Ct);
        Assert.False((await db.AuditLog.SingleAsync(a => a.Action == "routing.apply", Ct)).Succeeded);
    }
}
