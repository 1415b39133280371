using TwilioConsole.Core.Routing;
using TwilioConsole.Core.Twilio;

namespace TwilioConsole.Tests.Unit.Routing;

[Trait("Lane", "Unit")]
public sealed class RoutingTesterTests
{
    private static readonly Worker[] Workers =
    [
        new("WK1", "Alex", "WA1", "Available", """{"routing":{"skills":["troubleshooting"]}}""", true),
        new("WK2", "Sam", "WA2", "Offline", """{"routing":{"skills":["support"]}}""", false),
        new("WK3", "Jo", "WA1", "Available", """{"routing":{"skills":["support","troubleshooting"]}}""", true),
        new("WK4", "Broken", "WA1", "Available", "not json", true),
    ];

    [Theory]
    [InlineData("""{"type":"troubleshooting"}""", "Troubleshooting", "Troubleshooting", "Alex,Jo")]
    [InlineData("""{"type":"support","name":"Ann"}""", "Support", "Support", "Jo,Sam")]
    [InlineData("""{"type":"billing"}""", null, "Support", "Jo,Sam")]
    [InlineData("{}", null, "Support", "Jo,Sam")]
    public void RoutesLikeTheWorkflow_AndListsQualifyingWorkers_AvailableFirst(string attributes, string? filter, string queue, string workers)
    {
        var result = RoutingTester.Test(RoutingSpec.Default, attributes, Workers);

        Assert.Null(result.Error);
        Assert.Equal(filter, result.Decision!.Filter?.Name);
        Assert.Equal(queue, result.Decision.Queue);
        Assert.Equal(workers.Split(','), result.Workers.Select(w => w.FriendlyName));
    }

    [Theory]
    [InlineData("{type: support}", "not valid JSON")]
    [InlineData("[1]", "must be a JSON object")]
    public void BadAttributes_SayWhatToFix(string attributes, string expected) =>
        Assert.Contains(expected, RoutingTester.Test(RoutingSpec.Default, attributes, Workers).Error, StringComparison.Ordinal);

    [Fact]
    public void EveryIvrSample_Routes() =>
        Assert.All(RoutingTester.Samples, s => Assert.Null(RoutingTester.Test(RoutingSpec.Default, s.Attributes, Workers).Error));

    [Fact]
    public void Evaluator_CachesCompiledExpressions() =>
        Assert.Same(WorkflowEvaluator.Compiled("type == \"x\""), WorkflowEvaluator.Compiled("type == \"x\""));
}
