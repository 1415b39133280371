using System.Text.Json;
using TwilioConsole.Core.Routing;
using TwilioConsole.Tests.Fakes;

namespace TwilioConsole.Tests.Unit.Routing;

[Trait("Lane", "Unit")]
public sealed class WorkflowConfigBuilderTests
{
    [Fact]
    public void DefaultWorkflow_MatchesTheGoldenAsset() =>
        Golden.AssertJsonMatches("assets/taskrouter/workflow.json", WorkflowConfigBuilder.Build(RoutingSpec.Default, WorkflowConfigBuilder.Placeholder));

    [Fact]
    public void DefaultQueues_MatchTheGoldenAsset() =>
        Golden.AssertJsonMatches("assets/taskrouter/queues.json", JsonSerializer.Serialize(RoutingSpec.Default.Queues.Select(q => new
        {
            friendly_name = q.FriendlyName, target_workers = q.TargetWorkers, task_order = q.TaskOrder, max_reserved_workers = q.MaxReservedWorkers,
        })));

    [Theory]
    [InlineData("""{"type":"troubleshooting"}""", "WQ1")]
    [InlineData("""{"type":"support"}""", "WQ2")]
    [InlineData("""{"type":"billing"}""", "default")]
    public void DefaultWorkflow_RoutesTheIvrOptions(string attributes, string expectedQueue)
    {
        var sids = new Dictionary<string, string> { ["Troubleshooting"] = "WQ1", ["Support"] = "WQ2" };
        using var config = JsonDocument.Parse(WorkflowConfigBuilder.Build(RoutingSpec.Default, name => sids[name]));
        var routing = config.RootElement.GetProperty("task_routing");

        var matched = routing.GetProperty("filters").EnumerateArray()
            .FirstOrDefault(f => TaskRouterExpression.Parse(f.GetProperty("expression").GetString()!).Evaluate(attributes));

        Assert.Equal(expectedQueue, matched.ValueKind == JsonValueKind.Undefined ? "default" : matched.GetProperty("targets")[0].GetProperty("queue").GetString());
        Assert.Equal("WQ2", routing.GetProperty("default_filter").GetProperty("queue").GetString());
    }

    [Fact]
    public void Default_IsValid() => Assert.Empty(RoutingSpec.Default.Validate());

    [Fact]
    public void Validate_NamesEachProblem()
    {
        var spec = RoutingSpec.Default with
        {
            Queues = [new("Support", "routing.skills HAS"), new("Support", "1==1", "RANDOM", 0)],
            Filters = [new("Sales", "type ==", "Sales")],
            DefaultQueue = "Nowhere",
        };

        var errors = string.Join("\n", spec.Validate());

        Assert.Contains("Queue 'Support' target workers: Expected a value", errors, StringComparison.Ordinal);
        Assert.Contains("task order is FIFO or LIFO", errors, StringComparison.Ordinal);
        Assert.Contains("max reserved workers is 1 to 50", errors, StringComparison.Ordinal);
        Assert.Contains("Two queues are named 'Support'", errors, StringComparison.Ordinal);
        Assert.Contains("Filter 'Sales' expression", errors, StringComparison.Ordinal);
        Assert.Contains("'Sales', which is not one of the queues", errors, StringComparison.Ordinal);
        Assert.Contains("default queue 'Nowhere'", errors, StringComparison.Ordinal);
    }
}
