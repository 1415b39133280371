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
    }

    [Fact]
    public async Task WorkerSkills_FetchThenUpdate_AreAccepted()
    {
        var result = await harness.Service<RoutingWorkers>().SetSkillsAsync(Sids.Make("WK", 1), new Dictionary<string, bool> { ["support"] = true }, "contract", Ct);

        Assert.True(result.Succeeded, result.Message);
    }
}
