using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Contract;

/// <summary>
/// Every endpoint the typed clients use, sent to Prism mocks of Twilio's OpenAPI specs. Prism checks the route, method,
/// auth, path SIDs, form fields (names, types, enums, required, no unknown fields) and content type.
/// </summary>
[Trait("Lane", "Contract")]
public sealed class ProductsContractTests(ContractHarness harness) : IClassFixture<ContractHarness>
{
    private static readonly string Ws = Sids.Workspace();
    private static readonly string Wq = Sids.Make("WQ", 1);
    private static readonly string Ww = Sids.Make("WW", 1);
    private static readonly string Wk = Sids.Make("WK", 1);
    private static readonly string Fw = Sids.Make("FW", 1);
    private static readonly string Zs = Sids.Make("ZS", 1);
    private static readonly string Ze = Sids.Make("ZE", 1);
    private static readonly string Zb = Sids.Make("ZB", 1);
    private static readonly string Zv = Sids.Make("ZV", 1);
    private static readonly string Pn = Sids.Make("PN", 1);
    private static readonly string Sm = Sids.Make("SM", 1);
    private const string Definition = """{"description":"IVR","states":[{"name":"Trigger","type":"trigger","transitions":[],"properties":{"offset":{"x":0,"y":0}}}],"initial_state":"Trigger","flags":{"allow_concurrent_calls":true}}""";


    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Studio_CreateUpdateFetchValidate_AreAccepted()
    {
        var studio = harness.Service<IStudioApi>();
        var write = new FlowWrite("Support IVR", "published", Definition, "First version");

        Assert.StartsWith("FW", (await studio.CreateFlowAsync(write, Ct)).Sid, StringComparison.Ordinal);
        Assert.StartsWith("FW", (await studio.UpdateFlowAsync(Fw, write with { Status = "draft" }, Ct)).Sid, StringComparison.Ordinal);
        Assert.StartsWith("FW", (await studio.FetchFlowAsync(Fw, Ct)).Sid, StringComparison.Ordinal);
        Assert.True((await studio.ValidateFlowAsync(write, Ct)).Valid);
    }

