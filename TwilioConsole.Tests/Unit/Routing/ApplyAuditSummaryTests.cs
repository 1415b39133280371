using TwilioConsole.Core.Routing;

namespace TwilioConsole.Tests.Unit.Routing;

/// <summary>The audit line of a routing apply reads as what happened, never "Unchanged → Unchanged".</summary>
[Trait("Lane", "Unit")]
public sealed class ApplyAuditSummaryTests
{
    private static ApplyStepResult Step(string kind, string name, PlanAction action, ApplyStepState state) => new(kind, name, action, state, null, null);

    [Fact]
    public void NothingToDo_SaysSo() =>
        Assert.Equal("nothing to change (3 already matched)", RoutingService.AuditSummary(
        [
            Step("Queue", "Troubleshooting", PlanAction.Unchanged, ApplyStepState.Unchanged),
            Step("Queue", "Support", PlanAction.Unchanged, ApplyStepState.Unchanged),
            Step("Workflow", "IVR routing", PlanAction.Unchanged, ApplyStepState.Unchanged),
        ]));

    [Fact]
    public void Changes_AreNamed_AndTheRestCounted() =>
        Assert.Equal("Queue Support updated; Workflow IVR routing created; 1 unchanged", RoutingService.AuditSummary(
        [
            Step("Queue", "Troubleshooting", PlanAction.Unchanged, ApplyStepState.Unchanged),
            Step("Queue", "Support", PlanAction.Update, ApplyStepState.Done),
            Step("Workflow", "IVR routing", PlanAction.Create, ApplyStepState.Done),
        ]));

    [Fact]
    public void AFailure_AndWhatItStopped_AreNamed() =>
        Assert.Equal("Queue Support failed; Workflow IVR routing skipped", RoutingService.AuditSummary(
        [
            Step("Queue", "Support", PlanAction.Create, ApplyStepState.Failed),
            Step("Workflow", "IVR routing", PlanAction.Create, ApplyStepState.Skipped),
        ]));
}
