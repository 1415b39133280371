using TwilioConsole.Core.Routing;
using TwilioConsole.Core.Twilio;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Unit.Routing;

[Trait("Lane", "Unit")]
public sealed class RoutingPlanTests
{
    private static readonly string Wq1 = Sids.Make("WQ", 1);
    private static readonly string Wq2 = Sids.Make("WQ", 2);
    private static readonly string Ww = Sids.Make("WW", 1);

    private static TaskQueue Queue(string sid, string name, string target, string order = "FIFO", int reserved = 1) =>
        new(sid, name, target, order, reserved, null, null);

    private static List<TaskQueue> AppliedQueues() =>
    [
        Queue(Wq1, "Troubleshooting", "routing.skills HAS \"troubleshooting\""),
        Queue(Wq2, "Support", "routing.skills HAS \"support\""),
    ];

    private static string AppliedConfiguration() =>
        WorkflowConfigBuilder.Build(RoutingSpec.Default, name => name == "Troubleshooting" ? Wq1 : Wq2);

    [Fact]
    public void EmptyWorkspace_CreatesBothQueuesAndTheWorkflow()
    {
        var plan = RoutingPlan.Compute(RoutingSpec.Default, [], []);

        Assert.Equal([("Queue", "Troubleshooting", PlanAction.Create), ("Queue", "Support", PlanAction.Create), ("Workflow", "IVR routing", PlanAction.Create)],
            plan.Steps.Select(s => (s.Kind, s.Name, s.Action)));
        Assert.Contains("{{queue:Support}}", plan.Steps[2].Changes.Single(c => c.Field == "Configuration").Wanted, StringComparison.Ordinal);
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public void AppliedWorkspace_IsUnchanged_EvenWhenTwilioReformatsTheJson()
    {
        var reformatted = System.Text.Json.Nodes.JsonNode.Parse(AppliedConfiguration())!.ToJsonString(); // no indentation
        var plan = RoutingPlan.Compute(RoutingSpec.Default, AppliedQueues(), [new Workflow(Ww, "IVR routing", reformatted, 120, null)]);

        Assert.All(plan.Steps, s => Assert.Equal(PlanAction.Unchanged, s.Action));
        Assert.False(plan.HasChanges);
        Assert.Empty(plan.Unmanaged);
    }

    [Fact]
    public void ChangedFields_AreListedOneByOne()
    {
        var queues = AppliedQueues();
        queues[1] = Queue(Wq2, "Support", "1==1", "LIFO", 3);
        var plan = RoutingPlan.Compute(RoutingSpec.Default, queues, [new Workflow(Ww, "IVR routing", AppliedConfiguration(), 60, null)]);

        var support = plan.Steps.Single(s => s.Name == "Support");
        Assert.Equal(PlanAction.Update, support.Action);
        Assert.Equal(Wq2, support.Sid);
        Assert.Equal(
            [new FieldChange("Target workers", "1==1", "routing.skills HAS \"support\""), new FieldChange("Task order", "LIFO", "FIFO"), new FieldChange("Max reserved workers", "3", "1")],
            support.Changes);
        Assert.Equal(PlanAction.Unchanged, plan.Steps.Single(s => s.Name == "Troubleshooting").Action);
        Assert.Equal([new FieldChange("Task reservation timeout", "60", "120")], plan.Steps.Single(s => s.Kind == "Workflow").Changes);
    }

    [Fact]
    public void WorkflowPointingElsewhere_IsUpdated()
    {
        var other = WorkflowConfigBuilder.Build(RoutingSpec.Default, _ => Wq1); // everything to one queue
        var plan = RoutingPlan.Compute(RoutingSpec.Default, AppliedQueues(), [new Workflow(Ww, "IVR routing", other, 120, null)]);

        var change = Assert.Single(plan.Steps.Single(s => s.Kind == "Workflow").Changes);
        Assert.Equal("Configuration", change.Field);
        Assert.Equal(other, change.Current);
    }

    [Fact]
    public void ResourcesNotManagedHere_AreListed_AndNeverInTheSteps()
    {
        var queues = AppliedQueues();
        queues.Add(Queue(Sids.Make("WQ", 9), "Everyone", "1==1"));
        var plan = RoutingPlan.Compute(RoutingSpec.Default, queues, [new Workflow(Sids.Make("WW", 9), "Assign to Anyone", "{}", 120, null)]);

        Assert.Equal([$"Queue \"Everyone\" ({Sids.Make("WQ", 9)})", $"Workflow \"Assign to Anyone\" ({Sids.Make("WW", 9)})"], plan.Unmanaged);
        Assert.DoesNotContain(plan.Steps, s => s.Name is "Everyone" or "Assign to Anyone");
    }
}
