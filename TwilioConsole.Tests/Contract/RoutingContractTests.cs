using TwilioConsole.Core.Routing;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Contract;

/// <summary>Routing's plan/apply and skills editor in Twilio mode, every request checked by the TaskRouter spec's mock.</summary>
[Trait("Lane", "Contract")]
public sealed class RoutingContractTests(ContractHarness harness) : IClassFixture<ContractHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    [Fact]
    public async Task Apply_SendsQueueAndWorkflowRequestsTheSpecAccepts()
    {
        var result = await harness.Service<RoutingService>().ApplyAsync("contract", null, Ct);

        // Prism answers with the spec's examples (whose names are not ours), so apply creates both queues and the workflow.
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([PlanAction.Create, PlanAction.Create, PlanAction.Create], result.Steps.Select(s => s.Action));
        Assert.All(result.Steps, s => Assert.Equal(ApplyStepState.Done, s.State));

        // What the app sent: the two queues of the default spec with their worker expressions, then a workflow whose
        // filters route the IVR's "type" to queues by SID.
        var queues = harness.Sent.Posts("/TaskQueues");
        Assert.Equal(["Troubleshooting", "Support"], queues.Select(q => q.Field("FriendlyName")));
        Assert.Equal(["routing.skills HAS \"troubleshooting\"", "routing.skills HAS \"support\""], queues.Select(q => q.Field("TargetWorkers")));
        var workflow = Assert.Single(harness.Sent.Posts("/Workflows"));
        Assert.Equal(RoutingSpec.Default.WorkflowName, workflow.Field("FriendlyName"));
        using var configuration = System.Text.Json.JsonDocument.Parse(workflow.Field("Configuration")!);
        var filters = configuration.RootElement.GetProperty("task_routing").GetProperty("filters").EnumerateArray().ToList();
        Assert.Equal(["type == \"troubleshooting\"", "type == \"support\""], filters.Select(f => f.GetProperty("expression").GetString()));
        Assert.All(filters, f => Assert.Matches("^WQ[0-9a-f]{32}$", f.GetProperty("targets")[0].GetProperty("queue").GetString()));
    }

    [Fact]
    public async Task WorkerSkills_FetchThenUpdate_AreAccepted()
    {
        var result = await harness.Service<RoutingWorkers>().SetSkillsAsync(Sids.Make("WK", 1), new Dictionary<string, bool> { ["support"] = true }, "contract", Ct);

        Assert.True(result.Succeeded, result.Message);
        var update = Assert.Single(harness.Sent.Posts($"/Workers/{Sids.Make("WK", 1)}"));
        using var attributes = System.Text.Json.JsonDocument.Parse(update.Field("Attributes")!);
        Assert.Contains("support", attributes.RootElement.GetProperty("routing").GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
    }
}