    [Fact]
    public async Task Studio_Lists_AreAccepted()
    {
        var studio = harness.Service<IStudioApi>();

        Assert.NotEmpty(await studio.ListFlowsAsync(Ct).ToListAsync(Ct));
        Assert.NotEmpty(await studio.ListRevisionsAsync(Fw, Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Studio_WrongStatusCase_IsRejected()
    {
        var studio = harness.Service<IStudioApi>(); // enums are case-sensitive: "Published" is not a Status

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => studio.CreateFlowAsync(new FlowWrite("x", "Published", Definition), Ct));

        Assert.Equal(422, (int)error.Status);
    }

    [Fact]
    public async Task TaskRouter_Workspace_AreAccepted()
    {
        var taskRouter = harness.Service<ITaskRouterApi>();

        Assert.StartsWith("WS", (await taskRouter.FetchWorkspaceAsync(Ws, Ct)).Sid, StringComparison.Ordinal);
        var updated = await taskRouter.UpdateWorkspaceAsync(Ws, new WorkspaceUpdate("https://console.example.com/webhooks/taskrouter/events", "task.wrapup,task.completed"), Ct);
        Assert.StartsWith("WS", updated.Sid, StringComparison.Ordinal);
        var sent = Assert.Single(harness.Sent.Posts($"/Workspaces/{Ws}"));
        Assert.Equal(("https://console.example.com/webhooks/taskrouter/events", "task.wrapup,task.completed"), (sent.Field("EventCallbackUrl"), sent.Field("EventsFilter")));
    }

    [Fact]
    public async Task TaskRouter_Queues_AreAccepted()
    {
        var taskRouter = harness.Service<ITaskRouterApi>();
        var queue = new TaskQueueWrite("Support", "routing.skills HAS \"support\"", "FIFO", 1);

        Assert.NotEmpty(await taskRouter.ListTaskQueuesAsync(Ws, Ct).ToListAsync(Ct));
        Assert.StartsWith("WQ", (await taskRouter.CreateTaskQueueAsync(Ws, queue, Ct)).Sid, StringComparison.Ordinal);
        Assert.StartsWith("WQ", (await taskRouter.UpdateTaskQueueAsync(Ws, Wq, queue, Ct)).Sid, StringComparison.Ordinal);
        await taskRouter.DeleteTaskQueueAsync(Ws, Wq, Ct);
        Assert.StartsWith("WQ", (await taskRouter.FetchQueueRealTimeStatisticsAsync(Ws, Wq, Ct)).TaskQueueSid, StringComparison.Ordinal);
        Assert.StartsWith("WQ", (await taskRouter.FetchQueueCumulativeStatisticsAsync(Ws, Wq, 60, Ct)).TaskQueueSid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskRouter_Workflows_AreAccepted()
    {
        var taskRouter = harness.Service<ITaskRouterApi>();
        var workflow = new WorkflowWrite("IVR routing", """{"task_routing":{"filters":[],"default_filter":{"queue":"WQ00000000000000000000000000000001"}}}""", 120);

        Assert.NotEmpty(await taskRouter.ListWorkflowsAsync(Ws, Ct).ToListAsync(Ct));
        Assert.StartsWith("WW", (await taskRouter.CreateWorkflowAsync(Ws, workflow, Ct)).Sid, StringComparison.Ordinal);
        Assert.StartsWith("WW", (await taskRouter.UpdateWorkflowAsync(Ws, Ww, workflow, Ct)).Sid, StringComparison.Ordinal);
        await taskRouter.DeleteWorkflowAsync(Ws, Ww, Ct);
    }

    [Fact]
    public async Task TaskRouter_ChannelsActivitiesWorkers_AreAccepted()
    {
        var taskRouter = harness.Service<ITaskRouterApi>();
        var worker = new WorkerWrite("Alice", """{"routing":{"skills":["support"]}}""");

        Assert.NotEmpty(await taskRouter.ListTaskChannelsAsync(Ws, Ct).ToListAsync(Ct));
        Assert.NotEmpty(await taskRouter.ListActivitiesAsync(Ws, Ct).ToListAsync(Ct));
        Assert.NotEmpty(await taskRouter.ListWorkersAsync(Ws, Ct).ToListAsync(Ct));
        Assert.StartsWith("WK", (await taskRouter.FetchWorkerAsync(Ws, Wk, Ct)).Sid, StringComparison.Ordinal);
        Assert.StartsWith("WK", (await taskRouter.CreateWorkerAsync(Ws, worker, Ct)).Sid, StringComparison.Ordinal);
        Assert.StartsWith("WK", (await taskRouter.UpdateWorkerAsync(Ws, Wk, worker with { FriendlyName = null }, Ct)).Sid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskRouter_QueueWithoutName_IsRejected()
    {
        var taskRouter = harness.Service<ITaskRouterApi>(); // TaskRouter requires FriendlyName on create

        var error = await Assert.ThrowsAsync<TwilioApiException>(() =>
            taskRouter.CreateTaskQueueAsync(Ws, new TaskQueueWrite(null!, "1==1"), Ct));

        Assert.Equal(422, (int)error.Status);
    }

    [Fact]
    public async Task Messaging_MessagesAndNumbers_AreAccepted()
    {
        var messaging = harness.Service<IMessagingApi>();

        var sent = await messaging.CreateMessageAsync(new MessageCreate("+15558675310", "Thanks for calling!", From: "+15017122661",
            StatusCallback: new Uri("https://console.example.com/webhooks/messaging/status")), Ct);
        Assert.StartsWith("SM", sent.Sid, StringComparison.Ordinal);
        await messaging.CreateMessageAsync(new MessageCreate("+15558675310", "Via service", MessagingServiceSid: Sids.Make("MG", 1)), Ct);
        Assert.StartsWith("SM", (await messaging.FetchMessageAsync(Sm, Ct)).Sid, StringComparison.Ordinal);
        await messaging.ListMessagesAsync(new MessageFilter("+15558675310", DateSentAfter: DateTimeOffset.UnixEpoch), Ct).ToListAsync(Ct);
        await messaging.ListIncomingPhoneNumbersAsync(Ct).ToListAsync(Ct);
        var number = await messaging.UpdateVoiceUrlAsync(Pn, new Uri($"https://webhooks.twilio.com/v1/Accounts/{Sids.Account()}/Flows/{Fw}"), Ct);
        Assert.StartsWith("PN", number.Sid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendSms_SendsTheNormalisedNumber_TheDefaultSender_AndThisHostsStatusCallback()
    {
        var sender = harness.Service<TwilioConsole.Core.Messaging.SmsSender>();

        var result = await sender.SendAsync(new("(415) 555-0100", "Thanks for calling!"), TwilioConsole.Core.Data.Entities.MessageSource.Form, "contract", Ct);

        Assert.True(result.Succeeded, result.TwilioError);
        var sent = Assert.Single(harness.Sent.Posts("/Messages.json"));
        Assert.Equal($"/2010-04-01/Accounts/{Sids.Account()}/Messages.json", sent.Path);
        Assert.Equal(("+14155550100", "Thanks for calling!", ContractHarness.Sender), (sent.Field("To"), sent.Field("Body"), sent.Field("From")));
        Assert.Equal("https://console.example.com/webhooks/messaging/status", sent.Field("StatusCallback"));
    }

    [Fact]
    public async Task Messaging_WithoutSender_IsRejected()
    {
        var messaging = harness.Service<IMessagingApi>(); // a message needs From or MessagingServiceSid

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => messaging.CreateMessageAsync(new MessageCreate("+15558675310", "x"), Ct));

        Assert.Equal(422, (int)error.Status);
    }

    [Fact]
    public async Task Serverless_DeploySequence_IsAccepted()
    {
        var serverless = harness.Service<IServerlessApi>();

        await serverless.ListServicesAsync(Ct).ToListAsync(Ct);
        Assert.StartsWith("ZS", (await serverless.CreateServiceAsync("twilio-console-sms", "TwilioConsole SMS", Ct)).Sid, StringComparison.Ordinal);
        await serverless.ListEnvironmentsAsync(Zs, Ct).ToListAsync(Ct);
        Assert.StartsWith("ZE", (await serverless.CreateEnvironmentAsync(Zs, "production", "prod", Ct)).Sid, StringComparison.Ordinal);
        await serverless.ListFunctionsAsync(Zs, Ct).ToListAsync(Ct);
        Assert.StartsWith("ZH", (await serverless.CreateFunctionAsync(Zs, "send-sms", Ct)).Sid, StringComparison.Ordinal);
        var build = await serverless.CreateBuildAsync(Zs, [Sids.Make("ZN", 1), Sids.Make("ZN", 2)], [], [new("twilio", "5.3.0")], "node22", Ct);
        Assert.StartsWith("ZB", build.Sid, StringComparison.Ordinal);
        Assert.NotNull((await serverless.FetchBuildStatusAsync(Zs, Zb, Ct)).Status);
        Assert.StartsWith("ZD", (await serverless.CreateDeploymentAsync(Zs, Ze, Zb, Ct)).Sid, StringComparison.Ordinal);
        await serverless.ListVariablesAsync(Zs, Ze, Ct).ToListAsync(Ct);
        Assert.StartsWith("ZV", (await serverless.CreateVariableAsync(Zs, Ze, "SENDER", "+15017122661", Ct)).Sid, StringComparison.Ordinal);
        Assert.StartsWith("ZV", (await serverless.UpdateVariableAsync(Zs, Ze, Zv, "+15017122662", Ct)).Sid, StringComparison.Ordinal);

        var buildForm = Assert.Single(harness.Sent.Posts($"/Services/{Zs}/Builds"));
        Assert.Equal([Sids.Make("ZN", 1), Sids.Make("ZN", 2)], buildForm.Fields("FunctionVersions"));
        Assert.Equal(("node22", """[{"name":"twilio","version":"5.3.0"}]"""), (buildForm.Field("Runtime"), buildForm.Field("Dependencies")));
        var variable = Assert.Single(harness.Sent.Posts($"/Environments/{Ze}/Variables"));
        Assert.Equal(("SENDER", "+15017122661"), (variable.Field("Key"), variable.Field("Value")));
    }

    [Fact]
    public async Task Serverless_MalformedVersionSid_IsRejected()
    {
        var serverless = harness.Service<IServerlessApi>(); // FunctionVersions must be ZN SIDs

        var error = await Assert.ThrowsAsync<TwilioApiException>(() => serverless.CreateBuildAsync(Zs, ["send-sms"], [], [], "node22", Ct));

        Assert.Equal(422, (int)error.Status);
    }
}
